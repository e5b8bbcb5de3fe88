// Text objects for Block Kit. The core writes *bold* and `code`, which Slack's mrkdwn
// reads the same way; only &, < and > must be escaped, or "<amount>" in a usage line would
// be taken for a link and vanish.
import type { MrkdwnElement, PlainTextElement } from "@slack/types";
import { cutLabel, cutText } from "./block-kit-limits.ts";

// Mentions are the exception: the core names people and groups as <@U123>, <#C123> or
// <!subteam^S1>, which Slack renders only unescaped. Nothing else of that shape survives.
const MENTION = /<(?:@[UWB][A-Z0-9]+|#C[A-Z0-9]+|!subteam\^[A-Z0-9]+|!here|!channel|!everyone)(?:\|[^<>&|]*)?>/g;

const escapeText = (value: string): string => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const escapeMrkdwn = (value: string): string => {
  let out = "";
  let last = 0;
  for (const match of value.matchAll(MENTION)) {
    out += escapeText(value.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escapeText(value.slice(last));
};

export const mrkdwn = (value: string, max: number): MrkdwnElement => ({ type: "mrkdwn", text: cutText(escapeMrkdwn(value), max) });

/** Plain text is shown literally; Slack refuses an empty one, so a blank becomes a space. */
export const plain = (value: string, max: number): PlainTextElement => ({
  type: "plain_text",
  text: cutLabel(value.trim() === "" ? " " : value, max),
  emoji: true,
});
