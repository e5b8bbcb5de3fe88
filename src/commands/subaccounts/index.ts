import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { subaccountsCreateCommand } from "./subaccounts-create.command.ts";
import { subaccountsListCommand } from "./subaccounts-list.command.ts";
import { subaccountsReactivateCommand } from "./subaccounts-reactivate.command.ts";
import { subaccountsSuspendCommand } from "./subaccounts-suspend.command.ts";
import { subaccountsTransferBalanceCommand } from "./subaccounts-transfer-balance.command.ts";
import { subaccountsTransferCreditCommand } from "./subaccounts-transfer-credit.command.ts";
import { subaccountsTransferNumberCommand } from "./subaccounts-transfer-number.command.ts";

export const subaccountsCommands = [
  subaccountsCreateCommand,
  subaccountsListCommand,
  subaccountsReactivateCommand,
  subaccountsSuspendCommand,
  subaccountsTransferBalanceCommand,
  subaccountsTransferCreditCommand,
  subaccountsTransferNumberCommand,
] as CommandDefinition<AnyArgs>[];
