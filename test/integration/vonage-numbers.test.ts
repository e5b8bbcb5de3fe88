// Vonage number operations (the class the numbers port calls): the official SDK
// against the local fake — search filters and paging, buy, cancel, update, owned list,
// 420 refusals explained, and a purchase whose answer comes after the client's timeout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "decimal.js";
import { VonageFake } from "../fakes/vonage-fake.ts";
import { SdkVonageGateway } from "../../adapters/vonage/sdk-gateway.ts";
import { memoryLogger, VONAGE_TEST_TIMEOUT_MS } from "../helpers/vonage.ts";
import type { VonageNumbers } from "../../adapters/vonage/vonage-numbers.ts";
import type { FakeNumber } from "../fakes/vonage-fake-state.ts";

let fake: VonageFake;
let numbers: VonageNumbers;
let slowNumbers: VonageNumbers;
const logs = memoryLogger();

const gb = (suffix: string, type: FakeNumber["type"], features: string[], cost = "1.25"): FakeNumber => ({
  msisdn: `4477009${suffix}`,
  country: "GB",
  type,
  features,
  cost,
});

beforeAll(async () => {
  fake = await VonageFake.start();
  fake.addAccount({ apiKey: "b0b0b0b0", secret: "Numb3rsSecret", balance: "10.00" });
  fake.addNumbers(
    gb("00101", "mobile-lvn", ["SMS", "VOICE"]),
    gb("00102", "mobile-lvn", ["SMS"]),
    gb("55103", "landline", ["VOICE"], "0.90"),
    gb("00104", "mobile-lvn", ["SMS", "VOICE", "MMS"]),
    gb("00105", "landline-toll-free", ["VOICE"], "9.50"),
    { msisdn: "12015550106", country: "US", type: "mobile-lvn", features: ["SMS", "VOICE"], cost: "0.80" },
  );
  const credentials = { apiKey: "b0b0b0b0", apiSecret: "Numb3rsSecret" };
  const options = { restHost: fake.restHost, apiHost: fake.apiHost, log: logs.log };
  numbers = (await new SdkVonageGateway({ ...options, timeoutMs: VONAGE_TEST_TIMEOUT_MS }).numbers(credentials)).numbers;
  slowNumbers = (await new SdkVonageGateway({ ...options, timeoutMs: 1_000 }).numbers(credentials)).numbers;
});
afterAll(() => fake.close());

const inventoryHas = (msisdn: string) => fake.inventory.some((n) => n.msisdn === msisdn);
const owned = () => [...fake.accounts.get("b0b0b0b0")!.owned.keys()].sort();

describe("search", () => {
  it("filters by country, type and features, with prices in EUR", async () => {
    const page = await numbers.search({ country: "GB", type: "mobile-lvn", features: ["VOICE", "SMS"] });
    expect(page.numbers.map((n) => n.msisdn)).toEqual(["447700900101", "447700900104"]);
    expect(page.numbers[0]!.monthlyCost).toBeInstanceOf(Decimal);
    expect(page.numbers[0]!.monthlyCost.toFixed(2)).toBe("1.25");
    const query = fake.requestsTo("GET /number/search").at(-1)!.query;
    expect(query.get("features")).toBe("SMS,VOICE");
    expect(query.get("type")).toBe("mobile-lvn");
  });

  it("matches a pattern where asked: start, anywhere or end", async () => {
    const starts = await numbers.search({ country: "GB", pattern: "4477009001", match: "starts" });
    expect(starts.count).toBe(4);
    const ends = await numbers.search({ country: "GB", pattern: "103", match: "ends" });
    expect(ends.numbers.map((n) => n.msisdn)).toEqual(["447700955103"]);
    const contains = await numbers.search({ country: "GB", pattern: "955" });
    expect(contains.numbers.map((n) => n.msisdn)).toEqual(["447700955103"]);
    expect(fake.requestsTo("GET /number/search").at(-1)!.query.get("search_pattern")).toBe("1");
  });

  it("pages with size and index, and reports the total count", async () => {
    const second = await numbers.search({ country: "GB", size: 2, index: 2 });
    expect(second.count).toBe(5);
    expect(second.numbers.map((n) => n.msisdn)).toEqual(["447700955103", "447700900104"]);
    const none = await numbers.search({ country: "FR" });
    expect(none).toEqual({ count: 0, numbers: [] });
  });
});

