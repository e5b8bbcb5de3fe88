// Provider requirements are checked here, beside access, for every command that declares
// one: a command never tests which provider an account has. The sentences live with the
// capabilities (src/providers/capabilities.ts).
import type { AccountRecord } from "../../accounts/directory.ts";
import { can, refusal } from "../../providers/capabilities.ts";
import type { AccountCommandDefinition } from "./definition.ts";

export function checkRequirement(definition: Pick<AccountCommandDefinition, "path" | "requires">, account: Pick<AccountRecord, "provider" | "companyName">): void {
  if (definition.requires && !can(account, definition.requires)) throw refusal(definition.requires, definition.path, account);
}
