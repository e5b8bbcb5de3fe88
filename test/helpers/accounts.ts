// A signed-up sandbox account for tests that are not about sign-up itself.
import type { TestApp } from "./test-app.ts";
import { consoleOperator } from "./test-app.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

let phoneCounter = 0;

export async function createTestAccount(
  app: TestApp,
  overrides: { companyName?: string; workspace?: string; creator?: string; phone?: string } = {},
): Promise<{ account: AccountRecord; secret: string }> {
  phoneCounter++;
  return app.services.accounts.create({
    companyName: overrides.companyName ?? "Acme Ltd",
    contactName: "Ada Lovelace",
    email: "ada@acme.test",
    phone: overrides.phone ?? `+4477009${String(Date.now() % 100000).padStart(5, "0")}${phoneCounter}`,
    creator: { address: overrides.creator ?? consoleOperator.actor, name: "Ada" },
    workspace: overrides.workspace ?? consoleOperator.workspace,
    at: app.clock.now(),
  });
}
