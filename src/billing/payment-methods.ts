// Stored payment methods: what the processor returned, never card details. A card or
// PayPal account is active on one account at a time (a unique fingerprint column).
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";
import { UserError } from "../core/errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
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
    if (vaulted.fingerprint) {
      const holder = await this.db.paymentMethod.findUnique({ where: { activeFingerprint: vaulted.fingerprint }, select: { accountId: true } });
      if (holder) return { ok: false, reason: holder.accountId === input.accountId ? "already_here" : "in_use_elsewhere" };
    }
    if (vaulted.kind === "bank_transfer") {
      const existing = (await this.active(input.accountId)).find((m) => m.kind === "bank_transfer");
      if (existing) return { ok: false, reason: "already_here" };
    }
    const { name, ...address } = input.address;
    try {
      const method = await this.db.paymentMethod.create({
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
          fingerprint: vaulted.fingerprint,
          activeFingerprint: vaulted.fingerprint,
          label: vaulted.label,
          billingName: name,
          billingAddress: address as object,
          addedBy: input.addedBy,
          createdAt: input.at,
        },
        select: methodSelect,
      });
      return { ok: true, method };
    } catch (error) {
      // Two accounts adding the same card at the same moment: the unique column decides.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { ok: false, reason: "in_use_elsewhere" };
      throw error;
    }
  }

  async active(accountId: string): Promise<MethodRecord[]> {
    return this.db.paymentMethod.findMany({ where: { accountId, removedAt: null }, orderBy: { createdAt: "asc" }, select: methodSelect });
  }

  async get(accountId: string, id: string): Promise<MethodRecord | undefined> {
    const method = await this.db.paymentMethod.findFirst({ where: { id, accountId, removedAt: null }, select: methodSelect });
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
    const { count } = await this.db.paymentMethod.updateMany({ where: { id, accountId, removedAt: null }, data: { removedAt: at, activeFingerprint: null } });
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
