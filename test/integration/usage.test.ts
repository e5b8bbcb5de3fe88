// The usage views through the command layer, as a user of the account sees them: totals,
// cost, delivery rate, top destinations, failure reasons, the comparison, the chart; the
// search with its pages; the exports; the balance chart; and nothing of another account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleOperator, createTestApp, type TestApp } from "../helpers/test-app.ts";
import { readyFiles } from "../../src/core/view.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMember, topUp } from "../helpers/numbers.ts";
import { expectChartPng } from "../helpers/png.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { Decimal } from "../../src/core/money.ts";
import { simulateReceipt } from "../../src/usage/sandbox-network.ts";
import { csvCell } from "../../src/usage/usage-export.ts";

let app: TestApp;
let acme: AccountRecord;
const bob = "console:local:bob";
const eve = { actor: "console:other:eve", workspace: "console:other", channel: "console:other:c" };

beforeAll(async () => {
  // Signed up two weeks before the period the tests look at: the balance chart's runway needs a day of history.
  app = await createTestApp({ now: new Date("2026-01-01T10:00:00Z") });
  ({ account: acme } = await createTestAccount(app));
  await topUp(app, acme.id, "50.00");
  await app.services.accounts.recordSuccessfulPayment(acme.id);
  // Bob holds no permission at all: usage is for any user of the account.
  await addMember(app, acme.id, bob, []);
  await createTestAccount(app, { companyName: "Other Co", workspace: eve.workspace, creator: eve.actor });
});
afterAll(() => app.close());

const sends = [
  { to: "+447700900101", text: "Your code is 1234" },
  { to: "+4915112345678", text: "Ihr Code ist 5678" },
  { to: "+447700900102", text: "y".repeat(200) },
];

describe("usage", () => {
  it("reports the period's messages, cost, delivery rate, destinations and a chart", async () => {
    app.clock.set(new Date("2026-01-05T09:00:00Z"));
    expect((await app.run("sms send +447700900999 Last week")).outcome).toBe("ok");
    app.clock.set(new Date("2026-01-15T10:00:00Z"));
    for (const s of sends) expect((await app.run(`sms send ${s.to} ${s.text}`)).outcome).toBe("ok");

    const usage = await app.run("usage", { actor: bob });
    expect(usage.outcome).toBe("ok");
    expect(usage.text).toContain(`Usage of Acme Ltd · the last 7 days`);
    expect(usage.text).toContain("SMS: 3 sent (4 parts), 0 received");
    // 0.04 (GB) + 0.085 (DE) + 2 × 0.04 (GB, two parts)
    expect(usage.text).toContain("Cost: €0.21 (previous period €0.04, +412%)");
    const receipts = sends.map((s, i) => simulateReceipt({ to: s.to, text: s.text, country: i === 1 ? "DE" : "GB", sequence: 0 }));
    const delivered = receipts.filter((r) => r.status === "delivered").length;
    const failed = receipts.filter((r) => r.status === "failed").length;
    expect(usage.text).toContain(`${delivered} delivered, ${failed} failed`);
    expect(usage.text).toContain("GB: 2 messages, €0.12");
    expect(usage.text).toContain("DE: 1 message, €0.09");
    expect(usage.text).toContain("+4915112345678: 1 message, €0.09");

    const [chart] = usage.reply.files ?? [];
    expect(chart).toMatchObject({ mimeType: "image/png", name: `usage-${acme.apiKey}-2026-01-09_2026-01-15.png` });
    expect(chart!.image).toMatchObject({ width: 800, height: 400 });
    expectChartPng(chart!.content);
  });

  it("says there is no chart when nothing was spent, and refuses a period it does not know", async () => {
    const today = await app.run("usage from:2025-12-01 to:2025-12-02");
    expect(today.text).toContain("SMS: 0 sent");
    expect(today.text).toContain("Nothing was spent in this period, so there is no chart.");
    expect(today.reply.files ?? []).toEqual([]);
    const bad = await app.run("usage yesterday");
    expect(bad.outcome).toBe("user-error");
    expect(bad.text).toContain("must be one of today, 7d, 30d, month");
  });

  it("shows the failure reasons the network gave", async () => {
    // The simulated network fails a message by its content: find one that fails, then send it.
    const to = "+447700900150";
    const text = Array.from({ length: 500 }, (_, i) => `Notice ${i}`).find((t) => simulateReceipt({ to, text: t, country: "GB", sequence: 0 }).status === "failed")!;
    const reason = simulateReceipt({ to, text, country: "GB", sequence: 0 }).failureReason!;
    await app.run(`sms send ${to} ${text}`);
    const usage = await app.run("usage today");
    expect(usage.text).toContain("Failure reasons");
    expect(usage.text).toContain(`${reason}: 1 message`);
    const failedOnly = await app.run("usage search status:failed");
    expect(failedOnly.text).toContain(`failed: ${reason}`);
  });
});

