// Text objects for Block Kit. The core writes *bold* and `code`, which Slack's mrkdwn
// reads the same way; only &, < and > must be escaped, or "<amount>" in a usage line would
// be taken for a link and vanish.
import type { MrkdwnElement, PlainTextElement } from "@slack/types";
import { cutLabel, cutText } from "./block-kit-limits.ts";

export const escapeMrkdwn = (value: string): string => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const mrkdwn = (value: string, max: number): MrkdwnElement => ({ type: "mrkdwn", text: cutText(escapeMrkdwn(value), max) });

/** Plain text is shown literally; Slack refuses an empty one, so a blank becomes a space. */
export const plain = (value: string, max: number): PlainTextElement => ({
  type: "plain_text",
  text: cutLabel(value.trim() === "" ? " " : value, max),
  emoji: true,
});
