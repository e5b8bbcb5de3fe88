// How an approval request reads in the channel: who asked for what, who may decide, and
// the buttons to decide it; and, once approved, the button that runs it.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import { buttons, fields, reply, text, type Reply } from "../core/view.ts";
import { formatMoney } from "../core/money.ts";
import type { ApprovalRecord } from "./spend-guard.ts";

dayjs.extend(utc);

const until = (date: Date) => `${dayjs.utc(date).format("D MMM HH:mm")} UTC`;
const deciders = (permission: string) =>
  permission === "primary" ? "the primary user" : `a second user with the "${permission}" permission (or the primary user)`;

/** Shown in the channel, not only to the requester: the people who can decide see it there. */
export function approvalRequested(approval: ApprovalRecord, limit: string, created: boolean): Reply {
  const args = { id: approval.id, account: approval.accountId };
  return reply(
    [
      text(
        `${created ? "Approval needed" : "Still waiting for approval"}: ${approval.requestedByName} asked for ${approval.summary}, ` +
          `above this account's limit of ${limit} for a single spend. ${capitalize(deciders(approval.permission))} decides.`,
        "warning",
      ),
      fields({ Request: approval.id, Amount: formatMoney(approval.amount), "Open until": until(approval.expiresAt) }),
      buttons(
        { label: "Approve", style: "primary", action: { command: "approvals approve", args } },
        { label: "Deny", style: "danger", action: { command: "approvals deny", args } },
      ),
      text("Nothing is charged until it is approved and run. `approvals list` shows every request.", "muted"),
    ],
    { visibility: "channel" },
  );
}

export function approvalDecided(approval: ApprovalRecord): Reply {
  if (approval.status === "denied") {
    return reply([text(`Denied by ${approval.decidedBy}: ${approval.requestedByName}'s request for ${approval.summary}. Nothing was charged.`, "muted")], {
      visibility: "channel",
    });
  }
  return reply(
    [
      text(`Approved by ${approval.decidedBy}: ${approval.requestedByName}'s request for ${approval.summary} may run once, until ${until(approval.expiresAt)}.`, "success"),
      buttons({
        label: "Run it now",
        style: "primary",
        action: { command: approval.command, args: { ...approval.args, account: approval.accountId, confirm: "yes" } },
      }),
    ],
    { visibility: "channel" },
  );
}

const capitalize = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);
