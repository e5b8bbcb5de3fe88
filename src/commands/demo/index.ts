import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { demoNumbersAddCommand } from "./demo-numbers-add.command.ts";
import { demoNumbersListCommand } from "./demo-numbers-list.command.ts";
import { demoNumbersRemoveCommand } from "./demo-numbers-remove.command.ts";
import { demoNumbersVerifyCommand } from "./demo-numbers-verify.command.ts";

export const demoCommands = [
  demoNumbersAddCommand,
  demoNumbersListCommand,
  demoNumbersRemoveCommand,
  demoNumbersVerifyCommand,
] as CommandDefinition<AnyArgs>[];
