// Renders the neutral view model as terminal text. Buttons and select options become
// numbered choices the operator answers by typing the number.
import type { Block, Message, Reply } from "../../src/core/view.ts";

export interface Choice {
  label: string;
  ref: string;
  values?: Record<string, unknown>;
}

export interface RenderedText {
  text: string;
  choices: Choice[];
}

const TONE_PREFIX = { normal: "", muted: "  ", warning: "! ", success: "✓ ", error: "✗ " } as const;

export function renderReply(reply: Reply): RenderedText {
  const choices: Choice[] = [];
  const lines: string[] = [];
  if (reply.message) lines.push(...renderMessage(reply.message, choices));
  if (reply.form) {
    lines.push(`${reply.form.title}: ${reply.form.fields.map((f) => f.label + (f.required ? "" : " (optional)")).join(", ")}`);
    for (const field of reply.form.fields) {
      const problem = reply.form.errors?.[field.name];
      if (problem) lines.push(`✗ ${field.label}: ${problem}`);
    }
  }
  return { text: lines.join("\n"), choices };
}

function renderMessage(message: Message, choices: Choice[]): string[] {
  const lines = message.blocks.flatMap((block) => renderBlock(block, choices));
  const page = message.pagination;
  if (page && page.pageCount > 1) {
    const nav: string[] = [`Page ${page.page} of ${page.pageCount}`];
    if (page.previousRef) nav.push(choice(choices, { label: "Previous page", ref: page.previousRef }));
    if (page.nextRef) nav.push(choice(choices, { label: "Next page", ref: page.nextRef }));
    lines.push(nav.join("   "));
  }
  return lines;
}

function renderBlock(block: Block, choices: Choice[]): string[] {
  switch (block.type) {
    case "header":
      return [`== ${block.text} ==`];
    case "text":
      return [TONE_PREFIX[block.tone ?? "normal"] + stripMarkup(block.text)];
    case "code":
      return block.text.split("\n").map((line) => `    ${line}`);
    case "fields": {
      const width = Math.min(28, Math.max(...block.fields.map((f) => f.label.length)));
      return block.fields.map((f) => `  ${f.label.padEnd(width)}  ${stripMarkup(f.value)}`);
    }
    case "buttons":
      return [block.buttons.filter((b) => b.ref).map((b) => choice(choices, { label: b.label, ref: b.ref! })).join("   ")];
    case "select":
      return [
        `${block.placeholder}:`,
        ...block.options.map(
          (o) => "  " + choice(choices, { label: o.label, ref: block.ref!, values: { [block.argName]: o.value } }),
        ),
      ];
    case "divider":
      return ["――――――――――――――――――――"];
  }
}

function choice(choices: Choice[], entry: Choice): string {
  choices.push(entry);
  return `[${choices.length}] ${entry.label}`;
}

/** The core writes *bold* and `code` sparingly; a terminal shows them as plain text. */
const stripMarkup = (value: string) => value.replace(/\*([^*\n]+)\*/g, "$1");
