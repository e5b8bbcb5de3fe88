import { describe, expect, it } from "vitest";
import { SandboxInventory } from "../../src/numbers/inventory/sandbox-inventory.ts";
import { COUNTRIES } from "../../src/core/suggest/countries.ts";
import type { NumberSearchQuery } from "../../src/providers/number-provider.ts";

const inventory = new SandboxInventory();
const none = new Set<string>();
const search = (query: Partial<NumberSearchQuery> & { country: string }, rented = none) =>
  inventory.search({ page: 1, pageSize: 10, ...query }, rented);

describe("sandbox inventory", () => {
  it("covers at least 20 countries, each a known country, with landline numbers everywhere", () => {
    const countries = inventory.countryCodes();
    expect(countries.length).toBeGreaterThanOrEqual(20);
    for (const country of countries) {
      expect(COUNTRIES[country]).toBeDefined();
      expect(inventory.typesOf(country)).toContain("landline");
    }
    expect(inventory.typesOf("GB")).toEqual(["landline", "mobile-lvn", "toll-free"]);
    expect(inventory.typesOf("CH")).not.toContain("mobile-lvn");
  });

  it("holds hundreds of thousands of numbers", () => {
    expect(inventory.size()).toBeGreaterThan(300_000);
  });

  it("is the same for the same seed and different for another", () => {
    const again = new SandboxInventory();
    const other = new SandboxInventory(7);
    const query = { country: "GB", type: "mobile-lvn" as const };
    expect(again.search({ ...query, page: 1, pageSize: 10 }, none)).toEqual(search(query));
    expect(other.search({ ...query, page: 1, pageSize: 10 }, none).numbers).not.toEqual(search(query).numbers);
  });

  it("filters by type, features and digits, with a price in EUR", () => {
    const result = search({ country: "GB", type: "mobile-lvn", pattern: "77", match: "contains", pageSize: 50 });
    expect(result.total).toBeGreaterThan(50);
    for (const n of result.numbers) {
      expect(n.msisdn).toMatch(/^447\d{9}$/);
      expect(n.msisdn).toContain("77");
      expect(n.type).toBe("mobile-lvn");
      expect(n.features).toContain("SMS");
      expect(n.monthlyPrice.toFixed(2)).toBe("0.85");
    }
    const mms = search({ country: "US", features: ["MMS"], pageSize: 50 });
    expect(mms.total).toBeGreaterThan(0);
    expect(mms.numbers.every((n) => n.features.includes("MMS"))).toBe(true);
    expect(search({ country: "US", pattern: "1212", match: "starts" }).numbers.every((n) => n.msisdn.startsWith("1212"))).toBe(true);
    expect(search({ country: "DE", pattern: "00", match: "ends" }).numbers.every((n) => n.msisdn.endsWith("00"))).toBe(true);
  });

  it("pages through results in number order without overlap", () => {
    const query = { country: "FR", type: "landline" as const, pageSize: 25 };
    const first = search({ ...query, page: 1 });
    const second = search({ ...query, page: 2 });
    expect(second.total).toBe(first.total);
    const all = [...first.numbers, ...second.numbers].map((n) => n.msisdn);
    expect(new Set(all).size).toBe(50);
    expect([...all].sort()).toEqual(all);
  });

  it("leaves out rented numbers", () => {
    const before = search({ country: "NL", type: "mobile-lvn" });
    const taken = before.numbers[0]!.msisdn;
    const after = search({ country: "NL", type: "mobile-lvn" }, new Set([taken]));
    expect(after.total).toBe(before.total - 1);
    expect(after.numbers.map((n) => n.msisdn)).not.toContain(taken);
  });

  it("finds a number it sells and nothing it does not", () => {
    const number = search({ country: "CA", type: "toll-free" }).numbers[0]!;
    expect(inventory.find(number.msisdn)).toEqual(number);
    expect(inventory.find("15550000000")).toBeUndefined();
    expect(inventory.find(number.msisdn.slice(0, -4) + "abcd")).toBeUndefined();
  });

  it("refuses an unknown country and a type a country does not sell, saying what exists", () => {
    expect(() => search({ country: "XX" })).toThrow(/no numbers for "XX"/);
    expect(() => search({ country: "CH", type: "mobile-lvn" })).toThrow(/Switzerland has no mobile-lvn numbers/);
  });
});
