import { describe, expect, it } from "vitest";
import { classifyAddress, embeddedIPv4 } from "./ip-ranges.ts";
import { checkDestination, type Lookup } from "./ssrf.ts";

/** A resolver answering from a table, so no test depends on real DNS. */
const DNS: Record<string, { address: string; family: number }[]> = {
  "hooks.example.com": [{ address: "93.184.215.14", family: 4 }],
  "evil.example.com": [{ address: "127.0.0.1", family: 4 }],
  "mixed.example.com": [
    { address: "93.184.215.14", family: 4 },
    { address: "10.1.2.3", family: 4 },
  ],
  "v6.example.com": [{ address: "2606:4700::1111", family: 6 }],
  "imds.example.com": [{ address: "169.254.169.254", family: 4 }],
};
const lookup: Lookup = async (host) => {
  const found = DNS[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return found;
};

describe("checkDestination refuses", () => {
  it.each([
    ["https://10.0.0.5/hook", "private (RFC 1918)", "private"],
    ["https://172.20.1.1/hook", "private (RFC 1918)", "private"],
    ["https://192.168.1.10/hook", "private (RFC 1918)", "private"],
    ["https://127.0.0.1/hook", "loopback", "loopback"],
    ["https://127.8.9.10/hook", "loopback", "loopback"],
    ["https://169.254.169.254/latest/meta-data", "cloud metadata service", "metadata"],
    ["https://169.254.1.1/hook", "link-local", "link-local"],
    ["https://100.64.3.4/hook", "carrier-grade NAT", "cgnat"],
    ["https://[::1]/hook", "loopback", "loopback"],
    ["https://[fc00::1]/hook", "unique-local", "unique-local"],
    ["https://[fd12:3456::1]/hook", "unique-local", "unique-local"],
    ["https://[fe80::1]/hook", "link-local", "link-local"],
    ["https://[ff02::1]/hook", "multicast", "multicast"],
    ["https://224.0.0.1/hook", "multicast", "multicast"],
    ["https://0.0.0.0/hook", "unspecified", "unspecified"],
    ["https://[::]/hook", "unspecified", "unspecified"],
    ["https://[::ffff:127.0.0.1]/hook", "loopback", "loopback"],
    ["https://[::ffff:a9fe:a9fe]/hook", "cloud metadata service", "metadata"],
    ["https://[64:ff9b::10.0.0.1]/hook", "private (RFC 1918)", "private"],
    ["https://2130706433/hook", "loopback", "loopback"], // decimal 127.0.0.1, normalized by URL
    ["https://0x7f.1/hook", "loopback", "loopback"],
    ["https://168.63.129.16/hook", "cloud metadata service", "metadata"],
    [
      "https://evil.example.com/hook",
      'address 127.0.0.1 (resolved from "evil.example.com") is loopback',
      "loopback",
    ],
    ["https://mixed.example.com/hook", "10.1.2.3", "private"],
    ["https://imds.example.com/hook", "cloud metadata service", "metadata"],
    ["https://metadata.google.internal/computeMetadata/v1/", "cloud metadata service name", "metadata"],
  ])("%s", async (url, reason, addressClass) => {
    const r = await checkDestination(url, { lookup });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(reason);
    expect(r.addressClass).toBe(addressClass);
    expect(r.transient).toBe(false);
  });

  it("http unless allowHttp, naming the allowed schemes", async () => {
    const r = await checkDestination("http://hooks.example.com/x", { lookup });
    expect(r).toMatchObject({ ok: false, reason: 'url scheme "http" is not allowed: use https' });
    expect((await checkDestination("http://hooks.example.com/x", { lookup, allowHttp: true })).ok).toBe(true);
    const ftp = await checkDestination("ftp://hooks.example.com/x", { lookup, allowHttp: true });
    expect(ftp).toMatchObject({ ok: false, reason: 'url scheme "ftp" is not allowed: use https or http' });
  });

  it("credentials in the URL and URLs that do not parse", async () => {
    expect(await checkDestination("https://u:p@hooks.example.com/", { lookup })).toMatchObject({
      ok: false,
      reason: "url must not carry credentials (user:password@)",
    });
    expect(await checkDestination("not a url", { lookup })).toMatchObject({
      ok: false,
      reason: 'url "not a url" is not a valid absolute URL',
    });
  });

  it("marks an unresolvable host transient, so the delivery is retried", async () => {
    expect(await checkDestination("https://nowhere.example.com/", { lookup })).toEqual({
      ok: false,
      reason: 'url host "nowhere.example.com" could not be resolved (ENOTFOUND)',
      transient: true,
    });
  });
});

describe("checkDestination allows", () => {
  it("public hosts over https, returning the vetted addresses", async () => {
    const r = await checkDestination("https://hooks.example.com/in", { lookup });
    expect(r).toMatchObject({ ok: true, addresses: [{ address: "93.184.215.14", family: 4 }] });
    expect((await checkDestination("https://v6.example.com/in", { lookup })).ok).toBe(true);
  });

  it("private networks only with allowPrivate, and never metadata or multicast", async () => {
    for (const url of [
      "https://10.0.0.5/",
      "https://[::1]/",
      "https://evil.example.com/",
      "https://100.64.0.1/",
    ]) {
      expect((await checkDestination(url, { lookup, allowPrivate: true })).ok, url).toBe(true);
    }
    for (const url of [
      "https://169.254.169.254/",
      "https://imds.example.com/",
      "https://224.0.0.1/",
      "https://0.0.0.0/",
    ]) {
      expect((await checkDestination(url, { lookup, allowPrivate: true })).ok, url).toBe(false);
    }
  });

  it("says how to allow private destinations", async () => {
    const r = await checkDestination("https://10.0.0.5/", { lookup });
    expect(!r.ok && r.reason).toBe(
      "url address 10.0.0.5 is private (RFC 1918) and may not receive webhooks; set allowPrivate to deliver inside private networks",
    );
  });
});

describe("classifyAddress", () => {
  it("leaves public unicast addresses alone, near range edges too", () => {
    for (const a of [
      "8.8.8.8",
      "172.15.255.255",
      "172.32.0.0",
      "100.63.255.255",
      "100.128.0.0",
      "2606:4700::1111",
      "::ffff:8.8.8.8",
    ]) {
      expect(classifyAddress(a), a).toBeUndefined();
    }
  });

  it("reads the IPv4 inside mapped, compatible and NAT64 addresses", () => {
    expect(embeddedIPv4("::ffff:7f00:1")).toBe("127.0.0.1");
    expect(embeddedIPv4("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(embeddedIPv4("64:ff9b::a9fe:a9fe")).toBe("169.254.169.254");
    expect(embeddedIPv4("::1")).toBeUndefined();
    expect(embeddedIPv4("2001:db8::1")).toBeUndefined();
  });

  it("rejects what is not an address", () => {
    expect(() => classifyAddress("example.com")).toThrow('"example.com" is not an IP address');
  });
});
