// Channel posts (alerts, account events) in the console: written to the console output as
// they are delivered. A terminal cannot edit what it printed, so an edit prints the message
// again, marked as an update. Buttons show the command they run, to type in.
import type { ChannelPoster, PostResult } from "../../src/core/channel-poster.ts";
import type { Block, Message } from "../../src/core/view.ts";
import { renderReply } from "./console-renderer.ts";

export class ConsolePoster implements ChannelPoster {
  readonly platform = "console";
  private posted = 0;

  constructor(private readonly write: (text: string) => void) {}

  async post(channel: string, message: Message, replaceRef?: string): Promise<PostResult> {
    const ref = replaceRef ?? `console-${++this.posted}`;
    const name = channel.split(":").slice(2).join(":") || channel;
    const title = replaceRef ? `#${name} · update to ${ref}` : `#${name} · ${ref}`;
    const body = renderReply({ visibility: "channel", message: { blocks: message.blocks.map(typedCommands) } }).text;
    this.write(`\n── ${title} ──\n${body}\n──\n`);
    return { ref };
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
