// `sandbox advance` replays renewals for the skipped time through this step: it is due at
// the account's next renewal date and charges (or releases) what falls due then.
import type { ScheduledStep } from "../sandbox/sandbox-timeline.ts";
import type { RentalsRepository } from "./rentals-repository.ts";
import type { Renewals } from "./renewals.ts";

export function renewalsStep(renewals: Renewals, rentals: RentalsRepository): ScheduledStep {
  return {
    name: "number renewals",
    order: 50,
    async nextDue(account, after, until) {
      if (account.provider !== "sandbox") return undefined;
      const next = await rentals.nextDueOf(account.id);
      if (!next || next > until) return undefined;
      // Overdue before the advance started (the daily job had not run yet): settle it first.
      return next > after ? next : new Date(after.getTime() + 1);
    },
    async run(account, at) {
      const { notes } = await renewals.renewAccount(account.id, at);
      return notes.length ? notes.join("; ") : undefined;
    },
  };
}
