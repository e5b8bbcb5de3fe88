// Forms as modals, and replies shown in a view (modal or the App Home tab). Pure.
// Each form field becomes an input block named f:<field> with a typed element, so Slack
// checks numbers, URLs, emails and dates in the client and the adapter can point an
// error at the exact field (response_action: errors).
import type { HomeView, InputBlock, InputBlockElement, KnownBlock, ModalView } from "@slack/types";
import type { Form, FormField, Message } from "../../src/core/view.ts";
import { LIMITS, cutText } from "./block-kit-limits.ts";
import { FIELD_ACTION_ID, FORM_CALLBACK_ID, RESULT_CALLBACK_ID, encodeFormMetadata, fieldBlockId } from "./slack-ids.ts";
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
    private_metadata: encodeFormMetadata({ ref: form.ref, command: form.command, channelId: options.channelId }),
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
  const initial = field.initial === undefined || field.kind === "secret" ? undefined : field.initial;
  // Typeahead wins over every other kind: the choices come from the live source.
  if (field.suggest) {
    return {
      type: "external_select",
      ...base,
      min_query_length: 0,
      ...(initial ? { initial_option: { text: plain(initial, LIMITS.optionText), value: initial.slice(0, LIMITS.optionValue) } } : {}),
    };
  }
  switch (field.kind) {
    case "select": {
      // Past 100 choices (or with a value too long for an option) a menu cannot offer them
      // all: the answer is typed instead and checked against the command's schema.
      const { options, dropped } = toSlackOptions(field.options ?? []);
      if (options.length === 0 || dropped > 0) {
        return { type: "plain_text_input", ...base, ...(initial ? { initial_value: cutText(initial, LIMITS.inputInitialValue) } : {}) };
      }
      const chosen = options.find((o) => o.value === initial);
      return { type: "static_select", ...base, options, ...(chosen ? { initial_option: chosen } : {}) };
    }
    case "number":
    case "amount":
      return {
        type: "number_input",
        ...base,
        is_decimal_allowed: field.kind === "amount",
        ...(initial !== undefined && /^-?\d+(\.\d+)?$/.test(initial) ? { initial_value: initial } : {}),
      };
    case "url":
      return { type: "url_text_input", ...base, ...(initial ? { initial_value: initial } : {}) };
    case "email":
      return { type: "email_text_input", ...base, ...(initial ? { initial_value: initial } : {}) };
    case "date":
      return { type: "datepicker", ...base, ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}) };
    default:
      return {
        type: "plain_text_input",
        ...base,
        multiline: field.kind === "multiline",
        ...(initial ? { initial_value: cutText(initial, LIMITS.inputInitialValue) } : {}),
      };
  }
}

const joinHint = (a: string | undefined, b: string) => (a ? `${a} ${b}` : b);
