export { type FreshDatabase, freshDatabase, withDatabase } from "./fresh-database.ts";
