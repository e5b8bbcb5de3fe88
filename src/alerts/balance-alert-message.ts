// The balance alert as people see it in the channel: one live message, edited in place as
// the balance moves, with what to do about it.
import dayjs from "dayjs";
import utc from "dayjs/plugin/utc.js";
import type { Block, Button, Message } from "../core/view.ts";
import { Decimal } from "../core/money.ts";
import { buttons, fields, header, text } from "../core/view.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { BalanceAlertRecord } from "./balance-alert-repo.ts";
import type { BalanceFacts } from "./balance-facts.ts";
import { resolvesAt } from "./balance-alert-rules.ts";
import type { MoneyFormatter } from "./display-money.ts";

dayjs.extend(utc);

const when = (date: Date) => `${dayjs.utc(date).format("D MMM HH:mm")} UTC`;

export interface AlertMessageInput {
  alert: BalanceAlertRecord;
  account: AccountRecord;
  facts: BalanceFacts;
  money: MoneyFormatter;
  /** Whether this is the first post (the one that mentions and notifies). */
  first: boolean;
  at: Date;
}

export function firingMessage({ alert, account, facts, money, first, at }: AlertMessageInput): Message {
  const critical = alert.level === "critical";
  const lead = first && alert.mention ? `${alert.mention} ` : "";
  const blocks: Block[] = [
    header(`${critical ? "Critical: balance" : "Low balance"} · ${account.companyName}`),
    text(
      facts.balance.lessThan(alert.threshold)
        ? `${lead}The balance is *${money(facts.balance)}*, below the ${alert.level} threshold of ${money(alert.threshold)}.`
        : `${lead}The balance is *${money(facts.balance)}*, back above the ${alert.level} threshold of ${money(alert.threshold)}; ` +
            `the alert resolves once it reaches ${money(resolvesAt(alert.threshold))}.`,
      critical ? "error" : "warning",
    ),
    fields({
      Balance: money(facts.balance),
      Threshold: `${money(alert.threshold)} (${alert.level})`,
      Spend: spendText(facts, money),
      Runway: runwayText(facts),
      "Auto-reload": facts.autoReload.on ? `on${facts.autoReload.detail ? `: ${facts.autoReload.detail}` : ""}` : "off",
      [renewalsLabel(facts)]: renewalsText(facts, money),
    }),
    text(`At ${money(new Decimal(0))} the APIs stop working and your numbers are cancelled.`, "muted"),
  ];
  if (alert.ackedAt) blocks.push(text(`Acknowledged by ${alert.ackedBy ?? "a user"} at ${when(alert.ackedAt)}.`, "muted"));
  if (alert.snoozedUntil && alert.snoozedUntil > at) {
    blocks.push(text(`Snoozed until ${when(alert.snoozedUntil)}: no new posts for this alert until then.`, "muted"));
  }
  blocks.push(buttons(...alertButtons(alert, account)));
  return { blocks };
}

export function resolvedMessage({ alert, account, facts, money, at }: AlertMessageInput): Message {
  return {
    blocks: [
      header(`Resolved: balance · ${account.companyName}`),
      text(
        `The balance is back to *${money(facts.balance)}*, above the ${alert.level} threshold of ${money(alert.threshold)}.`,
        "success",
      ),
      fields({ Balance: money(facts.balance), Threshold: `${money(alert.threshold)} (${alert.level})`, Resolved: when(at) }),
    ],
  };
}

export function removedMessage(alert: BalanceAlertRecord, account: AccountRecord, money: MoneyFormatter, by: string): Message {
  return {
    blocks: [
      header(`Removed: balance alert · ${account.companyName}`),
      text(`${by} removed the ${alert.level} alert below ${money(alert.threshold)}; it no longer posts here.`, "muted"),
    ],
  };
}

function alertButtons(alert: BalanceAlertRecord, account: AccountRecord): Button[] {
  // account: travels with each button, so a click in a workspace with several accounts acts on this one.
  const args = { id: alert.id, account: account.id };
  const list: Button[] = [
    { label: "Top up", style: "primary", action: { command: "billing topup", args: { account: account.id } } },
    { label: "Snooze 24h", action: { command: "alerts snooze", args } },
  ];
  if (!alert.ackedAt) list.push({ label: "Acknowledge", action: { command: "alerts ack", args } });
  return list;
}

function spendText({ spend }: BalanceFacts, money: MoneyFormatter): string {
  if (!spend.known) return "not enough history yet (under a day)";
  if (spend.perDay.isZero()) return "nothing in the last 7 days, and no numbers rented";
  const parts = [spend.rentPerDay.isZero() ? "" : `rent ${money(spend.rentPerDay)}`, spend.usagePerDay.isZero() ? "" : `usage ${money(spend.usagePerDay)}`].filter(Boolean);
  return `${money(spend.perDay)} a day${parts.length === 2 ? ` (${parts.join(" + ")})` : ""}`;
}

function runwayText(facts: BalanceFacts): string {
  if (!facts.spend.known) return "not enough history yet to project";
  if (facts.runwayDays === undefined) return "no spend to project";
  if (facts.runwayDays < 1) return "less than a day at that rate";
  const days = Math.floor(facts.runwayDays);
  return `about ${days} day${days === 1 ? "" : "s"} at that rate`;
}

function renewalsLabel(facts: BalanceFacts): string {
  return facts.runwayDays === undefined ? `Renewals, next ${facts.renewalHorizonDays} days` : "Renewals before then";
}

function renewalsText(facts: BalanceFacts, money: MoneyFormatter): string {
  if (facts.renewals.length === 0) return "none";
  const lines = facts.renewals.map((r) => `${r.msisdn} on ${dayjs.utc(r.at).format("D MMM")} (${money(r.price)})`);
  if (facts.moreRenewals > 0) lines.push(`${facts.moreRenewals} more`);
  return lines.join(", ");
}
