// Forms as modals, and replies shown in a view (modal or the App Home tab). Pure.
// Each form field becomes an input block named f:<field> with a typed element, so Slack
// checks numbers, URLs, emails and dates in the client and the adapter can point an
// error at the exact field (response_action: errors).
import type { HomeView, InputBlock, InputBlockElement, KnownBlock, ModalView, PlainTextElement } from "@slack/types";
import type { Form, FormField, Message } from "../../src/core/view.ts";
import { LIMITS, cutText } from "./block-kit-limits.ts";
import { FIELD_ACTION_ID, FORM_CALLBACK_ID, RESULT_CALLBACK_ID, decodeFormMetadata, encodeFormMetadata, fieldBlockId, fieldNameOf } from "./slack-ids.ts";
import { fitBlocks, renderBlock, renderMessage, toSlackOptions } from "./slack-renderer.ts";
import { mrkdwn, plain } from "./slack-text.ts";

export interface FormModalOptions {
  /** Where the result of the submission is posted; absent when opened from App Home. */
  channelId?: string;
  /** Shown above the fields: what went wrong with the previous submission. */
  notice?: Message;
}

export function renderFormModal(form: Form, options: FormModalOptions = {}): ModalView {
  if (!form.ref) throw new Error("A form needs its action reference before it can be shown");
  const notice = options.notice ? options.notice.blocks.flatMap(renderBlock) : [];
  const inputs = form.fields.flatMap((field) => fieldBlocks(field, form.errors?.[field.name]));
  return {
    type: "modal",
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: encodeFormMetadata({
      ref: form.ref,
      command: form.command,
      channelId: options.channelId,
      secretFields: form.fields.filter((f) => f.kind === "secret").map((f) => f.name),
    }),
    blocks: fitBlocks([...notice, ...inputs], [], LIMITS.viewBlocks),
  };
}

/** A reply shown in a modal: for buttons pressed where no message can be answered (App Home). */
export function renderResultModal(message: Message, title = "Switchboard"): ModalView {
  return {
    type: "modal",
    callback_id: RESULT_CALLBACK_ID,
    title: plain(title, LIMITS.modalTitle),
    close: plain("Close", LIMITS.modalButton),
    blocks: renderMessage(message, LIMITS.viewBlocks).blocks,
  };
}

export function renderHomeView(message: Message): HomeView {
  return { type: "home", blocks: renderMessage(message, LIMITS.viewBlocks).blocks };
}

function fieldBlocks(field: FormField, error: string | undefined): KnownBlock[] {
  const input: InputBlock = {
    type: "input",
    block_id: fieldBlockId(field.name),
    label: plain(field.label, LIMITS.inputLabel),
    optional: !field.required,
    element: elementFor(field),
  };
  const hint = field.kind === "secret" ? joinHint(field.hint, "Typed here, it stays out of the channel's history.") : field.hint;
  if (hint) input.hint = plain(hint, LIMITS.inputHint);
  const blocks: KnownBlock[] = [input];
  // Errors known before the modal opens cannot use response_action; show them under the field.
  if (error) blocks.push({ type: "context", elements: [mrkdwn(`:warning: ${error}`, LIMITS.sectionText)] });
  return blocks;
}

function elementFor(field: FormField): InputBlockElement {
  const base = { action_id: FIELD_ACTION_ID, ...(field.placeholder ? { placeholder: plain(field.placeholder, LIMITS.placeholder) } : {}) };
  const initial = field.kind === "secret" ? undefined : field.initial;
  return withInitial(emptyElementFor(field, base), initial);
}

