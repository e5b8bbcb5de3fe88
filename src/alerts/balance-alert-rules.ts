// The balance alert's state machine, free of I/O so the rules read (and test) on their own.
//
//   armed ──balance < threshold──► firing: posted once
//   firing ──balance changes──► firing: the live message is edited
//   firing ──balance ≥ threshold + margin──► resolved: the live message says so
//   resolved ──balance < threshold──► firing: a new post
//
// The margin (hysteresis) is on the way out: a balance hovering around the threshold keeps
// one live alert (edited, saying how far it is from resolving) instead of resolving and
// re-firing every hour. Once resolved, the message is history: edits are only for a live
// alert, and a re-fire is a new incident, posted anew so that it mentions and notifies.
import { Decimal } from "../core/money.ts";

export type AlertLevel = "warning" | "critical";
export type AlertState = "armed" | "firing" | "resolved";

export interface AlertSnapshot {
  state: AlertState;
  threshold: Decimal;
  shownBalance: Decimal | null;
  liveMessageId: string | null;
  snoozedUntil: Date | null;
}

export type MessageAction = "post" | "edit" | "none";

export interface Step {
  state: AlertState;
  message: MessageAction;
}

/** 10% of the threshold or €1, whichever is larger. */
export const rearmMargin = (threshold: Decimal): Decimal => Decimal.max(threshold.mul("0.1"), new Decimal(1));

const shownDiffers = (shown: Decimal | null, balance: Decimal) => shown === null || shown.toFixed(2) !== balance.toFixed(2);

/** The balance at which a firing alert resolves. */
export const resolvesAt = (threshold: Decimal): Decimal => threshold.plus(rearmMargin(threshold));

export function nextStep(alert: AlertSnapshot, balance: Decimal, at: Date): Step {
  const below = balance.lessThan(alert.threshold);
  const snoozed = alert.snoozedUntil !== null && alert.snoozedUntil > at;
  switch (alert.state) {
    case "armed":
    case "resolved":
      if (!below) return { state: alert.state, message: "none" };
      return { state: "firing", message: snoozed ? "none" : "post" };
    case "firing":
      if (balance.greaterThanOrEqualTo(resolvesAt(alert.threshold))) return { state: "resolved", message: alert.liveMessageId ? "edit" : "none" };
      if (snoozed) return { state: "firing", message: "none" };
      // Fired while snoozed: the post waited for the snooze to end.
      if (!alert.liveMessageId) return { state: "firing", message: "post" };
      return { state: "firing", message: shownDiffers(alert.shownBalance, balance) ? "edit" : "none" };
  }
}
