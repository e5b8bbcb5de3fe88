// The sandbox's payment processor. It behaves like a PSP from the outside: details go in
// once, a token comes back, charges are idempotent by key and settle later. Its state is
// in the token itself, so it needs no tables. Fingerprints are salted scrypt over a keyed
// HMAC (method-fingerprint.ts), so a database copy cannot be turned back into card numbers.
import { createHash, randomBytes } from "node:crypto";
import { fingerprintOf, type MethodFingerprint } from "./method-fingerprint.ts";
import type { Db } from "../../data/database.ts";
import type { SecretBox } from "../../platform/secret-box.ts";
import { luhnValid } from "../../core/card-numbers.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { addWorkingDays } from "../working-days.ts";
import { behaviourOf, PAYPAL_DECLINED_PREFIX, type CardBehaviour } from "./test-cards.ts";
import type { BillingAddress, ChargeRequest, ChargeResult, PaymentDetails, PaymentProcessor, VaultResult } from "./payment-processor.ts";

const HOUR = 3_600_000;
export const CARD_PENDING_HOURS = 72;
const LATE_CARD_HOURS = 48;
const KEY_NAME = "billing:simulated-processor:fingerprint-key";

type TokenBehaviour = CardBehaviour | "paypal" | "bank";

export class SimulatedProcessor implements PaymentProcessor {
  readonly name = "simulated";
  private keyPromise?: Promise<Buffer>;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {}

  async vault(details: PaymentDetails, _address: BillingAddress, at: Date): Promise<VaultResult> {
    if (details.kind === "bank_transfer") {
      return { ok: true, method: { kind: "bank_transfer", token: token("bank"), brand: "Bank transfer", label: "Bank transfer" } };
    }
    if (details.kind === "paypal") {
      const email = details.email.trim().toLowerCase();
      if (email.startsWith(PAYPAL_DECLINED_PREFIX)) return { ok: false, reason: "PayPal declined this account.", field: "email" };
      return {
        ok: true,
        method: { kind: "paypal", token: token("paypal"), brand: "PayPal", fingerprint: await this.fingerprint(`paypal:${email}`), label: `PayPal ${maskEmail(email)}` },
      };
    }
    const digits = details.number.replace(/[\s-]/g, "");
    const brand = brandOf(digits);
    if (!/^\d{13,19}$/.test(digits) || !luhnValid(digits)) return { ok: false, reason: "That card number is not valid.", field: "number" };
    if (!brand) return { ok: false, reason: "Only Visa and Mastercard cards are accepted.", field: "number" };
    if (expired(details.expMonth, details.expYear, at)) return { ok: false, reason: "That card has expired.", field: "expiry" };
    const behaviour = behaviourOf(digits);
    if (behaviour === "decline-on-add") return { ok: false, reason: "The card was declined by its bank. Try another card.", field: "number" };
    return {
      ok: true,
      method: {
        kind: "card",
        token: token(behaviour),
        brand,
        last4: digits.slice(-4),
        expMonth: details.expMonth,
        expYear: details.expYear,
        fingerprint: await this.fingerprint(`card:${digits}`),
        label: `${brand} •••• ${digits.slice(-4)}`,
      },
    };
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const behaviour = behaviourOfToken(request.token);
    // The same key gives the same charge reference: asking twice charges once.
    const processorRef = `sim_ch_${createHash("sha256").update(request.idempotencyKey).digest("hex").slice(0, 20)}`;
    const at = request.at.getTime();
    switch (behaviour) {
      case "decline-charges":
        return { outcome: "declined", reason: "The card was declined: insufficient funds." };
      case "settle-later":
        return { outcome: "pending", processorRef, settlesAt: new Date(at + LATE_CARD_HOURS * HOUR) };
      case "bank": {
        const days = 1 + (parseInt(processorRef.slice(-4), 16) % 3);
        return { outcome: "pending", processorRef, settlesAt: addWorkingDays(request.at, days) };
      }
      case "paypal":
        return { outcome: "approved", processorRef, settlesAt: request.at };
      case "approve":
        return { outcome: "approved", processorRef, settlesAt: new Date(at + CARD_PENDING_HOURS * HOUR) };
      default:
        return { outcome: "declined", reason: "The processor does not know this payment method." };
    }
  }

  async forget(_token: string): Promise<void> {
    // Stateless: nothing is held for a token.
  }

  private async fingerprint(value: string): Promise<MethodFingerprint> {
    this.keyPromise ??= this.loadKey();
    return fingerprintOf(await this.keyPromise, value);
  }

  private async loadKey(): Promise<Buffer> {
    try {
      const sealed = this.secrets.seal(randomBytes(32).toString("base64"));
      await this.db.keyValue.create({ data: { key: KEY_NAME, value: { sealed } } });
    } catch (error) {
      // Another instance created it first: use theirs.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
    const row = await this.db.keyValue.findUniqueOrThrow({ where: { key: KEY_NAME }, select: { value: true } });
    return Buffer.from(this.secrets.open((row.value as { sealed: string }).sealed), "base64");
  }
}

const token = (behaviour: TokenBehaviour) => `sim_${behaviour}_${randomBytes(12).toString("base64url")}`;

function behaviourOfToken(value: string): TokenBehaviour | undefined {
  const match = /^sim_([a-z-]+)_/.exec(value);
  return match?.[1] as TokenBehaviour | undefined;
}

function brandOf(digits: string): string | undefined {
  if (digits.startsWith("4")) return "Visa";
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return "Mastercard";
  return undefined;
}

/** A card is valid through the last day of its expiry month. */
function expired(month: number, year: number, at: Date): boolean {
  return Date.UTC(year, month, 1) <= at.getTime();
}

function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}
