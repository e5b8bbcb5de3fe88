// Stored payment methods: what the processor returned, never card details. A card or
// PayPal account is active on one account at a time (salted fingerprints, compared under a lock).
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { BillingAddress, MethodKind, VaultedMethod } from "./processor/payment-processor.ts";

export const methodSelect = {
  id: true,
  accountId: true,
  kind: true,
  processorToken: true,
  brand: true,
  last4: true,
  expMonth: true,
  expYear: true,
  label: true,
  billingName: true,
  billingAddress: true,
  createdAt: true,
} as const;

export interface MethodRecord {
  id: string;
  accountId: string;
  kind: string;
  processorToken: string;
  brand: string;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  label: string;
  billingName: string;
  billingAddress: unknown;
  createdAt: Date;
}

export type AddOutcome = { ok: true; method: MethodRecord } | { ok: false; reason: "in_use_elsewhere" | "already_here" };

export class PaymentMethods {
  constructor(private readonly db: Db) {}

  async add(input: { accountId: string; processor: string; vaulted: VaultedMethod; address: BillingAddress; addedBy: string; at: Date }): Promise<AddOutcome> {
    const { vaulted } = input;
    // Salted fingerprints cannot be unique-indexed: adds showing the same brand and last four
    // (the only ones that can be the same card) queue on one lock and compare.
    return this.db.$transaction(
      async (tx) => {
        if (vaulted.fingerprint) {
          const bucket = `payment-method:${vaulted.kind}:${vaulted.label}`;
          await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${bucket}, 0))) AS l`;
          const holder = await this.holderOf(tx, vaulted);
          if (holder) return { ok: false, reason: holder === input.accountId ? "already_here" : "in_use_elsewhere" } as const;
        }
        if (vaulted.kind === "bank_transfer") {
          const existing = await tx.paymentMethod.findFirst({ where: { accountId: input.accountId, kind: "bank_transfer", removedAt: null }, select: { id: true } });
          if (existing) return { ok: false, reason: "already_here" } as const;
        }
        const { name, ...address } = input.address;
        const method = await tx.paymentMethod.create({
          data: {
            id: newId("pm"),
            accountId: input.accountId,
            kind: vaulted.kind,
            processor: input.processor,
            processorToken: vaulted.token,
            brand: vaulted.brand,
            last4: vaulted.last4,
            expMonth: vaulted.expMonth,
            expYear: vaulted.expYear,
            fingerprint: vaulted.fingerprint?.stored,
            label: vaulted.label,
            billingName: name,
            billingAddress: address as object,
            addedBy: input.addedBy,
            createdAt: input.at,
          },
          select: methodSelect,
        });
        return { ok: true, method } as const;
      },
      // Each comparison is one scrypt (tens of milliseconds, more under load).
      { maxWait: 20_000, timeout: 60_000 },
    );
  }

  /** The account whose active method is the same card or PayPal account, if any. */
  private async holderOf(tx: Prisma.TransactionClient, vaulted: VaultedMethod): Promise<string | undefined> {
    const candidates = await tx.paymentMethod.findMany({
      where: { kind: vaulted.kind, label: vaulted.label, removedAt: null, fingerprint: { not: null } },
      select: { accountId: true, fingerprint: true },
    });
    for (const candidate of candidates) {
      if (await vaulted.fingerprint!.matches(candidate.fingerprint!)) return candidate.accountId;
    }
    return undefined;
  }

  async active(accountId: string): Promise<MethodRecord[]> {
    return this.db.paymentMethod.findMany({ where: { accountId, removedAt: null }, orderBy: { createdAt: "asc" }, select: methodSelect });
  }

  async get(accountId: string, id: string): Promise<MethodRecord | undefined> {
    const method = await this.db.paymentMethod.findFirst({ where: { id, accountId, removedAt: null }, select: methodSelect });
    return method ?? undefined;
  }

  /** Several accounts' methods in one query, by method id; a removed one, or another account's, is absent. */
  async getMany(wanted: readonly { accountId: string; id: string }[]): Promise<Map<string, MethodRecord>> {
    if (wanted.length === 0) return new Map();
    // Raw: a sweep's batch names hundreds, and the query builder's IN list costs more than the query.
    const rows = await this.db.$queryRawUnsafe<MethodRecord[]>(
      `SELECT ${Object.keys(methodSelect).map((c) => `"${c}"`).join(", ")} FROM "PaymentMethod" WHERE id = ANY($1::text[]) AND "removedAt" IS NULL`,
      wanted.map((w) => w.id),
    );
    const owner = new Map(wanted.map((w) => [w.id, w.accountId]));
    return new Map(rows.filter((m) => owner.get(m.id) === m.accountId).map((m) => [m.id, m]));
  }

  /** A method even after its removal: a charge already started on it is still asked about. */
  async getEvenRemoved(accountId: string, id: string): Promise<MethodRecord | undefined> {
    const method = await this.db.paymentMethod.findFirst({ where: { id, accountId }, select: methodSelect });
    return method ?? undefined;
  }

  /**
   * The method a person means: its id, its last four digits, "paypal" or "bank"; or, when
   * nothing is said, the newest card or PayPal account (else the bank transfer).
   */
  async resolve(accountId: string, wanted: string | undefined, options: { kinds?: MethodKind[] } = {}): Promise<MethodRecord> {
    const all = (await this.active(accountId)).filter((m) => !options.kinds || options.kinds.includes(m.kind as MethodKind));
    if (all.length === 0) throw noMethod(options.kinds);
    if (!wanted) return [...all].reverse().find((m) => m.kind !== "bank_transfer") ?? all[all.length - 1]!;
    const w = wanted.trim().toLowerCase();
    const matches = all.filter(
      (m) => m.id.toLowerCase() === w || m.last4 === w || m.kind === w || (w.startsWith("bank") && m.kind === "bank_transfer") || m.brand.toLowerCase() === w,
    );
    if (matches.length === 1) return matches[0]!;
    throw new UserError(matches.length === 0 ? "unknown_method" : "ambiguous_method", matches.length === 0 ? `No payment method "${wanted}".` : `"${wanted}" matches several payment methods.`, {
      hint: `Use one of: ${all.map((m) => `${m.id} (${m.label})`).join(", ")}.`,
      field: "method",
    });
  }

  /** Removes a method: the fingerprint is freed, the row kept for past payments and invoices. */
  async remove(accountId: string, id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.paymentMethod.updateMany({ where: { id, accountId, removedAt: null }, data: { removedAt: at } });
    return count > 0;
  }

  /** Label of a method, removed or not, for payments and invoices. */
  async labelOf(id: string): Promise<string> {
    const method = await this.db.paymentMethod.findUnique({ where: { id }, select: { label: true } });
    return method?.label ?? "a removed payment method";
  }
}

export function noMethod(kinds?: MethodKind[]): UserError {
  const what = kinds && !kinds.includes("bank_transfer") ? "card or PayPal account" : "payment method";
  return new UserError("no_payment_method", `This account has no ${what} yet.`, {
    hint: "Run `billing methods add` for a private link to the secure payment page.",
  });
}

export function describeMethod(method: Pick<MethodRecord, "kind" | "label" | "expMonth" | "expYear">): string {
  if (method.kind === "card" && method.expMonth && method.expYear) {
    return `${method.label}, expires ${String(method.expMonth).padStart(2, "0")}/${method.expYear}`;
  }
  return method.label;
}
