import { describe, expect, it } from "vitest";
import { parseEcbRate } from "../../src/billing/ecb-rates.ts";
import { addWorkingDays } from "../../src/billing/working-days.ts";
import { parsePaymentForm } from "../../src/billing/payment-page/payment-form.ts";
import { invoiceNumber, parseInvoiceNumber } from "../../src/billing/invoice-numbers.ts";
import { ecbXml } from "../helpers/ecb-server.ts";

describe("ECB reference rates", () => {
  it("reads the USD rate and its date from the daily XML", () => {
    const rate = parseEcbRate(ecbXml("1.0832", "2026-01-14"), "USD");
    expect(rate?.rate.toString()).toBe("1.0832");
    expect(rate?.date).toBe("2026-01-14");
  });

  it("finds nothing in a page that is not the rates", () => {
    expect(parseEcbRate("<html>maintenance</html>", "USD")).toBeUndefined();
  });
});

describe("working days", () => {
  it("skips the weekend", () => {
    const friday = new Date("2026-01-16T12:00:00Z");
    expect(addWorkingDays(friday, 1).toISOString()).toBe("2026-01-19T12:00:00.000Z");
    expect(addWorkingDays(friday, 3).toISOString()).toBe("2026-01-21T12:00:00.000Z");
  });
});

describe("payment form", () => {
  const base = { kind: "card", number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123", name: "Acme", line1: "1 Main St", city: "London", postalCode: "N1", country: "GB" };

  it("accepts a complete card with its billing address", () => {
    const parsed = parsePaymentForm(new URLSearchParams(base));
    expect(parsed.ok && parsed.details).toEqual({ kind: "card", number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" });
  });

  it("never echoes the card number or code back", () => {
    const parsed = parsePaymentForm(new URLSearchParams({ ...base, line1: "" }));
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain("4242");
    expect(JSON.stringify(parsed)).not.toContain("123\"");
  });

  it("reads the card number through the normaliser: full-width digits and zero-width spaces", () => {
    const parsed = parsePaymentForm(new URLSearchParams({ ...base, number: "４２４２\u200b4242.4242 4242" }));
    expect(parsed.ok && parsed.details).toMatchObject({ number: "4242424242424242" });
  });

  it("names each missing field", () => {
    const parsed = parsePaymentForm(new URLSearchParams({ kind: "paypal" }));
    expect(parsed.ok ? {} : parsed.errors).toMatchObject({ email: expect.any(String), name: expect.any(String), line1: expect.any(String), country: expect.any(String) });
  });
});

describe("invoice numbers", () => {
  it("reads what people type", () => {
    expect(invoiceNumber(42)).toBe("SB-000042");
    expect(parseInvoiceNumber("SB-000042")).toBe(42);
    expect(parseInvoiceNumber("sb42")).toBe(42);
    expect(parseInvoiceNumber("42")).toBe(42);
    expect(parseInvoiceNumber("INV-1")).toBeUndefined();
  });
});
