// A poster that records what would have appeared in the channel, for tests that read
// channel posts the way a person would.
import type { ChannelPoster } from "../../src/core/channel-poster.ts";
import { plainText, type Button, type ReadyFile, type Message } from "../../src/core/view.ts";

export interface RecordedPost {
  channel: string;
  ref: string;
  /** Set when the post edited an earlier message in place. */
  replaced?: string;
  text: string;
  message: Message;
  /** The files the post carried (an alert's chart). */
  files: readonly ReadyFile[];
}

export class RecordingPoster implements ChannelPoster {
  readonly posts: RecordedPost[] = [];
  private count = 0;

  constructor(readonly platform: string) {}

  async post(channel: string, message: Message, replaceRef?: string, _key?: string, _mayBeThere?: boolean, files: readonly ReadyFile[] = []) {
    const ref = replaceRef ?? `${this.platform}-${++this.count}`;
    this.posts.push({ channel, ref, replaced: replaceRef, text: plainText(message), message, files });
    return { ref };
  }

  /** New messages only (not edits). */
  newPosts(): RecordedPost[] {
    return this.posts.filter((p) => !p.replaced);
  }

  button(post: RecordedPost, label: string): Button {
    const button = post.message.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => b.label === label);
    if (!button) throw new Error(`no "${label}" button in: ${post.text}`);
    return button;
  }
}
