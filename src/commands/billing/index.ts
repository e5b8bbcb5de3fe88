// The billing commands, in the order help lists them.
import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { billingBalanceCommand } from "./billing-balance.command.ts";
import { billingTopupCommand } from "./billing-topup.command.ts";
import { billingMethodsAddCommand } from "./billing-methods-add.command.ts";
import { billingMethodsListCommand } from "./billing-methods-list.command.ts";
import { billingMethodsRemoveCommand } from "./billing-methods-remove.command.ts";
import { billingAutoreloadCommand } from "./billing-autoreload.command.ts";
import { billingCurrencyCommand } from "./billing-currency.command.ts";
import { billingInvoicesCommand } from "./billing-invoices.command.ts";
import { billingInvoiceCommand } from "./billing-invoice.command.ts";
import { billingExportCommand } from "./billing-export.command.ts";
import { billingLimitsCommand } from "./billing-limits.command.ts";

export const billingCommands = [
  billingBalanceCommand,
  billingTopupCommand,
  billingMethodsAddCommand,
  billingMethodsListCommand,
  billingMethodsRemoveCommand,
  billingAutoreloadCommand,
  billingCurrencyCommand,
  billingInvoicesCommand,
  billingInvoiceCommand,
  billingExportCommand,
  billingLimitsCommand,
] as CommandDefinition<AnyArgs>[];
