import { moneyTransfer } from "./money-transfer.ts";

export const subaccountsTransferCreditCommand = moneyTransfer("credit");
