import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { vonageDashboardCommand } from "./vonage-dashboard.command.ts";
import { vonageTopupCommand } from "./vonage-topup.command.ts";

export const vonageCommands = [
  vonageDashboardCommand,
  vonageTopupCommand,
] as CommandDefinition<AnyArgs>[];
