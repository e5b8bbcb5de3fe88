// Top-ups with a stored method: confirmation, once per click, DEMO mode ends, money in the
// ledger; invoices by payment method; exports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMethod, advance, buttonRef, cardValues, createBillingTestApp, HOUR, type BillingTestApp } from "../helpers/billing.ts";
import { pdfText } from "../helpers/pdf-text.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { Decimal } from "../../src/core/money.ts";
import { jobDefinitions } from "../../src/jobs/index.ts";
import { loadConfig } from "../../src/config.ts";

let app: BillingTestApp;
let account: AccountRecord;

// A Thursday: after the 72-hour card period it is Sunday, so bank transfers cross a weekend.
beforeAll(async () => {
  app = await createBillingTestApp({ now: new Date("2026-01-15T10:00:00Z") });
  ({ account } = await createTestAccount(app, { companyName: "Globex Trading GmbH" }));
});
afterAll(() => app.stop());

const balance = async () => (await app.services.ledger.balance(account.id)).toFixed(2);

describe("billing topup", () => {
  it("says how to add a method when there is none", async () => {
    const result = await app.run("billing topup 20");
    expect(result.text).toContain("This account has no payment method yet");
    expect(result.text).toContain("billing methods add");
  });

  it("refuses amounts outside €10 to €10,000", async () => {
    expect((await app.run("billing topup 5")).text).toContain("Amount: must be an amount in euros from €10.00 to €10000.00");
    expect((await app.run("billing topup 10001")).text).toContain("from €10.00 to €10000.00");
  });

  it("confirms with the method and amount, charges once on a double click and ends DEMO mode", async () => {
    await addMethod(app);
    const asked = await app.run("billing topup 20");
    expect(asked.text).toContain("Globex Trading GmbH is topped up with €20.00 from Visa •••• 4242");
    expect(asked.text).toContain("the invoice is ready after the card's pending period (up to 72 hours)");
    expect(await balance()).toBe("2.00");

    const ref = buttonRef(asked.reply, "Pay €20.00");
    const [first, second] = await Promise.all([app.dispatch({ kind: "action", ref }), app.dispatch({ kind: "action", ref })]);
    const texts = [first.text, second.text].join("\n");
    expect(texts).toContain("€20.00 from Visa •••• 4242 was added. The balance is now €22.00.");
    expect(texts).toContain("Your account has left DEMO mode: messages no longer carry the [DEMO] tag");
    expect(await balance()).toBe("22.00");
    expect((await app.services.accounts.get(account.id)).mode).toBe("LIVE");
    expect(await app.services.db.payment.count({ where: { accountId: account.id } })).toBe(1);
    const entries = await app.services.ledger.entries(account.id);
    expect(entries.filter((e) => e.kind === "payment").map((e) => e.ref)).toEqual([expect.stringMatching(/^payment:pay_/)]);
    const events = await app.services.events.recent(account.id);
    expect(events.map((e) => e.type)).toContain("payment.received");
  });

  it("keeps a card invoice from download until the 72-hour pending period is over", async () => {
    const list = await app.run("billing invoices");
    expect(list.text).toContain("SB-");
    expect(list.text).toContain("pending: ready on 18 Jan 2026 10:00 UTC");
    const number = /SB-\d{6}/.exec(list.text)![0];
    const early = await app.run(`billing invoice ${number}`);
    expect(early.outcome).toBe("user-error");
    expect(early.text).toContain(`Invoice ${number} is not ready yet`);
    expect(early.text).toContain("18 Jan 2026 10:00 UTC");

    const notes = await advance(app, account.id, 72 * HOUR);
    expect(notes.join(" ")).toContain("settled; its invoice is final");
    const ready = await app.run(`billing invoice ${number}`);
    const pdf = ready.reply.files![0]!;
    expect(pdf.mimeType).toBe("application/pdf");
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    const words = pdfText(pdf.content);
    expect(words).toContain("Globex Trading GmbH");
    expect(words).toContain("Invoice");
    expect(words).toContain(number);
    expect((await app.services.events.recent(account.id)).map((e) => e.type)).toContain("invoice.ready");
  });

  it("makes the PayPal invoice final at once", async () => {
    await addMethod(app, cardValues({ kind: "paypal", email: "finance@globex.test" }));
    const done = await app.run("billing topup 30 method:paypal confirm:yes");
    expect(done.text).toContain("€30.00 from PayPal f•••@globex.test was added");
    const number = /Invoice (SB-\d{6}) is ready/.exec(done.text)![1]!;
    const pdf = await app.run(`billing invoice ${number}`);
    expect(pdfText(pdf.reply.files![0]!.content)).toContain("Globex Trading GmbH");
  });

  it("issues a pro-forma invoice for a bank transfer and credits it 1 to 3 working days later", async () => {
    await addMethod(app, cardValues({ kind: "bank_transfer" }));
    const before = await balance();
    const started = await app.run("billing topup 500 method:bank confirm:yes");
    expect(started.text).toContain("€500.00 from Bank transfer is on its way");
    const number = /Quote (SB-\d{6})/.exec(started.text)![1]!;
    expect(await balance()).toBe(before);
    const proforma = await app.run(`billing invoice ${number}`);
    expect(proforma.reply.files![0]!.name).toBe(`proforma-${number}.pdf`);
    expect(pdfText(proforma.reply.files![0]!.content)).toContain("Pro-forma invoice");

    // Made on Sunday 18 Jan: 1 to 3 working days later is Monday to Wednesday, never the weekend.
    await advance(app, account.id, 2 * 24 * HOUR);
    const payment = await app.services.db.payment.findFirstOrThrow({ where: { accountId: account.id, origin: "topup", amount: 500 } });
    expect([1, 2, 3, 4, 5]).toContain(payment.settlesAt!.getUTCDay());
    await advance(app, account.id, 5 * 24 * HOUR);
    expect(Number(await balance()) - Number(before)).toBe(500);
    const final = await app.run(`billing invoice ${number}`);
    expect(final.reply.files![0]!.name).toBe(`invoice-${number}.pdf`);
  });

  it("credits a late-settling card only when it settles", async () => {
    await addMethod(app, cardValues({ number: "4000 0000 0000 0077" }));
    const before = await balance();
    const started = await app.run("billing topup 15 method:0077 confirm:yes");
    expect(started.text).toContain("is on its way");
    expect(await balance()).toBe(before);
    await advance(app, account.id, 48 * HOUR);
    expect(Number(await balance()) - Number(before)).toBe(15);
  });

  it("reports a declined charge, records the attempt and charges nothing", async () => {
    await addMethod(app, cardValues({ number: "4000 0000 0000 0341" }));
    const before = await balance();
    const declined = await app.run("billing topup 25 method:0341 confirm:yes");
    expect(declined.outcome).toBe("user-error");
    expect(declined.text).toContain("was declined: The card was declined: insufficient funds. Nothing was charged.");
    expect(await balance()).toBe(before);
  });
});

