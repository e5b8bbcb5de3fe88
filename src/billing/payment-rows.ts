// Payment rows read and written many at a time (a sweep's auto-reloads), a statement each
// whatever their number. The rules stay in payments.ts; these only move rows.
import type { Db } from "../data/database.ts";
import type { Decimal } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import type { PaymentOrigin, PaymentRecord } from "./payments.ts";

/** The columns of PaymentRecord (of the row named `p`, if given), the amount as text. */
const columns = (p = "") =>
  ["id", `"accountId"`, `"methodId"`, "key", "origin", "amount::text AS amount", "status", `"failureReason"`, `"createdAt"`, `"creditedAt"`, `"settlesAt"`, `"settledAt"`]
    .map((c) => `${p}${c}`)
    .join(", ");

/** The payments of these keys, by key. */
export async function paymentsByKey(db: Db, keys: readonly string[]): Promise<Map<string, PaymentRecord>> {
  if (keys.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<PaymentRecord[]>(`SELECT ${columns()} FROM "Payment" WHERE key = ANY($1::text[])`, keys);
  return new Map(rows.map((r) => [r.key, r]));
}

export interface NewPayment {
  accountId: string;
  methodId: string;
  key: string;
  origin: PaymentOrigin;
  amount: Decimal;
  requestedBy?: string;
  at: Date;
}

/** Starts a payment ("processing") for each key nobody has started; returns those it started, by key. */
export async function startPayments(db: Db, payments: readonly NewPayment[]): Promise<Map<string, PaymentRecord>> {
  if (payments.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<PaymentRecord[]>(
    `INSERT INTO "Payment" (id, "accountId", "methodId", key, origin, amount, status, "requestedBy", "createdAt", "attemptedAt")
     SELECT v.id, v."accountId", v."methodId", v.key, v.origin, v.amount, 'processing', v."requestedBy", v.at, v.at
       FROM jsonb_to_recordset($1::jsonb) AS v(id text, "accountId" text, "methodId" text, key text, origin text, amount numeric, "requestedBy" text, at timestamp)
     ON CONFLICT (key) DO NOTHING
     RETURNING ${columns()}`,
    JSON.stringify(
      payments.map((p) => ({
        id: newId("pay"),
        accountId: p.accountId,
        methodId: p.methodId,
        key: p.key,
        origin: p.origin,
        amount: p.amount.toString(),
        requestedBy: p.requestedBy ?? null,
        at: p.at.toISOString(),
      })),
    ),
  );
  return new Map(rows.map((r) => [r.key, r]));
}

/** Records the processor's answers: declined ones failed with the reason, the others with their reference and settlement date. */
export async function recordCharges(
  db: Db,
  declined: readonly { id: string; reason: string }[],
  accepted: readonly { id: string; status: "succeeded" | "pending"; processorRef: string; settlesAt: Date }[],
): Promise<void> {
  if (declined.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "Payment" p SET status = 'failed', "failureReason" = v.reason FROM jsonb_to_recordset($1::jsonb) AS v(id text, reason text) WHERE p.id = v.id`,
      JSON.stringify(declined),
    );
  }
  if (accepted.length > 0) {
    await db.$executeRawUnsafe(
      `UPDATE "Payment" p SET status = v.status, "processorRef" = v.ref, "settlesAt" = v.settles
         FROM jsonb_to_recordset($1::jsonb) AS v(id text, status text, ref text, settles timestamp) WHERE p.id = v.id`,
      JSON.stringify(accepted.map((a) => ({ id: a.id, status: a.status, ref: a.processorRef, settles: a.settlesAt.toISOString() }))),
    );
  }
}

/** The payments of these ids with their methods' labels ("a removed payment method" once gone). */
export async function paymentsWithLabels(db: Db, ids: readonly string[]): Promise<(PaymentRecord & { label: string | null })[]> {
  if (ids.length === 0) return [];
  return db.$queryRawUnsafe<(PaymentRecord & { label: string | null })[]>(
    `SELECT ${columns("p.")}, m.label FROM "Payment" p LEFT JOIN "PaymentMethod" m ON m.id = p."methodId" WHERE p.id = ANY($1::text[]) ORDER BY p.id`,
    ids,
  );
}

/** The accounts' auto-reload payments still processing or pending, oldest first, with when each was last tried. */
export async function reloadsOnTheirWay(db: Db, accountIds: readonly string[]): Promise<(PaymentRecord & { attemptedAt: Date })[]> {
  return db.$queryRawUnsafe<(PaymentRecord & { attemptedAt: Date })[]>(
    `SELECT ${columns()}, "attemptedAt" FROM "Payment"
      WHERE "accountId" = ANY($1::text[]) AND origin = 'autoreload' AND status IN ('processing', 'pending')
      ORDER BY "createdAt", id`,
    accountIds,
  );
}
