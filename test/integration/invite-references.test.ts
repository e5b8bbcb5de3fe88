// Finding 8 of issue 13: invitations keep only a hash of their code, yet the code sat in
// plaintext in the stored button references and the outbox row of the direct message.
// Buttons and the typed answer now refer to the invitation by id: nothing stored anywhere
// hashes to an invitation's code hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { hashCode } from "../../src/accounts/invites.ts";

let app: TestApp;
const bob = { actor: "console:local:bob", actorName: "Bob" };

beforeAll(async () => {
  app = await createTestApp();
  await createTestAccount(app);
});
afterAll(() => app.close());

/** Every string inside a JSON value, and every word of it. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value, ...value.split(/[\s`*"'<>()]+/));
  else if (value && typeof value === "object") for (const inner of Object.values(value)) strings(inner, out);
  return out;
}

describe("invitation references", () => {
  it("stores no invitation code in buttons, outbox rows, replies or the audit, and the buttons still work", async () => {
    const invited = await app.run("users invite <@bob> permissions:numbers");
    expect(invited.outcome).toBe("ok");
    const { db } = app.services;
    const hashes = new Set((await db.invite.findMany({ select: { codeHash: true } })).map((i) => i.codeHash));
    const stored = [
      ...(await db.actionRef.findMany({ select: { action: true } })),
      ...(await db.outboxMessage.findMany({ select: { payload: true } })),
      ...(await db.auditEntry.findMany({ select: { args: true } })),
      ...(await db.idempotencyRecord.findMany({})),
      invited.reply,
    ];
    const leaked = strings(stored).filter((s) => s.length >= 6 && hashes.has(hashCode(s)));
    expect(leaked).toEqual([]);

    const dm = await db.outboxMessage.findFirstOrThrow({ where: { dedupeKey: { startsWith: "invite:" } }, select: { payload: true } });
    const blocks = (dm.payload as { blocks: Array<{ buttons?: Array<{ label: string; ref?: string }> }> }).blocks;
    const ref = blocks.flatMap((b) => b.buttons ?? []).find((b) => b.label === "Accept")!.ref!;
    const eve = { actor: "console:local:eve", actorName: "Eve" };
    expect((await app.dispatch({ kind: "action", ref }, eve)).text).toContain("not valid for you");
    expect((await app.dispatch({ kind: "action", ref }, bob)).text).toContain("Welcome to Acme Ltd!");
  });
});