describe("buy, update, list and cancel", () => {
  it("buys a number with a form-encoded POST", async () => {
    const result = await numbers.buy({ msisdn: "+44 7700 900101", country: "gb", expectedMonthlyCost: new Decimal("1.25") });
    expect(result).toEqual({ msisdn: "447700900101", country: "GB", confirmedBy: "response" });
    const post = fake.requestsTo("POST /number/buy").at(-1)!;
    expect(post.contentType).toBe("application/x-www-form-urlencoded");
    expect(post.body).toBe("country=GB&msisdn=447700900101");
    expect(owned()).toEqual(["447700900101"]);
    expect(fake.accounts.get("b0b0b0b0")!.balance.toFixed(2)).toBe("8.75");
  });

  it("explains a 420 refusal: already owned, gone, or the balance does not cover it", async () => {
    await expect(numbers.buy({ msisdn: "447700900101", country: "GB" })).rejects.toThrow("+447700900101 is already on this Vonage account.");
    await expect(numbers.buy({ msisdn: "447700900199", country: "GB" })).rejects.toThrow("+447700900199 is no longer available.");
    await expect(numbers.buy({ msisdn: "447700900105", country: "GB", expectedMonthlyCost: new Decimal("9.50") })).rejects.toThrow(
      "The balance does not cover it (the balance is €8.75 and the number costs €9.50 a month).",
    );
    expect(inventoryHas("447700900105")).toBe(true);
  });

  it("treats an error-code inside an HTTP 200 as the failure it is, and keeps Vonage's words when they say more", async () => {
    fake.script("POST /number/buy", { status: 200, contentType: "application/json", body: { "error-code": "420", "error-code-label": "method failed" } });
    await expect(numbers.buy({ msisdn: "447700900102", country: "GB" })).rejects.toThrow("+447700900102 is no longer available.");
    const label = "Numbers from this country can be requested from the Dashboard (https://dashboard.nexmo.com/buy-numbers) as they require a valid local address";
    fake.script("POST /number/buy", { status: 420, contentType: "application/json", body: { "error-code": "420", "error-code-label": label } });
    await expect(numbers.buy({ msisdn: "447700900102", country: "GB" })).rejects.toThrow(`Vonage said: "${label}"`);
    expect(inventoryHas("447700900102")).toBe(true);
  });

  it("updates only what is given and sends the rest unchanged", async () => {
    await numbers.update({ msisdn: "447700900101", country: "GB", voiceCallback: { type: "tel", value: "447700900999" } });
    const result = await numbers.update({ msisdn: "447700900101", country: "GB", inboundSmsUrl: "https://example.com/sms", applicationId: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab" });
    expect(result).toMatchObject({
      inboundSmsUrl: "https://example.com/sms",
      voiceCallbackType: "tel",
      voiceCallbackValue: "447700900999",
      applicationId: "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
    });
    const body = new URLSearchParams(fake.requestsTo("POST /number/update").at(-1)!.body);
    expect(body.get("voiceCallbackValue")).toBe("447700900999");
    expect(body.get("app_id")).toBe("aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
    await numbers.update({ msisdn: "447700900101", country: "GB", inboundSmsUrl: "" });
    expect((await numbers.findOwned("447700900101"))?.inboundSmsUrl).toBeUndefined();
    await expect(numbers.update({ msisdn: "447700900104", country: "GB", inboundSmsUrl: "https://x.test" })).rejects.toThrow(
      "+447700900104 is not one of this account's numbers.",
    );
  });

  it("lists owned numbers with filters and cancels", async () => {
    await numbers.buy({ msisdn: "12015550106", country: "US" });
    expect((await numbers.listOwned()).count).toBe(2);
    expect((await numbers.listOwned({ country: "US" })).numbers.map((n) => n.msisdn)).toEqual(["12015550106"]);
    expect((await numbers.listOwned({ size: 1, index: 2 })).numbers).toHaveLength(1);
    await numbers.cancel({ msisdn: "+12015550106", country: "US" });
    expect(owned()).toEqual(["447700900101"]);
    expect(inventoryHas("12015550106")).toBe(true);
    await expect(numbers.cancel({ msisdn: "12015550106", country: "US" })).rejects.toThrow("+12015550106 is not one of this account's numbers.");
  });
});

describe("a purchase whose outcome is unknown", () => {
  it("is checked against the owned numbers when the answer comes too late, and reported as bought", async () => {
    fake.script("POST /number/buy", { delayMs: 3_000, perform: true });
    const before = fake.requests.length;
    const result = await slowNumbers.buy({ msisdn: "447700900104", country: "GB" });
    expect(result).toEqual({ msisdn: "447700900104", country: "GB", confirmedBy: "owned-list" });
    const after = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(after).toEqual(["POST /number/buy", "GET /account/numbers"]);
    expect(owned()).toContain("447700900104");
  });

  it("is reported as not bought when the number is not on the account, and never retried by itself", async () => {
    fake.script("POST /number/buy", { delayMs: 3_000, perform: false });
    const before = fake.requestsTo("POST /number/buy").length;
    await expect(slowNumbers.buy({ msisdn: "447700900102", country: "GB" })).rejects.toThrow(
      "Vonage did not confirm the purchase of +447700900102 in time, and +447700900102 is not on your account (checked just now): it was not bought.",
    );
    expect(fake.requestsTo("POST /number/buy").length).toBe(before + 1);
    expect(inventoryHas("447700900102")).toBe(true);
  });

  it("says the outcome is unknown when the check fails too, and treats a 5xx like a timeout", async () => {
    fake.script("POST /number/buy", { delayMs: 3_000, perform: false });
    fake.script("GET /account/numbers", { status: 503, body: "busy", contentType: "text/plain" });
    const unknown = await slowNumbers.buy({ msisdn: "447700900102", country: "GB" }).then(
      () => Promise.reject(new Error("reported as bought")),
      (e: Error & { details?: { hint?: string } }) => e,
    );
    expect(unknown.message).toBe("Vonage did not answer in time and Switchboard could not check whether +447700900102 was bought.");
    expect(unknown.details?.hint).toContain("Run `numbers list` before trying again");

    fake.script("POST /number/buy", { status: 503, body: "upstream error", contentType: "text/plain" });
    await expect(numbers.buy({ msisdn: "447700900102", country: "GB" })).rejects.toThrow("it was not bought");
    fake.script("POST /number/buy", { status: 200, body: "{garbled", contentType: "application/json" });
    await expect(numbers.buy({ msisdn: "447700900102", country: "GB" })).rejects.toThrow("it was not bought");
    expect(fake.requests.slice(-2).map((r) => `${r.method} ${r.path}`)).toEqual(["POST /number/buy", "GET /account/numbers"]);
  });
});
