// One page of the 10-minute auto-reload job where every case happens at once, checked as a
// batch: a card charged (the account leaves DEMO), a card declined, PayPal (final at once),
// a card that settles later, a balance above the threshold, a method gone, a reload a crash
// left half-done (finished with its own key), a reload already on its way, auto-reload off.
// The outcome is the one the account-by-account job gave (this file passed on it), and two
// instances running the same tick still charge each account once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { Decimal } from "../../src/core/money.ts";
import { jobDefinitions } from "../../src/jobs/index.ts";
import { loadConfig } from "../../src/config.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

const MINUTE = 60_000;
const NAMES = ["A", "B", "C", "D", "E", "F", "G", "H", "I"] as const;
type Name = (typeof NAMES)[number];
let app: TestApp;
const accounts = {} as Record<Name, AccountRecord>;
const id = (name: Name) => accounts[name].id;
let ref = 0;

const job = () => jobDefinitions(app.services, loadConfig({ DATA_DIR: "/tmp/unused" })).find((j) => j.name === "auto-reload")!;
const balance = async (name: Name) => (await app.services.ledger.balance(id(name))).toFixed(2);
/** The account's event types, sorted: events of one check share their instant, so their order says nothing. */
const events = async (name: Name) => (await app.services.db.accountEvent.findMany({ where: { accountId: id(name) }, select: { type: true } })).map((e) => e.type).sort();
const payments = (name: Name) =>
  app.services.db.payment.findMany({ where: { accountId: id(name) }, orderBy: { createdAt: "asc" }, select: { key: true, status: true, failureReason: true, creditedAt: true, settledAt: true, amount: true } });
const invoice = (name: Name) => app.services.db.invoice.findFirst({ where: { accountId: id(name) }, select: { status: true, companyName: true, amount: true } });
const settings = (name: Name) => app.services.db.autoReload.findUniqueOrThrow({ where: { accountId: id(name) }, select: { enabled: true, failures: true, lastReloadAt: true, disabledReason: true } });

/** A method the simulated processor answers as `behaviour` (its token says so), and auto-reload on with it: below €5, add €20. */
async function reloadWith(name: Name, behaviour: string, kind = "card") {
  const methodId = `pm_batch_${name}`;
  await app.services.db.paymentMethod.create({
    data: {
      id: methodId,
      accountId: id(name),
      kind,
      processor: "simulated",
      processorToken: `sim_${behaviour}_batch${name}`,
      brand: kind === "paypal" ? "PayPal" : "Visa",
      last4: kind === "paypal" ? null : "4242",
      label: kind === "paypal" ? `PayPal ${name}` : `Visa ${name}`,
      billingName: "Bench",
      billingAddress: {},
      addedBy: "console:local:operator",
      createdAt: app.clock.now(),
    },
  });
  await app.services.billing.autoReload.turnOn(id(name), { threshold: new Decimal(5), amount: new Decimal(20), methodId }, app.clock.now());
  return methodId;
}

beforeAll(async () => {
  app = await createTestApp();
  for (const name of NAMES) ({ account: accounts[name] } = await createTestAccount(app, { workspace: `console:${name}`, companyName: `Company ${name}` }));
  // Every account holds its €2.00 sign-up credit: below the €5 threshold.
  await reloadWith("A", "approve");
  await reloadWith("B", "decline-charges");
  await reloadWith("C", "paypal", "paypal");
  await reloadWith("D", "settle-later");
  await reloadWith("E", "approve");
  await app.services.ledger.post({ accountId: id("E"), kind: "adjustment", amount: new Decimal(50), description: "Test", ref: `t:${++ref}`, at: app.clock.now() });
  const gone = await reloadWith("F", "approve");
  // Removed without going through `billing methods remove` (which would switch auto-reload off).
  await app.services.db.paymentMethod.update({ where: { id: gone }, data: { removedAt: app.clock.now() } });
  const methodG = await reloadWith("G", "approve");
  const methodH = await reloadWith("H", "approve");
  await reloadWith("I", "approve");
  await app.services.billing.autoReload.turnOff(id("I"), app.clock.now());
  const earlier = new Date(app.clock.now().getTime() - 20 * MINUTE);
  // G: a reload a process left "processing" 20 minutes ago; H: one still settling.
  for (const [name, methodId, status] of [["G", methodG, "processing"], ["H", methodH, "pending"]] as const) {
    await app.services.db.payment.create({
      data: { id: `pay_batch_${name}`, accountId: id(name), methodId, key: `autoreload:${id(name)}:earlier`, origin: "autoreload", amount: "20", status, createdAt: earlier, attemptedAt: earlier },
    });
  }
}, 180_000);
afterAll(() => app.close());

