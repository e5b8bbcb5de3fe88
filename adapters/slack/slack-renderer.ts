// The neutral view model as Block Kit messages. Pure: no I/O, same input, same blocks.
// Every value is fitted to Block Kit's limits; a message too long for one payload is
// split into several (renderMessagePages) or cut with a visible marker (renderMessage).
import type { ActionsBlock, Button as SlackButton, ContextBlock, KnownBlock, PlainTextOption, SectionBlock } from "@slack/types";
import type { Block, Button, Message, Pagination, SelectOption } from "../../src/core/view.ts";
import { plainText } from "../../src/core/view.ts";
import { LIMITS, cutLabel, cutText, splitText } from "./block-kit-limits.ts";
import { escapeMrkdwn, mrkdwn, plain } from "./slack-text.ts";
import { buttonActionId, selectActionId } from "./slack-ids.ts";

export interface SlackMessage {
  blocks: KnownBlock[];
  /** Notification and screen-reader text; Slack shows it where blocks cannot be shown. */
  text: string;
}

const TONE_ICON = { normal: "", muted: "", warning: ":warning: ", success: ":white_check_mark: ", error: ":x: " } as const;

/** One payload: blocks past `maxBlocks` are replaced by a line saying how many were cut. */
export function renderMessage(message: Message, maxBlocks: number = LIMITS.messageBlocks): SlackMessage {
  const { body, footer } = renderParts(message);
  return { blocks: fitBlocks(body, footer, maxBlocks), text: fallbackText(message) };
}

/**
 * As many payloads as it takes, each within `maxBlocks`, at most `maxPages` of them (past
 * that the rest is cut with a notice); navigation stays on the last.
 */
export function renderMessagePages(message: Message, maxBlocks: number = LIMITS.messageBlocks, maxPages = LIMITS.responseUrlUses): SlackMessage[] {
  const { body: all, footer } = renderParts(message);
  const room = maxPages * maxBlocks - footer.length;
  const body = all.length > room ? fitBlocks(all, [], room) : all;
  const pages: KnownBlock[][] = [];
  for (let i = 0; i < body.length; i += maxBlocks) pages.push(body.slice(i, i + maxBlocks));
  if (pages.length === 0) pages.push([]);
  const last = pages[pages.length - 1]!;
  if (last.length + footer.length <= maxBlocks) last.push(...footer);
  else if (footer.length > 0) pages.push(footer);
  const text = fallbackText(message);
  return pages.map((blocks, i) => ({ blocks, text: i === 0 ? text : "(continued)" }));
}

export function fitBlocks(body: KnownBlock[], footer: KnownBlock[], maxBlocks: number): KnownBlock[] {
  if (body.length + footer.length <= maxBlocks) return [...body, ...footer];
  const room = Math.max(0, maxBlocks - footer.length - 1);
  const cut = body.length - room;
  const notice: ContextBlock = {
    type: "context",
    elements: [mrkdwn(`… ${cut} more part${cut === 1 ? "" : "s"} cut: too long for one Slack view.`, LIMITS.sectionText)],
  };
  return [...body.slice(0, room), notice, ...footer];
}

function renderParts(message: Message): { body: KnownBlock[]; footer: KnownBlock[] } {
  return { body: message.blocks.flatMap(renderBlock), footer: message.pagination ? renderPagination(message.pagination) : [] };
}

export function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case "header":
      return [{ type: "header", text: plain(block.text, LIMITS.headerText) }];
    case "text":
      return renderText(block.text, block.tone ?? "normal");
    case "code":
      // Each piece gets its own fences so a split never leaves a code block open.
      return splitText(escapeMrkdwn(block.text), LIMITS.sectionText - 8).map((piece) => section("```\n" + piece + "\n```"));
    case "fields":
      return renderFields(block.fields);
    case "buttons":
      return renderButtons(block.buttons);
    case "select":
      return renderSelect(block);
    case "divider":
      return [{ type: "divider" }];
  }
}

function renderText(value: string, tone: keyof typeof TONE_ICON): KnownBlock[] {
  const pieces = splitText(TONE_ICON[tone] + escapeMrkdwn(value), LIMITS.sectionText);
  if (tone === "muted") return pieces.map((piece) => ({ type: "context", elements: [{ type: "mrkdwn", text: piece }] }));
  return pieces.map(section);
}

