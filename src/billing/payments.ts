// Payments: one per key (a top-up request, an auto-reload tick), so a retry or a double
// click charges once. Money enters the ledger as a "payment" entry when it is taken
// (cards, PayPal) or when it arrives (bank transfers, late-settling cards); the first
// credited payment takes the account out of DEMO mode.
import type { Db } from "../data/database.ts";
import type { Ledger } from "./ledger.ts";
import { withAccountLocks } from "./account-lock.ts";
import { forEachLimited } from "../data/embedded.ts";
import { paymentsByKey, paymentsWithLabels, recordCharges, reloadsOnTheirWay, startPayments } from "./payment-rows.ts";
import type { AccountService } from "../accounts/account-service.ts";
import type { AccountEvents } from "../accounts/account-events.ts";
import type { ChargeResult, PaymentProcessor } from "./processor/payment-processor.ts";
import type { Invoices } from "./invoices.ts";
import type { MethodRecord } from "./payment-methods.ts";
import { Decimal, formatMoney } from "../core/money.ts";

export type PaymentOrigin = "topup" | "autoreload";

export const ABANDONED_AFTER_MS = 5 * 60_000;

export const paymentSelect = {
  id: true,
  accountId: true,
  methodId: true,
  key: true,
  origin: true,
  amount: true,
  status: true,
  failureReason: true,
  createdAt: true,
  creditedAt: true,
  settlesAt: true,
  settledAt: true,
} as const;

export interface PaymentRecord {
  id: string;
  accountId: string;
  methodId: string;
  key: string;
  origin: string;
  amount: { toString(): string };
  status: string;
  failureReason: string | null;
  createdAt: Date;
  creditedAt: Date | null;
  settlesAt: Date | null;
  settledAt: Date | null;
}

export interface PayInput {
  accountId: string;
  method: MethodRecord;
  amount: Decimal;
  key: string;
  origin: PaymentOrigin;
  requestedBy?: string;
  at: Date;
}

export interface PayOutcome {
  payment: PaymentRecord;
  /** False when the key had already been paid: nothing was charged this time. */
  fresh: boolean;
  leftDemo: boolean;
}

export class Payments {
  constructor(
    private readonly db: Db,
    private readonly processor: PaymentProcessor,
    private readonly ledger: Ledger,
    private readonly accounts: AccountService,
    private readonly events: AccountEvents,
    private readonly invoices: Invoices,
  ) {}

  async pay(input: PayInput): Promise<PayOutcome> {
    return (await this.payMany([input]))[0]!;
  }

  /**
   * Pays each input once per key, outcomes in the inputs' order; keys must differ. A batch
   * (a sweep's auto-reloads) takes a statement per step, not one per payment: start the new
   * keys, ask the processor (one charge a key: it charges once per key), record its answers,
   * open the invoices, credit the approved under their accounts' locks (id order), settle
   * what settles at once. A key seen before is asked again only if a crash left it
   * "processing" and nobody else reclaimed it; otherwise its payment is returned as it is.
   */
  async payMany(inputs: readonly PayInput[]): Promise<PayOutcome[]> {
    if (new Set(inputs.map((i) => i.key)).size !== inputs.length) throw new Error("payMany: each payment needs its own key");
    const outcomes: (PayOutcome | undefined)[] = inputs.map(() => undefined);
    // Started first: a new key (the usual case) costs one statement, and only the keys
    // someone started before are read.
    const started = await startPayments(this.db, inputs.map((input) => ({ ...input, methodId: input.method.id })));
    const existing = await paymentsByKey(this.db, inputs.filter((i) => !started.has(i.key)).map((i) => i.key));
    const charging: { i: number; input: PayInput; payment: PaymentRecord }[] = [];
    for (const [i, input] of inputs.entries()) {
      const fresh = started.get(input.key);
      if (fresh) {
        charging.push({ i, input, payment: fresh });
        continue;
      }
      // Started before (a retry, a double click, another instance meanwhile): theirs to
      // charge, unless a crash left it "processing" and this caller wins the claim.
      const payment = existing.get(input.key)!;
      if (payment.status === "processing" && (await this.reclaim(payment.id, input.at))) charging.push({ i, input, payment });
      else outcomes[i] = { payment, fresh: false, leftDemo: false };
    }
    const leftDemo = await this.charge(charging);
    const after = await paymentsByKey(this.db, charging.map((c) => c.input.key));
    for (const { i, input, payment } of charging) outcomes[i] = { payment: after.get(input.key)!, fresh: true, leftDemo: leftDemo.has(payment.id) };
    return outcomes as PayOutcome[];
  }

