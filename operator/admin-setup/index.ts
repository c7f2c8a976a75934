export {
  type AdminSetupIssuer,
  type AdminSetupNotice,
  adminSetupIssuer,
  outboxFile,
  REQUESTED_BY_ANNOTATION,
} from "./admin-setup.ts";
