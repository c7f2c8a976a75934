// The sales-ops console: no build step, plain DOM. Talks to the control-plane API on the same origin
// with the session cookie; the list updates live from server-sent events.
const $ = (id) => document.getElementById(id);
const show = (...ids) => {
  for (const s of ["signin", "create", "list", "detail"]) $(s).hidden = !ids.includes(s);
};
const tenants = new Map();
let current = null;

async function api(path, init = {}) {
  const res = await fetch(path, {
    ...init,
    headers: { "Content-Type": "application/json", ...(init.headers || {}) },
    credentials: "same-origin",
  });
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  return { status: res.status, body };
}

function clearErrors(form) {
  for (const el of form.querySelectorAll(".error")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

function showErrors(error) {
  const details = error?.details?.length
    ? error.details
    : [{ field: "request", message: error?.message ?? "request failed" }];
  let first = null;
  for (const d of details) {
    const out = $(`${d.field}-error`) ?? $("request-error");
    out.textContent = out.textContent ? `${out.textContent} ${d.message}` : d.message;
    const input = $(d.field);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      first ??= input;
    }
  }
  (first ?? $("request-error")).focus?.();
}

function option(select, values) {
  select.replaceChildren(
    ...values.map((v) => Object.assign(document.createElement("option"), { value: v, textContent: v })),
  );
}

function render() {
  const rows = [...tenants.values()].sort((a, b) => a.name.localeCompare(b.name));
  $("tenants").replaceChildren(
    ...rows.map((t) => {
      const tr = document.createElement("tr");
      tr.dataset.tenant = `${t.namespace}/${t.name}`;
      const cell = (text, cls) =>
        Object.assign(document.createElement("td"), { textContent: text, className: cls ?? "" });
      const name = cell("");
      name.append(
        Object.assign(document.createElement("strong"), { textContent: t.company || t.name }),
        document.createElement("br"),
        Object.assign(document.createElement("span"), {
          textContent: `${t.namespace}/${t.name}`,
          className: "message",
        }),
      );
      const phase = cell("");
      phase.append(
        Object.assign(document.createElement("span"), {
          textContent: t.deleting ? "Deleting" : t.phase,
          className: `phase phase-${t.phase}`,
        }),
      );
      if (t.message && t.phase !== "Ready")
        phase.append(
          document.createElement("br"),
          Object.assign(document.createElement("span"), { textContent: t.message, className: "message" }),
        );
      const open = Object.assign(document.createElement("button"), { type: "button", textContent: "Open" });
      open.setAttribute("aria-label", `Open ${t.company || t.name}`);
      open.addEventListener("click", () => openDetail(`${t.namespace}/${t.name}`));
      const act = cell("");
      act.append(open);
      tr.append(name, cell(t.plan), cell(t.cloud + (t.region ? ` ${t.region}` : "")), phase, act);
      return tr;
    }),
  );
  if (current) renderDetail();
}

function renderDetail() {
  const t = tenants.get(current);
  if (!t) return;
  $("detail-title").textContent = `${t.company} (${t.namespace}/${t.name})`;
  const fields = {
    Phase: t.deleting ? "Deleting" : t.phase,
    Plan: t.plan,
    Cloud: t.cloud,
    Region: t.region ?? "—",
    Profile: t.complianceProfile,
    ...t.outputs,
  };
  $("detail-fields").replaceChildren(
    ...Object.entries(fields).flatMap(([k, v]) => [
      Object.assign(document.createElement("dt"), { textContent: k }),
      Object.assign(document.createElement("dd"), { textContent: String(v) }),
    ]),
  );
  $("detail-conditions").replaceChildren(
    ...t.conditions.map((c) =>
      Object.assign(document.createElement("li"), {
        textContent: `${c.type}=${c.status} (${c.reason}): ${c.message}`,
      }),
    ),
  );
  renderSetup(t).catch(() => {}); // retried on the next render: the key stays unset
}

// The admins' one-time setup tokens: the API hands them out once, after the tenant is Ready, so
// the page asks once per tenant and keeps what it got until it is reloaded.
const setups = new Map();
async function renderSetup(t) {
  const key = `${t.namespace}/${t.name}`;
  if (t.phase === "Ready" && !setups.has(key)) {
    setups.set(key, []);
    try {
      const { status, body } = await api(`/api/tenants/${key}`);
      if (status === 200 && body.data.adminSetup) setups.set(key, body.data.adminSetup);
    } catch (err) {
      setups.delete(key);
      throw err;
    }
  }
  if (current !== key) return;
  const notices = setups.get(key) ?? [];
  $("detail-setup").hidden = notices.length === 0;
  $("detail-setup-list").replaceChildren(
    ...notices.map((n) => {
      const li = document.createElement("li");
      li.append(
        `${n.email} (expires ${n.expiresAt}): `,
        Object.assign(document.createElement("code"), { textContent: n.token }),
        n.setupUrl ? ` at ${n.setupUrl}` : "",
      );
      return li;
    }),
  );
}

function openDetail(key) {
  current = key;
  renderDetail();
  show("detail");
  $("detail-title").setAttribute("tabindex", "-1");
  $("detail-title").focus();
}

function listen() {
  const es = new EventSource("/api/tenants/stream");
  es.addEventListener("snapshot", (e) => {
    tenants.clear();
    for (const t of JSON.parse(e.data)) tenants.set(`${t.namespace}/${t.name}`, t);
    render();
  });
  es.addEventListener("tenant", (e) => {
    const { event, tenant } = JSON.parse(e.data);
    const key = `${tenant.namespace}/${tenant.name}`;
    if (event === "delete") tenants.delete(key);
    else tenants.set(key, tenant);
    render();
  });
}

async function start() {
  const opts = await api("/api/options");
  if (opts.status === 401) {
    show("signin");
    $("token").focus();
    return;
  }
  option($("plan"), opts.body.data.plans);
  option($("cloud"), opts.body.data.clouds);
  option($("complianceProfile"), opts.body.data.complianceProfiles);
  $("cloud").value = "local";
  $("plan").value = "starter";
  $("who").textContent = `Tenants are created in namespace ${opts.body.data.namespace}.`;
  show("create", "list");
  listen();
}

$("signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  clearErrors(e.target);
  const r = await api("/api/session", { method: "POST", body: JSON.stringify({ token: $("token").value }) });
  if (r.status === 204) return start();
  $("token-error").textContent = r.body?.error?.message ?? "sign-in failed";
  $("token").setAttribute("aria-invalid", "true");
});

$("tenant-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  clearErrors(form);
  const data = Object.fromEntries(new FormData(form));
  if (!data.region) delete data.region;
  const r = await api("/api/tenants", { method: "POST", body: JSON.stringify(data) });
  if (r.status === 201) {
    const t = r.body.data;
    tenants.set(`${t.namespace}/${t.name}`, t);
    render();
    form.reset();
    $("cloud").value = "local";
    $("request-error").textContent = "";
    return;
  }
  showErrors(r.body?.error);
});

$("delete-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  clearErrors(e.target);
  const [ns, name] = current.split("/");
  const r = await api(`/api/tenants/${ns}/${name}?confirm=${encodeURIComponent($("confirm").value)}`, {
    method: "DELETE",
  });
  if (r.status === 202) {
    $("confirm").value = "";
    current = null;
    show("create", "list");
    return;
  }
  $("confirm-error").textContent = r.body?.error?.message ?? "delete failed";
  $("confirm").setAttribute("aria-invalid", "true");
});

$("back").addEventListener("click", (e) => {
  e.preventDefault();
  current = null;
  show("create", "list");
});

start();
