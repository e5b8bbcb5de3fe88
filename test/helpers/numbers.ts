// Small helpers for tests of numbers and renewals.
import { Decimal } from "../../src/core/money.ts";
import { newId } from "../../src/core/ids.ts";
import type { Block, Reply } from "../../src/core/view.ts";
import type { TestApp } from "./test-app.ts";

export async function topUp(app: TestApp, accountId: string, amount: string, ref = `payment:${newId("t")}`): Promise<void> {
  await app.services.ledger.post({ accountId, kind: "payment", amount: new Decimal(amount), description: "Test top-up", ref, at: app.clock.now() });
}

export function buttonsOf(reply: Reply) {
  return (reply.message?.blocks ?? []).flatMap((b: Block) => (b.type === "buttons" ? b.buttons : []));
}

/** The stored reference of the first button whose label starts with `label`. */
export function buttonRef(reply: Reply, label: string): string {
  const button = buttonsOf(reply).find((b) => b.label.startsWith(label));
  if (!button?.ref) throw new Error(`No button "${label}…" in: ${buttonsOf(reply).map((b) => b.label).join(", ")}`);
  return button.ref;
}

export async function addMember(app: TestApp, accountId: string, actor: string, permissions: string[]): Promise<void> {
  const personId = await app.services.directory.ensurePerson(actor, actor.split(":").pop()!);
  await app.services.db.member.create({ data: { id: newId("mem"), accountId, personId, role: "secondary", permissions } });
}

export async function rentEntries(app: TestApp, accountId: string) {
  return (await app.services.ledger.entries(accountId)).filter((e) => e.kind === "rent");
}

/** The first number a search lists, in international format with "+". */
export async function firstListed(app: TestApp, line: string): Promise<string> {
  const result = await app.run(line);
  const number = /\*(\+\d+)\*/.exec(result.text)?.[1];
  if (!number) throw new Error(`No number in: ${result.text}`);
  return number;
}
