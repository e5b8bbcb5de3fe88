// The authorization matrix (issue 13), generated from the registry: every command, run by
// the primary user, a secondary user holding each single permission, a member of another
// account in the same workspace, an identity of the workspace with no account, and a user
// of another workspace, against account A. The expected outcome comes from the command's
// declared access, so a new command is covered the moment it is registered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS, type Access } from "../../src/core/commands/definition.ts";
import { newId } from "../../src/core/ids.ts";
import { createTestApp, consoleOperator, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import type { Invocation } from "../../src/core/commands/context.ts";

/** The refusals of access and tenancy; any other outcome means the command ran or asked for more. */
const REFUSALS = new Set(["not_a_member", "primary_only", "missing_permission", "unknown_account", "no_account"]);

type Actor = { name: string; who: Partial<Invocation>; role: "primary" | "secondary" | "outsider"; permissions: string[] };

let app: TestApp;
let accountA: string;
let apiKeyA: string;
const actors: Actor[] = [];
const person = (workspace: string, user: string): Partial<Invocation> => ({
  workspace,
  actor: `${workspace}:${user}`,
  actorName: user,
  channel: `${workspace}:general`,
});

beforeAll(async () => {
  app = await createTestApp();
  const { db, directory } = app.services;
  ({ account: { id: accountA, apiKey: apiKeyA } } = await createTestAccount(app, { companyName: "Acme Ltd" }));
  actors.push({ name: "primary", who: {}, role: "primary", permissions: [] });
  for (const permission of PERMISSIONS) {
    const who = person(consoleOperator.workspace, `with-${permission}`);
    const personId = await directory.ensurePerson(who.actor!, who.actorName!);
    await db.member.create({ data: { id: newId("mem"), accountId: accountA, personId, role: "secondary", permissions: [permission] } });
    actors.push({ name: `secondary with ${permission}`, who, role: "secondary", permissions: [permission] });
  }
  // Another account in the same workspace, whose primary user is not a user of A.
  await createTestAccount(app, { companyName: "Other Co", creator: `${consoleOperator.workspace}:other-primary` });
  actors.push({ name: "member of another account", who: person(consoleOperator.workspace, "other-primary"), role: "outsider", permissions: [] });
  actors.push({ name: "unlinked user", who: person(consoleOperator.workspace, "stranger"), role: "outsider", permissions: [] });
  await createTestAccount(app, { companyName: "Far Away", workspace: "console:elsewhere", creator: "console:elsewhere:far-primary" });
  actors.push({ name: "user of another workspace", who: person("console:elsewhere", "far-primary"), role: "outsider", permissions: [] });
});
afterAll(() => app.close());

function allowed(access: Access, actor: Actor): boolean {
  if (access === "anyone") return true;
  if (actor.role === "outsider") return false;
  if (actor.role === "primary" || access === "member") return true;
  if (access === "primary") return false;
  return actor.permissions.includes(access);
}

describe("authorization matrix", () => {
  it("refuses exactly the cells the registry's access rules refuse, for every command", async () => {
    const cells: string[] = [];
    let tried = 0;
    for (const definition of app.services.registry.all()) {
      for (const actor of actors) {
        // No arguments but the account: an allowed user gets a form, a usage error or a
        // result; a refused one gets a refusal before any argument is looked at.
        const result = await app.dispatch({ kind: "command", command: definition.path, args: { account: accountA } }, actor.who);
        tried++;
        expect(result.outcome, `${definition.path} as ${actor.name}: ${result.text}`).not.toBe("error");
        const refused = result.outcome === "user-error" && REFUSALS.has(result.code ?? "");
        const expected = definition.needsAccount ? !allowed(definition.access, actor) : false;
        if (refused !== expected) cells.push(`${definition.path} as ${actor.name}: expected ${expected ? "refused" : "allowed"}, got ${result.code ?? result.outcome}`);
        if (refused) expect(result.text, "a refusal shows nothing of account A but its name").not.toContain(apiKeyA);
      }
    }
    expect(cells).toEqual([]);
    expect(tried).toBe(app.services.registry.all().length * actors.length);
  }, 300_000);
});
