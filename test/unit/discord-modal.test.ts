// Forms as modals: five inputs at most, a title within 45 characters, what is wrong under
// each label and the typed values kept; and submissions read back by field name.
import { describe, expect, it } from "vitest";
import type { Form, FormField } from "../../src/core/view.ts";
import { formPrompt, modalValues, renderModal, reopenAction } from "../../adapters/discord/discord-modal.ts";
import { decodeCustomId } from "../../adapters/discord/discord-custom-ids.ts";
import { modalProblems } from "../helpers/discord/discord-rules.ts";

const field = (name: string, extra: Partial<FormField> = {}): FormField => ({ name, label: `The ${name}`, kind: "text", required: true, ...extra });
const form = (fields: FormField[], extra: Partial<Form> = {}): Form => ({
  title: "Create a sandbox account for your company and its team",
  submitLabel: "Continue",
  command: "account signup",
  fixedArgs: { plan: "demo" },
  fields,
  ref: "formref1",
  ...extra,
});

describe("discord modals", () => {
  it("shows at most five inputs under a title of at most 45 characters", () => {
    const modal = renderModal(form(Array.from({ length: 7 }, (_, i) => field(`f${i}`))));
    expect(modalProblems(modal)).toEqual([]);
    expect(modal.components).toHaveLength(5);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(decodeCustomId(modal.custom_id)).toEqual({ kind: "form", ref: "formref1" });
  });

  it("puts what is wrong under the label and keeps the typed value", () => {
    const modal = renderModal(form([field("quantity", { initial: "0", kind: "number" })], { errors: { quantity: "Too small: expected number to be >0" } }));
    expect(modalProblems(modal)).toEqual([]);
    expect(modal.components[0]).toMatchObject({
      type: 18,
      label: "The quantity",
      description: "⚠️ Too small: expected number to be >0",
      component: { type: 4, custom_id: "quantity", value: "0", style: 1, required: true },
    });
  });

  it("offers up to 25 choices as a select, more as text with the choices named", () => {
    const few = Array.from({ length: 3 }, (_, i) => ({ label: `Plan ${i}`, value: `p${i}` }));
    const many = Array.from({ length: 30 }, (_, i) => ({ label: `Region ${i}`, value: `r${i}` }));
    const modal = renderModal(form([field("plan", { kind: "select", options: few, initial: "p1" }), field("region", { kind: "select", options: many, required: false })]));
    expect(modalProblems(modal)).toEqual([]);
    const [plan, region] = modal.components as unknown as { component: Record<string, unknown> }[];
    expect(plan!.component).toMatchObject({ type: 3, custom_id: "plan", min_values: 1, max_values: 1 });
    expect((plan!.component.options as { default: boolean }[]).map((o) => o.default)).toEqual([false, true, false]);
    expect(region!.component).toMatchObject({ type: 4, required: false });
    expect(String(region!.component.placeholder)).toMatch(/^One of: r0, r1/);
    expect(String(region!.component.placeholder).length).toBeLessThanOrEqual(100);
  });

  it("uses a paragraph for multi-line text and clamps long labels, hints and values", () => {
    const modal = renderModal(
      form([field("address", { kind: "multiline", label: "L".repeat(80), hint: "h".repeat(200), initial: "v".repeat(5000) })]),
    );
    expect(modalProblems(modal)).toEqual([]);
    expect(modal.components[0]).toMatchObject({ component: { style: 2 } });
  });

  it("reads submitted values from labelled inputs and from legacy rows, skipping empty ones", () => {
    const values = modalValues([
      { type: 18, id: 1, component: { type: 4, id: 2, custom_id: "quantity", value: "2" } },
      { type: 18, id: 3, component: { type: 3, id: 4, custom_id: "plan", values: ["p1"] } },
      { type: 1, components: [{ type: 4, custom_id: "note", value: "" }] },
      { type: 1, components: [{ type: 4, custom_id: "email", value: "a@b.test" }] },
    ]);
    expect(values).toEqual({ quantity: "2", plan: "p1", email: "a@b.test" });
  });

  it("reopens a form with the values that were typed, over the fixed ones", () => {
    const wrong = form([field("quantity", { initial: "0" }), field("pin", { kind: "secret" })], { errors: { quantity: "Too small" } });
    expect(reopenAction(wrong)).toEqual({ command: "account signup", args: { plan: "demo", quantity: "0" } });
    expect(reopenAction(form([field("pin")]))).toBeUndefined();
  });

  it("says what is wrong when a modal cannot be shown again, with a button to fix it", () => {
    const wrong = form([field("quantity", { initial: "0" })], { errors: { quantity: "Too small" } });
    const prompt = formPrompt(wrong, "openref", "submitted");
    expect(prompt.blocks[0]).toMatchObject({ type: "text", text: "Some answers need a change:\n• *The quantity*: Too small" });
    expect(prompt.blocks[1]).toMatchObject({ type: "buttons", buttons: [{ label: "Fix the answers", ref: "openref" }] });
    const next = formPrompt(form([field("email")]), "ref2", "submitted");
    expect(next.blocks[1]).toMatchObject({ buttons: [{ label: "Continue" }] });
  });
});
