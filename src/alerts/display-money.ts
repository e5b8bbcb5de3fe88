// Amounts in an alert are shown in the account's display currency. The ledger is in EUR;
// conversion belongs to billing (exchange rates). Until it is plugged in, amounts show in
// EUR whatever the display currency, which is the currency the account is charged in.
import { formatMoney, type Decimal } from "../core/money.ts";

export type MoneyFormatter = (eur: Decimal) => string;

/** Resolves once per message (a rate lookup, say) and then formats synchronously. */
export type MoneyDisplay = (currency: string) => Promise<MoneyFormatter>;

export const euroDisplay: MoneyDisplay = async () => (eur) => formatMoney(eur);
