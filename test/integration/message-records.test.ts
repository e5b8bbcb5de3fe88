// The sandbox messaging API's records: what `sms send` and `sandbox receive` leave behind,
// the simulated receipts, the inbound webhook post, and that every record is the account's own.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { topUp } from "../helpers/numbers.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { FAILURE_REASONS, simulateReceipt } from "../../src/usage/sandbox-network.ts";

let app: TestApp;
let acme: AccountRecord;
let other: AccountRecord;
const otherUser = { actor: "console:other:eve", workspace: "console:other", channel: "console:other:c" };
let inbound: { url: string; bodies: unknown[]; close(): Promise<void> };

async function recordingServer() {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"));
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/inbound`,
    bodies,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

beforeAll(async () => {
  app = await createTestApp();
  ({ account: acme } = await createTestAccount(app));
  await topUp(app, acme.id, "50.00");
  await app.services.accounts.recordSuccessfulPayment(acme.id);
  ({ account: other } = await createTestAccount(app, { companyName: "Other Co", workspace: otherUser.workspace, creator: otherUser.actor }));
  inbound = await recordingServer();
});
afterAll(async () => {
  await inbound.close();
  await app.close();
});

const recordsOf = (accountId: string) => app.services.db.messageRecord.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } });

describe("sms send records", () => {
  it("records each message with its parts, price, network and the simulated receipt", async () => {
    const long = "x".repeat(200);
    const sent = await app.run(`sms send +447700900123 ${long}`);
    expect(sent.outcome).toBe("ok");
    expect(sent.text).toContain("Parts: 2");
    expect(sent.text).toContain("Cost: €0.08");
    expect(sent.text).toContain("usage search to:+447700900123");
    const [record] = await recordsOf(acme.id);
    expect(record).toMatchObject({ product: "sms", direction: "outbound", from: "Switchboard", to: "+447700900123", country: "GB", parts: 2, demo: false, text: long });
    expect(record!.price.toString()).toBe("0.08");
    const expected = simulateReceipt({ to: "+447700900123", text: long, country: "GB", sequence: 0 });
    expect(record!.status).toBe(expected.status);
    expect(record!.networkName).toBe(expected.networkName);
    expect(sent.text).toContain(`Message id: ${record!.id}`);
  });

  it("marks DEMO messages and keeps the tag in the recorded text", async () => {
    const { account: demo } = await createTestAccount(app, { companyName: "Demo Co", workspace: "console:demo", creator: "console:demo:dee" });
    const dee = { actor: "console:demo:dee", workspace: "console:demo", channel: "console:demo:c" };
    await app.services.db.demoNumber.create({ data: { id: "dn_1", accountId: demo.id, phone: "+447700900555", verifiedAt: app.clock.now(), createdAt: app.clock.now() } });
    expect((await app.run("sms send +447700900555 Hi", dee)).outcome).toBe("ok");
    const [record] = await recordsOf(demo.id);
    expect(record).toMatchObject({ demo: true, text: "[DEMO] Hi" });
  });
});

describe("the simulated network", () => {
  it("gives the same message the same receipt, and fails a small share with real reasons", () => {
    const input = { to: "+447700900999", text: "Hello", country: "GB", sequence: 3 };
    expect(simulateReceipt(input)).toEqual(simulateReceipt(input));
    const outcomes = Array.from({ length: 4000 }, (_, i) => simulateReceipt({ to: `+4477009${String(i).padStart(5, "0")}`, text: "Your code is 1234", country: "GB", sequence: 0 }));
    const failed = outcomes.filter((o) => o.status === "failed");
    const pending = outcomes.filter((o) => o.status === "submitted");
    expect(failed.length / outcomes.length).toBeGreaterThan(0.03);
    expect(failed.length / outcomes.length).toBeLessThan(0.07);
    expect(pending.length / outcomes.length).toBeLessThan(0.04);
    for (const f of failed) expect(FAILURE_REASONS).toContain(f.failureReason);
    expect(new Set(failed.map((f) => f.failureReason)).size).toBeGreaterThan(5);
    for (const o of outcomes.filter((o) => o.status === "delivered")) expect(o.delaySeconds).toBeGreaterThan(0);
  });
});

describe("sandbox receive", () => {
  async function rentNumber(accountId: string, msisdn: string, webhook?: string) {
    await app.services.db.numberRental.create({
      data: {
        id: `rent_${msisdn}`, accountId, msisdn, activeMsisdn: msisdn, country: "GB", type: "mobile-lvn", features: ["SMS"],
        monthlyPrice: "0.85", subscribedAt: app.clock.now(), nextRenewalAt: new Date("2026-02-15T10:00:00Z"), smsWebhookUrl: webhook ?? null,
      },
    });
  }

  it("records an inbound SMS to a rented number and posts it to the number's webhook", async () => {
    await rentNumber(acme.id, "447451290774", inbound.url);
    const received = await app.run("sandbox receive +447451290774 STOP please from:+33612345678");
    expect(received.outcome).toBe("ok");
    expect(received.text).toContain(`${inbound.url} answered 200`);
    const record = (await recordsOf(acme.id)).find((r) => r.direction === "inbound")!;
    expect(record).toMatchObject({ from: "+33612345678", to: "+447451290774", status: "received", country: "FR", text: "STOP please" });
    expect(record.price.toString()).toBe("0");
    expect(inbound.bodies).toEqual([
      expect.objectContaining({ msisdn: "33612345678", to: "447451290774", messageId: record.id, text: "STOP please", type: "text", keyword: "STOP", "api-key": acme.apiKey }),
    ]);
  });

  it("refuses a number of another account without saying it is rented", async () => {
    await rentNumber(other.id, "447451290775");
    const refused = await app.run("sandbox receive +447451290775 Hi");
    expect(refused.text).toContain("+447451290775 is not one of this account's numbers.");
    expect((await recordsOf(other.id)).length).toBe(0);
  });

  it("keeps the webhook address policy: a loopback webhook is refused outside development mode", async () => {
    const strict = await createTestApp({ settings: { devMode: false } });
    try {
      const { account } = await createTestAccount(strict);
      await strict.services.db.numberRental.create({
        data: {
          id: "rent_strict", accountId: account.id, msisdn: "447451290776", activeMsisdn: "447451290776", country: "GB", type: "mobile-lvn", features: ["SMS"],
          monthlyPrice: "0.85", subscribedAt: strict.clock.now(), nextRenewalAt: new Date("2026-02-15T10:00:00Z"), smsWebhookUrl: inbound.url,
        },
      });
      const before = inbound.bodies.length;
      const received = await strict.run("sandbox receive +447451290776 Hi");
      expect(received.text).toContain("is a loopback address (127.0.0.1), which Switchboard does not call");
      expect(received.text).toContain("SWITCHBOARD_DEV_MODE=true");
      expect(inbound.bodies.length).toBe(before);
      // The saved webhook did not take the message: the account hears of it as an event.
      const [event] = (await strict.services.events.recent(account.id)).filter((e) => e.type === "webhook.check_failed");
      expect(event?.summary).toContain("The inbound SMS webhook of +447451290776 did not take a message");
    } finally {
      await strict.close();
    }
  });
});
