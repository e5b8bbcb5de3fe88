// Picks the implementation of a provider-neutral port (numbers, API secrets, usage records)
// for an account by its provider name. Each provider registers its own at start-up; a
// provider with none is told so in the port's own words.
import type { UserError } from "../core/errors.ts";
import type { AccountRecord } from "../accounts/directory.ts";

type Account = Pick<AccountRecord, "provider" | "companyName">;

export class ProviderPorts<T extends { readonly name: string }> {
  private readonly byName = new Map<string, T>();

  constructor(private readonly unavailable: (account: Account) => UserError) {}

  register(port: T): void {
    this.byName.set(port.name, port);
  }

  for(account: Account): T {
    const port = this.byName.get(account.provider);
    if (!port) throw this.unavailable(account);
    return port;
  }
}
