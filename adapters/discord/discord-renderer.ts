// Turns the neutral view model into Discord messages: embeds for headers, text, fields and
// code; action rows for buttons, selects and pages. Pure (no I/O) so every Discord limit
// it relies on is tested on its own. What does not fit one message continues in the next
// one rather than being cut off.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, RawFile } from "discord.js";
import type { Block, Message, ReadyFile, ReadyReply } from "../../src/core/view.ts";
import { LIMITS, chunk, chunkText, clamp } from "./discord-limits.ts";
import { renderRows } from "./discord-components.ts";

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The body of a message: a channel post, an interaction reply, an edit or a follow-up. */
export interface DiscordPayload {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  /** Text from users and accounts must never ping anyone. */
  allowed_mentions: { parse: [] };
  /** Names the files sent with the message, by their index in the upload. */
  attachments?: { id: number; filename: string }[];
}

export interface OutgoingMessage {
  body: DiscordPayload;
  files: RawFile[];
}

type Tone = NonNullable<Extract<Block, { type: "text" }>["tone"]>;
const TONE_COLOR: Record<Tone, number> = { normal: 0x5865f2, muted: 0x5865f2, success: 0x57f287, warning: 0xfee75c, error: 0xed4245 };
const TONE_RANK: Record<Tone, number> = { normal: 0, muted: 0, success: 1, warning: 2, error: 3 };
const TONE_MARK: Record<Tone, string> = { normal: "", muted: "", success: "✅ ", warning: "⚠️ ", error: "❌ " };

export function renderMessage(message: Message): DiscordPayload[] {
  const groups = packEmbeds(buildEmbeds(message.blocks));
  const rows = chunk(renderRows(message), LIMITS.actionRows);
  const payloads: DiscordPayload[] = groups.map((embeds) => payload({ embeds }));
  if (payloads.length === 0) payloads.push(payload(rows.length ? {} : { content: "Done." }));
  payloads[payloads.length - 1]!.components = rows[0] ?? [];
  for (const more of rows.slice(1)) payloads.push(payload({ content: "More choices:", components: more }));
  return payloads;
}

/** A reply's messages with its files attached: at most 10 to a message, too large ones named. */
/** `reply`'s files must be ready (`readyReply`): attachments go with the message. */
export function renderReply(reply: ReadyReply): OutgoingMessage[] {
  const messages: OutgoingMessage[] = (reply.message ? renderMessage(reply.message) : []).map((body) => ({ body, files: [] }));
  const files = reply.files ?? [];
  const tooLarge = files.filter((f) => f.content.length > LIMITS.fileBytes);
  const batches = batchFiles(files.filter((f) => f.content.length <= LIMITS.fileBytes));
  if (messages.length === 0) {
    const names = files.map((f) => f.title ?? f.name).join(", ");
    messages.push({ body: payload({ content: clamp(names || "Done.", LIMITS.content) }), files: [] });
  }
  const images = new Map(files.filter((f) => f.image).map((f) => [f.name, f]));
  const attach = (message: OutgoingMessage, batch: RawFile[]) => {
    message.files = batch;
    if (batch.length) message.body.attachments = batch.map((file, id) => ({ id, filename: file.name }));
    // A chart shows inline as an embed's image, referring to its upload by name.
    for (const file of batch) {
      const image = images.get(file.name);
      if (!image || message.body.embeds.length >= LIMITS.embedsPerMessage) continue;
      const embed: APIEmbed = { title: clamp(image.title ?? image.name, LIMITS.embedTitle), image: { url: `attachment://${file.name}` } };
      const used = message.body.embeds.reduce((total, e) => total + embedSize(e), 0);
      message.body.embeds.push(used + embedSize(embed) <= LIMITS.embedTotal ? embed : { image: embed.image });
    }
  };
  attach(messages[0]!, batches[0] ?? []);
  for (const batch of batches.slice(1)) {
    const more: OutgoingMessage = { body: payload({ content: "More files:" }), files: [] };
    attach(more, batch);
    messages.push(more);
  }
  if (tooLarge.length > 0) {
    const note = `Too large to attach on Discord (over ${LIMITS.fileBytes / 1024 / 1024} MB): ${tooLarge.map((f) => f.name).join(", ")}.`;
    messages.push({ body: payload({ content: clamp(note, LIMITS.content) }), files: [] });
  }
  return messages;
}

