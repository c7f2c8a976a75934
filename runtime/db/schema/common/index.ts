export { createdAt, id, updatedAt } from "./columns.ts";
