// Quoting for DDL, where PostgreSQL takes no bind parameters (ALTER ROLE … PASSWORD, GRANT).

/** Lowercase identifiers only: no quoting surprises, within NAMEDATALEN (63). */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdent(name: string): string {
  if (!SQL_IDENTIFIER.test(name))
    throw new Error(`SQL identifier ${JSON.stringify(name)} must match ${SQL_IDENTIFIER.source}`);
  return `"${name}"`;
}

/** `'value'`; backslashes and NUL are refused rather than escaped. */
export function quoteLiteral(value: string): string {
  if (/[\\\0]/.test(value)) throw new Error("SQL literal must not contain backslashes or NUL characters");
  return `'${value.replaceAll("'", "''")}'`;
}
