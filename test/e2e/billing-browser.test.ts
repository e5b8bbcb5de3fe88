// Billing "tried as a new user would": chat commands plus the real payment page in
// headless Chromium. Afterwards no full card number is in the database or the logs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import ExcelJS from "exceljs";
import { createTestAccount } from "../helpers/accounts.ts";
import { advance, buttonRef, createBillingTestApp, HOUR, linkIn, TEN_MINUTES, type BillingTestApp } from "../helpers/billing.ts";
import { startEcbServer, type EcbServer } from "../helpers/ecb-server.ts";
import { pdfText } from "../helpers/pdf-text.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { Decimal } from "../../src/core/money.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

const CHROMIUM = "/usr/bin/chromium";
const CARDS = { good: "4242 4242 4242 4242", declined: "4000 0000 0000 0002", failsCharges: "4000 0000 0000 0341" };

let app: BillingTestApp;
let ecb: EcbServer;
let browser: Browser;
let account: AccountRecord;
const logs: string[] = [];
const tokens: string[] = [];

async function openLink(): Promise<Page> {
  const link = linkIn((await app.run("billing methods add")).text);
  tokens.push(new URL(link).searchParams.get("token")!);
  const page = await browser.newPage();
  await page.goto(link);
  return page;
}

async function fillCard(page: Page, number: string, address = true): Promise<void> {
  await page.check("input[name=kind][value=card]");
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry (MM/YY)").fill("09/29");
  await page.getByLabel("Security code").fill("737");
  if (!address) return;
  await page.getByLabel("Name or company").fill("Initech Ltd");
  await page.getByLabel("Address", { exact: true }).fill("4120 Freidrich Lane");
  await page.getByLabel("City").fill("Austin");
  await page.getByLabel("Postal code").fill("78744");
  await page.selectOption("#f-country", "US");
}

const balance = async () => (await app.services.ledger.balance(account.id)).toFixed(2);
const methodCount = () => app.services.db.paymentMethod.count({ where: { accountId: account.id } });
let spent = 0;
const spendTo = async (target: string) => {
  const amount = new Decimal(await balance()).minus(target);
  await app.services.ledger.charge({ accountId: account.id, kind: "message", amount: amount.negated(), description: "SMS", ref: `sms:${++spent}`, at: app.clock.now() });
};

