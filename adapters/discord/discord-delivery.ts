// How a result reaches the requester: as the first answer (a new message, an update of the
// clicked message, or a modal); after a deferral (the placeholder edited, follow-ups for
// the rest); or, once the 15-minute interaction token has expired, as a bot message: in the
// channel when the reply is public, in direct messages when it is private.
import type { APIInteraction, APIInteractionResponse, RawFile, REST } from "discord.js";
import { InteractionResponseType, InteractionType, Routes } from "discord.js";
import type { Form, ReadyReply } from "../../src/core/view.ts";
import type { Logger } from "../../src/platform/logger.ts";
import { safeError } from "../../src/core/errors.ts";
import { renderReply, type DiscordPayload, type OutgoingMessage } from "./discord-renderer.ts";
import { formPrompt, renderModal, reopenAction } from "./discord-modal.ts";
import { EPHEMERAL } from "./discord-limits.ts";
import { directAddress, invocationOf } from "./discord-invocation.ts";
import type { DiscordPoster } from "./discord-poster.ts";
import type { ChatHost } from "../shared/chat-host.ts";

export interface InteractionReplier {
  /** The first answer, due within 3 seconds: over REST for the gateway, the HTTP body for the endpoint. */
  callback(response: APIInteractionResponse, files?: RawFile[]): Promise<void>;
}

export interface DeliveryDeps {
  rest: REST;
  applicationId: string;
  saveAction: ChatHost["saveAction"];
  /** Absent without a bot token: late results are then only logged. */
  poster?: DiscordPoster;
  log: Logger;
}

export class ReplyDelivery {
  constructor(private readonly deps: DeliveryDeps) {}

  async first(interaction: APIInteraction, reply: ReadyReply, replier: InteractionReplier): Promise<void> {
    if (reply.form && interaction.type !== InteractionType.ModalSubmit) {
      return replier.callback({ type: InteractionResponseType.Modal, data: renderModal(reply.form) });
    }
    const shown = reply.form ? await this.formAsMessage(reply.form, "submitted") : reply;
    const ephemeral = shown.visibility === "ephemeral";
    const [first, ...more] = renderReply(shown);
    // A click answered with the same visibility replaces the clicked message (the spent
    // Confirm button goes away); anything else is a new message.
    const clicked = interaction.type === InteractionType.MessageComponent ? interaction.message : undefined;
    const replace = clicked !== undefined && Boolean((clicked.flags ?? 0) & EPHEMERAL) === ephemeral && first!.files.length === 0;
    await replier.callback(
      replace
        ? { type: InteractionResponseType.UpdateMessage, data: first!.body }
        : { type: InteractionResponseType.ChannelMessageWithSource, data: withFlags(first!.body, ephemeral) },
      first!.files,
    );
    await this.followUps(interaction.token, more, ephemeral);
  }

  /** After a private deferral ("thinking…"), within the token's 15 minutes. */
  async late(interaction: APIInteraction, reply: ReadyReply): Promise<void> {
    const shown = reply.form ? await this.formAsMessage(reply.form, "late") : reply;
    const messages = renderReply(shown);
    const [first, ...more] = messages;
    try {
      if (shown.visibility === "channel") {
        // The placeholder is private and keeps that; a public answer is a new follow-up.
        await this.editOriginal(interaction.token, { content: "Done: the answer is posted below.", embeds: [], components: [], allowed_mentions: { parse: [] } }, []);
        await this.followUps(interaction.token, [first!], false);
      } else {
        await this.editOriginal(interaction.token, first!.body, first!.files);
      }
    } catch (error) {
      // Discord kept failing (retried already) and nothing of the answer was shown: the bot
      // posts it instead, in the channel when public, in direct messages when private.
      this.deps.log.warn({ interaction: interaction.id, err: safeError(error) }, "could not answer the deferred interaction; posting the answer as a bot message");
      if (!this.deps.poster) throw error;
      await this.deps.poster.deliver(shown.visibility === "channel" ? invocationOf(interaction).channel : directAddress(interaction), shown);
      return;
    }
    await this.followUps(interaction.token, more, shown.visibility !== "channel");
  }

  async afterExpiry(interaction: APIInteraction, reply: ReadyReply): Promise<void> {
    const shown = reply.form ? await this.formAsMessage(reply.form, "late") : reply;
    const address = shown.visibility === "channel" ? invocationOf(interaction).channel : directAddress(interaction);
    if (!this.deps.poster) {
      this.deps.log.warn({ interaction: interaction.id }, "a Discord result came after the interaction expired and no bot token is set to post it");
      return;
    }
    await this.deps.poster.deliver(address, shown);
  }

  /** Discord will not open a modal here: say so (and what is wrong) with a button that opens it. */
  private async formAsMessage(form: Form, situation: "submitted" | "late"): Promise<ReadyReply> {
    const again = reopenAction(form);
    const ref = again ? await this.deps.saveAction(again) : form.ref!;
    return { visibility: "ephemeral", message: formPrompt(form, ref, situation) };
  }

  private async followUps(token: string, messages: OutgoingMessage[], ephemeral: boolean): Promise<void> {
    for (const message of messages) {
      await this.deps.rest.post(Routes.webhook(this.deps.applicationId, token), {
        body: withFlags(message.body, ephemeral),
        files: message.files,
        auth: false,
      });
    }
  }

  private async editOriginal(token: string, body: DiscordPayload, files: RawFile[]): Promise<void> {
    await this.deps.rest.patch(Routes.webhookMessage(this.deps.applicationId, token, "@original"), { body, files, auth: false });
  }
}

const withFlags = (body: DiscordPayload, ephemeral: boolean) => (ephemeral ? { ...body, flags: EPHEMERAL } : body);
