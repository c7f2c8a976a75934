export { type ApiKey, apiKeys, type NewApiKey } from "./api-key.ts";