describe.skipIf(!existsSync(CHROMIUM))(`billing as a new user, in the console and ${CHROMIUM} (skipped where Chromium is not installed)`, () => {
  beforeAll(async () => {
    ecb = await startEcbServer("1.0832", "2026-01-14");
    const log = createLogger("trace", { write: (line: string) => void logs.push(line) });
    app = await createBillingTestApp({ log, settings: { fxRatesUrl: ecb.url } });
    ({ account } = await createTestAccount(app, { companyName: "Initech Ltd" }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await ecb?.close();
  });

  it("starts in DEMO mode with €2.00", async () => {
    const view = await app.run("billing balance");
    expect(view.text).toContain("Balance: €2.00");
    expect(view.text).toContain("Mode: DEMO (your first payment ends it)");
  });

  it("refuses a declined card on the page and keeps nothing", async () => {
    const page = await openLink();
    await fillCard(page, CARDS.declined);
    await page.getByRole("button", { name: "Save payment method" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("The card was declined by its bank. Try another card. Nothing was saved.");
    expect(await page.getByLabel("Card number").inputValue()).toBe("");
    expect(await methodCount()).toBe(0);
    await page.close();
  });

  it("asks for the billing address when it is missing and keeps nothing", async () => {
    const page = await openLink();
    await fillCard(page, CARDS.good, false);
    await page.getByRole("button", { name: "Save payment method" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toBe("Check the highlighted fields: nothing was saved. For your security, enter the card details again.");
    await expect(page.locator("#f-line1-error").textContent()).resolves.toBe("Enter the billing address.");
    await expect(page.locator("#f-country-error").textContent()).resolves.toBe("Choose the country.");
    expect(await methodCount()).toBe(0);
    await page.close();
  });

  it("adds a card on the payment page", async () => {
    const page = await openLink();
    await expect(page.locator("h1").textContent()).resolves.toBe("Add a payment method to Initech Ltd");
    await fillCard(page, CARDS.good);
    await page.getByRole("button", { name: "Save payment method" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Visa •••• 4242 was added to Initech Ltd.");
    await page.close();
    expect((await app.run("billing methods list")).text).toContain("Visa •••• 4242, expires 09/2029");
  });

  it("tops up €20 with one click and leaves DEMO mode", async () => {
    const asked = await app.run("billing topup 20");
    const paid = await app.dispatch({ kind: "action", ref: buttonRef(asked.reply, "Pay €20.00") });
    expect(paid.text).toContain("The balance is now €22.00.");
    expect(paid.text).toContain("Your account has left DEMO mode");
    expect((await app.run("billing balance")).text).toContain("Mode: LIVE");
  });

  it("reloads automatically 10 minutes after the balance falls below the threshold", async () => {
    expect((await app.run("billing autoreload on threshold:5 amount:20")).text).toContain("Auto-reload is on: below €5.00, adds €20.00");
    await spendTo("3.50");
    await advance(app, account.id, TEN_MINUTES);
    expect(await balance()).toBe("23.50");
    const view = await app.run("billing balance");
    expect(view.text).toContain("Balance: €23.50");
    expect(view.text).toContain("Last auto-reload: €20.00 on 15 Jan 2026 10:10 UTC");
  });

  it("switches auto-reload off after the card declines three times", async () => {
    const page = await openLink();
    await fillCard(page, CARDS.failsCharges);
    await page.getByRole("button", { name: "Save payment method" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("Visa •••• 0341 was added");
    await page.close();
    await app.run("billing autoreload on method:0341");
    await spendTo("1.00");
    for (let i = 0; i < 3; i++) await advance(app, account.id, TEN_MINUTES);
    const events = await app.services.events.recent(account.id, 20);
    expect(events.filter((e) => e.type === "autoreload.failed")).toHaveLength(3);
    expect(events[0]!.summary).toContain("Auto-reload was switched off: 3 charges in a row failed");
    expect((await app.run("billing balance")).text).toContain("Auto-reload: off (switched off: 3 charges in a row failed)");
  });

  it("shows the balance in USD", async () => {
    await app.run("billing currency USD");
    const view = await app.run("billing balance");
    expect(view.text).toContain("Balance: $1.08 (€1.00)");
    expect(view.text).toContain("ECB reference rate of 14 Jan 2026");
  });

  it("downloads an invoice PDF once the card payment settled, and a transactions export", async () => {
    await advance(app, account.id, 72 * HOUR);
    const list = await app.run("billing invoices");
    const number = /SB-\d{6}/.exec(list.text)![0];
    const invoice = await app.dispatch({ kind: "action", ref: buttonRef(list.reply, `Download ${number}`) });
    const pdf = invoice.reply.files![0]!;
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfText(pdf.content)).toContain("Initech Ltd");

    const exported = await app.run("billing export transactions");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.reply.files![0]!.content as unknown as ArrayBuffer);
    const descriptions = workbook.getWorksheet("Transactions")!.getColumn(3).values;
    expect(descriptions).toContain("Top-up from Visa •••• 4242");
    expect(descriptions).toContain("Auto-reload from Visa •••• 4242");
  });

  it("has stored and logged no full card number, nor a link token", async () => {
    const tables = await app.services.db.$queryRawUnsafe<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables.map((t) => t.tablename)).toContain("PaymentMethod");
    let dump = "";
    for (const { tablename } of tables) {
      const rows = await app.services.db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${tablename}"`);
      dump += JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
    }
    const log = logs.join("");
    expect(log).toContain("payment method added");
    for (const number of Object.values(CARDS)) {
      for (const form of [number, number.replace(/ /g, "")]) {
        expect(dump).not.toContain(form);
        expect(log).not.toContain(form);
      }
    }
    for (const token of tokens) {
      expect(dump).not.toContain(token);
      expect(log).not.toContain(token);
    }
  });
});
