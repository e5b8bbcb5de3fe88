// Picks the API-secrets provider for an account by its provider name (see number-providers.ts).
import { UserError } from "../core/errors.ts";
import type { SecretProvider } from "./secret-provider.ts";
import { ProviderPorts } from "./provider-ports.ts";

export class SecretProviders extends ProviderPorts<SecretProvider> {
  constructor() {
    super(
      (account) =>
        new UserError("secrets_unavailable", `API secrets cannot be managed from Switchboard for ${account.companyName} (${account.provider}) yet.`, {
          hint: "Use the provider's dashboard for API secrets on this account.",
        }),
    );
  }
}
