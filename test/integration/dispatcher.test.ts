// The dispatcher's promises, through real commands on a real database: forms for missing
// arguments, permissions, confirmation, once-only mutations, audit, card numbers, errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { say } from "../../src/core/view.ts";
import { newId } from "../../src/core/ids.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let charges = 0;
let accountId: string;

beforeAll(async () => {
  app = await createTestApp();
  const { registry, db, directory } = app.services;
  registry.add(
    defineCommand({
      path: "test charge",
      description: "Charges the test account",
      args: z.object({ amount: z.coerce.number().positive(), note: z.string().optional() }),
      positional: ["amount"],
      access: "payments",
      sideEffect: "spend",
      needsAccount: true,
      confirm: async (_ctx, { amount }) => ({ title: "Charge", text: `This charges €${amount}.`, confirmLabel: `Pay €${amount}` }),
      handler: async (_ctx, { amount }) => {
        charges++;
        return say(`Charged €${amount}.`);
      },
    }),
  );
  registry.add(
    defineCommand({
      path: "test boom",
      description: "Fails unexpectedly",
      args: z.object({}),
      access: "member",
      sideEffect: "write",
      needsAccount: true,
      handler: async () => {
        throw new Error("database exploded with password=hunter2");
      },
    }),
  );
  accountId = newId("acc");
  await db.account.create({
    data: { id: accountId, apiKey: "abcd1234", companyName: "Acme", contactName: "Ada", email: "ada@acme.test" },
  });
  await directory.bindWorkspace("console:local", accountId);
  const primary = await directory.ensurePerson("console:local:operator", "Ada");
  await db.member.create({ data: { id: newId("mem"), accountId, personId: primary, role: "primary", permissions: [] } });
  const bob = await directory.ensurePerson("console:local:bob", "Bob");
  await db.member.create({ data: { id: newId("mem"), accountId, personId: bob, role: "secondary", permissions: ["numbers"] } });
});
afterAll(() => app.close());

describe("dispatcher", () => {
  it("asks for missing arguments with a form when the surface has forms", async () => {
    const result = await app.run("test charge", { canShowForms: true });
    expect(result.reply.form?.fields.map((f) => f.name)).toEqual(["amount"]);
    expect(result.reply.form?.ref).toBeTruthy();
  });

  it("answers missing arguments with the usage where there are no forms", async () => {
    const result = await app.run("test charge");
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain("Amount is missing");
    expect(result.text).toContain("Usage: test charge <amount> [note:…]");
  });

  it("refuses a user without the permission and says who can grant it", async () => {
    const result = await app.run("test charge 5 confirm:yes", { actor: "console:local:bob" });
    expect(result.text).toContain('You need the "payments" permission on Acme');
    expect(result.text).toContain("users permissions @you +payments");
    expect(charges).toBe(0);
  });

  it("refuses someone who is not a user of the account", async () => {
    const result = await app.run("test charge 5", { actor: "console:local:mallory" });
    expect(result.text).toContain("You are not a user of the account Acme");
  });

  it("confirms before spending, and a double click on Confirm charges once", async () => {
    const asked = await app.run("test charge 7");
    expect(asked.text).toContain("This charges €7.");
    expect(asked.wrote).toBe(false); // a question changes nothing (Slack's App Home is not refreshed for it)
    const confirm = asked.reply.message!.blocks.find((b) => b.type === "buttons");
    const ref = confirm?.type === "buttons" ? confirm.buttons[0]!.ref! : "";
    const before = charges;
    const [first, second] = await Promise.all([
      app.dispatch({ kind: "action", ref }),
      app.dispatch({ kind: "action", ref }),
    ]);
    const third = await app.dispatch({ kind: "action", ref });
    expect(charges - before).toBe(1);
    expect([first.text, second.text].some((t) => t.includes("Charged €7."))).toBe(true);
    expect(third.text).toContain("Charged €7.");
    // Only the click that charged says it wrote; the others were answered from it.
    expect([first.wrote, second.wrote, third.wrote].filter(Boolean)).toHaveLength(1);
  });

  it("runs a retried request with the same idempotency key once", async () => {
    const before = charges;
    const first = await app.run("test charge 3 confirm:yes", { idempotencyKey: "slack-retry-1" });
    const retry = await app.run("test charge 3 confirm:yes", { idempotencyKey: "slack-retry-1" });
    expect(charges - before).toBe(1);
    expect([first.wrote, retry.wrote]).toEqual([true, false]);
  });

  it("audits mutations with who, what and where", async () => {
    const entries = await app.services.db.auditEntry.findMany({ where: { command: "test charge", outcome: "ok" } });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0]).toMatchObject({ actor: "console:local:operator", origin: "console:local:console", accountId });
  });

  it("refuses a card number in any argument without echoing it", async () => {
    const result = await app.run("test charge 5 note:4242424242424242");
    expect(result.text).toContain("looks like a card number");
    expect(result.text).not.toContain("4242424242424242");
    const audits = await app.services.db.auditEntry.findMany({});
    expect(JSON.stringify(audits)).not.toContain("4242424242424242");
  });

  it("hides internal failures behind a request id", async () => {
    const result = await app.run("test boom");
    expect(result.outcome).toBe("error");
    expect(result.text).toContain(`Request id: ${result.requestId}`);
    expect(result.text).not.toContain("hunter2");
  });

  it("answers a deadlock that escaped its transaction's retries as a user error to run again, not an internal one", async () => {
    app.services.registry.add(
      defineCommand({
        path: "probe deadlock",
        description: "Fails as PostgreSQL's deadlock victim does, through Prisma",
        args: z.object({}),
        access: "member",
        sideEffect: "write",
        needsAccount: true,
        handler: async () => {
          throw Object.assign(new Error("Transaction failed due to a write conflict or a deadlock. Please retry your transaction"), { code: "P2034" });
        },
      }),
    );
    const result = await app.run("probe deadlock");
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain("did not complete");
    expect(result.text).toContain("Run the command again.");
  });

  it("suggests the closest commands for a typo", async () => {
    const result = await app.run("tset charge 5");
    expect(result.text).toContain("Did you mean: test charge");
  });

  it("lists a group's commands when only the group is typed", async () => {
    const result = await app.run("test");
    expect(result.text).toContain("test boom, test charge");
  });
});

describe("replies that carry secrets", () => {
  it("are not kept for retries: a retry is told the request already ran", async () => {
    const first = await app.run("account secret create secret:KeptNowhere42", { idempotencyKey: "retry-secret" });
    expect(first.text).toContain("KeptNowhere42");
    const retry = await app.run("account secret create secret:KeptNowhere42", { idempotencyKey: "retry-secret" });
    expect(retry.text).toContain("already ran");
    expect(retry.text).not.toContain("KeptNowhere42");
    const stored = await app.services.db.idempotencyRecord.findMany({});
    expect(JSON.stringify(stored)).not.toContain("KeptNowhere42");
  });
});