  /** Asks the processor for each started payment and records what follows; returns the payments whose credit took an account out of DEMO. */
  private async charge(charging: readonly { input: PayInput; payment: PaymentRecord }[]): Promise<Set<string>> {
    const results = new Map<string, ChargeResult>();
    // The outside world, one call a key; a real processor is a network round trip each.
    await forEachLimited([...charging], CHARGES_AT_ONCE, async ({ input, payment }) => {
      results.set(payment.id, await this.processor.charge({ token: input.method.processorToken, amount: input.amount, idempotencyKey: input.key, at: input.at }));
    });
    const accepted = charging.flatMap(({ input, payment }) => {
      const result = results.get(payment.id)!;
      return result.outcome === "declined" ? [] : [{ input, payment, result }];
    });
    await recordCharges(
      this.db,
      charging.flatMap(({ payment }) => {
        const result = results.get(payment.id)!;
        return result.outcome === "declined" ? [{ id: payment.id, reason: result.reason }] : [];
      }),
      accepted.map(({ payment, result }) => ({ id: payment.id, status: result.outcome === "approved" ? "succeeded" : "pending", processorRef: result.processorRef, settlesAt: result.settlesAt })),
    );
    await this.invoices.openMany(
      accepted.map(({ input, payment, result }) => ({
        accountId: input.accountId,
        paymentId: payment.id,
        amount: input.amount,
        methodLabel: input.method.label,
        status: input.method.kind === "bank_transfer" ? "proforma" : "pending",
        readyAt: result.settlesAt,
        at: input.at,
      })),
    );
    const approved = accepted.filter(({ result }) => result.outcome === "approved");
    const leftDemo = await this.creditMany(approved.map(({ input, payment }) => ({ paymentId: payment.id, at: input.at })));
    // PayPal settles at once: its invoice is final straight away.
    for (const { input, payment, result } of approved) if (result.settlesAt <= input.at) await this.settle(payment.id, input.at);
    return leftDemo;
  }

  /** Money has arrived or the pending period is over: credit (if not yet) and finalise the invoice. */
  async settle(paymentId: string, at: Date): Promise<boolean> {
    const payment = await this.db.payment.findUnique({ where: { id: paymentId }, select: paymentSelect });
    if (!payment || payment.settledAt || !["pending", "succeeded"].includes(payment.status)) return false;
    // Each step is idempotent, so a crash between them is repaired by the next run.
    await this.credit(paymentId, at);
    await this.invoices.finalise(paymentId, at);
    const { count } = await this.db.payment.updateMany({ where: { id: paymentId, settledAt: null }, data: { settledAt: at, status: "succeeded" } });
    return count > 0;
  }

  /** Settles the account's payments due at or before `at`; returns how many. */
  async settleDue(accountId: string, at: Date): Promise<PaymentRecord[]> {
    const due = await this.db.payment.findMany({
      where: { accountId, settledAt: null, status: { in: ["pending", "succeeded"] }, settlesAt: { lte: at } },
      orderBy: { settlesAt: "asc" },
      select: paymentSelect,
    });
    const settled: PaymentRecord[] = [];
    for (const payment of due) if (await this.settle(payment.id, payment.settlesAt!)) settled.push(payment);
    return settled;
  }

  /** The next settlement due for an account in (after, until], for the sandbox timeline. */
  async nextSettlement(accountId: string, after: Date, until: Date): Promise<Date | undefined> {
    const next = await this.db.payment.findFirst({
      where: { accountId, settledAt: null, status: { in: ["pending", "succeeded"] }, settlesAt: { gt: after, lte: until } },
      orderBy: { settlesAt: "asc" },
      select: { settlesAt: true },
    });
    return next?.settlesAt ?? undefined;
  }

  async find(key: string): Promise<PaymentRecord | undefined> {
    return (await this.db.payment.findUnique({ where: { key }, select: paymentSelect })) ?? undefined;
  }

  /** The amount of the last top-up: auto-reload's default amount, as on the dashboard. */
  async lastTopUpAmount(accountId: string): Promise<Decimal | undefined> {
    const last = await this.db.payment.findFirst({
      where: { accountId, origin: "topup", status: { in: ["pending", "succeeded"] } },
      orderBy: { createdAt: "desc" },
      select: { amount: true },
    });
    return last ? new Decimal(last.amount.toString()) : undefined;
  }

