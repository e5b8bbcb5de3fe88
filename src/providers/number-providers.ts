// Picks the number provider for an account by its provider name. The sandbox provider is
// registered by the numbers module; the Vonage gateway's by buildServices.
import { UserError } from "../core/errors.ts";
import type { NumberProvider } from "./number-provider.ts";
import { ProviderPorts } from "./provider-ports.ts";

export class NumberProviders extends ProviderPorts<NumberProvider> {
  constructor() {
    super(
      (account) =>
        new UserError("numbers_unavailable", `Numbers cannot be managed from Switchboard for ${account.companyName} (${account.provider}) yet.`, {
          hint: "Use the provider's dashboard for numbers on this account.",
        }),
    );
  }
}
