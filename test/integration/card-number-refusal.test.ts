// Finding 6 of issue 13: a card number typed in any disguise, in any argument, form value
// or typed option, is refused with the same message before anything parses, stores, logs
// or echoes it; the errors that used to quote it quote nothing.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleOperator, createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { containsCardNumber } from "../../src/core/card-numbers.ts";

const logLines: string[] = [];
let app: TestApp;

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
  app = await createTestApp({ log: createLogger("debug", sink) });
  await createTestAccount(app);
});
afterAll(() => app.close());

const DISGUISES = [
  "4111111111111111",
  "+4111111111111111",
  "4111.1111.1111.1111",
  "4111/1111/1111/1111",
  "4111_1111_1111_1111",
  '"4111  1111  1111  1111"',
  "4111\u200b1111\u200b1111\u200b1111",
  "４１１１１１１１１１１１１１１１",
];

const LINES = (card: string) => [
  card,
  `${card} please`,
  `billing balance ${card}`,
  `demo numbers add ${card}`,
  `account profile update phone:${card}`,
  `account profile update company:${card}`,
  `sms send ${card} hello`,
  `sms send +447700900123 my card is ${card}`,
  `account signup company:${card} contact:Ada email:ada@acme.test phone:+447700900999`,
  `users invite ${card}`,
  `help ${card}`,
];

describe("card numbers typed into chat", () => {
  it.each(DISGUISES)("refuses %s in every command and echo path, and never repeats it", async (card) => {
    for (const line of LINES(card)) {
      const result = await app.run(line);
      expect(result.outcome, line).toBe("user-error");
      expect(result.text, line).toContain("looks like a card number");
      expect(containsCardNumber(result.text), line).toBe(false);
      expect(result.text).not.toContain("1111");
    }
  });

  it("refuses a card number in form values and typed options, whatever the field", async () => {
    const asOption = await app.dispatch({ kind: "command", command: "account profile update", args: { address: "4111.1111.1111.1111" } });
    expect(asOption.text).toContain("looks like a card number");
    const asPhone = await app.dispatch({ kind: "command", command: "demo numbers add", args: { phone: "+4111111111111111" } });
    expect(asPhone.text).toContain("looks like a card number");
  });

  it("lets a phone field take an E.164 number whose digits happen to pass Luhn, but no other field", async () => {
    const phone = "+378282246310005";
    const asPhone = await app.run(`demo numbers add ${phone}`);
    expect(asPhone.text).not.toContain("looks like a card number");
    const asCompany = await app.run(`account profile update company:${phone}`);
    expect(asCompany.text).toContain("looks like a card number");
  });

  it("stores nothing and logs nothing of any of them", async () => {
    const companies = await app.services.db.account.findMany({ select: { companyName: true, address: true } });
    expect(JSON.stringify(companies)).not.toContain("1111");
    const audits = await app.services.db.auditEntry.findMany({});
    // The one Luhn-valid number kept is the E.164 phone given to `demo numbers add` above.
    expect(audits.some((a) => containsCardNumber(JSON.stringify(a), { phone: true }))).toBe(false);
    expect(logLines.some((line) => containsCardNumber(line))).toBe(false);
  });

  it("shows no typeahead for a query holding a card number", async () => {
    const options = await app.dispatcher.suggest(consoleOperator, "numbers cancel", "number", "4111 1111 1111 1111");
    expect(options).toEqual([]);
  });
});
