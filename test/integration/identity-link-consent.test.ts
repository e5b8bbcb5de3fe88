// Finding 5 of issue 13: U3 (no account) ran `users link`, persuaded Acme's primary user U1
// to type the code, and got Acme's API secrets. Typing a code now links nothing: it shows
// both identities and what each gains, the side that gains nothing confirms, and the link
// is audited and announced as an account event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";

let app: TestApp;
let acmeId: string;
const u1 = {}; // Acme's primary user, the console operator
const u3 = { workspace: "discord:G9", actor: "discord:G9:666", actorName: "helpful-stranger", channel: "discord:G9:C1" };

const buttonRef = (result: Awaited<ReturnType<TestApp["run"]>>, label: RegExp) => {
  for (const block of result.reply.message?.blocks ?? []) {
    if (block.type === "buttons") for (const b of block.buttons) if (label.test(b.label)) return b.ref!;
  }
  throw new Error(`no ${label} button in: ${result.text}`);
};

beforeAll(async () => {
  app = await createTestApp();
  ({ account: { id: acmeId } } = await createTestAccount(app, { companyName: "Acme Ltd" }));
  await app.services.directory.bindWorkspace(u3.workspace, acmeId);
});
afterAll(() => app.close());

describe("users link", () => {
  it("does not hand the code's issuer the accounts of whoever types it", async () => {
    const issued = await app.run("users link", u3);
    const code = /link code is \*(\w+)\*/.exec(issued.text)![1]!;

    const typed = await app.run(`users link ${code}`, u1);
    expect(typed.text).toContain("Nothing is linked yet");
    expect(typed.text).toMatch(/<@666> \(discord\) would gain: \*Acme Ltd\* as primary user/);
    expect(typed.text).toContain("would gain: nothing");
    expect((await app.run("account secret reveal", u3)).code).toBe("not_a_member");

    // Only the two identities can confirm, and U3 cannot confirm for U1.
    const ref = buttonRef(typed, /^Link/);
    expect((await app.dispatch({ kind: "action", ref }, { actor: "console:local:mallory", actorName: "M" })).code).toBe("not_your_link");
    const byIssuer = await app.dispatch({ kind: "action", ref }, u3);
    expect(byIssuer.text).toContain("Waiting for the identity that typed the code");
    expect((await app.run("account secret reveal", u3)).code).toBe("not_a_member");

    // U1 confirms after reading what U3 gains: then, and only then, they are one person.
    const done = await app.dispatch({ kind: "action", ref }, u1);
    expect(done.text).toContain("Linked");
    expect((await app.run("account info", u3)).outcome).toBe("ok");

    const audit = await app.services.db.auditEntry.findMany({ where: { command: "users link confirm", outcome: "ok" } });
    expect(audit.length).toBeGreaterThanOrEqual(2);
    const events = await app.services.db.accountEvent.findMany({ where: { accountId: acmeId, type: "user.linked" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toContain("now has Acme Ltd");
    expect(JSON.stringify(audit)).not.toContain(code);
  }, 120_000);
});
