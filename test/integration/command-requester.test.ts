// Who asks and which account they reach, read in one statement before the handler runs
// (AccountDirectory.requester), and reply buttons stored just after the reply: the account
// picked, the access checked and a removal felt on the very next command, and a button
// that works the moment its reply is out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let acme: string;
let globex: string;
const bob = { actor: "console:local:bob", actorName: "Bob" };

beforeAll(async () => {
  app = await createTestApp();
  const { db, directory } = app.services;
  acme = newId("acc");
  globex = newId("acc");
  await db.account.create({ data: { id: acme, apiKey: "acme1234", companyName: "Acme", contactName: "Ada", email: "ada@acme.test" } });
  await db.account.create({ data: { id: globex, apiKey: "glob5678", companyName: "Globex", contactName: "Gil", email: "gil@globex.test" } });
  await directory.bindWorkspace("console:local", acme);
  await directory.bindWorkspace("console:local", globex);
  const ada = await directory.ensurePerson("console:local:operator", "Ada");
  await db.member.create({ data: { id: newId("mem"), accountId: acme, personId: ada, role: "primary", permissions: [] } });
  await db.member.create({ data: { id: newId("mem"), accountId: globex, personId: ada, role: "primary", permissions: [] } });
  const bobId = await directory.ensurePerson(bob.actor, bob.actorName);
  await db.member.create({ data: { id: newId("mem"), accountId: acme, personId: bobId, role: "secondary", permissions: [] } });
});
afterAll(() => app.close());

describe("the requester, read in one statement", () => {
  it("asks which account when the workspace has several and the channel no default, then uses the channel's default", async () => {
    expect((await app.run("account info")).code).toBe("ambiguous_account");
    expect((await app.run("account info account:glob")).text).toContain("Globex");
    await app.services.directory.setChannelDefault("console:local:console", globex);
    expect((await app.run("account info")).text).toContain("Globex");
    expect((await app.run("account info account:acme1234")).text).toContain("Acme");
  });

  it("refuses a person who is not a user of the account, and one who has no identity at all", async () => {
    expect((await app.run("account info account:globex", bob)).code).toBe("not_a_member");
    expect((await app.run("account info account:acme", { actor: "console:local:eve", actorName: "Eve" })).code).toBe("not_a_member");
    expect((await app.run("account info account:acme", bob)).outcome).toBe("ok");
  });

  it("refuses a removed user on the next command", async () => {
    await app.services.db.member.updateMany({ where: { accountId: acme, role: "secondary" }, data: { removedAt: new Date() } });
    expect((await app.run("account info account:acme", bob)).code).toBe("not_a_member");
  });

  it("answers for a workspace with no account", async () => {
    expect((await app.run("account info", { workspace: "console:other", channel: "console:other:c" })).code).toBe("no_account");
  });
});

describe("reply buttons stored after the reply", () => {
  it("work at once: a click right after the reply finds its action", async () => {
    const shown = await app.run("account info account:acme");
    const block = shown.reply.message!.blocks.find((b) => b.type === "buttons");
    const users = block?.type === "buttons" ? block.buttons.find((b) => b.label === "Users") : undefined;
    expect(users?.ref).toBeTruthy();
    const clicked = await app.dispatch({ kind: "action", ref: users!.ref! });
    expect(clicked.outcome).toBe("ok");
    expect(clicked.command).toBe("users list");
    await app.services.actions.settle();
    expect(await app.services.db.actionRef.count({ where: { id: users!.ref! } })).toBe(1);
  });
});
