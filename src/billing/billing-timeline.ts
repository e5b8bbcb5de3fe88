// What time does to billing, for `sandbox advance`: payments settle when due (bank
// transfers arrive, card invoices become final) and auto-reload checks every 10 minutes.
import type { SandboxTimeline } from "../sandbox/sandbox-timeline.ts";
import { formatMoney } from "../core/money.ts";
import type { Billing } from "./billing.ts";
import { CHECK_EVERY_MS } from "./auto-reload.ts";

export function registerBillingTimeline(timeline: SandboxTimeline, billing: Billing): void {
  timeline.addScheduled({
    name: "payment settlements",
    // Money that arrives at an instant counts before an auto-reload check at that instant.
    order: 10,
    nextDue: (account, after, until) => billing.payments.nextSettlement(account.id, after, until),
    async run(account, at) {
      const settled = await billing.payments.settleDue(account.id, at);
      if (settled.length === 0) return;
      return settled.map((p) => `Payment of ${formatMoney(p.amount.toString())} settled; its invoice is final.`).join(" ");
    },
  });
  timeline.addPeriodic({
    name: "auto-reload",
    order: 20,
    everyMs: CHECK_EVERY_MS,
    run: async (account, at) => billing.autoReload.check(account.id, at),
  });
}
