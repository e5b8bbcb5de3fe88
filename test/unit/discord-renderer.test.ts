// The renderer against each Discord limit it relies on: oversized input is split across
// embeds and messages (nothing lost), or clamped where a piece cannot be split.
import { describe, expect, it } from "vitest";
import type { Button, Message, SelectOption } from "../../src/core/view.ts";
import { buttons, fields, header, text, code } from "../../src/core/view.ts";
import { renderMessage, renderReply, toDiscordMarkdown, type DiscordPayload } from "../../adapters/discord/discord-renderer.ts";
import { decodeCustomId } from "../../adapters/discord/discord-custom-ids.ts";
import { messageProblems } from "../helpers/discord/discord-rules.ts";

const valid = (payloads: DiscordPayload[]) => {
  for (const p of payloads) expect(messageProblems(p)).toEqual([]);
  return payloads;
};
const descriptions = (payloads: DiscordPayload[]) => payloads.flatMap((p) => p.embeds.map((e) => e.description ?? "")).join("\n");
const button = (i: number): Button => ({ label: `Button ${i}`, action: { command: "help", args: {} }, ref: `ref${i}` });

describe("discord renderer", () => {
  it("starts a new embed when text follows fields, so the order is kept", () => {
    const [p] = valid(renderMessage({ blocks: [fields({ A: "1" }), text("after")] }));
    expect(p!.embeds.map((e) => e.description ?? e.fields![0]!.name)).toEqual(["A", "after"]);
  });

  it("renders headers as titles, text as descriptions and fields as embed fields", () => {
    const [p] = valid(renderMessage({ blocks: [header("Balance"), text("You have *€12.00*."), fields({ Mode: "DEMO" })] }));
    expect(p!.embeds).toHaveLength(1);
    expect(p!.embeds[0]).toMatchObject({ title: "Balance", description: "You have **€12.00**." });
    expect(p!.embeds[0]!.fields).toEqual([{ name: "Mode", value: "DEMO", inline: true }]);
    expect(p!.allowed_mentions).toEqual({ parse: [] });
  });

  it("colours an embed by its most serious tone and marks the text", () => {
    const [p] = renderMessage({ blocks: [text("fine"), text("Card refused", "error")] });
    expect(p!.embeds[0]!.color).toBe(0xed4245);
    expect(p!.embeds[0]!.description).toContain("❌ Card refused");
  });

  it("converts Slack-style bold but leaves Discord bold and arithmetic alone", () => {
    expect(toDiscordMarkdown("*Charge* of 2 * 3 and **kept**")).toBe("**Charge** of 2 * 3 and **kept**");
  });

  it("keeps descriptions within 4,096 and messages within 6,000 embed characters, losing no text", () => {
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ` + "x".repeat(900));
    const payloads = valid(renderMessage({ blocks: paragraphs.map((p) => text(p)) }));
    expect(payloads.length).toBeGreaterThan(5);
    for (const p of paragraphs) expect(descriptions(payloads)).toContain(p);
  });

  it("splits one text longer than a description into several embeds", () => {
    const long = Array.from({ length: 900 }, (_, i) => `line ${i}`).join("\n");
    const payloads = valid(renderMessage({ blocks: [text(long)] }));
    expect(payloads.flatMap((p) => p.embeds).length).toBeGreaterThan(1);
    expect(descriptions(payloads).replace(/\n/g, "")).toBe(long.replace(/\n/g, ""));
  });

  it("fences each piece of a long code block", () => {
    const payloads = valid(renderMessage({ blocks: [code("0123456789\n".repeat(1000))] }));
    for (const e of payloads.flatMap((p) => p.embeds)) expect(e.description).toMatch(/^```\n[\s\S]*\n```$/);
  });

  it("puts at most 25 fields in an embed and 10 embeds in a message", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ label: `Number ${i}`, value: `+4477009000${i}` }));
    const payloads = valid(renderMessage({ blocks: [fields(many)] }));
    const names = payloads.flatMap((p) => p.embeds.flatMap((e) => e.fields!.map((f) => f.name)));
    expect(names).toEqual(many.map((f) => f.label));
    expect(Math.max(...payloads.map((p) => p.embeds.length))).toBeLessThanOrEqual(10);
  });

  it("clamps field names to 256, values to 1,024 and titles to 256 characters", () => {
    const [p] = valid(renderMessage({ blocks: [header("T".repeat(400)), fields([{ label: "n".repeat(300), value: "v".repeat(2000) }])] }));
    expect(p!.embeds[0]!.title).toHaveLength(256);
    expect(p!.embeds[0]!.fields![0]!.name).toHaveLength(256);
    expect(p!.embeds[0]!.fields![0]!.value).toHaveLength(1024);
  });

  it("fills empty field names and values, which Discord refuses", () => {
    valid(renderMessage({ blocks: [fields([{ label: "", value: "" }])] }));
  });

  it("puts 5 buttons in a row and 5 rows in a message, continuing in another message", () => {
    const many = Array.from({ length: 32 }, (_, i) => button(i));
    const payloads = valid(renderMessage({ blocks: [text("Pick one"), buttons(...many)] }));
    expect(payloads).toHaveLength(2);
    const ids = payloads.flatMap((p) => p.components.flatMap((r) => r.components.map((c) => ("custom_id" in c ? c.custom_id : ""))));
    expect(ids.map((id) => decodeCustomId(id))).toEqual(many.map((b) => ({ kind: "action", ref: b.ref })));
  });

  it("clamps button labels to 80 characters and marks buttons that ask first", () => {
    const confirmable: Button = { ...button(1), label: "L".repeat(120), confirm: { title: "t", text: "x", confirm: "y", deny: "n" } };
    const [p] = valid(renderMessage({ blocks: [buttons(confirmable)] }));
    const rendered = p!.components[0]!.components[0] as { label: string; custom_id: string };
    expect(rendered.label).toHaveLength(80);
    expect(decodeCustomId(rendered.custom_id)).toEqual({ kind: "ask", ref: "ref1" });
  });

  it("splits a select of more than 25 options into several, every option reachable", () => {
    const options: SelectOption[] = Array.from({ length: 60 }, (_, i) => ({ label: `Option ${i} ` + "o".repeat(120), value: `v${i}`, description: "d".repeat(150) }));
    const message: Message = { blocks: [{ type: "select", placeholder: "Choose a number", options, argName: "msisdn", action: { command: "x", args: {} }, ref: "sel1" }] };
    const [p] = valid(renderMessage(message));
    expect(p!.components).toHaveLength(3);
    const values = p!.components.flatMap((r) => r.components.flatMap((c) => ("options" in c ? c.options.map((o) => o.value) : [])));
    expect(values).toEqual(options.map((o) => o.value));
    const ids = p!.components.map((r) => decodeCustomId((r.components[0] as { custom_id: string }).custom_id));
    expect(ids).toEqual(Array(3).fill({ kind: "select", ref: "sel1", argName: "msisdn" }));
  });

  it("shows pages with previous and next buttons around a disabled page label", () => {
    const [p] = valid(renderMessage({ blocks: [text("page 2")], pagination: { page: 2, pageCount: 3, previousRef: "prev", nextRef: "next" } }));
    const row = p!.components[0]!.components as { label: string; disabled?: boolean; custom_id: string }[];
    expect(row.map((b) => b.label)).toEqual(["◀ Previous", "Page 2 of 3", "Next ▶"]);
    expect(row[1]!.disabled).toBe(true);
    expect(decodeCustomId(row[2]!.custom_id)).toEqual({ kind: "action", ref: "next" });
  });

  it("attaches at most 10 files to a message and names the ones too large for Discord", () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ name: `invoice-${i}.pdf`, mimeType: "application/pdf", content: Buffer.from("%PDF") }));
    files.push({ name: "huge.xlsx", mimeType: "application/vnd.ms-excel", content: Buffer.alloc(11 * 1024 * 1024) });
    const out = renderReply({ visibility: "ephemeral", message: { blocks: [text("Your invoices")] }, files });
    expect(out.map((m) => m.files.length)).toEqual([10, 2, 0]);
    expect(out[2]!.body.content).toContain("huge.xlsx");
    for (const m of out) expect(messageProblems(m.body, m.files.length > 0)).toEqual([]);
  });

  it("shows a chart as an embed image that names its upload, which Discord's upload rules accept", () => {
    const chart = { name: "usage-abc-7d.png", mimeType: "image/png", content: Buffer.from("png"), title: "Spend", image: { width: 800, height: 400, alt: "Spend" } };
    const [m] = renderReply({ visibility: "ephemeral", message: { blocks: [text("Usage")] }, files: [chart] });
    const uploads = m!.files.map((f, i) => ({ field: `files[${i}]`, name: f.name, content: Buffer.from(f.data as Buffer) }));
    expect(messageProblems(m!.body, true, uploads)).toEqual([]);
    expect(m!.body.embeds.at(-1)?.image).toEqual({ url: "attachment://usage-abc-7d.png" });
    // The rules can fail: an embed naming a file that was not uploaded, a files[n] that is missing.
    const wrong = { ...m!.body, embeds: [{ image: { url: "attachment://other.png" } }] };
    expect(messageProblems(wrong, true, uploads)).toEqual(["embed image attachment://other.png names no uploaded file"]);
    expect(messageProblems(m!.body, true, [])).toContain("attachment 0 has no files[0] part");
  });

  it("keeps generated content within 2,000 characters", () => {
    const files = Array.from({ length: 3 }, (_, i) => ({ name: `${"n".repeat(900)}${i}.csv`, mimeType: "text/csv", content: Buffer.from("a") }));
    const [m] = renderReply({ visibility: "ephemeral", files });
    expect(m!.body.content!.length).toBeLessThanOrEqual(2000);
    expect(m!.files).toHaveLength(3);
  });

  it("never sends an empty message", () => {
    valid(renderMessage({ blocks: [] }));
    valid(renderMessage({ blocks: [{ type: "divider" }] }));
  });
});
