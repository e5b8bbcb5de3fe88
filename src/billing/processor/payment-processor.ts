// The port to a payment service provider. Switchboard hands card or PayPal details to the
// processor once, on the payment page, and keeps only what comes back: a token, the
// brand, the last four digits, the expiry and a fingerprint. A real PSP (Braintree,
// Stripe...) replaces the simulated one behind this interface.
import type { Decimal } from "../../core/money.ts";
import type { MethodFingerprint } from "./method-fingerprint.ts";

export interface BillingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export type PaymentDetails =
  | { kind: "card"; number: string; expMonth: number; expYear: number; cvc: string }
  | { kind: "paypal"; email: string }
  | { kind: "bank_transfer" };

export type MethodKind = PaymentDetails["kind"];

/** What a processor returns for stored details: never the details themselves. */
export interface VaultedMethod {
  kind: MethodKind;
  token: string;
  brand: string;
  last4?: string;
  expMonth?: number;
  expYear?: number;
  /** Tells whether a stored fingerprint is of the same card or PayPal account, whoever added it. */
  fingerprint?: MethodFingerprint;
  label: string;
}

export type VaultResult =
  | { ok: true; method: VaultedMethod }
  | { ok: false; reason: string; field?: "number" | "expiry" | "cvc" | "email" };

export interface ChargeRequest {
  token: string;
  amount: Decimal;
  /** The processor charges once per key, however often it is asked. */
  idempotencyKey: string;
  at: Date;
}

export type ChargeResult =
  /** Money taken: it can be credited now; the processor settles it at `settlesAt`. */
  | { outcome: "approved"; processorRef: string; settlesAt: Date }
  /** Accepted, but the money arrives only at `settlesAt` (bank transfers, some cards). */
  | { outcome: "pending"; processorRef: string; settlesAt: Date }
  | { outcome: "declined"; reason: string };

export interface PaymentProcessor {
  readonly name: string;
  vault(details: PaymentDetails, address: BillingAddress, at: Date): Promise<VaultResult>;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Deletes the stored method at the processor. */
  forget(token: string): Promise<void>;
}
