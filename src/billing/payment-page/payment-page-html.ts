// The payment page: card, PayPal or bank transfer, and the billing address (required).
// No scripts and no external assets; the form posts back to the same server.
import { COUNTRIES } from "../../core/suggest/countries.ts";
import { TEST_CARDS } from "../processor/test-cards.ts";
import type { EchoValues, FieldErrors } from "./payment-form.ts";
import { escapeHtml as e, page } from "./html.ts";
import { PAY_PATH } from "./paths.ts";

export interface FormView {
  token: string;
  companyName: string;
  expiresAt: Date;
  echo?: EchoValues;
  errors?: FieldErrors;
  /** A refusal that is not about one field (declined card, card used elsewhere). */
  banner?: string;
  showTestCards: boolean;
}

const time = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;

function input(name: keyof FieldErrors | "line2", label: string, view: FormView, options: { value?: string; autocomplete: string; type?: string; inputmode?: string; optional?: boolean }): string {
  const error = view.errors?.[name as keyof FieldErrors];
  const id = `f-${name}`;
  return `<label for="${id}">${e(label)}${options.optional ? ' <span class="muted">(optional)</span>' : ""}</label>
<input type="${options.type ?? "text"}" id="${id}" name="${name}" value="${e(options.value ?? "")}" autocomplete="${options.autocomplete}"${options.inputmode ? ` inputmode="${options.inputmode}"` : ""}${options.optional ? "" : ' aria-required="true"'}${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ""}>
${error ? `<p class="error" id="${id}-error">${e(error)}</p>` : ""}`;
}

export function renderPaymentForm(view: FormView): string {
  const v: Partial<EchoValues> = view.echo ?? {};
  const kind = v.kind ?? "card";
  const radio = (value: string, label: string) =>
    `<label class="choice"><input type="radio" name="kind" value="${value}"${kind === value ? " checked" : ""}> ${label}</label>`;
  const countryError = view.errors?.country;
  const countries = Object.entries(COUNTRIES)
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([code, name]) => `<option value="${code}"${v.country === code ? " selected" : ""}>${e(name)}</option>`)
    .join("");
  // Card details are never sent back to the browser: say so, or the blank fields surprise.
  const reenter = view.echo && kind === "card" ? " For your security, enter the card details again." : "";
  const banner = (view.banner ?? (view.errors && Object.keys(view.errors).length ? "Check the highlighted fields: nothing was saved." : undefined))?.concat(reenter);
  return page(
    "Add a payment method",
    `<h1>Add a payment method to ${e(view.companyName)}</h1>
<p class="muted">This private link works once and expires at ${time(view.expiresAt)}. Card details go to the payment processor only: Switchboard keeps the brand, the last four digits and the expiry.</p>
${banner ? `<div class="banner error" role="alert">${e(banner)}</div>` : ""}
<form method="post" action="${PAY_PATH}" novalidate>
<input type="hidden" name="token" value="${e(view.token)}">
<fieldset><legend>Payment method</legend>
${radio("card", "Card (Visa, Mastercard)")} ${radio("paypal", "PayPal")} ${radio("bank_transfer", "Bank transfer")}
</fieldset>
<fieldset><legend>Card</legend>
${input("number", "Card number", view, { autocomplete: "cc-number", inputmode: "numeric" })}
<div class="row"><div>${input("expiry", "Expiry (MM/YY)", view, { autocomplete: "cc-exp" })}</div><div>${input("cvc", "Security code", view, { autocomplete: "cc-csc", inputmode: "numeric" })}</div></div>
</fieldset>
<fieldset><legend>PayPal</legend>
${input("email", "PayPal email", view, { value: v.email, autocomplete: "email", type: "email" })}
</fieldset>
<fieldset><legend>Bank transfer</legend>
<p class="muted">Each top-up gets a pro-forma invoice with the reference to quote; the money and the final invoice follow in 1 to 3 working days.</p>
</fieldset>
<fieldset><legend>Billing address</legend>
<p class="muted">Required: the address registered with your card or PayPal account.</p>
${input("name", "Name or company", view, { value: v.name, autocomplete: "billing name" })}
${input("line1", "Address", view, { value: v.line1, autocomplete: "billing address-line1" })}
${input("line2", "Address line 2", view, { value: v.line2, autocomplete: "billing address-line2", optional: true })}
<div class="row"><div>${input("city", "City", view, { value: v.city, autocomplete: "billing address-level2" })}</div><div>${input("postalCode", "Postal code", view, { value: v.postalCode, autocomplete: "billing postal-code" })}</div></div>
<label for="f-country">Country</label>
<select id="f-country" name="country" autocomplete="billing country" aria-required="true"${countryError ? ' aria-invalid="true" aria-describedby="f-country-error"' : ""}><option value="">Choose…</option>${countries}</select>
${countryError ? `<p class="error" id="f-country-error">${e(countryError)}</p>` : ""}
</fieldset>
<button type="submit">Save payment method</button>
</form>
${view.showTestCards ? testCards() : ""}`,
  );
}

function testCards(): string {
  const rows = TEST_CARDS.map((card) => `<li><code>${card.number}</code> ${e(card.brand)}: ${e(card.what)}</li>`).join("");
  return `<details><summary class="muted">Sandbox test cards</summary><ul class="muted">${rows}<li>Any expiry in the future and any 3 digits. PayPal: any address; one starting with “decline” is declined.</li></ul></details>`;
}

export function renderSaved(companyName: string, label: string): string {
  return page(
    "Payment method saved",
    `<div class="banner success" role="status">${e(label)} was added to ${e(companyName)}.</div>
<p>You can close this page and go back to the chat: <code>billing topup 20</code> tops up the balance, <code>billing autoreload on</code> keeps it topped up.</p>`,
  );
}

export function renderGone(reason = "This link has expired or was already used."): string {
  return page(
    "Link expired",
    `<h1>${e(reason)}</h1><p>Payment links work once and for 15 minutes. Run <code>billing methods add</code> in the chat for a new one.</p>`,
  );
}
