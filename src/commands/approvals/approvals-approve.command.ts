import { defineCommand } from "../../core/commands/definition.ts";
import { decide, decisionArgs } from "./approval-decision.ts";

export const approvalsApproveCommand = defineCommand({
  path: "approvals approve",
  description: "Approve another user's spend above the account's limit: it may then run once",
  examples: ["approvals approve apr_3f9c2a"],
  args: decisionArgs,
  positional: ["id"],
  fields: { id: { label: "Request id" } },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  handler: (ctx, { id }) => decide(ctx, id, "approved"),
});
