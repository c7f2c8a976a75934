import { readFileSync } from "node:fs";

/** How many migrations the journal lists, so tests need no edit when one is added. */
export function migrationCount(): number {
  const journal = readFileSync(new URL("../migrations/meta/_journal.json", import.meta.url), "utf8");
  return (JSON.parse(journal) as { entries: unknown[] }).entries.length;
}
