// Wires the numbers part of the platform into the services: the sandbox number provider
// (the Vonage one is the gateway's, registered in buildServices),
// the owned-numbers typeahead and the renewals step `sandbox advance` replays.
import type { Services } from "../services.ts";
import { SandboxInventory } from "./inventory/sandbox-inventory.ts";
import { RentalsRepository } from "./rentals-repository.ts";
import { SandboxNumberProvider } from "./sandbox-number-provider.ts";
import { Renewals } from "./renewals.ts";
import { renewalsStep } from "./renewals.step.ts";
import { formatMsisdn } from "./msisdn.ts";

// The inventory is immutable and the same for every seed user: build it once per process.
let sharedInventory: SandboxInventory | undefined;
export const sandboxInventory = (): SandboxInventory => (sharedInventory ??= new SandboxInventory());

export function renewalsOf(services: Pick<Services, "db" | "ledger" | "events"> & Partial<Pick<Services, "statistics">>): Renewals {
  return new Renewals(services.db, new RentalsRepository(services.db), services.ledger, services.events, services.statistics);
}

export function installNumbers(services: Services): void {
  const rentals = new RentalsRepository(services.db);
  services.numberProviders.register(new SandboxNumberProvider(services.db, sandboxInventory, rentals, services.ledger));
  services.timeline.addScheduled(renewalsStep(renewalsOf(services), rentals));
  services.suggestions.register("owned-numbers", async (ctx, query) => {
    // Only the forms of commands that need an account offer owned numbers.
    const { account } = ctx;
    if (!account) return [];
    const digits = query.replace(/\D/g, "");
    const owned = await services.numberProviders.for(account).list(account);
    return owned
      .filter((n) => n.msisdn.includes(digits))
      .map((n) => ({ label: `${formatMsisdn(n.msisdn)} (${n.country} ${n.type})`, value: formatMsisdn(n.msisdn) }));
  });
}
