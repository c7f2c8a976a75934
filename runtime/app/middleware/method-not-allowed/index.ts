export {
  type MethodNotAllowedOptions,
  methodNotAllowed,
  pathPattern,
  type RouteEntry,
} from "./method-not-allowed.ts";
