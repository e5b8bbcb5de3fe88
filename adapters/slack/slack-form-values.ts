// Reads a submitted form modal back into field values and checks each one where Slack
// can show the problem beside the field: the element's type first (a number, a URL...),
// then the command's own schema, so a bad value is refused before anything runs.
import type { z } from "zod";
import type { CommandDefinition } from "../../src/core/commands/definition.ts";
import { argInfo } from "../../src/core/commands/arg-fields.ts";
import { FIELD_ACTION_ID, fieldNameOf } from "./slack-ids.ts";

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_date?: string | null;
}

export interface SubmittedView {
  blocks?: { type: string; block_id?: string; optional?: boolean; element?: { type?: string } }[];
  state?: { values?: Record<string, Record<string, StateValue>> };
}

export interface SubmittedField {
  name: string;
  blockId: string;
  elementType: string;
  optional: boolean;
  value?: string;
}

export function readSubmittedFields(view: SubmittedView): SubmittedField[] {
  const values = view.state?.values ?? {};
  return (view.blocks ?? []).flatMap((block) => {
    const name = block.type === "input" && block.block_id ? fieldNameOf(block.block_id) : undefined;
    if (!name || !block.block_id) return [];
    const state = values[block.block_id]?.[FIELD_ACTION_ID];
    const raw = state?.value ?? state?.selected_option?.value ?? state?.selected_date ?? undefined;
    const value = typeof raw === "string" && raw.trim() !== "" ? raw.trim() : undefined;
    return [{ name, blockId: block.block_id, elementType: block.element?.type ?? "plain_text_input", optional: Boolean(block.optional), value }];
  });
}

export const valuesOf = (fields: SubmittedField[]): Record<string, string> =>
  Object.fromEntries(fields.flatMap((f) => (f.value === undefined ? [] : [[f.name, f.value]])));

/** Input block id → what is wrong, ready for `response_action: "errors"`; empty when all is well. */
export function fieldErrors(fields: SubmittedField[], definition: CommandDefinition | undefined): Record<string, string> {
  const lists = new Set(definition ? argInfo(definition).filter((i) => i.list).map((i) => i.name) : []);
  const shape = (definition?.args.shape ?? {}) as Record<string, z.ZodType>;
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const problem = field.value === undefined ? (field.optional ? undefined : "Required.") : typeProblem(field) ?? schemaProblem(shape[field.name], field, lists);
    if (problem) errors[field.blockId] = problem;
  }
  return errors;
}

function typeProblem({ elementType, value }: SubmittedField): string | undefined {
  const v = value!;
  switch (elementType) {
    case "number_input":
      return /^-?\d+(\.\d+)?$/.test(v) ? undefined : "Enter a number.";
    case "url_text_input":
      return /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v) ? undefined : "Enter a full URL such as https://example.com.";
    case "email_text_input":
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? undefined : "Enter an email address such as ada@example.com.";
    case "datepicker":
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? undefined : "Pick a date.";
    default:
      return undefined;
  }
}

function schemaProblem(schema: z.ZodType | undefined, field: SubmittedField, lists: Set<string>): string | undefined {
  if (!schema || lists.has(field.name)) return undefined;
  const result = schema.safeParse(field.value);
  if (result.success) return undefined;
  const message = result.error.issues[0]?.message ?? "Not a valid value.";
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
