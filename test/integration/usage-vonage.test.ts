// Usage of a linked Vonage account from its Reports API: the official SDK's authenticated
// client against the local fake, day by day, page by page, with Vonage's error shapes
// turned into sentences, and the API's limits said in the reply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVonageTestApp, type VonageTestApp } from "../helpers/vonage.ts";
import type { TestApp } from "../helpers/test-app.ts";
import type { FakeReportRecord } from "../fakes/vonage-fake-reports.ts";

let t: VonageTestApp;
let app: TestApp;
const ada = { actor: "slack:T7:U1", actorName: "Ada", workspace: "slack:T7", channel: "slack:T7:C1" };
const KEY = "ab12cd34";

const sms = (i: number, at: string, extra: Record<string, unknown> = {}): FakeReportRecord => ({
  product: "SMS",
  direction: "outbound",
  at: new Date(at),
  fields: {
    account_id: KEY, message_id: `msg-${i}`, direction: "outbound", from: "Acme", to: i % 2 ? "447700900001" : "4915112345678",
    network: "23410", network_name: "O2 UK", country: i % 2 ? "GB" : "DE", country_name: "", date_received: at.replace("Z", "+0000"),
    date_finalized: at.replace("Z", "+0000"), latency: 1200, status: "delivered", error_code: "0", error_code_description: "Delivered",
    currency: "EUR", total_price: "0.0400", message_body: `Hello ${i}`, ...extra,
  },
});

beforeAll(async () => {
  t = await createVonageTestApp();
  app = t.app;
  t.fake.addAccount({ apiKey: KEY, secret: "Start5ecret", balance: "40.00" });
  expect((await app.run(`account link key:${KEY} secret:Start5ecret`, ada)).outcome).toBe("ok");
  app.clock.set(new Date("2026-01-15T10:00:00Z"));
  // 2,500 SMS yesterday (three pages of the fake's 1,000), a failed one, an inbound one and a call.
  const records: FakeReportRecord[] = [];
  for (let i = 0; i < 2500; i++) records.push(sms(i, new Date(Date.UTC(2026, 0, 14, 0, 0, 0) + i * 30_000).toISOString()));
  records.push(sms(9001, "2026-01-15T08:00:00Z", { status: "failed", error_code: "3", error_code_description: "Absent subscriber permanent", to: "447700900999", country: "GB" }));
  records.push({ product: "SMS", direction: "inbound", at: new Date("2026-01-15T08:30:00Z"), fields: { message_id: "in-1", from: "447700900555", to: "447451290774", country: "GB", date_received: "2026-01-15T08:30:00+0000", total_price: "0", status: "delivered" } });
  records.push({ product: "VOICE-CALL", direction: "outbound", at: new Date("2026-01-15T09:00:00Z"), fields: { id: "call-1", from: "447451290774", to: "33612345678", country: "FR", date_start: "2026-01-15T09:00:00+0000", duration: 65, status: "completed", total_price: "0.0912" } });
  t.fake.addReportRecords(KEY, ...records);
});
afterAll(() => t.close());

