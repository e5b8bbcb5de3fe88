// Discord through the composition root, as `npm start` runs it with DISCORD_* set: the
// gateway connects, commands are registered, the poster is handed to the outbox, and the
// signed HTTP interactions endpoint answers on the one HTTP server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/platform/logger.ts";
import { startApp, type RunningApp } from "../../adapters/app.ts";
import { tempDataDir } from "../helpers/spawn.ts";
import { FakeDiscord } from "../helpers/discord/fake-discord.ts";
import { APP, GUILD, TOKEN, slash, textOf } from "../helpers/discord/interactions.ts";
import { addTestCommands, type TestCommandState } from "../helpers/discord/test-commands.ts";

let fake: FakeDiscord;
let app: RunningApp;
let privateKey: KeyObject;
let state: TestCommandState;

beforeAll(async () => {
  const keys = generateKeyPairSync("ed25519");
  privateKey = keys.privateKey;
  const publicKey = Buffer.from(keys.publicKey.export({ format: "jwk" }).x!, "base64url").toString("hex");
  fake = await FakeDiscord.start({ applicationId: APP, token: TOKEN });
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: tempDataDir(),
    JOBS_ENABLED: "false",
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APP,
    DISCORD_PUBLIC_KEY: publicKey,
    DISCORD_GUILD_ID: GUILD,
    DISCORD_API_URL: fake.apiUrl,
  });
  app = await startApp(config, { log: silentLogger });
  // Registered after start: reachable through `/switchboard run`, which takes a command line.
  state = addTestCommands(app.services);
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

async function post(body: string, headers: Record<string, string>) {
  return fetch(`http://127.0.0.1:${app.port}/discord/interactions`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

function signed(interaction: unknown, at = Math.floor(Date.now() / 1000)) {
  const body = JSON.stringify(interaction);
  const signature = sign(null, Buffer.from(`${at}${body}`), privateKey).toString("hex");
  return { body, headers: { "x-signature-ed25519": signature, "x-signature-timestamp": String(at) } };
}

async function send(interaction: { token: string }) {
  fake.expectInteraction(interaction);
  const { body, headers } = signed(interaction);
  return post(body, headers);
}

describe("discord through the composition root", () => {
  it("connects the gateway, registers the commands and hands the poster to the outbox", async () => {
    await fake.gateway.identified();
    expect(app.surfaces.discord).toBe(true);
    expect(app.services.posters.platforms()).toEqual(["discord"]);
    const names = fake.registered.get(`/applications/${APP}/guilds/${GUILD}/commands`)?.map((c: { name: string }) => c.name);
    expect(names?.[0]).toBe("switchboard");
    expect(names).toEqual(expect.arrayContaining(["account", "billing", "numbers", "users", "alerts"]));
    // The test commands came after start: not registered, so only `/switchboard run` reaches them.
    expect(names).not.toContain("test");
  });

  it("answers Discord's PING with PONG", async () => {
    const { body, headers } = signed({ id: "1", application_id: APP, type: 1, token: "t", version: 1 });
    const response = await post(body, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it("refuses a bad signature, a stale timestamp and a missing one with 401", async () => {
    const ping = { id: "1", application_id: APP, type: 1, token: "t", version: 1 };
    const good = signed(ping);
    expect((await post(good.body.replace('"t"', '"u"'), good.headers)).status).toBe(401);
    const stale = signed(ping, Math.floor(Date.now() / 1000) - 600);
    expect((await post(stale.body, stale.headers)).status).toBe(401);
    expect((await post(good.body, {})).status).toBe(401);
  });

  it("answers a slash command in the HTTP response", async () => {
    const response = await send(slash(["help"]));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { type: number; data: { flags: number } };
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(answer.data)).toContain("Switchboard commands");
  });

  it("answers a group's command with its options, /account signup, in the HTTP response", async () => {
    const options = [
      { type: 3, name: "company", value: "Acme Ltd" },
      { type: 3, name: "contact", value: "Ada Lovelace" },
      { type: 3, name: "email", value: "ada@acme.test" },
      { type: 3, name: "phone", value: "+447700900123" },
    ];
    const response = await send(slash(["account", "signup"], options));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { type: number; data: object };
    expect(answer.type).toBe(4);
    expect(textOf(answer.data)).toContain("We sent a PIN to +447700900123 by a text message.");
  });

  it("runs a command line through /switchboard run and attaches its file with an edit", async () => {
    const interaction = slash(["run"], [{ type: 3, name: "command", value: "test export" }]);
    const from = fake.mark();
    const response = await send(interaction);
    expect(await response.json()).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await fake.waitFor((r) => r.method === "PATCH" && r.path === `/webhooks/${APP}/${interaction.token}/messages/@original`, from);
    expect(edit.files.map((f) => f.name)).toEqual(["numbers.csv"]);
    expect(textOf(edit.body)).toBe("Your export is attached.");
  });

  it("defers within 3 seconds over HTTP and edits the answer in when it is ready", async () => {
    const interaction = slash(["run"], [{ type: 3, name: "command", value: "test slow" }]);
    // The slow command is held until release(): an answer before that is the deferral,
    // whatever the machine's load (no wall-clock deadline to miss).
    const response = await send(interaction);
    expect(await response.json()).toEqual({ type: 5, data: { flags: 64 } });
    const from = fake.mark();
    state.release();
    const edit = await fake.waitFor((r) => r.method === "PATCH" && r.path.endsWith(`/${interaction.token}/messages/@original`), from);
    expect(textOf(edit.body)).toBe("The slow answer is ready.");
  });

  it("disconnects from the gateway when the app stops", async () => {
    await app.stop();
    for (let i = 0; i < 100 && fake.gateway.connections > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(fake.gateway.connections).toBe(0);
  });
});
