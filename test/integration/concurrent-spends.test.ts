// 50 spends on one account at once, half through each of two instances, as a team clicking
// together: rents, top-ups and SMS, while both instances' renewal and auto-reload jobs run
// for the same account. Each spend answers or is refused with a user error, nothing is
// charged twice, and the balance is what the ledger says. On PostgreSQL this used to
// deadlock (40P01) and answer "Something went wrong" to most of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/money.ts";
import { renewalsOf, sandboxInventory } from "../../src/numbers/numbers-module.ts";
import { formatMsisdn } from "../../src/numbers/msisdn.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { startInstancePair, type InstancePair } from "../helpers/instance-pair.ts";
import { consoleOperator } from "../helpers/test-app.ts";

const SPENDS = 50;
const DAY = 24 * 3600 * 1000;
let pair: InstancePair;
let account: AccountRecord;
/** Rented a month before the spends: their second month falls due while the spends run. */
let due: string[];

beforeAll(async () => {
  pair = await startInstancePair();
  const { services } = pair.a;
  ({ account } = await services.accounts.create({
    companyName: "Busy Ltd",
    contactName: "Ada",
    email: "ada@busy.test",
    phone: "+447700900555",
    creator: { address: consoleOperator.actor, name: "Ada" },
    workspace: consoleOperator.workspace,
    at: pair.clock.now(),
  }));
  const vaulted = await services.billing.processor.vault({ kind: "paypal", email: "finance@busy.test" }, address, pair.clock.now());
  if (!vaulted.ok) throw new Error("the simulated processor refused a PayPal account");
  const added = await services.billing.methods.add({ accountId: account.id, processor: "simulated", vaulted: vaulted.method, address, addedBy: consoleOperator.actor, at: pair.clock.now() });
  if (!added.ok) throw new Error(`could not store the PayPal method: ${added.reason}`);
  // Out of DEMO mode, so messages may go to any number.
  await services.accounts.recordSuccessfulPayment(account.id);
  await services.ledger.post({ accountId: account.id, kind: "payment", amount: new Decimal(30), description: "Test top-up", ref: "payment:seed", at: pair.clock.now() });
  const early = sandboxInventory().search({ country: "DE", page: 1, pageSize: 3 }, new Set()).numbers;
  const provider = services.numberProviders.for(account);
  due = [];
  for (const number of early) due.push((await provider.rent(account, number.msisdn, pair.clock.now())).msisdn);
  await services.billing.autoReload.turnOn(account.id, { threshold: new Decimal(5), amount: new Decimal(20), methodId: added.method.id }, pair.clock.now());
  pair.clock.advance(32 * DAY);
}, 60_000);
afterAll(() => pair?.close());

const address = { name: "Busy Ltd", line1: "1 Main Street", city: "London", postalCode: "N1 9GU", country: "GB" };

describe("concurrent spends on one account", () => {
  it("answers every one (done or refused), charges each once, and keeps the balance equal to the ledger", async () => {
    const numbers = sandboxInventory().search({ country: "GB", type: "mobile-lvn", page: 1, pageSize: 20 }, new Set()).numbers;
    const lines = Array.from({ length: SPENDS }, (_, i) => {
      if (i % 3 === 0) return `numbers rent ${formatMsisdn(numbers[i / 3]!.msisdn)} confirm:yes`;
      if (i % 3 === 1) return "billing topup 10 confirm:yes";
      return `sms send +4477009001${String(i).padStart(2, "0")} Meeting moved to 3pm`;
    });
    const now = pair.clock.now();
    const jobs = [pair.a, pair.b].flatMap(({ services }) => [
      renewalsOf(services).runDue(now),
      services.billing.autoReload.check(account.id, now),
      services.billing.autoReload.check(account.id, now),
    ]);
    const results = await Promise.all(
      lines.map((line, i) =>
        (i % 2 === 0 ? pair.a : pair.b).dispatch({ kind: "text", text: line }, { idempotencyKey: `click-${i}`, requestId: `req-${i}` }),
      ),
    );
    const jobOutcomes = await Promise.allSettled(jobs);
    expect(jobOutcomes.filter((o) => o.status === "rejected")).toEqual([]);

    const internal = results.flatMap((r, i) => (r.outcome === "error" ? [`${lines[i]}: ${r.text}`] : []));
    expect(internal, "no spend may end in an internal error").toEqual([]);
    for (const [i, result] of results.entries()) {
      if (result.outcome === "user-error") expect(result.text, lines[i]).toMatch(/does not cover|balance is/);
    }

    const { db, ledger } = pair.b.services;
    const entries = await db.ledgerEntry.findMany({ where: { accountId: account.id }, select: { kind: true, amount: true, ref: true } });
    const ok = (prefix: string) => results.filter((r, i) => r.outcome === "ok" && lines[i]!.startsWith(prefix)).length;
    const rentals = await db.numberRental.findMany({ where: { accountId: account.id }, select: { id: true, msisdn: true, periodsPaid: true, releasedAt: true } });
    const fresh = rentals.filter((r) => !due.includes(r.msisdn));
    const renewed = rentals.filter((r) => due.includes(r.msisdn));
    // Each rented number paid its first month once; each renewal took its period once (two
    // instances' jobs ran it) or released the number; each top-up and reload credited once;
    // each SMS charged once.
    expect(fresh).toHaveLength(ok("numbers rent"));
    const expectedRents = [...fresh.map((r) => `rent:${r.id}:0`), ...renewed.flatMap((r) => Array.from({ length: r.periodsPaid }, (_, p) => `rent:${r.id}:${p}`))];
    expect(entries.filter((e) => e.kind === "rent").map((e) => e.ref).sort()).toEqual(expectedRents.sort());
    for (const rental of renewed) expect(rental.periodsPaid === 2 || rental.releasedAt !== null, rental.msisdn).toBe(true);
    const reloads = await db.payment.findMany({ where: { accountId: account.id, origin: "autoreload" }, select: { id: true, status: true } });
    expect(reloads.length).toBeLessThanOrEqual(1);
    const credited = await db.payment.count({ where: { accountId: account.id, creditedAt: { not: null } } });
    expect(entries.filter((e) => e.kind === "payment" && e.ref.startsWith("payment:pay"))).toHaveLength(credited);
    expect(credited).toBe(ok("billing topup") + reloads.filter((r) => r.status === "succeeded").length);
    expect(entries.filter((e) => e.kind === "message")).toHaveLength(ok("sms send"));
    expect(ok("numbers rent") + ok("billing topup") + ok("sms send")).toBeGreaterThan(0);

    const sum = entries.reduce((total, e) => total.plus(e.amount.toString()), new Decimal(0));
    expect(sum.isNegative()).toBe(false);
    expect((await ledger.balance(account.id)).toFixed(6)).toBe(sum.toFixed(6));
    expect((await pair.a.services.ledger.balance(account.id)).toFixed(6)).toBe(sum.toFixed(6));
  }, 180_000);
});