  /**
   * The auto-reloads on their way for these accounts, in one query, each at its own time:
   * the accounts with one processing or pending (charging again would charge twice), and
   * for each account the oldest left "processing" past the abandon time (the process
   * charging it died before it heard the processor's answer: it may have been charged, so
   * it is asked again with its key, which `pay` reclaims, never left or replaced).
   */
  async reloadsUnderWay(accounts: readonly { accountId: string; at: Date }[]): Promise<{ pending: Set<string>; abandoned: Map<string, PaymentRecord> }> {
    const pending = new Set<string>();
    const abandoned = new Map<string, PaymentRecord>();
    if (accounts.length === 0) return { pending, abandoned };
    const rows = await reloadsOnTheirWay(this.db, accounts.map((a) => a.accountId));
    const atOf = new Map(accounts.map((a) => [a.accountId, a.at]));
    for (const { attemptedAt, ...payment } of rows) {
      pending.add(payment.accountId);
      const before = atOf.get(payment.accountId)!.getTime() - ABANDONED_AFTER_MS;
      if (payment.status === "processing" && attemptedAt.getTime() <= before && !abandoned.has(payment.accountId)) abandoned.set(payment.accountId, payment);
    }
    return { pending, abandoned };
  }

  /**
   * A payment left "processing" by a crash is asked again with the same key (the processor
   * charges once per key). One caller wins the claim; a recent attempt is left to its owner.
   */
  private async reclaim(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.payment.updateMany({
      where: { id, status: "processing", attemptedAt: { lte: new Date(at.getTime() - ABANDONED_AFTER_MS) } },
      data: { attemptedAt: at },
    });
    return count === 1;
  }

  /** Puts the payment's money into the ledger once; returns whether the account left DEMO mode. */
  private async credit(paymentId: string, at: Date): Promise<boolean> {
    return (await this.creditMany([{ paymentId, at }])).has(paymentId);
  }

  /**
   * Credits several payments once each, under their accounts' locks taken together in id
   * order (the money lock order), then records who left DEMO mode and the events. Returns
   * the payments whose credit took their account out of DEMO.
   */
  private async creditMany(credits: readonly { paymentId: string; at: Date }[]): Promise<Set<string>> {
    if (credits.length === 0) return new Set();
    const at = new Map(credits.map((c) => [c.paymentId, c.at]));
    const payments = await paymentsWithLabels(this.db, credits.map((c) => c.paymentId));
    const credited = await withAccountLocks(
      this.db,
      payments.map((p) => p.accountId),
      async (accounts) => {
        const tx = accounts.values().next().value?.tx;
        if (!tx) return [];
        const rows = await tx.$queryRawUnsafe<{ id: string; at: string }[]>(
          `UPDATE "Payment" p SET "creditedAt" = v.at FROM jsonb_to_recordset($1::jsonb) AS v(id text, at timestamp)
            WHERE p.id = v.id AND p."creditedAt" IS NULL RETURNING p.id`,
          JSON.stringify(payments.filter((p) => accounts.has(p.accountId)).map((p) => ({ id: p.id, at: at.get(p.id)!.toISOString() }))),
        );
        const now = new Set(rows.map((r) => r.id));
        const done = payments.filter((p) => now.has(p.id));
        await this.ledger.postManyIn(
          accounts,
          done.map((p) => ({ accountId: p.accountId, kind: "payment", amount: new Decimal(p.amount.toString()), description: `${originLabel(p)} from ${labelOf(p)}`, ref: `payment:${p.id}`, at: at.get(p.id)! })),
        );
        return done;
      },
    );
    const leftDemoAccounts = await this.accounts.recordSuccessfulPayments(credited.map((p) => p.accountId));
    // An account leaves DEMO once: with its first payment of the batch.
    const leftDemo = new Set<string>();
    for (const p of credited) if (leftDemoAccounts.delete(p.accountId)) leftDemo.add(p.id);
    await this.events.emitMany(
      credited.map((p) => {
        const amount = new Decimal(p.amount.toString());
        const left = leftDemo.has(p.id);
        return {
          accountId: p.accountId,
          type: "payment.received" as const,
          summary: `${formatMoney(amount)} received from ${labelOf(p)}${left ? ": the account has left DEMO mode" : ""}.`,
          data: { paymentId: p.id, amount: amount.toFixed(2), origin: p.origin, leftDemo: left },
          at: at.get(p.id)!,
        };
      }),
    );
    return leftDemo;
  }
}

const labelOf = (p: { label: string | null }) => p.label ?? "a removed payment method";
const originLabel = (p: { origin: string }) => (p.origin === "autoreload" ? "Auto-reload" : "Top-up");

/** Charges asked of the processor at once within a batch. */
const CHARGES_AT_ONCE = 8;
