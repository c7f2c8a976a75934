/** How a profile's allowedRegions patterns match: `*` matches every region, `eu-*` every region starting with `eu-`, anything else itself. */
export function regionMatches(region: string, pattern: string): boolean {
  return pattern.endsWith("*") ? region.startsWith(pattern.slice(0, -1)) : region === pattern;
}
