// The liveness check a webhook URL passes before it is saved, against local servers, and
// the address policy that keeps it out of private networks unless in development mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWebhook, type Resolver } from "../../src/numbers/webhook/webhook-check.ts";
import { restrictedKind } from "../../src/numbers/webhook/address-policy.ts";
import { localServer, type LocalServer } from "../helpers/webhook-servers.ts";

let ok: LocalServer;
let failing: LocalServer;
let silent: LocalServer;

beforeAll(async () => {
  [ok, failing, silent] = await Promise.all([localServer("ok"), localServer("error"), localServer("silent")]);
});
afterAll(() => Promise.all([ok.close(), failing.close(), silent.close()]));

const dev = { allowPrivate: true };
const prod = { allowPrivate: false };
const resolvingTo = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("webhook check", () => {
  it("passes an endpoint that answers 2xx", async () => {
    const hitsBefore = ok.hits;
    expect(await checkWebhook(ok.url, dev)).toEqual({ live: true, status: 200 });
    expect(ok.hits).toBe(hitsBefore + 1);
  });

  it("fails one that answers 500, saying so", async () => {
    expect(await checkWebhook(failing.url, dev)).toEqual({ live: false, reason: "it answered 500 Internal Server Error" });
  });

  it("fails one that does not answer in time", async () => {
    // The silent server never answers, so getting an answer at all proves the time-out;
    // how long a busy machine took to get there is not measured.
    expect(await checkWebhook(silent.url, { ...dev, timeoutMs: 500 })).toEqual({ live: false, reason: "it did not answer within 0.5 seconds" });
  });

  it("fails one that refuses the connection", async () => {
    const closed = await localServer("ok");
    const url = closed.url;
    await closed.close();
    expect(await checkWebhook(url, dev)).toEqual({ live: false, reason: "it refused the connection" });
  });

  it("refuses loopback addresses outside development mode, without calling them", async () => {
    const hitsBefore = ok.hits;
    const result = await checkWebhook(ok.url, prod);
    expect(result).toEqual({ live: false, reason: "127.0.0.1 is a loopback address (127.0.0.1), which Switchboard does not call", restricted: true });
    expect(ok.hits).toBe(hitsBefore);
    expect(await checkWebhook("http://[::1]:9/x", prod)).toMatchObject({ reason: expect.stringContaining("a loopback address (::1)") });
  });

  it("resolves host names and refuses one with any private address among them", async () => {
    const mixed = await checkWebhook("https://hooks.example.com/sms", { ...prod, resolve: resolvingTo("93.184.216.34", "10.0.0.7") });
    expect(mixed).toEqual({ live: false, reason: "hooks.example.com is a private address (10.0.0.7), which Switchboard does not call", restricted: true });
    const v6 = await checkWebhook("https://hooks.example.com/sms", { ...prod, resolve: resolvingTo("2606:4700::1111", "fd12::1") });
    expect(v6).toMatchObject({ reason: expect.stringContaining("a private (unique local) address (fd12::1)") });
    const metadata = await checkWebhook("http://metadata.internal/", { ...prod, resolve: resolvingTo("169.254.169.254") });
    expect(metadata).toMatchObject({ reason: expect.stringContaining("a link-local address") });
  });

  it("connects to the addresses it checked, not to a second lookup", async () => {
    const port = new URL(ok.url).port;
    const result = await checkWebhook(`http://hooks.test:${port}/sms`, { ...dev, resolve: resolvingTo("127.0.0.1") });
    expect(result).toEqual({ live: true, status: 200 });
  });

  it("says when a name does not resolve and when the URL is not http", async () => {
    const failingResolver: Resolver = async () => {
      throw Object.assign(new Error("nope"), { code: "ENOTFOUND" });
    };
    expect(await checkWebhook("https://nowhere.test/x", { ...prod, resolve: failingResolver })).toEqual({
      live: false,
      reason: "the host name nowhere.test does not resolve (ENOTFOUND)",
    });
    expect(await checkWebhook("ftp://example.com/x", prod)).toEqual({ live: false, reason: "it must start with https:// or http://" });
  });
});

describe("address policy", () => {
  it.each([
    ["127.0.0.1", "a loopback"],
    ["10.1.2.3", "a private"],
    ["172.16.5.4", "a private"],
    ["192.168.1.1", "a private"],
    ["100.64.0.1", "a private (carrier-grade NAT)"],
    ["169.254.169.254", "a link-local"],
    ["0.0.0.0", "a reserved"],
    ["::1", "a loopback"],
    ["::", "an unspecified"],
    ["fe80::1", "a link-local"],
    ["fc00::1", "a private (unique local)"],
    ["::ffff:127.0.0.1", "a loopback"],
    ["::ffff:a00:1", "a private"],
    ["64:ff9b::c0a8:1", "a NAT64 (IPv4/IPv6 translation)"],
    ["2002:7f00:1::", "a 6to4 tunnel"],
  ])("refuses %s as %s address", (address, kind) => {
    expect(restrictedKind(address)).toBe(kind);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows public %s", (address) => {
    expect(restrictedKind(address)).toBeUndefined();
  });
});
