// Reading a submitted modal, placing the dispatcher's objections beside the fields they
// concern, and showing the modal again as the user filled it in: all without the command's
// schema, which only the dispatcher reads.
import { describe, expect, it } from "vitest";
import type { InputBlock } from "@slack/types";
import { errorsBesideFields, readSubmittedFields, valuesOf } from "../../adapters/slack/slack-form-values.ts";
import { renderFormModal, reopenFormModal, type SubmittedModal } from "../../adapters/slack/slack-modal-renderer.ts";
import { decodeFormMetadata } from "../../adapters/slack/slack-ids.ts";
import { text, type Form, type FormField } from "../../src/core/view.ts";

const input = (name: string, type: string, optional = false) => ({ type: "input", block_id: `f:${name}`, optional, element: { type } });
const view = (values: Record<string, Record<string, unknown>>) => ({
  blocks: [input("count", "number_input"), input("webhook", "url_text_input", true), input("email", "email_text_input", true), input("note", "plain_text_input", true), input("day", "datepicker", true), input("kind", "static_select", true)],
  state: { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [`f:${k}`, { v }])) },
});
const field = (name: string, kind: FormField["kind"], over: Partial<FormField> = {}): FormField => ({ name, label: name, kind, required: true, ...over });
const form = (fields: FormField[], over: Partial<Form> = {}): Form => ({ title: "Configure", submitLabel: "Save", command: "numbers configure", fixedArgs: {}, fields, ref: "ref1", ...over });

describe("submitted form values", () => {
  it("reads each element's value the way Slack reports it", () => {
    const fields = readSubmittedFields(view({ count: { value: " 3 " }, day: { selected_date: "2026-03-31" }, kind: { selected_option: { value: "mobile" } }, note: { value: "" } }));
    expect(valuesOf(fields)).toEqual({ count: "3", day: "2026-03-31", kind: "mobile" });
  });

  it("puts the dispatcher's objections beside the fields they concern, as sentences", () => {
    const fields = readSubmittedFields(view({ count: { value: "0" }, webhook: { value: "ftp://x" } }));
    const answer = form([field("count", "number"), field("webhook", "url", { required: false })], { errors: { count: "Too small: expected number to be >=1", webhook: "Invalid URL." } });
    expect(errorsBesideFields(answer, "numbers configure", fields)).toEqual({ "f:count": "Too small: expected number to be >=1.", "f:webhook": "Invalid URL." });
  });

  it("says a required field left empty is required, beside the other objections", () => {
    const fields = readSubmittedFields(view({ webhook: { value: "ftp://x" } }));
    const answer = form([field("count", "number"), field("webhook", "url", { required: false })], { errors: { webhook: "Invalid URL" } });
    expect(errorsBesideFields(answer, "numbers configure", fields)).toEqual({ "f:count": "Required.", "f:webhook": "Invalid URL." });
  });

  it("leaves another form (a next step, another command, fields this modal lacks) to replace the modal", () => {
    const fields = readSubmittedFields(view({ count: { value: "2" } }));
    expect(errorsBesideFields(form([field("count", "number")]), "numbers configure", fields)).toBeUndefined();
    expect(errorsBesideFields(form([field("count", "number")], { errors: { count: "No." } }), "numbers rent", fields)).toBeUndefined();
    expect(errorsBesideFields(form([field("pin", "secret")], { errors: { pin: "Four digits." } }), "numbers configure", fields)).toBeUndefined();
  });
});

describe("a submitted modal shown again", () => {
  const opened = renderFormModal(
    form([field("country", "text", { suggest: "countries" }), field("kind", "select", { options: [{ label: "Mobile", value: "mobile" }] }), field("count", "number"), field("pin", "secret"), field("note", "text", { initial: "old" })]),
    { channelId: "C1", notice: { blocks: [text("An earlier problem.", "error")] } },
  );
  const submitted: SubmittedModal = {
    ...opened,
    title: opened.title,
    private_metadata: opened.private_metadata!,
    blocks: opened.blocks,
    state: {
      values: {
        "f:country": { v: { selected_option: { value: "ZZ" } } },
        "f:kind": { v: { selected_option: { value: "mobile" } } },
        "f:count": { v: { value: "4" } },
        "f:pin": { v: { value: "1234" } },
        "f:note": { v: { value: "" } },
      },
    },
  };
  const again = reopenFormModal(submitted, { blocks: [text("There are no numbers to rent in ZZ.", "error")] });
  const inputs = again.blocks.filter((b): b is InputBlock => b.type === "input");

  it("keeps what was entered in each field, but never a secret", () => {
    expect(inputs.map((b) => b.block_id)).toEqual(["f:country", "f:kind", "f:count", "f:pin", "f:note"]);
    expect(inputs[0]!.element).toMatchObject({ type: "external_select", initial_option: { value: "ZZ" } });
    expect(inputs[1]!.element).toMatchObject({ type: "static_select", initial_option: { value: "mobile" } });
    expect(inputs[2]!.element).toMatchObject({ type: "number_input", initial_value: "4" });
    expect(inputs[3]!.element).not.toHaveProperty("initial_value");
    expect(inputs[4]!.element).not.toHaveProperty("initial_value");
    expect(decodeFormMetadata(again.private_metadata)).toEqual({ ref: "ref1", command: "numbers configure", channelId: "C1", secretFields: ["pin"] });
  });

  it("says what went wrong above the fields, in place of the earlier notice", () => {
    expect(JSON.stringify(again.blocks[0])).toContain("There are no numbers to rent in ZZ.");
    expect(JSON.stringify(again.blocks)).not.toContain("An earlier problem.");
    expect(again).toMatchObject({ type: "modal", callback_id: "sb_form", title: opened.title, submit: opened.submit });
  });
});