describe("the auto-reload job, a page at a time", () => {
  it("charges, declines, settles, skips and switches off as the account-by-account job did", async () => {
    const now = app.clock.now();
    expect(await job().run(now, app.services.log)).toEqual({ checked: 6, reloaded: 6 });

    // A: charged and credited; the first payment takes the account out of DEMO.
    expect(await balance("A")).toBe("22.00");
    expect(await payments("A")).toMatchObject([{ status: "succeeded", creditedAt: now, settledAt: null }]);
    expect(await invoice("A")).toMatchObject({ status: "pending", companyName: "Company A" });
    expect(await events("A")).toEqual(["autoreload.charged", "payment.received"]);
    const received = await app.services.db.accountEvent.findFirstOrThrow({ where: { accountId: id("A"), type: "payment.received" } });
    expect(received.summary).toBe("€20.00 received from Visa A: the account has left DEMO mode.");
    const charged = await app.services.db.accountEvent.findFirstOrThrow({ where: { accountId: id("A"), type: "autoreload.charged" } });
    expect(charged.summary).toBe("Auto-reload charged €20.00 to Visa A: the balance was €2.00, below €5.00.");
    expect((await app.services.db.account.findUniqueOrThrow({ where: { id: id("A") } })).mode).toBe("LIVE");
    expect(await settings("A")).toMatchObject({ enabled: true, failures: 0, lastReloadAt: now });
    // B: declined: nothing credited, the first of three failures.
    expect(await balance("B")).toBe("2.00");
    expect(await payments("B")).toMatchObject([{ status: "failed", failureReason: "The card was declined: insufficient funds.", creditedAt: null }]);
    expect(await invoice("B")).toBeNull();
    expect(await events("B")).toEqual(["autoreload.failed"]);
    expect(await settings("B")).toMatchObject({ enabled: true, failures: 1, lastReloadAt: null });
    // C: PayPal settles at once: credited, settled, its invoice final.
    expect(await balance("C")).toBe("22.00");
    expect(await payments("C")).toMatchObject([{ status: "succeeded", creditedAt: now, settledAt: now }]);
    expect(await invoice("C")).toMatchObject({ status: "final" });
    expect(await events("C")).toEqual(["autoreload.charged", "invoice.ready", "payment.received"]);
    // D: accepted but settling later: nothing credited yet, and the line says so.
    expect(await balance("D")).toBe("2.00");
    expect(await payments("D")).toMatchObject([{ status: "pending", creditedAt: null }]);
    expect(await invoice("D")).toMatchObject({ status: "pending" });
    expect((await app.services.db.accountEvent.findFirstOrThrow({ where: { accountId: id("D") } })).summary).toContain("(pending: the money arrives when the payment settles)");
    // E: above the threshold; I: auto-reload off: untouched.
    for (const name of ["E", "I"] as const) {
      expect(await payments(name)).toEqual([]);
      expect(await events(name)).toEqual([]);
    }
    // F: its method is gone: switched off, nothing charged.
    expect(await payments("F")).toEqual([]);
    expect(await settings("F")).toMatchObject({ enabled: false, disabledReason: "its payment method is gone" });
    expect(await events("F")).toEqual(["autoreload.disabled"]);
    // G: the half-done reload is finished with its own key, and no new one is started.
    expect(await balance("G")).toBe("22.00");
    expect(await payments("G")).toMatchObject([{ key: `autoreload:${id("G")}:earlier`, status: "succeeded", creditedAt: now }]);
    // H: a reload on its way: no second one.
    expect(await payments("H")).toMatchObject([{ status: "pending" }]);
    expect(await balance("H")).toBe("2.00");
  });

  it("charges each account once when two instances run the same tick", async () => {
    app.clock.advance(10 * MINUTE);
    for (const name of ["A", "C", "G"] as const) {
      await app.services.ledger.charge({ accountId: id(name), kind: "message", amount: new Decimal(-19), description: "SMS", ref: `t:${++ref}`, at: app.clock.now() });
    }
    const now = app.clock.now();
    const [first, second] = await Promise.all([job().run(now, app.services.log), job().run(now, app.services.log)]);
    // A, C and G are below again; B declines a second time (each instance may see it).
    expect(await balance("A")).toBe("23.00");
    expect(await balance("C")).toBe("23.00");
    expect(await balance("G")).toBe("23.00");
    for (const name of ["A", "C", "G"] as const) expect((await payments(name)).filter((p) => p.status === "succeeded")).toHaveLength(2);
    expect(await settings("B")).toMatchObject({ failures: 2 });
    expect(Number(first.reloaded) + Number(second.reloaded)).toBe(4);
  });
});
