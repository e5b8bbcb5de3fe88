/* eslint-disable @typescript-eslint/no-explicit-any -- platform payloads are untyped JSON here */
// The chat adapter contract against Discord: the slash command's typed options over the
// real discord.js gateway client, answered through the interaction callback and webhooks.
import { createTestApp } from "../helpers/test-app.ts";
import { FakeDiscord } from "../helpers/discord/fake-discord.ts";
import { APP, GUILD, TOKEN, USER, slash } from "../helpers/discord/interactions.ts";
import { bindGuildAccount } from "../helpers/discord/test-commands.ts";
import { messageProblems } from "../helpers/discord/discord-rules.ts";
import { startDiscord } from "../../adapters/discord/discord-adapter.ts";
import { chatHostFor } from "../../adapters/app.ts";
import { runChatAdapterContract } from "./chat-adapter-contract.ts";

runChatAdapterContract({
  surface: "discord",
  async start(prepare) {
    const app = await createTestApp();
    prepare(app.services);
    await bindGuildAccount(app.services, GUILD, USER);
    const fake = await FakeDiscord.start({ applicationId: APP, token: TOKEN });
    const discord = await startDiscord({ token: TOKEN, applicationId: APP, guildId: GUILD, apiUrl: fake.apiUrl }, { host: chatHostFor(app.services, app.dispatcher) });
    await fake.gateway.identified();
    let from = 0;
    return {
      async send() {
        from = fake.mark();
        // The contract's call as Discord's picker types it: one typed option per argument.
        const interaction = slash(["contract", "echo"], [
          { name: "country", type: 3, value: "GB" },
          { name: "type", type: 3, value: "mobile-lvn" },
          { name: "size", type: 10, value: 3 },
          { name: "note", type: 3, value: "two words" },
        ]);
        fake.interact(interaction);
        await fake.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`, from);
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
      answers: () =>
        fake.requests
          .slice(from)
          .map((r: any) => (r.path.endsWith("/callback") ? r.body?.data : r.body))
          .filter((body: any) => body && (body.content !== undefined || body.embeds || body.components)),
      async close() {
        await discord.stop();
        await fake.close();
        await app.close();
      },
    };
  },
  problems: (payload) => messageProblems(payload),
  refused: [{ payload: { content: "x".repeat(2001) } }],
});
