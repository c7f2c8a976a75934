// A zip container (DOCX, XLSX, …) is checked before any parser sees it, because parsers inflate
// whole entries into memory: a 200 KB file can declare or hide gigabytes. First the central
// directory's declared sizes (entry count, each entry, the total, the compression ratio), then
// every entry is actually inflated as a stream with a byte cap (fflate), so a directory that lies
// about sizes, or entries that overlap, are caught before the parser inflates them for real.
import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { ExtractionLimitError, UnreadableDocumentError } from "./errors.ts";

export interface ZipLimits {
  /** Entries in the archive. @default 5_000 */
  maxEntries: number;
  /** Bytes one entry may expand to. @default 64 MiB */
  maxEntryBytes: number;
  /** Bytes all entries may expand to together. @default 128 MiB */
  maxTotalBytes: number;
  /** Expanded ÷ compressed size of an entry over 1 MiB (ordinary Office XML stays far below). @default 100 */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
  maxRatio: 100,
};

/** Entries smaller than this are not ratio-checked: tiny XML parts compress extremely well. */
const RATIO_FLOOR = 1024 * 1024;

/** Throws ExtractionLimitError naming the limit, or UnreadableDocumentError for a broken zip. */
export function checkZip(
  bytes: Uint8Array,
  contentType: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): void {
  const over = (limit: string, detail: string) => new ExtractionLimitError(contentType, limit, detail);
  const declared = new Map<string, number>();
  let declaredTotal = 0;
  let problem: ExtractionLimitError | undefined;
  try {
    // With a filter that takes nothing, fflate reads the central directory only.
    unzipSync(bytes, {
      filter(info) {
        if (problem) return false;
        if (declared.size >= limits.maxEntries) {
          problem = over("maxEntries", `the archive has more than ${limits.maxEntries} entries`);
          return false;
        }
        if (declared.has(info.name)) {
          problem = over("entries", `the archive names entry ${info.name} twice`);
          return false;
        }
        declared.set(info.name, info.originalSize);
        declaredTotal += info.originalSize;
        if (info.originalSize > limits.maxEntryBytes) {
          problem = over(
            "maxEntryBytes",
            `entry ${info.name} expands to ${info.originalSize} bytes; at most ${limits.maxEntryBytes} allowed per entry`,
          );
        } else if (declaredTotal > limits.maxTotalBytes) {
          problem = over(
            "maxTotalBytes",
            `the archive expands to more than ${limits.maxTotalBytes} bytes; at most ${limits.maxTotalBytes} allowed`,
          );
        } else if (
          info.originalSize > RATIO_FLOOR &&
          info.originalSize > limits.maxRatio * Math.max(info.size, 1)
        ) {
          problem = over(
            "maxRatio",
            `entry ${info.name} expands ${Math.round(info.originalSize / Math.max(info.size, 1))}-fold (${info.size} → ${info.originalSize} bytes); at most ${limits.maxRatio}-fold allowed`,
          );
        }
        return false;
      },
    });
  } catch (err) {
    throw new UnreadableDocumentError(contentType, new Error(`not a valid zip archive (${errorText(err)})`));
  }
  if (problem) throw problem;
  inflateWithCaps(bytes, declared, limits, over, contentType);
}

function inflateWithCaps(
  bytes: Uint8Array,
  declared: ReadonlyMap<string, number>,
  limits: ZipLimits,
  over: (limit: string, detail: string) => ExtractionLimitError,
  contentType: string,
): void {
  let total = 0;
  let problem: Error | undefined;
  const seen = new Set<string>();
  const unzip = new Unzip((file) => {
    if (problem) return;
    const expected = declared.get(file.name);
    if (expected === undefined || seen.has(file.name)) {
      // Entries the directory does not list (or lists once but stored twice) are how overlapping
      // bombs hide: the parser follows the directory, the stream sees the data.
      problem = over("entries", `entry ${file.name} is not the archive directory's`);
      return;
    }
    seen.add(file.name);
    let actual = 0;
    file.ondata = (err, chunk) => {
      if (problem) return;
      if (err) {
        problem = new UnreadableDocumentError(contentType, new Error(`entry ${file.name}: ${err.message}`));
        file.terminate();
        return;
      }
      actual += chunk.length;
      total += chunk.length;
      if (actual > expected) {
        problem = over(
          "declaredSize",
          `entry ${file.name} expands beyond the ${expected} bytes the archive declares`,
        );
      } else if (total > limits.maxTotalBytes) {
        problem = over(
          "maxTotalBytes",
          `the archive expands to more than ${limits.maxTotalBytes} bytes; at most ${limits.maxTotalBytes} allowed`,
        );
      }
      if (problem) file.terminate();
    };
    try {
      file.start();
    } catch (err) {
      problem = new UnreadableDocumentError(contentType, new Error(`entry ${file.name}: ${errorText(err)}`));
    }
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (err) {
    problem ??= new UnreadableDocumentError(
      contentType,
      new Error(`not a valid zip archive (${errorText(err)})`),
    );
  }
  if (problem) throw problem;
  if (seen.size !== declared.size) {
    throw over("entries", `the archive directory lists ${declared.size} entries; ${seen.size} are stored`);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
