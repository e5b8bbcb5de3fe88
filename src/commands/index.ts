// Every command Switchboard has. Surfaces, help and manifest.yml are generated from this list.
import type { AnyArgs, CommandDefinition } from "../core/commands/definition.ts";
import { helpCommand } from "./help.command.ts";
import { cancelCommand } from "./cancel.command.ts";
import { homeCommand } from "./home.command.ts";
import { billingCommands } from "./billing/billing-commands.ts";

export const allCommands: CommandDefinition<AnyArgs>[] = [
  ...([helpCommand, cancelCommand, homeCommand] as CommandDefinition<AnyArgs>[]),
  ...billingCommands,
];
