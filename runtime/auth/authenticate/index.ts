export { type AuthenticateOptions, authenticate } from "./authenticate.ts";