describe("usage of a Vonage account", () => {
  it("reads the period day by day for each product and direction, following the next links", async () => {
    const from = t.fake.requests.length;
    const usage = await app.run("usage from:2026-01-14 to:2026-01-15", ada);
    expect(usage.outcome).toBe("ok");
    expect(usage.text).toContain("SMS: 2,501 sent (2,501 parts), 1 received");
    expect(usage.text).toContain("Calls: 1 made, 0 received");
    // 2,501 × €0.04 + €0.0912
    expect(usage.text).toContain("Cost: €100.13");
    expect(usage.text).toContain("Delivery rate: 99.9% (2501 delivered, 1 failed)");
    expect(usage.text).toContain("Absent subscriber permanent");
    expect(usage.text).toContain("Its records carry no message parts");
    const calls = t.fake.requests.slice(from).filter((r) => r.path === "/v2/reports/records");
    // Two days × four queries, plus two extra pages on the busy day, plus the previous period (two days × four).
    expect(calls.length).toBe(8 + 2 + 8);
    const followed = calls.filter((r) => r.query.get("cursor"));
    expect(followed).toHaveLength(2);
    for (const r of calls) {
      expect(r.authorization).toBe(`Basic ${Buffer.from(`${KEY}:Start5ecret`).toString("base64")}`);
      expect(r.query.get("account_id")).toBe(KEY);
      const span = new Date(r.query.get("date_end")!.replace("+0000", "Z")).getTime() - new Date(r.query.get("date_start")!.replace("+0000", "Z")).getTime();
      expect(span).toBeLessThanOrEqual(24 * 3600 * 1000);
    }
    expect(usage.reply.files?.[0]?.mimeType).toBe("image/png");
  });

  it("searches by number over the period's records and says the API cannot filter by it", async () => {
    const found = await app.run("usage search to:+447700900999 since:2026-01-15", ada);
    expect(found.text).toContain("1 record, newest first");
    expect(found.text).toContain("failed: Absent subscriber permanent");
    expect(found.text).toContain("to:, from: and text: are matched by Switchboard");
  });

  it("refuses a period longer than the API can be read for", async () => {
    const long = await app.run("usage from:2025-11-01 to:2026-01-15", ada);
    expect(long.outcome).toBe("user-error");
    expect(long.text).toContain("Vonage's Reports API is read day by day, and 76 days is more than the 31 Switchboard reads at once.");
  });

  it("turns Vonage's problem details into a sentence", async () => {
    t.fake.script("GET /v2/reports/records", { status: 403, contentType: "application/problem+json", body: { title: "Forbidden", detail: "User not authorized to query the requested data", instance: "abc" } });
    const forbidden = await app.run("usage today", ada);
    expect(forbidden.outcome).toBe("user-error");
    expect(forbidden.text).toContain('Vonage does not allow this account to do that. Vonage said: "Forbidden: User not authorized to query the requested data".');

    t.fake.script("GET /v2/reports/records", { status: 429, contentType: "application/problem+json", body: { type: "https://developer.nexmo.com/api-errors#throttled", title: "Too many requests" }, headers: { "retry-after": "3" } });
    const throttled = await app.run("usage today", ada);
    expect(throttled.text).toContain("sending it too many requests");
  });

  it("says plainly that Vonage reports no balance history", async () => {
    const balance = await app.run("billing balance", ada);
    expect(balance.text).toContain("Vonage's API reports only the current balance, not its history");
    expect(balance.reply.files ?? []).toEqual([]);
  });
});

describe("the Reports API fake keeps Vonage's rules", () => {
  const get = (query: string, key = KEY) =>
    fetch(`${t.fake.apiHost}/v2/reports/records?${query}`, { headers: { authorization: `Basic ${Buffer.from(`${key}:Start5ecret`).toString("base64")}` } });

  it("answers a missing parameter, a window over 24 hours and another account with Vonage's shapes", async () => {
    const missing = await get(`account_id=${KEY}&product=SMS&direction=outbound&date_start=2026-01-14T00:00:00%2B0000`);
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ title: "Unprocessable entity", invalid_parameters: [{ name: "date_end", reason: "Missing required parameter" }] });
    const wide = await get(`account_id=${KEY}&product=SMS&direction=outbound&date_start=2026-01-13T00:00:00%2B0000&date_end=2026-01-15T00:00:00%2B0000`);
    expect(wide.status).toBe(422);
    const other = await get(`account_id=zz99zz99&product=SMS&direction=outbound&date_start=2026-01-14T00:00:00%2B0000&date_end=2026-01-15T00:00:00%2B0000`);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ title: "Forbidden", detail: "User not authorized to query the requested data" });
    const tampered = await get(`account_id=${KEY}&product=SMS&direction=outbound&date_start=2026-01-14T00:00:00%2B0000&date_end=2026-01-15T00:00:00%2B0000&cursor=forged&iv=x`);
    expect(tampered.status).toBe(400);
  });
});
