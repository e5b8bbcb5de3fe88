// Channel posts (alerts, account events) in the console: written to the console output as
// they are delivered. A terminal cannot edit what it printed, so an edit prints the message
// again, marked as an update. Buttons show the command they run, to type in. Files a post
// carries (an alert's chart) are written to the files folder, as a reply's are, and the
// post prints their path.
import { writeFileSync } from "node:fs";
import { makeFolder } from "../../src/platform/folders.ts";
import path from "node:path";
import type { ChannelPoster, PostResult } from "../../src/core/channel-poster.ts";
import type { Block, Message, ReadyFile } from "../../src/core/view.ts";
import { renderReply } from "./console-renderer.ts";

export class ConsolePoster implements ChannelPoster {
  readonly platform = "console";
  private posted = 0;

  constructor(
    private readonly write: (text: string) => void,
    /** Where a post's files are written; without it, only their names are printed. */
    private readonly filesDir?: string,
  ) {}

  async post(channel: string, message: Message, replaceRef?: string, _key?: string, _mayBeThere?: boolean, files: readonly ReadyFile[] = []): Promise<PostResult> {
    const ref = replaceRef ?? `console-${++this.posted}`;
    const name = channel.split(":").slice(2).join(":") || channel;
    const title = replaceRef ? `#${name} · update to ${ref}` : `#${name} · ${ref}`;
    const body = renderReply({ visibility: "channel", message: { blocks: message.blocks.map(typedCommands) } }).text;
    const written = replaceRef ? [] : files.map((file) => `File written: ${this.save(file)}`);
    this.write(`\n── ${title} ──\n${[body, ...written].join("\n")}\n──\n`);
    return { ref };
  }

  private save(file: ReadyFile): string {
    if (!this.filesDir) return file.name;
    makeFolder(this.filesDir);
    const target = path.join(this.filesDir, path.basename(file.name));
    writeFileSync(target, file.content);
    return target;
  }
}

function typedCommands(block: Block): Block {
  if (block.type !== "buttons") return block;
  const commands = block.buttons.map((b) => `${b.label}: \`${commandLine(b.action.command, b.action.args)}\``);
  return { type: "text", text: commands.join("   "), tone: "muted" };
}

/** The command a button runs, as it would be typed (without the account, implied here). */
function commandLine(command: string, args: Record<string, unknown>): string {
  const { id, account: _account, ...rest } = args;
  const options = Object.entries(rest).map(([key, value]) => `${key}:${String(value)}`);
  return [command, ...(id ? [String(id)] : []), ...options].join(" ");
}
