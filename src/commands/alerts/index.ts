import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { alertsBalanceCommand } from "./alerts-balance.command.ts";
import { alertsListCommand } from "./alerts-list.command.ts";
import { alertsRemoveCommand } from "./alerts-remove.command.ts";
import { alertsSubscribeCommand } from "./alerts-subscribe.command.ts";
import { alertsUnsubscribeCommand } from "./alerts-unsubscribe.command.ts";
import { alertsQuietCommand } from "./alerts-quiet.command.ts";
import { alertsSnoozeCommand } from "./alerts-snooze.command.ts";
import { alertsAckCommand } from "./alerts-ack.command.ts";
import { alertsStatusCommand } from "./alerts-status.command.ts";

export const alertsCommands = [
  alertsBalanceCommand,
  alertsListCommand,
  alertsRemoveCommand,
  alertsSubscribeCommand,
  alertsUnsubscribeCommand,
  alertsQuietCommand,
  alertsSnoozeCommand,
  alertsAckCommand,
  alertsStatusCommand,
] as CommandDefinition<AnyArgs>[];
