// `approvals approve` and `approvals deny` share who may decide: a second user holding the
// permission the spend needs (or the primary user), never the one who asked.
import { z } from "zod";
import { UserError } from "../../core/errors.ts";
import type { AccountCommandContext } from "../../core/commands/context.ts";
import type { Reply } from "../../core/view.ts";
import { approvalDecided } from "../../billing/spend-approval-view.ts";

export const decisionArgs = z.object({ id: z.string().trim().regex(/^apr_[\w-]+$/, "is a request id from `approvals list`, such as apr_…") });

export async function decide(ctx: AccountCommandContext, id: string, decision: "approved" | "denied"): Promise<Reply> {
  const { account, member } = ctx;
  const approval = await ctx.services.billing.guard.find(account.id, id, ctx.clock.now());
  if (approval && member && member.role !== "primary" && !member.permissions.includes(approval.permission)) {
    throw new UserError("missing_permission", `Deciding on ${approval.summary} needs the "${approval.permission}" permission on ${account.companyName}.`, {
      hint: "Ask a user who holds it, or the primary user.",
    });
  }
  const decided = await ctx.services.billing.guard.decide(account.id, id, decision, { actor: ctx.invocation.actor, name: ctx.invocation.actorName }, ctx.clock.now());
  await ctx.services.events.emit({
    accountId: account.id,
    type: decision === "approved" ? "spend.approved" : "spend.denied",
    summary: `${ctx.invocation.actorName} ${decision} ${decided.requestedByName}'s request for ${decided.summary}.`,
    data: { approval: decided.id, command: decided.command, amount: decided.amount.toString() },
    at: ctx.clock.now(),
  });
  return approvalDecided(decided);
}
