// The home dashboard (Slack's App Home) lists every account of the workspace but reads the
// private sections only for the accounts the user belongs to: the statements it sends do
// not grow with the number of accounts, which matters because Slack re-renders it after
// each change a user makes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.ts";
import { Decimal } from "../../src/core/money.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
const workspace = "slack:T1";
const member = { actor: "slack:T1:U1", actorName: "Ada", workspace, channel: "slack:T1:C1", surface: "slack" as const };

async function addAccount(i: number): Promise<{ id: string; apiKey: string }> {
  const { account } = await app.services.accounts.create({
    companyName: `Company ${i}`,
    contactName: "Owner",
    email: `owner${i}@home.test`,
    phone: `+4477009${String(20000 + i)}`,
    creator: { address: `slack:T1:OWNER${i}`, name: `Owner ${i}` },
    workspace,
    at: app.clock.now(),
  });
  return account;
}

/** The statements one `home` sends, with its text. */
async function home(): Promise<{ statements: number; text: string }> {
  await app.services.actions.settle();
  const before = app.statements();
  const result = await app.run("home", member);
  await app.services.actions.settle(); // the Help button's reference, written after the reply
  expect(result.outcome).toBe("ok");
  return { statements: app.statements() - before, text: result.text };
}

beforeAll(async () => {
  app = await createTestApp({ countStatements: true });
  const first = await addAccount(0);
  const personId = await app.services.directory.ensurePerson(member.actor, member.actorName);
  await app.services.db.member.create({ data: { id: newId("mem"), accountId: first.id, personId, role: "secondary", permissions: [] } });
  await app.services.ledger.post({ accountId: first.id, kind: "payment", amount: new Decimal(12), description: "Credit", ref: "payment:home-test", at: app.clock.now() });
});
afterAll(() => app?.close());

describe("home", () => {
  it("sends as many statements for ten accounts in the workspace as for one", async () => {
    const alone = await home();
    expect(alone.text).toContain("Company 0");
    expect(alone.text).toContain("Balance: €14.00");
    for (let i = 1; i < 10; i++) await addAccount(i);
    const crowded = await home();
    for (let i = 0; i < 10; i++) expect(crowded.text).toContain(`Company ${i}`);
    expect(crowded.statements).toBe(alone.statements);
    // The person, the accounts with membership and channel default, the user's one
    // account's numbers, balance and auto-reload, the Help button's reference.
    expect(crowded.statements).toBeLessThanOrEqual(6);
  });

  it("shows balances only for the accounts the user belongs to", async () => {
    const { text } = await home();
    expect(text.match(/Balance:/g)).toHaveLength(1);
  });
});