describe("usage search", () => {
  it("finds the message to a number, with status, parts, price and network", async () => {
    const found = await app.run("usage search to:+447700900102", { actor: bob });
    expect(found.text).toContain("1 record, newest first");
    expect(found.text).toMatch(/SMS to \+447700900102 \(GB, [^)]+\) · [a-z]+.* · 2 parts · €0\.08/);
  });

  it("pages newest first with buttons, and keeps the filters on the next page", async () => {
    for (let i = 0; i < 9; i++) {
      app.clock.advance(60_000);
      await app.run(`sms send +447700900777 Batch ${i}`);
    }
    const first = await app.run("usage search to:+447700900777");
    expect(first.text).toContain("9 records, newest first · page 1 of 2");
    expect(first.text.indexOf("Batch 8")).toBeLessThan(first.text.indexOf("Batch 1"));
    expect(first.text).not.toContain("Batch 0");
    const next = first.reply.message!.pagination!.nextRef!;
    const second = await app.dispatch({ kind: "action", ref: next });
    expect(second.text).toContain("page 2 of 2");
    expect(second.text).toContain("Batch 0");
    expect(second.text).not.toContain("Batch 1”");
  });

  it("matches text, and refuses hostile or malformed filters with a sentence", async () => {
    expect((await app.run('usage search text:"ihr code"')).text).toContain("+4915112345678");
    const bad = await app.run("usage search to:<script>");
    expect(bad.outcome).toBe("user-error");
    expect(bad.text).toContain("is neither a phone number in international format");
    const card = await app.run("usage search text:4242424242424242");
    expect(card.text).not.toContain("4242424242424242");
  });

  it("never shows another account's records", async () => {
    const theirs = await app.run("usage search to:+447700900102", eve);
    expect(theirs.text).toContain("No records of Other Co match to +447700900102.");
    const usage = await app.run("usage", eve);
    expect(usage.text).toContain("SMS: 0 sent");
  });
});

describe("usage export", () => {
  it("sends the records as .xlsx and CSV", async () => {
    const exported = await app.run("usage export today");
    expect(exported.text).toMatch(/Usage records of Acme Ltd, today \(15 Jan 2026\): 1[0-9] records\./);
    const [xlsx, csv] = exported.reply.files!;
    expect(xlsx!.name).toBe(`usage-${acme.apiKey}-2026-01-15_2026-01-15.xlsx`);
    expect(xlsx!.content.subarray(0, 2).toString()).toBe("PK");
    const lines = csv!.content.toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe("Date (UTC),Id,Product,Direction,From,To,Country,Network,Parts,Price (EUR),Status,Failure reason,DEMO,Text");
    expect(lines.some((l) => l.includes(",+447700900102,GB,") && l.includes(",2,0.080000,"))).toBe(true);
  });

  it("defuses spreadsheet formulas in CSV but keeps phone numbers", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("+447700900102")).toBe("+447700900102");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
  });
});

describe("billing balance chart", () => {
  it("draws the last 30 days of balance with the alert threshold and the runway", async () => {
    await app.services.alerts.rules.create({ accountId: acme.id, threshold: new Decimal(20), level: "warning", channel: "console:local:console", by: "test", at: app.clock.now() });
    const balance = await app.run("billing balance", { actor: bob });
    expect(balance.outcome).toBe("ok");
    const [chart] = balance.reply.files ?? [];
    expect(chart!.name).toBe(`balance-${acme.apiKey}-2026-01-15.png`);
    expect(chart!.image!.alt).toMatch(/runway about \d+ days at €\d+\.\d{2} a day/);
    expectChartPng(chart!.content);
  });

  it("answers before the chart is drawn: the reply carries the chart's promise, which a surface waits for", async () => {
    // A new figure on the ledger: a chart not drawn (nor cached) yet.
    await topUp(app, acme.id, "13");
    const answered = await app.dispatcher.dispatch({ ...consoleOperator, actor: bob }, { kind: "text", text: "billing balance" });
    expect(answered.outcome).toBe("ok");
    const [pending] = answered.reply.files ?? [];
    expect(pending!.content).toBeInstanceOf(Promise);
    const [drawn] = await readyFiles(answered.reply.files);
    expectChartPng(drawn!.content);
  });
});
