// Spends above the account's approval limit, and the second user's say on them.
import type { AnyArgs, CommandDefinition } from "../../core/commands/definition.ts";
import { approvalsListCommand } from "./approvals-list.command.ts";
import { approvalsApproveCommand } from "./approvals-approve.command.ts";
import { approvalsDenyCommand } from "./approvals-deny.command.ts";

export const approvalsCommands = [
  approvalsListCommand,
  approvalsApproveCommand,
  approvalsDenyCommand,
] as CommandDefinition<AnyArgs>[];
