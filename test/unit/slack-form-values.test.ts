// Reading a submitted modal and pointing at the field that is wrong, by the element's
// type and by the command's own schema, before anything runs.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, readSubmittedFields, valuesOf } from "../../adapters/slack/slack-form-values.ts";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { say } from "../../src/core/view.ts";

const definition = defineCommand({
  path: "numbers configure",
  description: "Configure a number",
  args: z.object({ count: z.coerce.number().int().min(1), webhook: z.url().optional(), email: z.email().optional(), note: z.string().max(5).optional() }),
  access: "numbers",
  sideEffect: "write",
  needsAccount: true,
  handler: async () => say("ok"),
});

const input = (name: string, type: string, optional = false) => ({ type: "input", block_id: `f:${name}`, optional, element: { type } });
const view = (values: Record<string, Record<string, unknown>>) => ({
  blocks: [input("count", "number_input"), input("webhook", "url_text_input", true), input("email", "email_text_input", true), input("note", "plain_text_input", true), input("day", "datepicker", true), input("kind", "static_select", true)],
  state: { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [`f:${k}`, { v }])) },
});

describe("submitted form values", () => {
  it("reads each element's value the way Slack reports it", () => {
    const fields = readSubmittedFields(view({ count: { value: " 3 " }, day: { selected_date: "2026-03-31" }, kind: { selected_option: { value: "mobile" } }, note: { value: "" } }));
    expect(valuesOf(fields)).toEqual({ count: "3", day: "2026-03-31", kind: "mobile" });
  });

  it("accepts valid values", () => {
    const fields = readSubmittedFields(view({ count: { value: "2" }, webhook: { value: "https://example.com/sms" }, email: { value: "ada@acme.test" } }));
    expect(fieldErrors(fields, definition)).toEqual({});
  });

  it("points at each wrong field: required, typed and by the command's schema", () => {
    const missing = readSubmittedFields(view({}));
    expect(fieldErrors(missing, definition)).toEqual({ "f:count": "Required." });

    const wrong = readSubmittedFields(view({ count: { value: "0" }, webhook: { value: "ftp://x" }, email: { value: "nope" }, note: { value: "far too long" } }));
    const errors = fieldErrors(wrong, definition);
    expect(errors["f:count"]).toMatch(/Too small/);
    expect(errors["f:webhook"]).toBe("Enter a full URL such as https://example.com.");
    expect(errors["f:email"]).toBe("Enter an email address such as ada@example.com.");
    expect(errors["f:note"]).toMatch(/Too big/);
    expect(fieldErrors(readSubmittedFields(view({ count: { value: "two" } })), definition)["f:count"]).toBe("Enter a number.");
  });
});
