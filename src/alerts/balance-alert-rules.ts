// The balance alert's state machine, free of I/O so the rules read (and test) on their own.
//
//   armed ──balance < threshold──► firing: posted once
//   firing ──balance changes──► firing: the live message is edited
//   firing ──balance ≥ threshold──► resolved: the live message says so
//   resolved ──balance < threshold──► firing: the same message is reopened, no new post
//   resolved ──balance ≥ threshold + margin──► armed: the next crossing posts again
//
// The margin (hysteresis) stops a balance hovering around the threshold from posting
// every hour.
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

export function nextStep(alert: AlertSnapshot, balance: Decimal, at: Date): Step {
  const below = balance.lessThan(alert.threshold);
  const snoozed = alert.snoozedUntil !== null && alert.snoozedUntil > at;
  switch (alert.state) {
    case "armed":
      if (!below) return { state: "armed", message: "none" };
      return { state: "firing", message: snoozed ? "none" : "post" };
    case "firing":
      if (!below) return { state: "resolved", message: alert.liveMessageId ? "edit" : "none" };
      if (snoozed) return { state: "firing", message: "none" };
      // Fired while snoozed: the post waited for the snooze to end.
      if (!alert.liveMessageId) return { state: "firing", message: "post" };
      return { state: "firing", message: shownDiffers(alert.shownBalance, balance) ? "edit" : "none" };
    case "resolved":
      if (balance.greaterThanOrEqualTo(alert.threshold.plus(rearmMargin(alert.threshold)))) {
        return { state: "armed", message: "none" };
      }
      if (!below) return { state: "resolved", message: "none" };
      if (snoozed) return { state: "firing", message: "none" };
      return { state: "firing", message: alert.liveMessageId ? "edit" : "post" };
  }
}
