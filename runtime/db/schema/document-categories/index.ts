export { type DocumentCategory, documentCategories, type NewDocumentCategory } from "./document-category.ts";
