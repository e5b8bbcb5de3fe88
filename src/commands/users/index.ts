import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { usersAcceptCommand } from "./users-accept.command.ts";
import { usersDeclineCommand } from "./users-decline.command.ts";
import { usersInviteCommand } from "./users-invite.command.ts";
import { usersLinkCommand } from "./users-link.command.ts";
import { usersLinkConfirmCommand } from "./users-link-confirm.command.ts";
import { usersListCommand } from "./users-list.command.ts";
import { usersMakePrimaryCommand } from "./users-make-primary.command.ts";
import { usersPermissionsCommand } from "./users-permissions.command.ts";
import { usersRemoveCommand } from "./users-remove.command.ts";
import { usersUnlinkCommand } from "./users-unlink.command.ts";

export const usersCommands = [
  usersAcceptCommand,
  usersDeclineCommand,
  usersInviteCommand,
  usersLinkCommand,
  usersLinkConfirmCommand,
  usersListCommand,
  usersMakePrimaryCommand,
  usersPermissionsCommand,
  usersRemoveCommand,
  usersUnlinkCommand,
] as CommandDefinition<AnyArgs>[];
