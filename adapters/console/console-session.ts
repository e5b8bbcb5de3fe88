// One console conversation: lines in, rendered replies out. Typing a number picks a
// choice of the last reply; forms are asked field by field when a prompt is available.
import { writeFileSync } from "node:fs";
import { makeFolder } from "../../src/platform/folders.ts";
import path from "node:path";
import type { DispatchInput } from "../../src/core/commands/dispatcher.ts";
import type { CommandRunner } from "../shared/chat-host.ts";
import type { Invocation } from "../../src/core/commands/context.ts";
import { readyReply, type Form, type ReadyReply } from "../../src/core/view.ts";
import { renderReply, type Choice } from "./console-renderer.ts";

export const CONSOLE_WORKSPACE = "console:local";
export const CONSOLE_CHANNEL = "console:local:console";

export interface ConsoleIo {
  write(text: string): void;
  /** Asks one question; undefined when there is no one to ask (piped input). */
  ask?(question: string): Promise<string | undefined>;
}

export class ConsoleSession {
  private choices: Choice[] = [];

  constructor(
    private readonly host: CommandRunner,
    private readonly io: ConsoleIo,
    private readonly filesDir: string,
    private readonly operator = { address: "console:local:operator", name: "Local operator" },
  ) {}

  async handleLine(line: string): Promise<"ok" | "user-error" | "error"> {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return "ok";
    const picked = /^\d+$/.test(trimmed) ? this.choices[Number(trimmed) - 1] : undefined;
    if (/^\d+$/.test(trimmed) && !picked) {
      this.io.write(`There is no choice ${trimmed}. ${this.choices.length ? `Pick 1 to ${this.choices.length}.` : "Nothing to choose now."}\n`);
      return "user-error";
    }
    const input: DispatchInput = picked ? { kind: "action", ref: picked.ref, values: picked.values } : { kind: "text", text: trimmed };
    return this.run(input);
  }

  private async run(input: DispatchInput): Promise<"ok" | "user-error" | "error"> {
    const result = await this.host.dispatch(this.invocation(), input);
    this.show(await readyReply(result.reply));
    if (result.reply.form && this.io.ask) {
      const values = await this.fill(result.reply.form);
      if (values) return this.run({ kind: "action", ref: result.reply.form.ref!, values });
      this.io.write("Cancelled.\n");
    }
    return result.outcome;
  }

  private show(reply: ReadyReply): void {
    const rendered = renderReply(reply);
    this.choices = rendered.choices;
    let out = rendered.text;
    for (const file of reply.files ?? []) {
      makeFolder(this.filesDir);
      const target = path.join(this.filesDir, path.basename(file.name));
      writeFileSync(target, file.content);
      out += `\nFile written: ${target}`;
    }
    this.io.write(out + "\n");
  }

  private async fill(form: Form): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    for (const field of form.fields) {
      const options = field.options ? ` (${field.options.map((o) => o.value).join("/")})` : "";
      const optional = field.required ? "" : " [optional, Enter to skip]";
      const answer = await this.io.ask!(`${field.label}${options}${optional}: `);
      if (answer === undefined) return undefined;
      if (answer.trim() !== "") values[field.name] = answer.trim();
    }
    return values;
  }

  private invocation(): Invocation {
    return {
      surface: "console",
      actor: this.operator.address,
      actorName: this.operator.name,
      workspace: CONSOLE_WORKSPACE,
      channel: CONSOLE_CHANNEL,
      canShowForms: Boolean(this.io.ask),
    };
  }
}
