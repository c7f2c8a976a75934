// What each notification says, in-app and by e-mail. One template per event type that exists
// today; approvals and data-subject requests add theirs here with their types. Values come from
// the runtime (ids, names, counts), never from a document's content.
export const NOTIFICATION_TYPES = [
  "compliance.failed",
  "document.shared",
  "document.quarantined",
  "retention.disposed",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Rendered {
  title: string;
  body: string;
}

const str = (v: unknown, fallback = "") => (typeof v === "string" && v.length > 0 ? v : fallback);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Names (document, framework) are cut so a long one cannot fill a subject line. */
const short = (s: string, max = 120) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export const TEMPLATES: { readonly [T in NotificationType]: (data: Record<string, unknown>) => Rendered } = {
  "compliance.failed": (d) => {
    const name = short(str(d.document_name, str(d.document_id)));
    const frameworks = Array.isArray(d.frameworks) ? d.frameworks.map(String).join(", ") : "";
    return {
      title: `Compliance check failed: ${name}`,
      body: [
        `Version ${num(d.version)} of "${name}" failed its compliance check${frameworks ? ` (${frameworks})` : ""}.`,
        `Review the findings: GET /api/v2/compliance/checks?document_id=${str(d.document_id)}`,
      ].join("\n"),
    };
  },
  "document.shared": (d) => {
    const name = short(str(d.document_name, str(d.document_id)));
    const until = str(d.expires_at);
    return {
      title: `A document was shared with you: ${name}`,
      body: [
        `"${name}" was shared with you (${str(d.permission, "read")}${until ? `, until ${until}` : ""}).`,
        `Open it: GET /api/v2/documents/${str(d.document_id)}`,
      ].join("\n"),
    };
  },
  "document.quarantined": (d) => {
    const name = short(str(d.document_name, str(d.document_id)));
    return {
      title: `Upload quarantined: ${name}`,
      body: [
        `The virus scanner found ${short(str(d.signature, "malware"))} in "${name}".`,
        "Its bytes were destroyed; nothing of it is served. The event is in the audit log.",
      ].join("\n"),
    };
  },
  "retention.disposed": (d) => {
    const count = num(d.count);
    const names = Array.isArray(d.documents) ? d.documents.map((n) => short(String(n), 80)) : [];
    return {
      title: `Retention: ${count} document${count === 1 ? "" : "s"} disposed of`,
      body: [
        `The retention run ${str(d.run_id)} destroyed ${count} document${count === 1 ? "" : "s"} whose retention ended:`,
        ...names.slice(0, 20).map((n) => `- ${n}`),
        ...(names.length > 20 ? [`- and ${names.length - 20} more`] : []),
        "Each disposal's certificate is in the audit log (action retention.dispose).",
      ].join("\n"),
    };
  },
};

export function render(type: NotificationType, data: Record<string, unknown>): Rendered {
  return TEMPLATES[type](data);
}

/** The daily digest of one user's notifications. */
export function renderDigest(items: readonly Rendered[]): Rendered {
  return {
    title: `wspec: ${items.length} notification${items.length === 1 ? "" : "s"} since your last digest`,
    body: items.map((i) => `* ${i.title}\n  ${i.body.replaceAll("\n", "\n  ")}`).join("\n\n"),
  };
}
