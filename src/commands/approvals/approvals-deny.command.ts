import { defineCommand } from "../../core/commands/definition.ts";
import { decide, decisionArgs } from "./approval-decision.ts";

export const approvalsDenyCommand = defineCommand({
  path: "approvals deny",
  description: "Deny another user's spend above the account's limit: nothing is charged",
  examples: ["approvals deny apr_3f9c2a"],
  args: decisionArgs,
  positional: ["id"],
  fields: { id: { label: "Request id" } },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  handler: (ctx, { id }) => decide(ctx, id, "denied"),
});
