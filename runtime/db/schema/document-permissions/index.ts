export { DOCUMENT_PERMISSIONS } from "./constants.ts";
export {
  type DocumentPermission,
  documentPermissions,
  type NewDocumentPermission,
} from "./document-permission.ts";
