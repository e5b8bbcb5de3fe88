// The simulated processor's documented test details (also in README.md, "Billing").
// Any other valid Visa or Mastercard number behaves like 4242 4242 4242 4242.

export type CardBehaviour = "approve" | "decline-on-add" | "decline-charges" | "settle-later";

export interface TestCard {
  number: string;
  brand: string;
  behaviour: CardBehaviour;
  what: string;
}

export const TEST_CARDS: TestCard[] = [
  { number: "4242 4242 4242 4242", brand: "Visa", behaviour: "approve", what: "approved: the balance is credited at once, the invoice is final after the 72-hour pending period" },
  { number: "5555 5555 5555 4444", brand: "Mastercard", behaviour: "approve", what: "approved, like 4242 4242 4242 4242" },
  { number: "4000 0000 0000 0002", brand: "Visa", behaviour: "decline-on-add", what: "declined when added on the payment page" },
  { number: "4000 0000 0000 0341", brand: "Visa", behaviour: "decline-charges", what: "added, but every charge is declined (try auto-reload failures)" },
  { number: "4000 0000 0000 0077", brand: "Visa", behaviour: "settle-later", what: "charges are pending: the money arrives and the invoice is final 48 hours later" },
];

/** PayPal in the sandbox: any address works, except those starting with "decline". */
export const PAYPAL_DECLINED_PREFIX = "decline";

export function behaviourOf(digits: string): CardBehaviour {
  return TEST_CARDS.find((card) => card.number.replace(/\s/g, "") === digits)?.behaviour ?? "approve";
}
