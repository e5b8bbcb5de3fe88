import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { smsSendCommand } from "./sms-send.command.ts";

export const smsCommands = [
  smsSendCommand,
] as CommandDefinition<AnyArgs>[];
