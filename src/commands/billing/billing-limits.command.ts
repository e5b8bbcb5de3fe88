import { z } from "zod";
import { defineCommand } from "../../core/commands/definition.ts";
import { fields, reply, text } from "../../core/view.ts";
import { Decimal, formatMoney } from "../../core/money.ts";
import { UserError } from "../../core/errors.ts";
import { amountArg } from "./billing-args.ts";

const LIMIT_MAX = new Decimal(1_000_000);

/** The spend guardrails: shown to any user, changed by the primary user. */
export const billingLimitsCommand = defineCommand({
  path: "billing limits",
  description: "Show or change the spend guardrails: top-ups a day, numbers rented an hour, the amount above which a second user approves",
  examples: ["billing limits", "billing limits topups:2000 rents:10 approval:250"],
  args: z.object({
    topups: amountArg(new Decimal(10), LIMIT_MAX).optional(),
    rents: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(10_000, "must be at most 10000").optional(),
    approval: amountArg(new Decimal(1), LIMIT_MAX).optional(),
  }),
  fields: {
    topups: { label: "Top-ups a day (EUR)", kind: "amount" },
    rents: { label: "Numbers rented an hour" },
    approval: { label: "A second user approves any single spend above (EUR)", kind: "amount" },
  },
  access: "member",
  sideEffect: "write",
  needsAccount: true,
  async handler(ctx, { topups, rents, approval }) {
    const { account, member } = ctx;
    const { guard } = ctx.services.billing;
    const changing = topups !== undefined || rents !== undefined || approval !== undefined;
    if (changing && member?.role !== "primary") {
      throw new UserError("primary_only", `Only the primary user of ${account.companyName} can change its spend limits.`, {
        hint: "`billing limits` with no options shows them to anyone.",
      });
    }
    const policy = changing
      ? await guard.setPolicy(account.id, { topupPerDay: topups, rentsPerHour: rents, approvalAbove: approval }, ctx.invocation.actor, ctx.clock.now())
      : await guard.policy(account.id);
    return reply([
      text(changing ? `Saved the spend limits of ${account.companyName}.` : `Spend limits of ${account.companyName}:`, changing ? "success" : undefined),
      fields({
        "Top-ups a day": formatMoney(policy.topupPerDay),
        "Numbers rented an hour": String(policy.rentsPerHour),
        "Second user approves above": formatMoney(policy.approvalAbove),
      }),
      text("The primary user changes them with `billing limits topups:<amount> rents:<count> approval:<amount>`.", "muted"),
    ]);
  },
});
