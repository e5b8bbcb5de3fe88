// One interaction in, an answer within Discord's 3 seconds: commands, clicks, select
// choices and modal submissions go to the dispatcher, autocomplete to its suggestions.
// A result not ready in time is deferred privately and delivered when it is. The gateway
// and the HTTP endpoint both hand interactions (raw API payloads) to this one handler.
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIButtonComponentWithCustomId,
  APIInteraction,
  APIMessageComponentInteraction,
} from "discord.js";
import { ApplicationCommandType, ButtonStyle, ComponentType, InteractionResponseType, InteractionType } from "discord.js";
import type { DispatchInput } from "../../src/core/commands/dispatcher.ts";
import { safeError } from "../../src/core/errors.ts";
import type { SelectOption } from "../../src/core/view.ts";
import { readyReply, text, type ReadyReply } from "../../src/core/view.ts";
import { internalErrorReply } from "../../src/core/commands/error-reply.ts";
import { newRequestId } from "../../src/core/ids.ts";
import type { CommandTable, OptionRoute } from "./discord-commands.ts";
import { resolveCommand } from "./discord-command-routing.ts";
import { decodeCustomId, encodeCustomId } from "./discord-custom-ids.ts";
import { modalValues } from "./discord-modal.ts";
import { renderMessage } from "./discord-renderer.ts";
import { EPHEMERAL, LIMITS, clamp } from "./discord-limits.ts";
import { invocationOf } from "./discord-invocation.ts";
import { answerWithin, within } from "../shared/deadline.ts";
import { BackgroundWork } from "../shared/background-work.ts";
import type { ChatHost } from "../shared/chat-host.ts";
import type { InteractionReplier, ReplyDelivery } from "./discord-delivery.ts";

export interface HandlerTiming {
  /** How long to wait for a result before deferring: Discord allows 3 s for the first answer. */
  ackAfterMs?: number;
  /** How long an interaction token may still be used: Discord allows 15 minutes. */
  tokenTtlMs?: number;
  /** Each REST call's time limit for answers (discord.js's default is 15 s). */
  restTimeoutMs?: number;
}

export interface HandlerDeps {
  host: Pick<ChatHost, "dispatch" | "suggest" | "clock" | "log">;
  table: CommandTable;
  delivery: ReplyDelivery;
}

export class DiscordInteractionHandler {
  private readonly work = new BackgroundWork();
  private readonly ackAfterMs: number;
  private readonly tokenTtlMs: number;

  constructor(
    private readonly deps: HandlerDeps,
    timing: HandlerTiming = {},
  ) {
    this.ackAfterMs = timing.ackAfterMs ?? 2_000;
    this.tokenTtlMs = timing.tokenTtlMs ?? 14 * 60_000;
  }

  handle(interaction: APIInteraction, replier: InteractionReplier): Promise<void> {
    let answered = false;
    const tracked: InteractionReplier = {
      callback: (response, files) => {
        answered = true;
        return replier.callback(response, files);
      },
    };
    const task = this.process(interaction, tracked).catch(async (error) => {
      const requestId = newRequestId();
      this.deps.host.log.error({ requestId, interaction: interaction.id, err: safeError(error) }, "discord interaction failed");
      if (answered) return;
      const [body] = renderMessage(internalErrorReply(requestId).message!);
      await tracked.callback({ type: InteractionResponseType.ChannelMessageWithSource, data: { ...body!, flags: EPHEMERAL } }).catch(() => {});
    });
    return this.work.track(task);
  }

  /** Waits for interactions still being answered, at most `timeoutMs`. */
  async idle(timeoutMs: number): Promise<void> {
    await this.work.drain(timeoutMs);
  }

  private async process(interaction: APIInteraction, replier: InteractionReplier): Promise<void> {
    switch (interaction.type) {
      case InteractionType.ApplicationCommandAutocomplete:
        return this.autocomplete(interaction, replier);
      case InteractionType.ApplicationCommand: {
        if (interaction.data.type !== ApplicationCommandType.ChatInput) return;
        const resolved = resolveCommand(this.deps.table, interaction.data);
        // A subcommand this version no longer has (registration lagging): the core explains.
        const input: DispatchInput = resolved.kind === "dispatch" ? resolved.input : { kind: "text", text: resolved.kind === "unknown" ? resolved.name : "help" };
        return this.run(interaction, input, replier);
      }
      case InteractionType.MessageComponent:
        return this.component(interaction, replier);
      case InteractionType.ModalSubmit: {
        const id = decodeCustomId(interaction.data.custom_id);
        if (id?.kind !== "form") return this.notOurs(replier);
        return this.run(interaction, { kind: "action", ref: id.ref, values: modalValues(interaction.data.components) }, replier);
      }
      default:
        return;
    }
  }

