import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { shortcodes2faCommand } from "./shortcodes-2fa.command.ts";
import { shortcodesAlertsCommand } from "./shortcodes-alerts.command.ts";
import { shortcodesListCommand } from "./shortcodes-list.command.ts";

export const shortcodesCommands = [shortcodes2faCommand, shortcodesAlertsCommand, shortcodesListCommand] as CommandDefinition<AnyArgs>[];
