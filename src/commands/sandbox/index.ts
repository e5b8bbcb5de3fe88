import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { sandboxAdvanceCommand } from "./sandbox-advance.command.ts";
import { sandboxClockCommand } from "./sandbox-clock.command.ts";
import { sandboxInboxCommand } from "./sandbox-inbox.command.ts";
import { sandboxReceiveCommand } from "./sandbox-receive.command.ts";

export const sandboxCommands = [
  sandboxAdvanceCommand,
  sandboxClockCommand,
  sandboxInboxCommand,
  sandboxReceiveCommand,
] as CommandDefinition<AnyArgs>[];
