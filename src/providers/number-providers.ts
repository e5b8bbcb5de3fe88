// Picks the number provider for an account by its provider name. The sandbox provider is
// registered by default; the Vonage provider registers itself for "vonage" accounts.
import { UserError } from "../core/errors.ts";
import type { AccountRecord } from "../accounts/directory.ts";
import type { NumberProvider } from "./number-provider.ts";

export class NumberProviders {
  private readonly byName = new Map<string, NumberProvider>();

  register(provider: NumberProvider): void {
    this.byName.set(provider.name, provider);
  }

  for(account: Pick<AccountRecord, "provider" | "companyName">): NumberProvider {
    const provider = this.byName.get(account.provider);
    if (!provider) {
      throw new UserError("numbers_unavailable", `Numbers cannot be managed from Switchboard for ${account.companyName} (${account.provider}) yet.`, {
        hint: "Use the provider's dashboard for numbers on this account.",
      });
    }
    return provider;
  }
}
