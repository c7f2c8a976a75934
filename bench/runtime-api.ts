// The runtime's request path against baselines measured in the same run, with autocannon as the
// load generator. Prints one table per comparison: requests/s, p50 and p99 latency, each with its
// ratio to the baseline. Asserts nothing.
//
//   1. a JWT-authenticated route with no I/O  vs  a bare node:http handler answering the same JSON
//   2. authenticated GET of document metadata (RLS on)  vs  the same SELECT through postgres-js
//   3. 100 KB uploads through the API  vs  writing the same bytes with the storage driver
//
// Usage: npm run bench:api -- [seconds=5] [connections=10]   (needs `npm run env -- up`)
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { type ApiHarness, apiHarness } from "./runtime-api/harness.ts";
import { type Measured, measureLoop, table } from "./runtime-api/measure.ts";

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 10);

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function cannon(
  url: string,
  opts: Omit<autocannon.Options, "url" | "duration" | "connections">,
): Promise<Measured> {
  const result = await autocannon({ url, duration: seconds, connections, ...opts });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${url}: ${bad} of ${result.requests.total} requests failed`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const h: ApiHarness = await apiHarness();
try {
  // 1. Framework + JWT verification cost: the bench-only /api/v2/bench/ping route sits behind the
  //    same middleware chain as every route (request id, logging, secure headers, authentication).
  const bare = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { pong: true }, meta: {} }));
  });
  const bareUrl = await listen(bare);
  const authHeaders = { authorization: `Bearer ${h.token}` };
  const rows1: [string, Measured][] = [
    ["bare node:http handler (baseline)", await cannon(bareUrl, {})],
    ["JWT-authenticated route, no I/O", await cannon(`${h.url}/api/v2/bench/ping`, { headers: authHeaders })],
  ];
  bare.close();
  console.log(table("1. authenticated route vs bare handler", rows1));

  // 2. What RLS, the tenant transaction, validation and the envelope add to one indexed read.
  const direct = await measureLoop(seconds, connections, () => h.selectDirect(h.documentId));
  const rows2: [string, Measured][] = [
    ["same SELECT via postgres-js (baseline)", direct],
    [
      "GET /api/v2/documents/{id} (RLS)",
      await cannon(`${h.url}/api/v2/documents/${h.documentId}`, { headers: authHeaders }),
    ],
  ];
  console.log(table("2. document metadata vs direct SELECT", rows2));

  // 3. Upload path (streaming, hashing, dedup check, object put, rows, audit) against the put alone.
  //    Every body differs (its first bytes are a counter), so dedup never short-circuits.
  const body = h.randomBody(100 * 1024);
  let n = 0;
  const nextBody = () => {
    n += 1;
    body.writeUInt32BE(n, 0);
    body.writeUInt32BE(process.pid, 4);
    return Buffer.from(body);
  };
  const puts = await measureLoop(seconds, connections, () => h.putDirect(nextBody()));
  const uploads = await cannon(`${h.url}/api/v2/documents`, {
    method: "POST",
    headers: { ...authHeaders, "content-type": "text/plain" },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          path: `/api/v2/documents?name=bench-${n + 1}.txt`,
          body: nextBody(),
        }),
      },
    ],
  });
  console.log(
    table("3. 100 KB uploads vs storage driver put", [
      [`storage driver put, ${h.driverKind} (baseline)`, puts],
      ["POST /api/v2/documents", uploads],
    ]),
  );
} finally {
  // autocannon stops at its deadline with requests in flight; their handlers finish server-side
  // after the client has gone, so give them a moment before the pools close under them.
  await new Promise((r) => setTimeout(r, 2000));
  await h.close();
}
