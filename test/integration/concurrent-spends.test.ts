// 50 spends on one account at once, half through each of two instances, as a team clicking
// together: rents, top-ups and SMS. Each answers or is refused with a user error, nothing
// is charged twice, and the balance is what the ledger says. On PostgreSQL this used to
// deadlock (40P01) and answer "Something went wrong" to most of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/money.ts";
import { sandboxInventory } from "../../src/numbers/numbers-module.ts";
import { formatMsisdn } from "../../src/numbers/msisdn.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";
import { startInstancePair, type InstancePair } from "../helpers/instance-pair.ts";
import { consoleOperator } from "../helpers/test-app.ts";

const SPENDS = 50;
let pair: InstancePair;
let account: AccountRecord;

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
  await services.billing.methods.add({ accountId: account.id, processor: "simulated", vaulted: vaulted.method, address, addedBy: consoleOperator.actor, at: pair.clock.now() });
  // Out of DEMO mode, so messages may go to any number.
  await services.accounts.recordSuccessfulPayment(account.id);
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
    const results = await Promise.all(
      lines.map((line, i) =>
        (i % 2 === 0 ? pair.a : pair.b).dispatch({ kind: "text", text: line }, { idempotencyKey: `click-${i}`, requestId: `req-${i}` }),
      ),
    );

    const internal = results.flatMap((r, i) => (r.outcome === "error" ? [`${lines[i]}: ${r.text}`] : []));
    expect(internal, "no spend may end in an internal error").toEqual([]);
    for (const [i, result] of results.entries()) {
      if (result.outcome === "user-error") expect(result.text, lines[i]).toMatch(/does not cover|balance is/);
    }

    const { db, ledger } = pair.b.services;
    const entries = await db.ledgerEntry.findMany({ where: { accountId: account.id }, select: { kind: true, amount: true, ref: true } });
    const ok = (prefix: string) => results.filter((r, i) => r.outcome === "ok" && lines[i]!.startsWith(prefix)).length;
    const rentals = await db.numberRental.findMany({ where: { accountId: account.id }, select: { id: true } });
    // Each rented number paid its first month once; each top-up credited once; each SMS charged once.
    expect(rentals).toHaveLength(ok("numbers rent"));
    expect(entries.filter((e) => e.kind === "rent").map((e) => e.ref).sort()).toEqual(rentals.map((r) => `rent:${r.id}:0`).sort());
    expect(entries.filter((e) => e.kind === "payment")).toHaveLength(ok("billing topup"));
    expect(entries.filter((e) => e.kind === "message")).toHaveLength(ok("sms send"));
    expect(ok("numbers rent") + ok("billing topup") + ok("sms send")).toBeGreaterThan(0);

    const sum = entries.reduce((total, e) => total.plus(e.amount.toString()), new Decimal(0));
    expect(sum.isNegative()).toBe(false);
    expect((await ledger.balance(account.id)).toFixed(6)).toBe(sum.toFixed(6));
    expect((await pair.a.services.ledger.balance(account.id)).toFixed(6)).toBe(sum.toFixed(6));
  }, 180_000);
});
