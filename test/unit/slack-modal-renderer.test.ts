// Forms as modals and replies as views, within the limits of views: 100 blocks, a title,
// submit and close of 24 characters, private_metadata of 3,000.
import { describe, expect, it } from "vitest";
import type { InputBlock, ModalView } from "@slack/types";
import { renderFormModal, renderHomeView, renderResultModal } from "../../adapters/slack/slack-modal-renderer.ts";
import { decodeFormMetadata, encodeFormMetadata } from "../../adapters/slack/slack-ids.ts";
import { LIMITS } from "../../adapters/slack/block-kit-limits.ts";
import { text, type Form, type FormField } from "../../src/core/view.ts";

const form = (fields: FormField[], over: Partial<Form> = {}): Form => ({
  title: "Rent a number",
  submitLabel: "Continue",
  command: "numbers rent",
  fixedArgs: {},
  fields,
  ref: "ref123",
  ...over,
});
const field = (name: string, kind: FormField["kind"], over: Partial<FormField> = {}): FormField => ({ name, label: name, kind, required: true, ...over });
const inputs = (view: ModalView) => view.blocks.filter((b): b is InputBlock => b.type === "input");

describe("Slack modal renderer", () => {
  it("gives each field kind its typed input", () => {
    const view = renderFormModal(
      form([
        field("name", "text"),
        field("notes", "multiline", { required: false }),
        field("count", "number"),
        field("amount", "amount", { initial: "12.50" }),
        field("webhook", "url"),
        field("email", "email"),
        field("type", "select", { options: [{ label: "Mobile", value: "mobile" }, { label: "Landline", value: "landline" }], initial: "landline" }),
        field("from", "date", { initial: "2026-02-28" }),
        field("country", "text", { suggest: "countries" }),
        field("secret", "secret", { initial: "never-shown" }),
      ]),
    );
    const elements = inputs(view).map((b) => b.element);
    expect(elements.map((e) => e.type)).toEqual([
      "plain_text_input",
      "plain_text_input",
      "number_input",
      "number_input",
      "url_text_input",
      "email_text_input",
      "static_select",
      "datepicker",
      "external_select",
      "plain_text_input",
    ]);
    expect(elements[1]).toMatchObject({ multiline: true });
    expect(inputs(view)[1]!.optional).toBe(true);
    expect(elements[2]).toMatchObject({ is_decimal_allowed: false });
    expect(elements[3]).toMatchObject({ is_decimal_allowed: true, initial_value: "12.50" });
    expect(elements[6]).toMatchObject({ initial_option: { value: "landline" } });
    expect(elements[7]).toMatchObject({ initial_date: "2026-02-28" });
    expect(elements[8]).toMatchObject({ min_query_length: 0 });
    expect(JSON.stringify(elements[9])).not.toContain("never-shown");
    expect(inputs(view).map((b) => b.block_id)).toContain("f:country");
  });

  it("cuts the title and buttons to 24 characters", () => {
    const view = renderFormModal(form([field("a", "text")], { title: "Configure the webhooks of a number", submitLabel: "Rent this number now, please" }));
    expect(view.title.text).toHaveLength(LIMITS.modalTitle);
    expect(view.submit!.text).toHaveLength(LIMITS.modalButton);
    expect(view.close!.text.length).toBeLessThanOrEqual(LIMITS.modalButton);
  });

  it("remembers the form in private_metadata and refuses anything over 3,000 characters", () => {
    const view = renderFormModal(form([field("a", "text")]), { channelId: "C1" });
    expect(decodeFormMetadata(view.private_metadata)).toEqual({ ref: "ref123", command: "numbers rent", channelId: "C1" });
    expect(() => encodeFormMetadata({ ref: "r", command: "c".repeat(3000) })).toThrow(/private_metadata/);
    expect(decodeFormMetadata("not json")).toBeUndefined();
  });

  it("types a menu of more than 100 choices as text instead of hiding choices", () => {
    const options = Array.from({ length: 120 }, (_, i) => ({ label: `C${i}`, value: `c${i}` }));
    const [input] = inputs(renderFormModal(form([field("pick", "select", { options })])));
    expect(input!.element.type).toBe("plain_text_input");
  });

  it("shows errors known before opening under their field, and a notice above the fields", () => {
    const view = renderFormModal(form([field("amount", "amount")], { errors: { amount: "Must be at least €5." } }), { notice: { blocks: [text("You need the payments permission.", "error")] } });
    const json = JSON.stringify(view.blocks);
    expect(json.indexOf("payments permission")).toBeLessThan(json.indexOf("f:amount"));
    expect(view.blocks[2]).toMatchObject({ type: "context" });
    expect(JSON.stringify(view.blocks[2])).toContain("Must be at least €5.");
  });

  it("keeps a modal and the Home tab to 100 blocks", () => {
    const big = { blocks: Array.from({ length: 250 }, (_, i) => text(`Row ${i}`)) };
    expect(renderHomeView(big).blocks).toHaveLength(LIMITS.viewBlocks);
    expect(renderResultModal(big).blocks).toHaveLength(LIMITS.viewBlocks);
    const fields = Array.from({ length: 150 }, (_, i) => field(`f${i}`, "text"));
    expect(renderFormModal(form(fields)).blocks).toHaveLength(LIMITS.viewBlocks);
  });
});
