// Payments a dead process left "processing": the processor may have charged the card, but
// Switchboard never heard its answer, so nothing was credited. A top-up is finished by
// the user's retry of the same command (after its lease) only if the user retries; this
// finishes any payment, whatever its origin, once it has been left for the abandon time.
// It asks the processor again with the payment's own key (it charges once per key) and
// settles the answer as the first attempt would have: credited once (the ledger entry
// under the account's row lock, guarded by the payment's creditedAt), its invoice opened,
// "payment.received" posted; or marked failed when the processor declines. `Payments.pay`
// does all of it, after one conditional claim that one caller wins: a concurrent retry of
// the command, another instance's reconciler or the auto-reload sweep leave it to that one.
// The person who ran a top-up never got its answer (their command died with the process),
// so they are told in a direct message what became of it, once per payment.
import type { Db } from "../data/database.ts";
import type { Outbox } from "../outbox/outbox.ts";
import { directMessageAddress } from "../accounts/invites.ts";
import { text } from "../core/view.ts";
import type { Logger } from "../platform/logger.ts";
import type { AutoReloads } from "./auto-reload.ts";
import type { MethodRecord, PaymentMethods } from "./payment-methods.ts";
import { ABANDONED_AFTER_MS, paymentSelect, type PaymentOrigin, type PayOutcome, type Payments } from "./payments.ts";
import { Decimal, formatMoney } from "../core/money.ts";

export interface AbandonedPayment {
  paymentId: string;
  /** The account's clock offset: a sandbox account may run ahead of real time. */
  offsetMs: number;
}

/** What one reconciliation did: only what this caller settled is counted, not what another did meanwhile. */
export type Reconciled = "credited" | "pending" | "failed" | "left";

export class PaymentReconciler {
  constructor(
    private readonly db: Db,
    private readonly payments: Payments,
    private readonly methods: PaymentMethods,
    private readonly autoReload: AutoReloads,
    private readonly outbox: Outbox,
    private readonly log: Logger,
  ) {}

  /** Payments left "processing" past the abandon time (in their account's time), after `cursor` in id order. */
  async abandonedAfter(cursor: string, take: number, now: Date): Promise<AbandonedPayment[]> {
    const abandonedBefore = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
    const rows = await this.db.$queryRawUnsafe<{ id: string; offset: string }[]>(ABANDONED_PAYMENTS_SQL, cursor, take, abandonedBefore);
    return rows.map((r) => ({ paymentId: r.id, offsetMs: Number(r.offset) }));
  }

  /** Asks the processor again about one abandoned payment and settles its answer; `at` is the account's time. */
  async reconcile(paymentId: string, at: Date): Promise<Reconciled> {
    const payment = await this.db.payment.findUnique({ where: { id: paymentId }, select: { ...paymentSelect, requestedBy: true } });
    if (!payment || payment.status !== "processing") return "left";
    let outcome: PayOutcome | undefined;
    let method: MethodRecord | undefined;
    // An auto-reload is finished the auto-reload way, so its events and failure count are kept.
    if (payment.origin === "autoreload") outcome = await this.autoReload.resumeAbandoned(payment, at);
    if (!outcome) {
      method = await this.methods.getEvenRemoved(payment.accountId, payment.methodId);
      if (!method) {
        this.log.error({ paymentId, accountId: payment.accountId }, "a payment left processing has no payment method to ask the processor about");
        return "left";
      }
      outcome = await this.payments.pay({
        accountId: payment.accountId,
        method,
        amount: new Decimal(payment.amount.toString()),
        key: payment.key,
        origin: payment.origin as PaymentOrigin,
        requestedBy: payment.requestedBy ?? undefined,
        at,
      });
    }
    if (!outcome.fresh) return "left";
    const status = outcome.payment.status;
    const result: Reconciled = status === "failed" ? "failed" : status === "pending" && !outcome.payment.creditedAt ? "pending" : "credited";
    this.log.warn({ paymentId, accountId: payment.accountId, origin: payment.origin, result }, "finished a payment a dead process left processing");
    if (payment.origin === "topup" && payment.requestedBy && method) {
      await this.tellRequester(payment.requestedBy, outcome.payment, method, result);
    }
    return result;
  }

  /** A direct message to whoever ran the top-up; the dedupe key keeps it to one per payment. */
  private async tellRequester(requestedBy: string, payment: PayOutcome["payment"], method: MethodRecord, result: Reconciled): Promise<void> {
    const started = `${payment.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const what = `Your top-up of ${formatMoney(payment.amount.toString())} from ${method.label}, started ${started}, did not get an answer when you ran it`;
    const sentence =
      result === "failed"
        ? `${what}: the payment processor has now declined it (${payment.failureReason ?? "no reason given"}). Nothing was charged. Try another method with \`billing topup\`.`
        : result === "pending"
          ? `${what}: the payment processor has now accepted it, and it is credited when the money arrives. See it with \`billing invoices\`.`
          : `${what}: it has now gone through and was credited once. See the balance with \`billing balance\`.`;
    await this.outbox.enqueue({
      channel: directMessageAddress(requestedBy),
      dedupeKey: `payment-reconciled:${payment.id}`,
      message: { blocks: [text(sentence, result === "failed" ? "warning" : undefined)] },
    });
  }
}

/**
 * $1 cursor (payment id), $2 limit, $3 abandoned before (real time). Unsettled payments
 * only: the settlement index ("settledAt", "settlesAt") keeps this off the settled bulk.
 */
export const ABANDONED_PAYMENTS_SQL = `SELECT p.id, a."clockOffsetMs"::text AS "offset"
   FROM "Payment" p JOIN "Account" a ON a.id = p."accountId"
  WHERE p."settledAt" IS NULL AND p.status = 'processing' AND p.id > $1
    AND p."attemptedAt" <= $3::timestamp + a."clockOffsetMs" * interval '1 millisecond'
  ORDER BY p.id
  LIMIT $2::int`;
