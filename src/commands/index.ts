// Every command Switchboard has. Surfaces, help and manifest.yml are generated from this list.
import type { AnyArgs, CommandDefinition } from "../core/commands/definition.ts";
import { helpCommand } from "./help.command.ts";
import { cancelCommand } from "./cancel.command.ts";
import { homeCommand } from "./home.command.ts";
import { accountSignupCommand } from "./account/account-signup.command.ts";
import { accountVerifyCommand } from "./account/account-verify.command.ts";
import { accountInfoCommand } from "./account/account-info.command.ts";
import { accountSecretCreateCommand, accountSecretRevealCommand, accountSecretRevokeCommand } from "./account/account-secret.command.ts";
import { accountUseCommand } from "./account/account-use.command.ts";
import { accountProfileCommand, accountProfileUpdateCommand } from "./account/account-profile.command.ts";
import { demoNumbersAddCommand, demoNumbersListCommand, demoNumbersRemoveCommand, demoNumbersVerifyCommand } from "./demo/demo-numbers.command.ts";
import { smsSendCommand } from "./sms-send.command.ts";
import { sandboxAdvanceCommand, sandboxClockCommand } from "./sandbox/sandbox-advance.command.ts";
import { sandboxInboxCommand } from "./sandbox/sandbox-inbox.command.ts";
import { usersInviteCommand } from "./users/users-invite.command.ts";
import { usersAcceptCommand, usersDeclineCommand } from "./users/users-answer.command.ts";
import { usersListCommand, usersMakePrimaryCommand, usersPermissionsCommand, usersRemoveCommand } from "./users/users-manage.command.ts";
import { usersLinkCommand } from "./users/users-link.command.ts";
import { usersUnlinkCommand } from "./users/users-unlink.command.ts";
import { alertsCommands } from "../alerts/commands/index.ts";
import { numbersCommands } from "./numbers/index.ts";
import { shortcodesCommands } from "./shortcodes/index.ts";
import { accountLinkCommand } from "./vonage/account-link.command.ts";
import { accountUnlinkCommand } from "./vonage/account-unlink.command.ts";
import { accountWebhooksCommand } from "./vonage/account-webhooks.command.ts";
import { vonageTopupCommand } from "./vonage/vonage-topup.command.ts";
import { vonageDashboardCommand } from "./vonage/vonage-dashboard.command.ts";
import { subaccountsCreateCommand, subaccountsListCommand } from "./vonage/subaccounts.command.ts";
import { subaccountsReactivateCommand, subaccountsSuspendCommand } from "./vonage/subaccounts-status.command.ts";
import {
  subaccountsTransferBalanceCommand,
  subaccountsTransferCreditCommand,
  subaccountsTransferNumberCommand,
} from "./vonage/subaccounts-transfer.command.ts";

export const allCommands: CommandDefinition<AnyArgs>[] = [
  helpCommand,
  cancelCommand,
  homeCommand,
  accountSignupCommand,
  accountVerifyCommand,
  accountInfoCommand,
  accountSecretRevealCommand,
  accountSecretCreateCommand,
  accountSecretRevokeCommand,
  accountUseCommand,
  accountProfileCommand,
  accountProfileUpdateCommand,
  demoNumbersAddCommand,
  demoNumbersVerifyCommand,
  demoNumbersRemoveCommand,
  demoNumbersListCommand,
  smsSendCommand,
  sandboxInboxCommand,
  sandboxAdvanceCommand,
  sandboxClockCommand,
  usersInviteCommand,
  usersAcceptCommand,
  usersDeclineCommand,
  usersListCommand,
  usersPermissionsCommand,
  usersRemoveCommand,
  usersMakePrimaryCommand,
  usersLinkCommand,
  usersUnlinkCommand,
  ...alertsCommands,
  ...numbersCommands,
  ...shortcodesCommands,
  ...billingCommands,
  accountLinkCommand,
  accountUnlinkCommand,
  accountWebhooksCommand,
  vonageTopupCommand,
  vonageDashboardCommand,
  subaccountsListCommand,
  subaccountsCreateCommand,
  subaccountsSuspendCommand,
  subaccountsReactivateCommand,
  subaccountsTransferCreditCommand,
  subaccountsTransferBalanceCommand,
  subaccountsTransferNumberCommand,
] as CommandDefinition<AnyArgs>[];
import { billingCommands } from "./billing/billing-commands.ts";

