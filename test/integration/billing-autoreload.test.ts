// Auto-reload: checked every 10 minutes (the sandbox timeline and the cron job), charges
// below the threshold, and switches itself off after three failures in a row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMethod, advance, cardValues, createBillingTestApp, TEN_MINUTES, type BillingTestApp } from "../helpers/billing.ts";
import { Decimal } from "../../src/core/money.ts";
import { jobDefinitions } from "../../src/jobs/index.ts";
import { loadConfig } from "../../src/config.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

let app: BillingTestApp;
let account: AccountRecord;

beforeAll(async () => {
  app = await createBillingTestApp();
  ({ account } = await createTestAccount(app));
  await addMethod(app);
  await app.run("billing topup 20 confirm:yes");
});
afterAll(() => app.stop());

const balance = async () => (await app.services.ledger.balance(account.id)).toFixed(2);
let spent = 0;
const spend = (amount: string) =>
  app.services.ledger.charge({ accountId: account.id, kind: "message", amount: new Decimal(amount).negated(), description: "SMS", ref: `sms:${++spent}`, at: app.clock.now() });
const eventTypes = async () => (await app.services.events.recent(account.id, 50)).map((e) => e.type);

describe("billing autoreload", () => {
  it("needs a card or PayPal account, not a bank transfer", async () => {
    await addMethod(app, cardValues({ kind: "bank_transfer" }));
    const refused = await app.run("billing autoreload on method:bank");
    expect(refused.text).toContain('No payment method "bank"');
  });

  it("turns on with a threshold and an amount, and shows it in the balance", async () => {
    const on = await app.run("billing autoreload on threshold:5 amount:20");
    expect(on.text).toContain("Auto-reload is on: below €5.00, adds €20.00 from Visa •••• 4242 (checked every 10 minutes).");
    const view = await app.run("billing balance");
    expect(view.text).toContain("Balance: €22.00");
    expect(view.text).toContain("Auto-reload: on: below €5.00, adds €20.00 from Visa •••• 4242");
    expect(view.text).toContain("Last auto-reload: none yet");
  });

  it("does nothing while the balance is above the threshold", async () => {
    await advance(app, account.id, TEN_MINUTES);
    expect(await balance()).toBe("22.00");
  });

  it("reloads at the next 10-minute check once the balance is below the threshold", async () => {
    await spend("18.00");
    expect(await balance()).toBe("4.00");
    const notes = await advance(app, account.id, TEN_MINUTES);
    expect(notes.join(" ")).toContain("Auto-reload charged €20.00 to Visa •••• 4242: the balance was €4.00, below €5.00");
    expect(await balance()).toBe("24.00");
    expect(await eventTypes()).toContain("autoreload.charged");
    expect((await app.run("billing balance")).text).toContain("Last auto-reload: €20.00 on 15 Jan 2026 10:20 UTC");
  });

  it("is run by the cron job too, once per 10-minute slot", async () => {
    await spend("20.00");
    // The slot of the last check already reloaded: the job's tick is the next one.
    app.clock.advance(TEN_MINUTES);
    const config = loadConfig({ DATA_DIR: "/tmp/unused" });
    const job = jobDefinitions(app.services, config).find((j) => j.name === "auto-reload")!;
    expect(job.schedule).toBe("*/10 * * * *");
    const [first, second] = await Promise.all([job.run(app.clock.now(), app.services.log), job.run(app.clock.now(), app.services.log)]);
    expect(Number(first.reloaded) + Number(second.reloaded)).toBe(1);
    expect(await balance()).toBe("24.00");
  });

  it("switches itself off after three declined charges in a row, saying so each time", async () => {
    await addMethod(app, cardValues({ number: "4000 0000 0000 0341" }));
    await app.run("billing autoreload on method:0341");
    await spend("20.00");
    const notes: string[] = [];
    for (let i = 0; i < 3; i++) notes.push(...(await advance(app, account.id, TEN_MINUTES)));
    expect(notes[0]).toContain("Auto-reload could not charge €20.00 to Visa •••• 0341 (1 of 3)");
    expect(notes[2]).toContain("(3 of 3)");
    expect(notes[2]).toContain("Auto-reload is now off.");
    const types = await eventTypes();
    expect(types.filter((t) => t === "autoreload.failed")).toHaveLength(3);
    expect(types).toContain("autoreload.disabled");
    expect((await app.run("billing balance")).text).toContain("Auto-reload: off (switched off: 3 charges in a row failed)");
    await advance(app, account.id, TEN_MINUTES);
    expect((await eventTypes()).filter((t) => t === "autoreload.failed")).toHaveLength(3);
  });

  it("warns that the API refuses use and numbers are cancelled when the balance is zero", async () => {
    expect(await balance()).toBe("4.00");
    await spend("4.00");
    const view = await app.run("billing balance");
    expect(view.text).toContain("The balance is zero or below: the API refuses use (`sms send` is refused) and your numbers are cancelled as their rent falls due.");
  });

  it("switches off when its payment method is removed", async () => {
    await app.run("billing autoreload on method:4242");
    await app.run("billing methods remove 4242 confirm:yes");
    expect((await app.run("billing balance")).text).toContain("Auto-reload: off (switched off: its payment method was removed)");
  });

  it("turns off on request", async () => {
    await app.run("billing autoreload on method:0341");
    expect((await app.run("billing autoreload off")).text).toContain("Auto-reload is off");
    expect((await app.run("billing autoreload off")).text).toContain("Auto-reload was already off");
  });
});
