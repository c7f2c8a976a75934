// SQL quoting for DDL, where PostgreSQL takes no bind parameters (CREATE ROLE, GRANT, ...).
// Identifiers are validated against a strict shape first and quoted anyway, so no input reaches
// SQL unchecked. This module imports nothing: the dynamic providers capture these functions and
// Pulumi serializes them into the provider's code.

/** Lowercase identifiers only: no quoting surprises, no case folding, within NAMEDATALEN (63). */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** `"name"` for a name matching SQL_IDENTIFIER; anything else throws. */
export function quoteIdent(name: string): string {
  if (typeof name !== "string" || !SQL_IDENTIFIER.test(name)) {
    throw new Error(`SQL identifier ${JSON.stringify(name)} must match ${SQL_IDENTIFIER.source}`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `'value'` with quotes doubled. Backslashes and NUL are refused rather than escaped, so the result
 * means the same whatever standard_conforming_strings says.
 */
export function quoteLiteral(value: string): string {
  if (typeof value !== "string" || /[\\\0]/.test(value)) {
    throw new Error("SQL literal must be a string without backslashes or NUL characters");
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** The same server and credentials as `adminUrl`, on another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}
