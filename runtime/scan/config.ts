// The scanner's configuration from the environment. CLAMD_ADDRESS unset means uploads are not
// scanned (the runtime says so at start); set, every upload is scanned before it is stored.
import { z } from "zod";
import { ClamdClient, parseClamdAddress } from "./clamd-client.ts";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const ScanEnvSchema = z.object({
  /** `tcp://127.0.0.1:3310` or `unix:///run/clamav/clamd.ctl`; unset: no scanning. */
  CLAMD_ADDRESS: z
    .string()
    .superRefine((v, ctx) => {
      const { err } = parseClamdAddress(v);
      if (err !== undefined) ctx.addIssue({ code: "custom", message: err });
    })
    .optional(),
  /**
   * clamd's StreamMaxLength in bytes: a longer upload is refused (413) before a byte is sent, and
   * never raced against clamd's reset. Unset: clamd's own answer decides.
   */
  CLAMD_STREAM_MAX_BYTES: int(1, 2 ** 40).optional(),
  CLAMD_CONNECT_TIMEOUT_MS: int(100, 60_000).default(2_000),
  /** No byte moving for this long: the scanner counts as unavailable. */
  CLAMD_TIMEOUT_MS: int(1_000, 600_000).default(30_000),
  /** Seconds between the worker's passes over documents waiting for a scan; 0 turns them off. */
  SCAN_RETRY_INTERVAL_SECONDS: int(0, 3_600).default(15),
});
export type ScanEnv = z.infer<typeof ScanEnvSchema>;

export interface ScanSettings {
  /** undefined: scanning is off. */
  client: ClamdClient | undefined;
  retryIntervalMs: number;
}

/** The settings, or every bad variable named with what is allowed. */
export function scanSettingsFromEnv(
  env: Record<string, string | undefined>,
): { val: ScanSettings; err?: undefined } | { val?: undefined; err: string } {
  const parsed = ScanEnvSchema.safeParse(env);
  if (!parsed.success) {
    return { err: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  }
  const e = parsed.data;
  const address = e.CLAMD_ADDRESS ? parseClamdAddress(e.CLAMD_ADDRESS).val : undefined;
  return {
    val: {
      client: address
        ? new ClamdClient({
            address,
            connectTimeoutMs: e.CLAMD_CONNECT_TIMEOUT_MS,
            idleTimeoutMs: e.CLAMD_TIMEOUT_MS,
            ...(e.CLAMD_STREAM_MAX_BYTES ? { streamMaxBytes: e.CLAMD_STREAM_MAX_BYTES } : {}),
          })
        : undefined,
      retryIntervalMs: e.SCAN_RETRY_INTERVAL_SECONDS * 1000,
    },
  };
}
