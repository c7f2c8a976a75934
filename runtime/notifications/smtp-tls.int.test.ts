// The SMTP settings' TLS and authentication against a real server: a Mailpit of this test's own that
// requires STARTTLS and authentication, with a self-signed certificate. Certificate checking is on by
// default (the self-signed server is refused), and with it turned off the mail is sent over TLS,
// authenticated, and read back through Mailpit's API.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureMailpit, repoRoot } from "../../scripts/env/index.ts";
import { smtpMailer } from "./index.ts";
import { mailsTo } from "./testing.ts";

let child: ChildProcess | undefined;
let smtpPort = 0;
let api = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (a && typeof a === "object" ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

beforeAll(async () => {
  await ensureMailpit();
  const bin = execFileSync(
    "bash",
    ["-c", `. "${join(repoRoot, "scripts/toolchain.sh")}"; tool_bin mailpit`],
    {
      encoding: "utf8",
    },
  ).trim();
  const dir = await mkdtemp(join(tmpdir(), "wspec-smtp-tls-"));
  execFileSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-keyout",
    join(dir, "key.pem"),
    "-out",
    join(dir, "cert.pem"),
  ]);
  smtpPort = await freePort();
  const httpPort = await freePort();
  api = `http://127.0.0.1:${httpPort}`;
  child = spawn(
    bin,
    [
      "--listen",
      `127.0.0.1:${httpPort}`,
      "--smtp",
      `127.0.0.1:${smtpPort}`,
      "--database",
      join(dir, "mailpit.db"),
      "--smtp-tls-cert",
      join(dir, "cert.pem"),
      "--smtp-tls-key",
      join(dir, "key.pem"),
      "--smtp-require-starttls",
      "--smtp-auth-accept-any",
      "--disable-version-check",
      "--quiet",
    ],
    { stdio: "ignore" },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${api}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null) throw new Error(`mailpit exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the TLS Mailpit did not become ready");
    await new Promise((r) => setTimeout(r, 100));
  }
}, 600_000);

afterAll(() => {
  child?.kill("SIGTERM");
});

const settings = (rejectUnauthorized: boolean) => ({
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: smtpPort,
  SMTP_SECURE: false,
  SMTP_REQUIRE_TLS: true,
  SMTP_TLS_REJECT_UNAUTHORIZED: rejectUnauthorized,
  SMTP_USER: "wspec-notifications",
  SMTP_PASSWORD: "a password sent only inside TLS",
  SMTP_FROM: "wspec@tls.test",
});

describe("SMTP with STARTTLS and authentication", () => {
  it("refuses a server whose certificate it cannot verify, by default", async () => {
    const mailer = smtpMailer(settings(true), { timeoutMs: 5000 });
    try {
      await expect(
        mailer?.send({
          to: "refused@tls.test",
          subject: "never",
          text: "never",
          messageId: "<never@tls.test>",
        }),
      ).rejects.toThrow(/certificate/i);
    } finally {
      mailer?.close();
    }
    expect(await mailsTo(api, "refused@tls.test")).toEqual([]);
  });

  it("sends over TLS, authenticated, when certificate checking is turned off", async () => {
    const mailer = smtpMailer(settings(false), { timeoutMs: 5000 });
    try {
      await mailer?.send({
        to: "accepted@tls.test",
        subject: "over TLS",
        text: "sent after STARTTLS and AUTH",
        messageId: "<accepted@tls.test>",
      });
    } finally {
      mailer?.close();
    }
    const [mail] = await mailsTo(api, "accepted@tls.test");
    expect(mail?.Subject).toBe("over TLS");
  });
});