function emptyElementFor(field: FormField, base: { action_id: string; placeholder?: PlainTextElement }): InputBlockElement {
  // Typeahead wins over every other kind: the choices come from the live source.
  if (field.suggest) return { type: "external_select", ...base, min_query_length: 0 };
  switch (field.kind) {
    case "select": {
      // Past 100 choices (or with a value too long for an option) a menu cannot offer them
      // all: the answer is typed instead and checked against the command's schema.
      const { options, dropped } = toSlackOptions(field.options ?? []);
      if (options.length === 0 || dropped > 0) return { type: "plain_text_input", ...base };
      return { type: "static_select", ...base, options };
    }
    case "number":
    case "amount":
      return { type: "number_input", ...base, is_decimal_allowed: field.kind === "amount" };
    case "url":
      return { type: "url_text_input", ...base };
    case "email":
      return { type: "email_text_input", ...base };
    case "date":
      return { type: "datepicker", ...base };
    default:
      return { type: "plain_text_input", ...base, multiline: field.kind === "multiline" };
  }
}

/** The element showing `initial` as its value, in the form its type takes; without any when it cannot. */
function withInitial(element: InputBlockElement, initial: string | undefined): InputBlockElement {
  const bare = { ...element } as InputBlockElement & Record<string, unknown>;
  delete bare.initial_value;
  delete bare.initial_option;
  delete bare.initial_date;
  if (initial === undefined || initial === "") return bare;
  switch (bare.type) {
    case "external_select":
      return { ...bare, initial_option: { text: plain(initial, LIMITS.optionText), value: initial.slice(0, LIMITS.optionValue) } };
    case "static_select": {
      const chosen = bare.options?.find((o) => o.value === initial);
      return chosen ? { ...bare, initial_option: chosen } : bare;
    }
    case "number_input":
      return /^-?\d+(\.\d+)?$/.test(initial) ? { ...bare, initial_value: initial } : bare;
    case "datepicker":
      return /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { ...bare, initial_date: initial } : bare;
    case "url_text_input":
    case "email_text_input":
      return { ...bare, initial_value: initial };
    case "plain_text_input":
      return { ...bare, initial_value: cutText(initial, LIMITS.inputInitialValue) };
    default:
      return bare;
  }
}

/** A form modal as Slack hands it back on submission: its blocks and what was entered. */
export interface SubmittedModal {
  title: PlainTextElement;
  submit?: PlainTextElement;
  close?: PlainTextElement;
  private_metadata: string;
  blocks?: { type: string; block_id?: string; optional?: boolean; element?: { type?: string } }[];
  state?: { values?: Record<string, Record<string, SubmittedValue>> };
}

export interface SubmittedValue {
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_date?: string | null;
}

/** What one input holds after submission, trimmed; undefined when left empty. */
export function submittedValue(state: SubmittedValue | undefined): string | undefined {
  const raw = state?.value ?? state?.selected_option?.value ?? state?.selected_date ?? undefined;
  return typeof raw === "string" && raw.trim() !== "" ? raw.trim() : undefined;
}

/**
 * The submitted modal again, its fields holding what the user entered (secrets excepted),
 * with the core's objection above them: built from the view itself, so the adapter needs
 * nothing of the command to show it.
 */
export function reopenFormModal(view: SubmittedModal, notice: Message): ModalView {
  const secret = new Set(decodeFormMetadata(view.private_metadata)?.secretFields ?? []);
  const values = view.state?.values ?? {};
  const inputs = (view.blocks ?? []).flatMap((block): KnownBlock[] => {
    const name = block.type === "input" && block.block_id ? fieldNameOf(block.block_id) : undefined;
    if (!name || !block.element) return [];
    const entered = secret.has(name) ? undefined : submittedValue(values[block.block_id!]?.[FIELD_ACTION_ID]);
    return [{ ...(block as InputBlock), element: withInitial(block.element as InputBlockElement, entered) }];
  });
  return {
    type: "modal",
    callback_id: FORM_CALLBACK_ID,
    title: view.title,
    ...(view.submit ? { submit: view.submit } : {}),
    close: view.close ?? plain("Cancel", LIMITS.modalButton),
    private_metadata: view.private_metadata,
    blocks: fitBlocks([...notice.blocks.flatMap(renderBlock), ...inputs], [], LIMITS.viewBlocks),
  };
}

const joinHint = (a: string | undefined, b: string) => (a ? `${a} ${b}` : b);