  private async component(interaction: APIMessageComponentInteraction, replier: InteractionReplier): Promise<void> {
    const id = decodeCustomId(interaction.data.custom_id);
    switch (id?.kind) {
      case "action":
        return this.run(interaction, { kind: "action", ref: id.ref }, replier);
      case "select": {
        const values = "values" in interaction.data ? interaction.data.values : [];
        return this.run(interaction, { kind: "action", ref: id.ref, values: { [id.argName]: values[0] } }, replier);
      }
      case "ask":
        return replier.callback({ type: InteractionResponseType.ChannelMessageWithSource, data: askFirst(interaction, id.ref) });
      case "dismiss":
        return this.run(interaction, { kind: "command", command: "cancel", args: {} }, replier);
      case "label":
        return replier.callback({ type: InteractionResponseType.DeferredMessageUpdate });
      default:
        return this.notOurs(replier);
    }
  }

  private async run(interaction: APIInteraction, input: DispatchInput, replier: InteractionReplier): Promise<void> {
    const { clock } = this.deps.host;
    const received = clock.now().getTime();
    // The dispatcher answers its own failures; this catches the rest (such as storing the
    // action refs), so a deferred request never stays "thinking" until its token expires.
    // Discord takes a reply's files with its text, so a file still being drawn (a chart) is
    // waited for inside the 3 seconds as the rest of the answer is: too slow, and it defers.
    const running = this.deps.host
      .dispatch(invocationOf(interaction), input)
      .then(async (result) => ({ ...result, reply: await readyReply(result.reply) }))
      .catch((error: unknown) => {
        const requestId = newRequestId();
        this.deps.host.log.error({ requestId, interaction: interaction.id, err: safeError(error) }, "discord request failed");
        return { reply: internalErrorReply(requestId) as ReadyReply };
      });
    await answerWithin(running, this.ackAfterMs, {
      now: ({ reply }) => this.deps.delivery.first(interaction, reply, replier),
      // Private by default: whether the result may be public is known only once it is there.
      defer: () => replier.callback({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: EPHEMERAL } }),
      later: ({ reply }) =>
        clock.now().getTime() - received > this.tokenTtlMs ? this.deps.delivery.afterExpiry(interaction, reply) : this.deps.delivery.late(interaction, reply),
    });
  }

  private async autocomplete(interaction: APIApplicationCommandAutocompleteInteraction, replier: InteractionReplier): Promise<void> {
    const resolved = resolveCommand(this.deps.table, interaction.data);
    let options: SelectOption[] = [];
    if (resolved.kind === "autocomplete" && resolved.route) {
      const { route, query, path } = resolved;
      const found = route.choices
        ? Promise.resolve(matchChoices(route, query))
        : this.deps.host.suggest(invocationOf(interaction), path, route.arg, query);
      // A slow source answers nothing rather than miss Discord's deadline.
      options = (await within(found, this.ackAfterMs))?.value ?? [];
    }
    const choices = options
      .filter((o) => o.value.length > 0 && o.value.length <= LIMITS.optionText)
      .slice(0, LIMITS.commandChoices)
      .map((o) => ({ name: clamp(o.label || o.value, LIMITS.optionText), value: o.value }));
    await replier.callback({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } });
  }

  private notOurs(replier: InteractionReplier): Promise<void> {
    const [body] = renderMessage({ blocks: [text("This button or form has expired. Run the command again.", "muted")] });
    return replier.callback({ type: InteractionResponseType.ChannelMessageWithSource, data: { ...body!, flags: EPHEMERAL } });
  }
}

/** Enum values for an option Discord's choices could not carry; a list completes its last item. */
function matchChoices(route: OptionRoute, query: string): SelectOption[] {
  const parts = route.list ? query.split(",") : [query];
  const last = parts.pop()!.trim().toLowerCase();
  const prefix = parts.length ? `${parts.map((p) => p.trim()).join(", ")}, ` : "";
  return route.choices!.filter((c) => c.toLowerCase().includes(last)).map((c) => ({ label: prefix + c, value: prefix + c }));
}

/** A button with a confirm dialog: Discord has none, so the question comes as a reply. */
function askFirst(interaction: APIMessageComponentInteraction, ref: string) {
  const items = (interaction.message.components ?? []).flatMap((row) => ("components" in row ? (row.components as unknown[]) : []));
  const clicked = items.find((c) => (c as { custom_id?: string }).custom_id === interaction.data.custom_id) as { label?: string } | undefined;
  const label = clicked?.label || "Continue";
  const [body] = renderMessage({ blocks: [text(`*${label}*: are you sure?`, "warning")] });
  const yes: APIButtonComponentWithCustomId = {
    type: ComponentType.Button,
    style: ButtonStyle.Danger,
    label: clamp(`Yes: ${label}`, LIMITS.buttonLabel),
    custom_id: encodeCustomId({ kind: "action", ref }),
  };
  const no: APIButtonComponentWithCustomId = { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "No", custom_id: encodeCustomId({ kind: "dismiss" }) };
  return { ...body!, components: [{ type: ComponentType.ActionRow as const, components: [yes, no] }], flags: EPHEMERAL };
}
