// User errors every number provider and command share, so the same situation reads the same.
import { UserError } from "../core/errors.ts";
import { formatMoney, type Decimal } from "../core/money.ts";
import type { AvailableNumber } from "../providers/number-provider.ts";
import { formatMsisdn } from "./msisdn.ts";

export function notYours(msisdn: string): UserError {
  return new UserError("not_your_number", `${formatMsisdn(msisdn)} is not one of this account's numbers.`, {
    hint: "`numbers list` shows the numbers you rent.",
  });
}

export function notAvailable(msisdn: string): UserError {
  return new UserError("not_available", `${formatMsisdn(msisdn)} is not available: it is already rented or not on sale.`, {
    hint: "Rent a number that `numbers search <country>` lists.",
  });
}

export function cannotCover(number: AvailableNumber, balance: Decimal): UserError {
  return new UserError(
    "insufficient_balance",
    `The balance (${formatMoney(balance)}) does not cover the first month of ${formatMsisdn(number.msisdn)} (${formatMoney(number.monthlyPrice)}).`,
    { hint: "Top up with `billing topup <amount>`, or pick a cheaper number." },
  );
}
