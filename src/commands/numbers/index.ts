import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { numbersSearchCommand } from "./numbers-search.command.ts";
import { numbersRentCommand } from "./numbers-rent.command.ts";
import { numbersListCommand } from "./numbers-list.command.ts";
import { numbersConfigureCommand } from "./numbers-configure.command.ts";
import { numbersCancelCommand } from "./numbers-cancel.command.ts";

export const numbersCommands = [
  numbersSearchCommand,
  numbersRentCommand,
  numbersListCommand,
  numbersConfigureCommand,
  numbersCancelCommand,
] as CommandDefinition<AnyArgs>[];
