// Shared US short codes: the opt-in text Switchboard generates is the dashboard's example,
// and missing or invalid opt-in details are refused with what to give.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";
import { addMember } from "../helpers/numbers.ts";
import type { AccountRecord } from "../../src/accounts/directory.ts";

let app: TestApp;
let account: AccountRecord;

beforeAll(async () => {
  app = await createTestApp();
  ({ account } = await createTestAccount(app));
  await addMember(app, account.id, "console:local:bob", ["payments"]);
});
afterAll(() => app.close());

// The reference's own example, word for word.
const REFERENCE_EXAMPLE =
  "You will receive no more than 2 msgs/day. To opt-out at any time, send STOP to 98975. To receive more information, send HELP to 98975. Message and Data Rates May Apply. The terms and conditions can be viewed at <http://url.to/your_t&c.html>. Our Privacy Policy can be reviewed at <http://url.to/your_privacypolicy.html>.";

describe("short codes", () => {
  it("starts with none", async () => {
    expect((await app.run("shortcodes list")).text).toContain("has no short codes yet");
  });

  it("sets up two-factor authentication and generates the reference's opt-in text", async () => {
    const result = await app.run(
      'shortcodes 2fa template:"Your {brand} code is {code}" frequency:2 terms:http://url.to/your_t&c.html privacy:http://url.to/your_privacypolicy.html',
    );
    expect(result.outcome).toBe("ok");
    expect(result.text).toContain("Your two-factor authentication short code 98975 is set up.");
    expect(result.text).toContain("Brand: Acme Ltd");
    expect(result.text.split("\n")).toContain(REFERENCE_EXAMPLE);
  });

  it("refuses missing opt-in details, naming each", async () => {
    const result = await app.run('shortcodes alerts template:"Your order {order} has shipped"');
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain("Frequency is missing; terms is missing; privacy is missing.");
    expect(result.text).toContain("Usage: shortcodes alerts template:… frequency:… terms:… privacy:… [brand:…]");
  });

  it("refuses invalid details, saying what to give", async () => {
    const result = await app.run("shortcodes 2fa template:hello frequency:0 terms:terms.html privacy:https://acme.test/privacy");
    expect(result.text).toContain('Template: must contain {code} where the PIN goes, such as "Your {brand} code is {code}"');
    expect(result.text).toContain("frequency: must be at least 1 message a day");
    expect(result.text).toContain("terms: must be the full address of your terms and conditions, such as https://example.com/terms");
    const ftp = await app.run('shortcodes alerts template:"Hi" frequency:1 terms:ftp://acme.test/t privacy:https://acme.test/p');
    expect(ftp.text).toContain("Terms: must be the full address");
  });

  it("sets up alerts on their own short code, in the singular for one message a day", async () => {
    const result = await app.run(
      'shortcodes alerts template:"{brand}: your order {order} has shipped" frequency:1 brand:AcmeShop terms:https://acme.test/terms privacy:https://acme.test/privacy',
    );
    expect(result.text).toContain("Your event-based alerts short code 98977 is set up.");
    expect(result.text).toContain("You will receive no more than 1 msg/day. To opt-out at any time, send STOP to 98977.");
    expect(result.text).toContain("Brand: AcmeShop");
  });

  it("lists both, and setting one up again replaces it", async () => {
    await app.run('shortcodes 2fa template:"{code} is your code" frequency:3 terms:https://acme.test/terms privacy:https://acme.test/privacy');
    const list = await app.run("shortcodes list");
    expect(list.text.match(/Short code: /g)).toHaveLength(2);
    expect(list.text).toContain("Template: {code} is your code");
    expect(list.text).toContain("no more than 3 msgs/day");
    expect(list.text).not.toContain("no more than 2 msgs/day");
  });

  it("needs the numbers permission to set up, not to list", async () => {
    const who = { actor: "console:local:bob" };
    const refused = await app.run('shortcodes 2fa template:"{code}" frequency:1 terms:https://a.test/t privacy:https://a.test/p', who);
    expect(refused.text).toContain('You need the "numbers" permission');
    expect((await app.run("shortcodes list", who)).outcome).toBe("ok");
  });
});
