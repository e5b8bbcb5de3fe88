import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/money.ts";
import { nextStep, rearmMargin, type AlertSnapshot } from "../../src/alerts/balance-alert-rules.ts";

const at = new Date("2026-01-15T10:00:00Z");
const alert = (overrides: Partial<AlertSnapshot> = {}): AlertSnapshot => ({
  state: "armed",
  threshold: new Decimal(10),
  shownBalance: null,
  liveMessageId: null,
  snoozedUntil: null,
  ...overrides,
});
const eur = (v: string) => new Decimal(v);

describe("balance alert rules", () => {
  it("re-arms 10% above the threshold, or €1 above it for small thresholds", () => {
    expect(rearmMargin(eur("50")).toFixed(2)).toBe("5.00");
    expect(rearmMargin(eur("2")).toFixed(2)).toBe("1.00");
  });

  it("fires once when the balance crosses below the threshold", () => {
    expect(nextStep(alert(), eur("10.00"), at)).toEqual({ state: "armed", message: "none" });
    expect(nextStep(alert(), eur("9.99"), at)).toEqual({ state: "firing", message: "post" });
  });

  it("edits the live message only when the shown balance changes", () => {
    const firing = alert({ state: "firing", liveMessageId: "out_1", shownBalance: eur("9.50") });
    expect(nextStep(firing, eur("9.5001"), at)).toEqual({ state: "firing", message: "none" });
    expect(nextStep(firing, eur("8.00"), at)).toEqual({ state: "firing", message: "edit" });
  });

  it("resolves only above the margin, so a balance hovering at the threshold keeps one live alert", () => {
    const firing = alert({ state: "firing", liveMessageId: "out_1", shownBalance: eur("9.50") });
    expect(nextStep(firing, eur("10.20"), at)).toEqual({ state: "firing", message: "edit" });
    expect(nextStep(firing, eur("10.99"), at)).toEqual({ state: "firing", message: "edit" });
    expect(nextStep(firing, eur("11.00"), at)).toEqual({ state: "resolved", message: "edit" });
  });

  it("posts a re-fire anew: a resolved message is never edited back to firing", () => {
    const resolved = alert({ state: "resolved", liveMessageId: "out_1" });
    expect(nextStep(resolved, eur("9.80"), at)).toEqual({ state: "firing", message: "post" });
    expect(nextStep(resolved, eur("10.00"), at)).toEqual({ state: "resolved", message: "none" });
    const snoozedUntil = new Date(at.getTime() + 3600_000);
    expect(nextStep({ ...resolved, snoozedUntil }, eur("9.80"), at)).toEqual({ state: "firing", message: "none" });
  });

  it("holds posts while snoozed and posts when the snooze is over", () => {
    const snoozedUntil = new Date(at.getTime() + 3600_000);
    expect(nextStep(alert({ snoozedUntil }), eur("5"), at)).toEqual({ state: "firing", message: "none" });
    const firingUnposted = alert({ state: "firing", snoozedUntil });
    expect(nextStep(firingUnposted, eur("5"), at)).toEqual({ state: "firing", message: "none" });
    expect(nextStep(firingUnposted, eur("5"), new Date(snoozedUntil.getTime() + 1))).toEqual({ state: "firing", message: "post" });
  });
});