const section = (escaped: string): SectionBlock => ({ type: "section", text: { type: "mrkdwn", text: escaped } });

function renderFields(entries: { label: string; value: string }[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < entries.length; i += LIMITS.sectionFields) {
    blocks.push({
      type: "section",
      fields: entries.slice(i, i + LIMITS.sectionFields).map((f) => {
        const label = `*${escapeMrkdwn(cutLabel(f.label, 200))}*\n`;
        return { type: "mrkdwn" as const, text: label + cutText(escapeMrkdwn(f.value), LIMITS.fieldText - label.length) };
      }),
    });
  }
  return blocks;
}

/** Buttons without a stored reference could not be answered, so they are not shown. */
function renderButtons(buttons: Button[]): KnownBlock[] {
  const elements = buttons.flatMap((b, i) => (b.ref ? [toSlackButton(b, i)] : []));
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
    blocks.push({ type: "actions", elements: elements.slice(i, i + LIMITS.actionsElements) });
  }
  return blocks;
}

export function toSlackButton(button: Button, index: number): SlackButton {
  const element: SlackButton = {
    type: "button",
    text: plain(button.label, LIMITS.buttonText),
    action_id: buttonActionId(button.ref!, index),
    value: button.ref!,
  };
  if (button.style) element.style = button.style;
  if (button.confirm) {
    element.confirm = {
      title: plain(button.confirm.title, LIMITS.confirmTitle),
      text: plain(button.confirm.text, LIMITS.confirmText),
      confirm: plain(button.confirm.confirm, LIMITS.confirmButton),
      deny: plain(button.confirm.deny, LIMITS.confirmButton),
      ...(button.style === "danger" ? { style: "danger" as const } : {}),
    };
  }
  return element;
}

function renderSelect(block: Extract<Block, { type: "select" }>): KnownBlock[] {
  if (!block.ref) return [];
  const { options, dropped } = toSlackOptions(block.options);
  if (options.length === 0) return [];
  const blocks: KnownBlock[] = [
    {
      type: "actions",
      elements: [
        {
          type: "static_select",
          action_id: selectActionId(block.ref, block.argName),
          placeholder: plain(block.placeholder, LIMITS.placeholder),
          options,
        },
      ],
    },
  ];
  if (dropped > 0) {
    const note = `${dropped} more choice${dropped === 1 ? "" : "s"} not listed: give \`${block.argName}:<value>\` to the command instead.`;
    blocks.push({ type: "context", elements: [mrkdwn(note, LIMITS.sectionText)] });
  }
  return blocks;
}

/**
 * At most 100 options. A value longer than Slack allows cannot be shortened without
 * changing what it means, so such an option is left out and counted as not listed.
 */
export function toSlackOptions(choices: SelectOption[]): { options: PlainTextOption[]; dropped: number } {
  const usable = choices.filter((c) => c.value.length > 0 && c.value.length <= LIMITS.optionValue);
  const options = usable.slice(0, LIMITS.selectOptions).map((c) => {
    const option: PlainTextOption = { text: plain(c.label, LIMITS.optionText), value: c.value };
    if (c.description) option.description = plain(c.description, LIMITS.optionDescription);
    return option;
  });
  return { options, dropped: choices.length - options.length };
}

function renderPagination(page: Pagination): KnownBlock[] {
  if (page.pageCount <= 1) return [];
  const blocks: KnownBlock[] = [{ type: "context", elements: [{ type: "mrkdwn", text: `Page ${page.page} of ${page.pageCount}` }] }];
  const nav: Button[] = [];
  if (page.previousRef) nav.push({ label: "◀ Previous", action: page.previous!, ref: page.previousRef });
  if (page.nextRef) nav.push({ label: "Next ▶", action: page.next!, ref: page.nextRef });
  if (nav.length > 0) blocks.push({ type: "actions", elements: nav.map(toSlackButton) });
  return blocks;
}

export function fallbackText(message: Message): string {
  const text = plainText(message).trim();
  return cutText(escapeMrkdwn(text === "" ? "Switchboard" : text), LIMITS.fallbackText);
}
