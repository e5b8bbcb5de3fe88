import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { accountInfoCommand } from "./account-info.command.ts";
import { accountLinkCommand } from "./account-link.command.ts";
import { accountProfileUpdateCommand } from "./account-profile-update.command.ts";
import { accountProfileCommand } from "./account-profile.command.ts";
import { accountSecretCreateCommand } from "./account-secret-create.command.ts";
import { accountSecretRevealCommand } from "./account-secret-reveal.command.ts";
import { accountSecretRevokeCommand } from "./account-secret-revoke.command.ts";
import { accountSignupCommand } from "./account-signup.command.ts";
import { accountUnlinkCommand } from "./account-unlink.command.ts";
import { accountUseCommand } from "./account-use.command.ts";
import { accountVerifyCommand } from "./account-verify.command.ts";
import { accountWebhooksCommand } from "./account-webhooks.command.ts";

export const accountCommands = [
  accountInfoCommand,
  accountLinkCommand,
  accountProfileUpdateCommand,
  accountProfileCommand,
  accountSecretCreateCommand,
  accountSecretRevealCommand,
  accountSecretRevokeCommand,
  accountSignupCommand,
  accountUnlinkCommand,
  accountUseCommand,
  accountVerifyCommand,
  accountWebhooksCommand,
] as CommandDefinition<AnyArgs>[];
