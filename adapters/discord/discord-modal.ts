// Forms as Discord modals: at most five labelled inputs, what is wrong shown under each
// label. A longer form is asked in steps with no state kept here: the dispatcher answers
// each submission with a form of what is still missing. Discord cannot answer a modal with
// another modal, so a next step or a correction is offered as a button that opens it.
import type { APILabelComponent, APIModalInteractionResponseCallbackData, APISelectMenuOption } from "discord.js";
import { ComponentType, TextInputStyle } from "discord.js";
import type { Action, Form, FormField, Message } from "../../src/core/view.ts";
import { buttons, text } from "../../src/core/view.ts";
import { encodeCustomId } from "./discord-custom-ids.ts";
import { LIMITS, clamp } from "./discord-limits.ts";

const PLACEHOLDERS: Partial<Record<FormField["kind"], string>> = {
  amount: "An amount such as 20.00",
  number: "A number",
  date: "YYYY-MM-DD",
  email: "name@example.com",
  url: "https://…",
  phone: "International format, such as +447700900123",
  secret: "Only you see this form; it is never shown again",
};

export function renderModal(form: Form): APIModalInteractionResponseCallbackData {
  if (!form.ref) throw new Error("a form needs its stored reference to become a modal");
  const fields = form.fields.slice(0, LIMITS.modalComponents);
  return {
    title: clamp(form.title, LIMITS.modalTitle),
    custom_id: encodeCustomId({ kind: "form", ref: form.ref }),
    components: fields.map((field) => labelled(field, form.errors?.[field.name])),
  };
}

function labelled(field: FormField, error: string | undefined): APILabelComponent {
  const description = error ? `⚠️ ${error}` : field.hint;
  return {
    type: ComponentType.Label,
    label: clamp(field.label, LIMITS.labelText),
    ...(description ? { description: clamp(description, LIMITS.labelDescription) } : {}),
    component: input(field),
  };
}

function input(field: FormField): APILabelComponent["component"] {
  const options = field.options ?? [];
  const selectable = options.length > 0 && options.length <= LIMITS.selectOptions && options.every((o) => o.value.length <= LIMITS.optionText);
  if (selectable) {
    return {
      type: ComponentType.StringSelect,
      custom_id: field.name,
      required: field.required,
      min_values: field.required ? 1 : 0,
      max_values: 1,
      options: options.map(
        (o): APISelectMenuOption => ({ label: clamp(o.label || o.value, LIMITS.optionText), value: o.value, default: o.value === field.initial }),
      ),
    };
  }
  const placeholder = field.placeholder ?? (options.length ? `One of: ${options.map((o) => o.value).join(", ")}` : PLACEHOLDERS[field.kind]);
  return {
    type: ComponentType.TextInput,
    custom_id: field.name,
    style: field.kind === "multiline" ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: field.required,
    ...(field.initial !== undefined ? { value: field.initial.slice(0, LIMITS.textInputValue) } : {}),
    ...(placeholder ? { placeholder: clamp(placeholder, LIMITS.textInputPlaceholder) } : {}),
  };
}

/** A submitted modal's values by field name; an empty optional input is left out. */
export function modalValues(components: readonly unknown[]): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (node: unknown) => {
    const item = node as { custom_id?: string; value?: string; values?: string[]; component?: unknown; components?: unknown[] };
    if (item.component) visit(item.component);
    for (const child of item.components ?? []) visit(child);
    if (!item.custom_id) return;
    const value = item.values ? item.values[0] : item.value;
    if (value !== undefined && value !== "") values[item.custom_id] = value;
  };
  components.forEach(visit);
  return values;
}

/**
 * The action that reopens a form with what was typed: the values kept are given again, so
 * the dispatcher answers with the same errors under the same labels.
 */
export function reopenAction(form: Form): Action | undefined {
  const typed = form.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]);
  return typed.length ? { command: form.command, args: { ...form.fixedArgs, ...Object.fromEntries(typed) } } : undefined;
}

/** The message that stands in for a modal Discord will not open here: what is wrong, and a button. */
export function formPrompt(form: Form, openRef: string, situation: "submitted" | "late"): Message {
  const labelOf = (name: string) => form.fields.find((f) => f.name === name)?.label ?? name;
  const problems = Object.entries(form.errors ?? {}).map(([name, error]) => `• *${labelOf(name)}*: ${error}`);
  const lines = problems.length
    ? ["Some answers need a change:", ...problems]
    : situation === "submitted"
      ? [`Thanks. ${form.fields.length} more to fill in: ${form.fields.map((f) => f.label).join(", ")}.`]
      : [`${form.title}: this needs a few details.`];
  const label = problems.length ? "Fix the answers" : situation === "submitted" ? "Continue" : "Open the form";
  return {
    blocks: [
      text(lines.join("\n"), problems.length ? "warning" : "normal"),
      buttons({ label, style: "primary", action: { command: form.command, args: form.fixedArgs }, ref: openRef }),
    ],
  };
}
