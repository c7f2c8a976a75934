// What a local tenant's stack outputs, and a reader for the Automation API's output map that
// checks the shape and that credentials arrived as a secret (so a caller can copy everything else
// into a status without leaking one).
import { z } from "zod";
import { TIERS } from "./naming.ts";

export const LocalTenantOutputsSchema = z.object({
  tenantId: z.string(),
  tier: z.enum(TIERS),
  database: z.object({
    host: z.string(),
    port: z.number().int(),
    name: z.string(),
    schema: z.string(),
    user: z.string(),
  }),
  storage: z.object({ path: z.string() }),
  redis: z.object({ host: z.string(), port: z.number().int(), user: z.string(), keyPrefix: z.string() }),
  namespace: z.string(),
  connectionSecret: z.object({ name: z.string(), namespace: z.string() }),
  /** The only secret output: passwords and URLs that embed them. */
  credentials: z.object({
    databaseUrl: z.string(),
    databasePassword: z.string(),
    redisUrl: z.string(),
    redisPassword: z.string(),
  }),
});
export type LocalTenantOutputs = z.infer<typeof LocalTenantOutputsSchema>;
export type DatabaseInfo = LocalTenantOutputs["database"];
export type StorageInfo = LocalTenantOutputs["storage"];
export type RedisInfo = LocalTenantOutputs["redis"];
export type SecretRef = LocalTenantOutputs["connectionSecret"];
export type Credentials = LocalTenantOutputs["credentials"];

/** The stack outputs that hold no secret (safe for a status). */
export type LocalTenantPublicOutputs = Omit<LocalTenantOutputs, "credentials">;

/** The shape of `stack.up().outputs` / `stack.outputs()` (automation OutputMap). */
export type StackOutputMap = Readonly<Record<string, { value: unknown; secret: boolean } | undefined>>;

/** Reads a local tenant's stack outputs; `err` names what is missing, wrong, or not secret. */
export function readLocalTenantOutputs(
  outputs: StackOutputMap,
): { val: LocalTenantOutputs; err?: undefined } | { val?: undefined; err: string } {
  const plain = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v?.value]));
  const parsed = LocalTenantOutputsSchema.safeParse(plain);
  if (!parsed.success) {
    return { err: parsed.error.issues.map((i) => `outputs.${i.path.join(".")}: ${i.message}`).join("; ") };
  }
  const leaked = Object.entries(outputs)
    .filter(([k, v]) => (k === "credentials") !== (v?.secret ?? false))
    .map(([k]) => k);
  if (leaked.length > 0) {
    return { err: `outputs ${leaked.join(", ")}: only credentials may be (and must be) secret` };
  }
  return { val: parsed.data };
}
