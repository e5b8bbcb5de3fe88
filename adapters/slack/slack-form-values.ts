// Reads a submitted form modal back into field values, and places the dispatcher's
// objections beside the fields they concern. The dispatcher alone validates: it answers a
// submission with a bad value with the same form and what is wrong with each field.
import type { Form } from "../../src/core/view.ts";
import { FIELD_ACTION_ID, fieldNameOf } from "./slack-ids.ts";
import { submittedValue, type SubmittedModal } from "./slack-modal-renderer.ts";

export type SubmittedView = Pick<SubmittedModal, "blocks" | "state">;

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
    const value = submittedValue(values[block.block_id]?.[FIELD_ACTION_ID]);
    return [{ name, blockId: block.block_id, elementType: block.element?.type ?? "plain_text_input", optional: Boolean(block.optional), value }];
  });
}

export const valuesOf = (fields: SubmittedField[]): Record<string, string> =>
  Object.fromEntries(fields.flatMap((f) => (f.value === undefined ? [] : [[f.name, f.value]])));

/**
 * Input block id → what is wrong, ready for `response_action: "errors"`, when the
 * dispatcher answered this submission with the same command's form and its objections to
 * fields this modal shows; undefined when the answer is another form (a next step).
 */
export function errorsBesideFields(answer: Form, command: string, fields: SubmittedField[]): Record<string, string> | undefined {
  const objections = answer.errors ?? {};
  if (answer.command !== command || Object.keys(objections).length === 0) return undefined;
  const shown = new Map(fields.map((f) => [f.name, f]));
  if (!answer.fields.every((f) => shown.has(f.name))) return undefined;
  const errors: Record<string, string> = {};
  for (const field of answer.fields) {
    const submitted = shown.get(field.name)!;
    const problem = objections[field.name] ?? (submitted.value === undefined && field.required ? "Required." : undefined);
    if (problem) errors[submitted.blockId] = /[.!?]$/.test(problem) ? problem : `${problem}.`;
  }
  return errors;
}
