/* eslint-disable @typescript-eslint/no-explicit-any -- platform payloads are untyped JSON here */
// One contract, every chat adapter: the same command reaches the core as the same call,
// whichever platform it was typed on, and every reply fits that platform's limits, even
// a reply far larger than any platform takes in one message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { buttons, fields, header, reply, text, type Block } from "../../src/core/view.ts";
import type { Services } from "../../src/services.ts";
import { startSlackHarness, type SlackHarness } from "../helpers/slack-harness.ts";
import { slashCommand } from "../helpers/slack-requests.ts";
import { blockKitProblems } from "../helpers/slack-block-rules.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { FakeDiscord } from "../helpers/discord/fake-discord.ts";
import { APP, GUILD, TOKEN, USER, slash } from "../helpers/discord/interactions.ts";
import { bindGuildAccount } from "../helpers/discord/test-commands.ts";
import { messageProblems } from "../helpers/discord/discord-rules.ts";
import { startDiscord, type RunningDiscord } from "../../adapters/discord/discord-adapter.ts";
import { ConsoleSession } from "../../adapters/console/console-session.ts";
import { createTestAccount } from "../helpers/accounts.ts";

interface CoreCall {
  path: string;
  args: Record<string, unknown>;
  actor: string;
  surface: string;
}

/** A command that records what the core received and answers with far too much. */
function addContractCommand(services: Services, calls: CoreCall[]): void {
  services.registry.add(
    defineCommand({
      path: "contract echo",
      description: "Records its call and answers with an oversized reply",
      args: z.object({
        country: z.string(),
        type: z.enum(["landline", "mobile-lvn", "toll-free"]).optional(),
        size: z.coerce.number().int().optional(),
        note: z.string().optional(),
      }),
      positional: ["country"],
      access: "member",
      sideEffect: "read",
      needsAccount: true,
      handler: async (ctx, args) => {
        calls.push({ path: "contract echo", args: { ...args }, actor: ctx.invocation.actor, surface: ctx.invocation.surface });
        return oversizedReply();
      },
    }) as never,
  );
}

function oversizedReply() {
  const blocks: Block[] = [header("H".repeat(400)), text("Long text. ".repeat(900))];
  for (let i = 0; i < 70; i++) blocks.push(fields(Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`Field ${i}.${j}`, "v".repeat(1200)]))));
  blocks.push(buttons(...Array.from({ length: 40 }, (_, i) => ({ label: `Button number ${i} with a label much longer than any platform allows`, action: { command: "help", args: {} } }))));
  blocks.push({
    type: "select",
    placeholder: "Pick one",
    argName: "topic",
    options: Array.from({ length: 180 }, (_, i) => ({ label: `Option ${i} `.padEnd(120, "x"), value: `value-${i}` })),
    action: { command: "help", args: {} },
  });
  return reply(blocks, { visibility: "channel" });
}

const expected = { country: "GB", type: "mobile-lvn", size: 3, note: "two words" };

describe("chat adapter contract", () => {
  const calls: { slack: CoreCall[]; discord: CoreCall[]; console: CoreCall[] } = { slack: [], discord: [], console: [] };
  let slack: SlackHarness;
  let discordApp: TestApp;
  let fake: FakeDiscord;
  let discord: RunningDiscord;

  beforeAll(async () => {
    slack = await startSlackHarness("http");
    addContractCommand(slack.app.services, calls.slack);

    discordApp = await createTestApp();
    addContractCommand(discordApp.services, calls.discord);
    await bindGuildAccount(discordApp.services, GUILD, USER);
    fake = await FakeDiscord.start({ applicationId: APP, token: TOKEN });
    discord = await startDiscord({ token: TOKEN, applicationId: APP, guildId: GUILD, apiUrl: fake.apiUrl }, { services: discordApp.services, dispatcher: discordApp.dispatcher });
    await fake.gateway.identified();
  });
  afterAll(async () => {
    await discord?.stop();
    await fake?.close();
    await discordApp?.close();
    await slack?.close();
  });

  it("Slack: the command line reaches the core as the call, and every payload fits Block Kit", async () => {
    const url = slack.fake.responseUrl();
    const ack = await slack.transport.command(slashCommand('contract echo GB type:mobile-lvn size:3 note:"two words"', url));
    expect(ack.status).toBe(200);
    expect(calls.slack).toHaveLength(1);
    expect(calls.slack[0]).toMatchObject({ args: expected, surface: "slack" });

    const payloads: Record<string, any>[] = [ack.body, ...slack.fake.responses.map((r) => r.body)].filter((p) => p && p.blocks);
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) expect(blockKitProblems(payload.blocks)).toEqual([]);
    const all = JSON.stringify(payloads);
    expect(all).toContain("Field 0.0");
  });

  it("Discord: the slash command's options reach the core as the same call, and every message fits Discord", async () => {
    const from = fake.mark();
    const interaction = slash(["contract", "echo"], [
      { name: "country", type: 3, value: "GB" },
      { name: "type", type: 3, value: "mobile-lvn" },
      { name: "size", type: 10, value: 3 },
      { name: "note", type: 3, value: "two words" },
    ]);
    fake.interact(interaction);
    await fake.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`, from);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.discord).toHaveLength(1);
    expect(calls.discord[0]).toMatchObject({ args: expected, surface: "discord" });

    const messages = fake.requests
      .slice(from)
      .map((r: any) => (r.path.endsWith("/callback") ? r.body?.data : r.body))
      .filter((body: any) => body && (body.content !== undefined || body.embeds || body.components));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(messageProblems(message)).toEqual([]);
  });

  it("Console: the typed line reaches the core as the same call, and the whole reply is printed", async () => {
    const consoleApp = await createTestApp();
    try {
      await createTestAccount(consoleApp);
      addContractCommand(consoleApp.services, calls.console);
      let out = "";
      const session = new ConsoleSession(consoleApp.dispatcher, { write: (t) => void (out += t) }, "/tmp");
      await session.handleLine('contract echo GB type:mobile-lvn size:3 note:"two words"');
      expect(calls.console[0]).toMatchObject({ args: expected, surface: "console" });
      expect(out).toContain("Field 69.11");
    } finally {
      await consoleApp.close();
    }
  });

  it("the same command is the same core call on every surface", () => {
    expect(calls.slack[0]!.args).toEqual(calls.discord[0]!.args);
    expect(calls.console[0]!.args).toEqual(calls.discord[0]!.args);
    expect(new Set([calls.slack[0]!.path, calls.discord[0]!.path, calls.console[0]!.path]).size).toBe(1);
  });
});

describe("the contract's own checks", () => {
  it("would catch payloads the platforms reject", () => {
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect(blockKitProblems(tooMany)).toEqual(["51 blocks in a message (max 50)"]);
    expect(blockKitProblems([{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }])).toEqual(["section text of 3001 (max 3000)"]);
    expect(messageProblems({ content: "x".repeat(2001) }).length).toBeGreaterThan(0);
  });
});
