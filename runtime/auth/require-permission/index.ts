// The principal's slot in Hono's ContextVariableMap is declared by runtime/app (context.ts);
// this middleware reads it as unknown and validates it, so it works with either declaration.
export { guardedBy, PERMISSION_EXTENSION, readPrincipal, requirePermission } from "./require-permission.ts";
