// `sms send` charges the message and writes its usage record in one transaction: a failure
// (or a crash) between the two can no longer leave a charge nobody can find in `usage`, and
// a re-run of the same send (a command retried after its lease) charges and records once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { outboundMessageId } from "../../src/usage/sandbox-messaging.ts";

let app: TestApp;
let accountId: string;
beforeAll(async () => {
  app = await createTestApp();
  accountId = (await createTestAccount(app)).account.id;
}, 180_000);
afterAll(() => app.close());

const charges = async () => (await app.services.ledger.entries(accountId)).filter((e) => e.kind === "message");
const records = () => app.services.db.messageRecord.count({ where: { accountId } });

describe("an outbound SMS", () => {
  it("keeps neither the charge nor the record when writing the record fails", async () => {
    const before = await app.services.ledger.balance(accountId);
    const { records: store } = app.services.usage;
    const add = store.add.bind(store);
    store.add = async () => {
      throw new Error("the process died here");
    };
    try {
      const send = app.services.usage.messaging.send({ id: outboundMessageId("req-crash"), accountId, to: "+447700900123", body: "Hello", demo: true, at: app.clock.now() });
      await expect(send).rejects.toThrow("the process died here");
    } finally {
      store.add = add;
    }
    expect(await charges()).toHaveLength(0);
    expect(await records()).toBe(0);
    expect((await app.services.ledger.balance(accountId)).toString()).toBe(before.toString());
  });

  it("sent again with the same id is charged and recorded once", async () => {
    const id = outboundMessageId("req-retried");
    const input = { id, accountId, to: "+447700900123", body: "Hello again", demo: true, at: app.clock.now() };
    const first = await app.services.usage.messaging.send(input);
    const again = await app.services.usage.messaging.send(input);
    expect(first.repeated).toBe(false);
    expect(again).toMatchObject({ repeated: true, status: first.status, parts: first.parts, networkName: first.networkName });
    expect(again.cost.toString()).toBe(first.cost.toString());
    expect(await charges()).toHaveLength(1);
    expect(await records()).toBe(1);
    expect(outboundMessageId("req-retried")).toBe(id);
  });

  it("through the command: charged, recorded and listed by usage search", async () => {
    await app.run("demo numbers add +447700900555");
    const pin = /PIN is (\d{4})/.exec((await app.run("sandbox inbox")).text)?.[1];
    const verified = await app.run(`demo numbers verify +447700900555 ${pin}`);
    expect(verified.outcome, verified.text).toBe("ok");
    const sent = await app.run("sms send +447700900555 Hi from the test");
    expect(sent.outcome, sent.text).toBe("ok");
    expect(await charges()).toHaveLength(2);
    expect(await records()).toBe(2);
    expect((await app.run("usage search to:+447700900555")).text).toContain("+447700900555");
  });
});