/** The core writes Slack-style *bold*; Discord's bold is **bold** (a single * is italics). */
export function toDiscordMarkdown(text: string): string {
  return text.replace(/(^|[^*\w])\*([^*\n]+)\*(?![*\w])/g, "$1**$2**");
}

function payload(parts: Partial<DiscordPayload>): DiscordPayload {
  return { embeds: [], components: [], allowed_mentions: { parse: [] }, ...parts };
}

interface Draft {
  embed: APIEmbed;
  tone: Tone;
}

function buildEmbeds(blocks: Block[]): APIEmbed[] {
  const done: APIEmbed[] = [];
  let draft: Draft = { embed: {}, tone: "normal" };
  const flush = () => {
    const { embed, tone } = draft;
    if (embed.title || embed.description || embed.fields?.length) done.push({ ...embed, color: TONE_COLOR[tone] });
    draft = { embed: {}, tone: "normal" };
  };
  const addText = (text: string, tone: Tone = "normal") => {
    // Text after fields would show above them: keep the order by starting a new embed.
    if (draft.embed.fields?.length) flush();
    for (const piece of chunkText(text, LIMITS.embedDescription)) {
      const joined = draft.embed.description ? `${draft.embed.description}\n${piece}` : piece;
      if (joined.length > LIMITS.embedDescription || embedSize(draft.embed) + piece.length + 1 > LIMITS.embedTotal) flush();
      draft.embed.description = draft.embed.description ? `${draft.embed.description}\n${piece}` : piece;
      if (TONE_RANK[tone] > TONE_RANK[draft.tone]) draft.tone = tone;
    }
  };
  for (const block of blocks) {
    switch (block.type) {
      case "header":
        flush();
        draft.embed.title = clamp(toDiscordMarkdown(block.text), LIMITS.embedTitle);
        break;
      case "text":
        addText(TONE_MARK[block.tone ?? "normal"] + toDiscordMarkdown(block.text), block.tone);
        break;
      case "code":
        // Each piece is fenced on its own, so a split never leaves a code block open.
        for (const piece of chunkText(block.text, LIMITS.embedDescription - 8)) addText("```\n" + piece + "\n```");
        break;
      case "fields":
        for (const field of block.fields) {
          const name = clamp(toDiscordMarkdown(field.label) || "\u200b", LIMITS.fieldName);
          const value = clamp(toDiscordMarkdown(field.value) || "–", LIMITS.fieldValue);
          const full = (draft.embed.fields?.length ?? 0) >= LIMITS.embedFields;
          if (full || embedSize(draft.embed) + name.length + value.length > LIMITS.embedTotal) flush();
          (draft.embed.fields ??= []).push({ name, value, inline: value.length <= 40 && name.length <= 40 });
        }
        break;
      case "divider":
        flush();
        break;
      case "buttons":
      case "select":
        break;
    }
  }
  flush();
  return done;
}

export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0);
}

/** Up to 10 embeds and 6,000 characters a message. */
function packEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const size = embedSize(embed);
    if (current.length === LIMITS.embedsPerMessage || (current.length > 0 && total + size > LIMITS.embedTotal)) {
      groups.push(current);
      current = [];
      total = 0;
    }
    current.push(embed);
    total += size;
  }
  if (current.length) groups.push(current);
  return groups;
}

function batchFiles(files: ReadyFile[]): RawFile[][] {
  const batches: RawFile[][] = [];
  let current: RawFile[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length === LIMITS.filesPerMessage || (current.length > 0 && bytes + file.content.length > LIMITS.fileBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push({ name: file.name, data: file.content, contentType: file.mimeType });
    bytes += file.content.length;
  }
  if (current.length) batches.push(current);
  return batches;
}
