// `alerts subscribe number.rented payment.received <#C1>`: the events take the rest of the
// line, so a channel typed last is picked out of them here.
import { UserError } from "../../core/errors.ts";

export function splitEventsAndChannel(events: string | undefined, channel: string | undefined): { words: string[]; channel?: string } {
  const words = (events ?? "").split(/[\s,]+/).filter(Boolean);
  const last = words[words.length - 1];
  if (last && /^<#[^>]+>$/.test(last)) {
    if (channel) throw new UserError("two_channels", "Give the channel once: either last, or as channel:.", { field: "channel" });
    return { words: words.slice(0, -1), channel: last };
  }
  return { words, channel };
}
