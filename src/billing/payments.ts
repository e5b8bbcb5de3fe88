// Payments: one per key (a top-up request, an auto-reload tick), so a retry or a double
// click charges once. Money enters the ledger as a "payment" entry when it is taken
// (cards, PayPal) or when it arrives (bank transfers, late-settling cards); the first
// credited payment takes the account out of DEMO mode.
import type { Db } from "../data/database.ts";
import type { Ledger } from "./ledger.ts";
import { withAccountLock } from "./account-lock.ts";
import type { AccountService } from "../accounts/account-service.ts";
import type { AccountEvents } from "../accounts/account-events.ts";
import type { PaymentProcessor } from "./processor/payment-processor.ts";
import type { Invoices } from "./invoices.ts";
import type { MethodRecord } from "./payment-methods.ts";
import { Decimal, formatMoney } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import { Prisma } from "../generated/prisma/client.ts";

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
    const existing = await this.find(input.key);
    if (existing && !(existing.status === "processing" && (await this.reclaim(existing.id, input.at)))) {
      return { payment: existing, fresh: false, leftDemo: false };
    }
    const started = existing ?? (await this.start(input));
    if (!started) return { payment: (await this.find(input.key))!, fresh: false, leftDemo: false };

    const result = await this.processor.charge({ token: input.method.processorToken, amount: input.amount, idempotencyKey: input.key, at: input.at });
    if (result.outcome === "declined") {
      return { payment: await this.update(started.id, { status: "failed", failureReason: result.reason }), fresh: true, leftDemo: false };
    }
    await this.update(started.id, { status: result.outcome === "approved" ? "succeeded" : "pending", processorRef: result.processorRef, settlesAt: result.settlesAt });
    const status = input.method.kind === "bank_transfer" ? "proforma" : "pending";
    await this.invoices.open({ accountId: input.accountId, paymentId: started.id, amount: input.amount, methodLabel: input.method.label, status, readyAt: result.settlesAt, at: input.at });
    const leftDemo = result.outcome === "approved" ? await this.credit(started.id, input.at) : false;
    // PayPal settles at once: its invoice is final straight away.
    if (result.outcome === "approved" && result.settlesAt <= input.at) await this.settle(started.id, input.at);
    return { payment: (await this.find(input.key))!, fresh: true, leftDemo };
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

  async hasPendingReload(accountId: string): Promise<boolean> {
    const pending = await this.db.payment.findFirst({ where: { accountId, origin: "autoreload", status: { in: ["processing", "pending"] } }, select: { id: true } });
    return Boolean(pending);
  }

  /**
   * An auto-reload left "processing" past the abandon time: the process charging it died
   * before it heard the processor's answer. It may have been charged, so it is asked again
   * with its key (`pay` reclaims it), never left or replaced by a new reload.
   */
  async abandonedReload(accountId: string, at: Date): Promise<PaymentRecord | undefined> {
    const row = await this.db.payment.findFirst({
      where: { accountId, origin: "autoreload", status: "processing", attemptedAt: { lte: new Date(at.getTime() - ABANDONED_AFTER_MS) } },
      orderBy: { createdAt: "asc" },
      select: paymentSelect,
    });
    return row ?? undefined;
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

  private async start(input: PayInput): Promise<PaymentRecord | undefined> {
    try {
      return await this.db.payment.create({
        data: {
          id: newId("pay"),
          accountId: input.accountId,
          methodId: input.method.id,
          key: input.key,
          origin: input.origin,
          amount: input.amount.toString(),
          status: "processing",
          requestedBy: input.requestedBy,
          createdAt: input.at,
          attemptedAt: input.at,
        },
        select: paymentSelect,
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return undefined;
      throw error;
    }
  }

  private async update(id: string, data: Prisma.PaymentUpdateInput): Promise<PaymentRecord> {
    return this.db.payment.update({ where: { id }, data, select: paymentSelect });
  }

  /** Puts the payment's money into the ledger once; returns whether the account left DEMO mode. */
  private async credit(paymentId: string, at: Date): Promise<boolean> {
    const payment = await this.db.payment.findUniqueOrThrow({ where: { id: paymentId }, select: paymentSelect });
    const label = await this.labelOf(payment.methodId);
    const amount = new Decimal(payment.amount.toString());
    const description = `${payment.origin === "autoreload" ? "Auto-reload" : "Top-up"} from ${label}`;
    const credited = await withAccountLock(this.db, payment.accountId, async (account) => {
      const { count } = await account.tx.payment.updateMany({ where: { id: paymentId, creditedAt: null }, data: { creditedAt: at } });
      if (count === 0) return false;
      await this.ledger.postIn(account, { kind: "payment", amount, description, ref: `payment:${paymentId}`, at }, false);
      return true;
    });
    if (!credited) return false;
    const leftDemo = await this.accounts.recordSuccessfulPayment(payment.accountId);
    await this.events.emit({
      accountId: payment.accountId,
      type: "payment.received",
      summary: `${formatMoney(amount)} received from ${label}${leftDemo ? ": the account has left DEMO mode" : ""}.`,
      data: { paymentId, amount: amount.toFixed(2), origin: payment.origin, leftDemo },
      at,
    });
    return leftDemo;
  }

  private async labelOf(methodId: string): Promise<string> {
    const method = await this.db.paymentMethod.findUnique({ where: { id: methodId }, select: { label: true } });
    return method?.label ?? "a removed payment method";
  }
}
