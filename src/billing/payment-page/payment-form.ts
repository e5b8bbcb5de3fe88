// Reads and checks a submission of the payment page. What fails is reported per field;
// card number and security code are never sent back to the browser.
import { COUNTRIES } from "../../core/suggest/countries.ts";
import { canonicalize, containsCardNumber } from "../../core/card-numbers.ts";
import type { BillingAddress, PaymentDetails } from "../processor/payment-processor.ts";

export const FORM_KINDS = ["card", "paypal", "bank_transfer"] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** Values safe to show again: everything but the card number, expiry and code. */
export interface EchoValues {
  kind: FormKind;
  email: string;
  name: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  country: string;
}

export type FieldErrors = Partial<Record<"number" | "expiry" | "cvc" | "email" | keyof BillingAddress, string>>;

export type ParsedForm =
  | { ok: true; details: PaymentDetails; address: BillingAddress; echo: EchoValues }
  | { ok: false; errors: FieldErrors; echo: EchoValues };

const field = (form: URLSearchParams, name: string, max = 200) => (form.get(name) ?? "").trim().slice(0, max);

export function parsePaymentForm(form: URLSearchParams): ParsedForm {
  const kindValue = field(form, "kind");
  const kind: FormKind = (FORM_KINDS as readonly string[]).includes(kindValue) ? (kindValue as FormKind) : "card";
  const echo: EchoValues = {
    kind,
    email: field(form, "email"),
    name: field(form, "name"),
    line1: field(form, "line1"),
    line2: field(form, "line2"),
    city: field(form, "city"),
    postalCode: field(form, "postalCode", 20),
    country: field(form, "country", 2).toUpperCase(),
  };
  const errors: FieldErrors = {};
  refuseCardsOutsideTheCardField(echo, errors);
  const details = readDetails(kind, form, echo, errors);
  if (!echo.name && !errors.name) errors.name = "Enter the name for the billing address.";
  if (!echo.line1 && !errors.line1) errors.line1 = "Enter the billing address.";
  if (!echo.city && !errors.city) errors.city = "Enter the city.";
  if (!echo.postalCode && !errors.postalCode) errors.postalCode = "Enter the postal code.";
  if (!COUNTRIES[echo.country]) errors.country = "Choose the country.";
  if (!details || Object.keys(errors).length > 0) return { ok: false, errors, echo };
  const address: BillingAddress = { name: echo.name, line1: echo.line1, line2: echo.line2 || undefined, city: echo.city, postalCode: echo.postalCode, country: echo.country };
  return { ok: true, details, address, echo };
}

const TEXT_FIELDS = ["email", "name", "line1", "line2", "city", "postalCode"] as const;

/**
 * A card number typed into the name or address (or PayPal) field would be stored with the
 * billing address: refuse the field, and blank it so the page does not show it again.
 */
function refuseCardsOutsideTheCardField(echo: EchoValues, errors: FieldErrors): void {
  for (const name of TEXT_FIELDS) {
    if (!containsCardNumber(echo[name])) continue;
    echo[name] = "";
    errors[name] = "This looks like a card number: enter it only in the card number field, never here.";
  }
}

function readDetails(kind: FormKind, form: URLSearchParams, echo: EchoValues, errors: FieldErrors): PaymentDetails | undefined {
  if (kind === "bank_transfer") return { kind };
  if (kind === "paypal") {
    if (errors.email) return undefined;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(echo.email)) {
      errors.email = "Enter the email address of your PayPal account.";
      return undefined;
    }
    return { kind, email: echo.email };
  }
  // Read through the normaliser: full-width digits and invisible characters are still the number.
  const number = canonicalize(field(form, "number", 60)).text.replace(/[\s\-./_]/g, "");
  const expiry = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(field(form, "expiry", 10));
  const cvc = field(form, "cvc", 8);
  if (!/^\d{13,19}$/.test(number)) errors.number = "Enter the card number (13 to 19 digits).";
  const month = expiry ? Number(expiry[1]) : 0;
  if (!expiry || month < 1 || month > 12) errors.expiry = "Enter the expiry date as MM/YY.";
  if (!/^\d{3,4}$/.test(cvc)) errors.cvc = "Enter the 3 or 4 digit security code from the back of the card.";
  if (errors.number || errors.expiry || errors.cvc) return undefined;
  const year = expiry![2]!.length === 2 ? 2000 + Number(expiry![2]) : Number(expiry![2]);
  return { kind, number, expMonth: month, expYear: year, cvc };
}
