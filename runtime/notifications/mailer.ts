// The SMTP transport, from configuration (SMTP_*): implicit TLS or STARTTLS, required when asked,
// and authentication when credentials are set. nodemailer speaks SMTP; this only maps settings.
import nodemailer from "nodemailer";
import type { Config } from "../app/index.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Lets the receiver recognise a resent message as the same one. */
  messageId: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

export type SmtpConfig = Pick<
  Config,
  | "SMTP_HOST"
  | "SMTP_PORT"
  | "SMTP_SECURE"
  | "SMTP_REQUIRE_TLS"
  | "SMTP_TLS_REJECT_UNAUTHORIZED"
  | "SMTP_USER"
  | "SMTP_PASSWORD"
  | "SMTP_FROM"
>;

/** A mailer for the configured server, or undefined without SMTP_HOST (in-app notifications only). */
export function smtpMailer(c: SmtpConfig, opts: { timeoutMs?: number } = {}): Mailer | undefined {
  if (!c.SMTP_HOST) return undefined;
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    host: c.SMTP_HOST,
    port: c.SMTP_PORT,
    secure: c.SMTP_SECURE,
    requireTLS: c.SMTP_REQUIRE_TLS,
    tls: { rejectUnauthorized: c.SMTP_TLS_REJECT_UNAUTHORIZED },
    ...(c.SMTP_USER && c.SMTP_PASSWORD ? { auth: { user: c.SMTP_USER, pass: c.SMTP_PASSWORD } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: c.SMTP_FROM, ...mail });
    },
    close() {
      transport.close();
    },
  };
}
