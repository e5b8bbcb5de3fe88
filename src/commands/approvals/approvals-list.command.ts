import { z } from "zod";
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { defineCommand } from "../../core/commands/definition.ts";
import { buttons, fields, reply, text, type Block } from "../../core/view.ts";
import { formatMoney } from "../../core/money.ts";
import type { ApprovalRecord } from "../../billing/spend-guard.ts";

dayjs.extend(utc);

/** Any user sees the requests; the buttons are there for those who may decide. */
export const approvalsListCommand = defineCommand({
  path: "approvals list",
  description: "Spends waiting for a second user's approval, and those decided in the last day",
  args: z.object({}),
  access: "member",
  sideEffect: "read",
  needsAccount: true,
  async handler(ctx) {
    const { account } = ctx;
    const approvals = await ctx.services.billing.guard.list(account.id, ctx.clock.now());
    const policy = await ctx.services.billing.guard.policy(account.id);
    const limits = text(
      `Limits of ${account.companyName}: top-ups ${formatMoney(policy.topupPerDay)} a day, ${policy.rentsPerHour} numbers rented an hour, ` +
        `a second user approves any single spend above ${formatMoney(policy.approvalAbove)} (\`billing limits\` changes them).`,
      "muted",
    );
    if (approvals.length === 0) return reply([text(`No spend of ${account.companyName} is waiting for approval.`), limits]);
    return reply([...approvals.flatMap((a) => approvalBlocks(a, account.id)), limits]);
  },
});

function stateText({ status, decidedBy }: ApprovalRecord): string {
  if (!decidedBy) return status;
  return status === "used" ? `used (approved by ${decidedBy})` : `${status} by ${decidedBy}`;
}

function approvalBlocks(approval: ApprovalRecord, accountId: string): Block[] {
  const at = (d: Date) => `${dayjs.utc(d).format("D MMM HH:mm")} UTC`;
  const blocks: Block[] = [
    text(`*${approval.id}* · ${approval.requestedByName}: ${approval.summary}`),
    fields({
      State: stateText(approval),
      Asked: at(approval.createdAt),
      ...(approval.status === "pending" || approval.status === "approved" ? { "Open until": at(approval.expiresAt) } : {}),
      Amount: formatMoney(approval.amount),
    }),
  ];
  const args = { id: approval.id, account: accountId };
  if (approval.status === "pending") {
    blocks.push(
      buttons(
        { label: "Approve", style: "primary", action: { command: "approvals approve", args } },
        { label: "Deny", style: "danger", action: { command: "approvals deny", args } },
      ),
    );
  }
  return blocks;
}