describe("payments over time", () => {
  it("settles a bank transfer from the cron job too, at the account's own time", async () => {
    const started = await app.run("billing topup 40 method:bank confirm:yes");
    expect(started.text).toContain("is on its way");
    const before = await balance();
    app.clock.advance(5 * 24 * HOUR);
    const job = jobDefinitions(app.services, loadConfig({ DATA_DIR: "/tmp/unused" })).find((j) => j.name === "payment-settlements")!;
    const stats = await job.run(app.clock.now(), app.services.log);
    expect(stats.settled).toBeGreaterThanOrEqual(1);
    expect(Number(await balance()) - Number(before)).toBe(40);
    expect(await job.run(app.clock.now(), app.services.log)).toEqual({ settled: 0 });
  });

  it("completes a payment a crash left half-done, once, and leaves a recent one to its owner", async () => {
    const { billing, db } = app.services;
    const method = await billing.methods.resolve(account.id, "4242");
    const at = app.clock.now();
    const stuck = { accountId: account.id, methodId: method.id, origin: "topup", amount: "12", status: "processing" };
    const tenMinutesAgo = new Date(at.getTime() - 10 * 60_000);
    await db.payment.create({ data: { id: "pay_crashed", key: "topup:crashed", createdAt: tenMinutesAgo, attemptedAt: tenMinutesAgo, ...stuck } });
    await db.payment.create({ data: { id: "pay_inflight", key: "topup:inflight", createdAt: at, attemptedAt: at, ...stuck } });
    const before = await balance();
    const input = { accountId: account.id, method, amount: new Decimal(12), origin: "topup" as const, at };
    const [first, second] = await Promise.all([billing.payments.pay({ ...input, key: "topup:crashed" }), billing.payments.pay({ ...input, key: "topup:crashed" })]);
    expect([first.fresh, second.fresh].sort()).toEqual([false, true]);
    expect((await billing.payments.find("topup:crashed"))!.status).toBe("succeeded");
    expect(Number(await balance()) - Number(before)).toBe(12);
    expect(await db.invoice.count({ where: { paymentId: "pay_crashed" } })).toBe(1);
    const inflight = await billing.payments.pay({ ...input, key: "topup:inflight" });
    expect(inflight).toMatchObject({ fresh: false, payment: { status: "processing" } });
  });
});

describe("billing export", () => {
  it("exports the transactions as .xlsx with a running balance and every payment attempt", async () => {
    const result = await app.run("billing export transactions");
    const file = result.reply.files![0]!;
    expect(file.name).toMatch(/^transactions-[0-9a-f]{8}-2026-01-15_2026-\d\d-\d\d\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Transactions")!;
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.find((r) => r[2] === "credit")).toEqual(expect.arrayContaining(["credit", "Free test credit", 2]));
    expect(rows.map((r) => r[3])).toContain("Top-up from Visa •••• 4242");
    const last = rows[rows.length - 1]!;
    expect(Number(last[5]).toFixed(2)).toBe(await balance());
    const payments = (workbook.getWorksheet("Payments")!.getSheetValues().slice(2) as unknown[][]).map((r) => r[6]);
    expect(payments.some((status) => String(status).startsWith("failed: The card was declined"))).toBe(true);
  });

  it("exports the activity: events and commands, within the dates asked", async () => {
    const result = await app.run("billing export activity from:2026-01-15 to:2026-01-15");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(result.reply.files![0]!.content as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet("Activity")!.getSheetValues().slice(2) as unknown[][];
    const what = rows.map((r) => r[3]);
    expect(what).toContain("payment.received");
    expect(what).toContain("billing topup");
    expect(what).toContain("billing methods add");
    expect(rows.every((r) => (r[1] as Date).toISOString().startsWith("2026-01-15"))).toBe(true);
  });

  it("refuses a date that does not exist", async () => {
    expect((await app.run("billing export transactions from:2026-02-31")).text).toContain("From: must be a date such as 2026-01-31");
  });
});
