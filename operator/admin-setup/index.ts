export { type AdminSetupIssuer, type AdminSetupNotice, adminSetupIssuer } from "./admin-setup.ts";
