// Test support: files the local scanner's database (scripts/clamav) flags. The EICAR string is
// assembled at run time so this source file is not itself a detection on a developer's machine.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/env/index.ts";

/** The 68-byte EICAR anti-virus test file. */
export const EICAR = Buffer.from(
  ["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-", "TEST-FILE!$H+H*"].join(""),
  "latin1",
);
/** Matches the body signature Wspec.Test.Marker anywhere in a file (scripts/clamav/signatures.ndb). */
export const MALWARE_MARKER = ["WSPEC-TEST-MALWARE", "MARKER-3f9c1e"].join("-");
/** A harmless file whose MD5 is the signature Wspec.Test.HashedSample. */
export const HASHED_SAMPLE = readFileSync(join(repoRoot, "scripts/clamav/hashed-sample.txt"));
/** How clamd names a detection by a database that is not its official one. */
export const unofficial = (name: string) => `${name}.UNOFFICIAL`;
