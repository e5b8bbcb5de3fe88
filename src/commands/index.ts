// Every command Switchboard has. Surfaces, help and manifest.yml are generated from this list.
// Layout: a one-word command is src/commands/<word>.command.ts (or <word>/<word>.command.ts
// when <word> is also a group, as `usage` is); every other command is
// src/commands/<group>/<path-with-dashes>.command.ts, listed by its group's index.ts.
import type { AnyArgs, CommandDefinition } from "../core/commands/definition.ts";
import { helpCommand } from "./help.command.ts";
import { cancelCommand } from "./cancel.command.ts";
import { homeCommand } from "./home.command.ts";
import { accountCommands } from "./account/index.ts";
import { alertsCommands } from "./alerts/index.ts";
import { approvalsCommands } from "./approvals/index.ts";
import { billingCommands } from "./billing/index.ts";
import { demoCommands } from "./demo/index.ts";
import { numbersCommands } from "./numbers/index.ts";
import { sandboxCommands } from "./sandbox/index.ts";
import { shortcodesCommands } from "./shortcodes/index.ts";
import { smsCommands } from "./sms/index.ts";
import { subaccountsCommands } from "./subaccounts/index.ts";
import { usageCommands } from "./usage/index.ts";
import { usersCommands } from "./users/index.ts";
import { vonageCommands } from "./vonage/index.ts";

export const allCommands: CommandDefinition<AnyArgs>[] = [
  helpCommand,
  cancelCommand,
  homeCommand,
  ...accountCommands,
  ...alertsCommands,
  ...approvalsCommands,
  ...billingCommands,
  ...demoCommands,
  ...numbersCommands,
  ...sandboxCommands,
  ...shortcodesCommands,
  ...smsCommands,
  ...subaccountsCommands,
  ...usageCommands,
  ...usersCommands,
  ...vonageCommands,
] as CommandDefinition<AnyArgs>[];
