// Test support: reading what Mailpit received, and an SMTP endpoint that fails on demand (a TCP
// proxy in front of Mailpit that, while failing, greets every client with "421 service not
// available" and hangs up, as an overloaded or broken relay does).
import { createServer, type Server, Socket } from "node:net";

export interface MailpitMessage {
  ID: string;
  Subject: string;
  To: { Address: string }[];
  MessageID: string;
}

/** Messages Mailpit holds for this address (newest first). */
export async function mailsTo(api: string, address: string): Promise<MailpitMessage[]> {
  const res = await fetch(`${api}/api/v1/search?limit=500&query=${encodeURIComponent(`to:"${address}"`)}`);
  if (!res.ok) throw new Error(`Mailpit search: HTTP ${res.status}`);
  const body = (await res.json()) as { messages: MailpitMessage[] };
  return body.messages.filter((m) => m.To.some((t) => t.Address.toLowerCase() === address.toLowerCase()));
}

/** A message's plain-text body. */
export async function mailText(api: string, id: string): Promise<string> {
  const res = await fetch(`${api}/api/v1/message/${id}`);
  if (!res.ok) throw new Error(`Mailpit message ${id}: HTTP ${res.status}`);
  return ((await res.json()) as { Text: string }).Text;
}

export interface FlakySmtp {
  port: number;
  /** true: every connection is refused with 421; false: connections reach Mailpit. */
  failing: boolean;
  /** Connections refused so far. */
  refused: number;
  close(): Promise<void>;
}

export async function flakySmtp(target: { host: string; port: number }): Promise<FlakySmtp> {
  const sockets = new Set<Socket>();
  const state: FlakySmtp = {
    port: 0,
    failing: true,
    refused: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    if (state.failing) {
      state.refused += 1;
      client.end("421 4.3.2 Service not available, closing transmission channel\r\n");
      return;
    }
    const upstream = new Socket();
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.connect(target.port, target.host, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  state.port = addr && typeof addr === "object" ? addr.port : 0;
  return state;
}
