// Reading resource properties the way the engine hands them over: nested objects and lists of
// plain JSON, any of which may be absent. Accessors never throw on a missing level.
export type Props = Readonly<Record<string, unknown>>;

const isRecord = (v: unknown): v is Props => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at a dotted path (`settings.backupConfiguration.enabled`); lists are indexed by number. */
export function at(props: Props, path: string): unknown {
  let v: unknown = props;
  for (const seg of path.split(".")) {
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (isRecord(v)) v = v[seg];
    else return undefined;
  }
  return v;
}

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: unknown): number | undefined =>
  typeof v === "number"
    ? v
    : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))
      ? Number(v)
      : undefined;
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const record = (v: unknown): Props => (isRecord(v) ? v : {});

/** `name (type): message`, the shape of every violation. */
export function violation(resource: { name: string; type: string }, message: string): string {
  return `${resource.name} (${resource.type}): ${message}`;
}

/** Checks per resource type; each returns the problems of one resource (no name prefix). */
export type TypeChecks<C> = Readonly<Record<string, (props: Props, ctx: C) => string[]>>;

/** Runs the check registered for the resource's type, prefixing each problem with the resource. */
export function runChecks<C>(
  checks: TypeChecks<C>,
  resource: { name: string; type: string; props: Props },
  ctx: C,
): string[] {
  const check = checks[resource.type];
  return check ? check(resource.props, ctx).map((m) => violation(resource, m)) : [];
}

/** Whether `target` is what `from.props[field]` points at: by id, or by the engine's dependencies. */
export function refersTo(
  from: { props: Props; dependencies?: Readonly<Record<string, readonly string[]>> },
  field: string,
  target: { name: string; id?: string },
): boolean {
  if (target.id !== undefined && at(from.props, field) === target.id) return true;
  return (from.dependencies?.[field] ?? []).includes(target.name);
}
