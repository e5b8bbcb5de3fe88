// The Block Kit renderer against each limit it relies on: Slack rejects the whole payload
// when one value is over, so every limit has a test that sends far more than fits.
import { describe, expect, it } from "vitest";
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock, StaticSelect } from "@slack/types";
import { renderMessage, renderMessagePages } from "../../adapters/slack/slack-renderer.ts";
import { CUT_MARKER, LIMITS } from "../../adapters/slack/block-kit-limits.ts";
import { buttons, code, fields, header, text, type Block, type Message } from "../../src/core/view.ts";

const action = { command: "help", args: {} };
const many = (n: number, make: (i: number) => Block): Message => ({ blocks: Array.from({ length: n }, (_, i) => make(i)) });
const sections = (blocks: KnownBlock[]) => blocks.filter((b): b is SectionBlock => b.type === "section");
const actions = (blocks: KnownBlock[]) => blocks.filter((b): b is ActionsBlock => b.type === "actions");

describe("Slack message renderer", () => {
  it("keeps a message to 50 blocks, saying how much was cut", () => {
    const { blocks } = renderMessage(many(120, (i) => text(`Number ${i}`)));
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(JSON.stringify(blocks.at(-1))).toContain("71 more parts cut");
  });

  it("splits a long reply into several messages of at most 50 blocks, losing nothing", () => {
    const pages = renderMessagePages(many(120, (i) => text(`Number ${i}`)));
    expect(pages.map((p) => p.blocks.length)).toEqual([50, 50, 20]);
    expect(JSON.stringify(pages)).toContain("Number 119");
  });

  it("sends at most 5 messages, as often as a response_url may be used, cutting the rest with a notice", () => {
    const pages = renderMessagePages({ ...many(400, (i) => text(`Row ${i}`)), pagination: { page: 1, pageCount: 9, nextRef: "p2", next: action } });
    expect(pages).toHaveLength(LIMITS.responseUrlUses);
    expect(pages.every((p) => p.blocks.length <= LIMITS.messageBlocks)).toBe(true);
    const last = JSON.stringify(pages.at(-1));
    expect(last).toContain("more parts cut");
    expect(last).toContain("Page 1 of 9");
  });

  it("keeps page navigation on the last message and in a cut one", () => {
    const message: Message = { ...many(60, (i) => text(`Row ${i}`)), pagination: { page: 2, pageCount: 3, previousRef: "p1", nextRef: "p3", previous: action, next: action } };
    const cut = renderMessage(message).blocks;
    expect(cut).toHaveLength(50);
    expect(actions(cut).at(-1)!.elements.map((e) => (e as Button).value)).toEqual(["p1", "p3"]);
    expect(JSON.stringify(cut)).toContain("Page 2 of 3");
    const pages = renderMessagePages(message);
    expect(JSON.stringify(pages.at(-1))).toContain("Page 2 of 3");
    expect(pages.every((p) => p.blocks.length <= 50)).toBe(true);
  });

  it("splits text over 3,000 characters at line breaks, and cuts a longer single line with a marker", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} of a long listing`).join("\n");
    const split = sections(renderMessage({ blocks: [text(lines)] }).blocks);
    expect(split.length).toBeGreaterThan(3);
    expect(split.every((s) => s.text!.text.length <= LIMITS.sectionText)).toBe(true);
    expect(split.map((s) => s.text!.text).join("\n")).toBe(lines);

    const [one] = sections(renderMessage({ blocks: [text("x".repeat(5000))] }).blocks);
    expect(one!.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(one!.text!.text.endsWith(CUT_MARKER)).toBe(true);
  });

  it("keeps code fenced in every piece it is split into", () => {
    const pieces = sections(renderMessage({ blocks: [code(Array.from({ length: 300 }, () => "0123456789 0123456789").join("\n"))] }).blocks);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(piece.text!.text.startsWith("```\n") && piece.text!.text.endsWith("\n```")).toBe(true);
    }
  });

  it("escapes &, < and > so Slack shows them instead of reading links", () => {
    const [section] = sections(renderMessage({ blocks: [text("Usage: numbers rent <msisdn> & *more*")] }).blocks);
    expect(section!.text!.text).toBe("Usage: numbers rent &lt;msisdn&gt; &amp; *more*");
  });

  it("keeps the mentions the core writes (users list, alert mentions) and escapes the text around them", () => {
    const [section] = sections(
      renderMessage({ blocks: [fields([{ label: "uada (<@UADA>)", value: "Ping <!subteam^S0ONCALL|oncall> & <#C0123>, not <b>" }])] }).blocks,
    );
    expect(section!.fields![0]!.text).toBe("*uada (<@UADA>)*\nPing <!subteam^S0ONCALL|oncall> &amp; <#C0123>, not &lt;b&gt;");
    const [typed] = sections(renderMessage({ blocks: [text("<@UADA> <https://evil.example|click> <@UADA|x<y>")] }).blocks);
    expect(typed!.text!.text).toBe("<@UADA> &lt;https://evil.example|click&gt; &lt;@UADA|x&lt;y&gt;");
  });

  it("puts at most 10 fields of 2,000 characters in a section", () => {
    const blocks = renderMessage({ blocks: [fields(Array.from({ length: 25 }, (_, i) => ({ label: `Field ${i}`, value: "v".repeat(2500) })))] }).blocks;
    expect(sections(blocks).map((s) => s.fields!.length)).toEqual([10, 10, 5]);
    expect(sections(blocks).flatMap((s) => s.fields!).every((f) => f.text.length <= LIMITS.fieldText)).toBe(true);
  });

  it("cuts a header to 150 characters", () => {
    const [h] = renderMessage({ blocks: [header("H".repeat(400))] }).blocks as HeaderBlock[];
    expect(h!.text.text).toHaveLength(LIMITS.headerText);
    expect(h!.text.text.endsWith("…")).toBe(true);
  });

  it("cuts button text to 75 characters and puts at most 25 buttons in a row", () => {
    const row = Array.from({ length: 30 }, (_, i) => ({ label: `Button ${i} `.padEnd(100, "x"), action, ref: `r${i}` }));
    const rows = actions(renderMessage({ blocks: [buttons(...row)] }).blocks);
    expect(rows.map((r) => r.elements.length)).toEqual([25, 5]);
    const first = rows[0]!.elements[0] as Button;
    expect(first.text.text).toHaveLength(LIMITS.buttonText);
    expect(first.value).toBe("r0");
  });

  it("leaves out buttons that have no stored reference, since a click could not be answered", () => {
    const blocks = renderMessage({ blocks: [buttons({ label: "Orphan", action }, { label: "Live", action, ref: "r1" })] }).blocks;
    expect(actions(blocks)[0]!.elements.map((e) => (e as Button).text.text)).toEqual(["Live"]);
  });

  it("turns a button's confirm into a Block Kit confirm dialog within its limits", () => {
    const [row] = actions(renderMessage({ blocks: [buttons({ label: "Release", style: "danger", action, ref: "r1", confirm: { title: "T".repeat(200), text: "W".repeat(500), confirm: "C".repeat(50), deny: "D".repeat(50) } })] }).blocks);
    const button = row!.elements[0] as Button;
    expect(button.style).toBe("danger");
    expect(button.confirm!.title!.text).toHaveLength(LIMITS.confirmTitle);
    expect(button.confirm!.text.text).toHaveLength(LIMITS.confirmText);
    expect(button.confirm!.confirm!.text).toHaveLength(LIMITS.confirmButton);
    expect(button.confirm!.deny!.text).toHaveLength(LIMITS.confirmButton);
    expect(button.confirm!.style).toBe("danger");
  });

  it("offers at most 100 options in a select and says how to reach the others", () => {
    const options = Array.from({ length: 150 }, (_, i) => ({ label: `Option ${i} `.padEnd(90, "o"), value: `v${i}` }));
    options.push({ label: "Too long to keep", value: "x".repeat(200) });
    const blocks = renderMessage({ blocks: [{ type: "select", placeholder: "Pick", options, argName: "number", action, ref: "s1" }] }).blocks;
    const select = actions(blocks)[0]!.elements[0] as StaticSelect;
    expect(select.options).toHaveLength(LIMITS.selectOptions);
    expect(select.options!.every((o) => o.text.text.length <= LIMITS.optionText && o.value!.length <= LIMITS.optionValue)).toBe(true);
    expect(select.action_id).toBe("sb:s:s1:number");
    expect(JSON.stringify(blocks.find((b): b is ContextBlock => b.type === "context"))).toContain("51 more choices not listed");
  });

  it("keeps the notification text short and never empty", () => {
    expect(renderMessage({ blocks: [text("y".repeat(10_000))] }).text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(renderMessage({ blocks: [] }).text).toBe("Switchboard");
  });
});
