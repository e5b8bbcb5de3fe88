import { moneyTransfer } from "./money-transfer.ts";

export const subaccountsTransferBalanceCommand = moneyTransfer("balance");
