// The Discord adapter end to end: the real discord.js client connects to a local fake
// gateway and REST, receives interactions as a member's actions, and answers through the
// real REST client. The fake refuses what Discord would refuse.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { FakeDiscord } from "../helpers/discord/fake-discord.ts";
import { APP, CHANNEL, GUILD, TOKEN, USER, autocomplete, choose, click, customIds, slash, submit, textOf } from "../helpers/discord/interactions.ts";
import { addTestCommands, bindGuildAccount, type TestCommandState } from "../helpers/discord/test-commands.ts";
import { REST } from "discord.js";
import { startDiscord, type RunningDiscord } from "../../adapters/discord/discord-adapter.ts";
import { buildCommandTable } from "../../adapters/discord/discord-commands.ts";
import { syncCommands } from "../../adapters/discord/discord-command-sync.ts";
import { chatHostFor } from "../../adapters/app.ts";

let app: TestApp;
let fake: FakeDiscord;
let discord: RunningDiscord;
let state: TestCommandState;
const config = () => ({ token: TOKEN, applicationId: APP, guildId: GUILD, apiUrl: fake.apiUrl });

beforeAll(async () => {
  app = await createTestApp();
  state = addTestCommands(app.services);
  await bindGuildAccount(app.services, GUILD, USER);
  fake = await FakeDiscord.start({ applicationId: APP, token: TOKEN });
  discord = await startDiscord(config(), { host: chatHostFor(app.services, app.dispatcher) });
  await fake.gateway.identified();
});
afterAll(async () => {
  await discord?.stop();
  await fake?.close();
  await app?.close();
});

/** Sends an interaction through the gateway and returns its first answer. */
async function interact(interaction: { id: string; token: string; data?: object }) {
  // A slash command must be one that was registered, as in Discord's picker.
  const data = interaction.data as { name?: string; options?: { name: string }[] } | undefined;
  if (data?.name) expect(registered(data.name, data.options?.[0]?.name)).toBe(true);
  const from = fake.mark();
  fake.interact(interaction);
  return fake.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`, from);
}

function registered(command: string, sub?: string): boolean {
  const commands = fake.registered.get(`/applications/${APP}/guilds/${GUILD}/commands`) ?? [];
  const found = commands.find((c: { name: string }) => c.name === command);
  return Boolean(found && (!sub || found.options?.some((o: { name: string }) => o.name === sub)));
}

describe("discord over the gateway", () => {
  it("identifies with the bot token and registers /switchboard and one command per group in the development guild, in one request", async () => {
    expect(fake.gateway.identifies[0]).toMatchObject({ token: TOKEN, intents: 0 });
    expect(discord.registration).toBe("registered");
    expect(fake.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    const commands = fake.registered.get(`/applications/${APP}/guilds/${GUILD}/commands`)!;
    const names = commands.map((c: { name: string }) => c.name);
    expect(names[0]).toBe("switchboard");
    expect(names).toEqual(expect.arrayContaining(["numbers", "billing", "account", "users", "alerts", "test"]));
    const root = commands.find((c: { name: string }) => c.name === "switchboard");
    expect(root.options.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(["help", "home", "run"]));
    const billing = commands.find((c: { name: string }) => c.name === "billing");
    expect(billing.options.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(["topup", "methods-add"]));
    const test = commands.find((c: { name: string }) => c.name === "test");
    expect(test.options.map((o: { name: string }) => o.name)).toContain("charge");
  });

  it("does not register again when the commands did not change", async () => {
    const from = fake.mark();
    const again = await startDiscord(config(), { host: chatHostFor(app.services, app.dispatcher) });
    await again.stop();
    expect(again.registration).toBe("unchanged");
    expect(fake.requests.slice(from).filter((r) => r.method === "PUT")).toEqual([]);
  });

  it("registers again when a command was added", async () => {
    const rest = new REST({ api: fake.apiUrl }).setToken(TOKEN);
    const grown = buildCommandTable([...app.services.registry.all(), { ...app.services.registry.get("test export")!, path: "test export2" }]);
    expect(await syncCommands(rest, chatHostFor(app.services, app.dispatcher).state, grown, { applicationId: APP, guildId: GUILD })).toBe("registered");
    const commands = fake.registered.get(`/applications/${APP}/guilds/${GUILD}/commands`)!;
    const test = commands.find((c: { name: string }) => c.name === "test");
    expect(test.options.map((o: { name: string }) => o.name)).toContain("export2");
    expect(await syncCommands(rest, chatHostFor(app.services, app.dispatcher).state, grown, { applicationId: APP, guildId: GUILD })).toBe("unchanged");
  });

  it("is refused as Discord would refuse a command over 4,000 characters, and registers nothing", async () => {
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TOKEN);
    const table = buildCommandTable(app.services.registry.all());
    const before = fake.registered.get(`/applications/${APP}/guilds/${GUILD}/commands`);
    // Every piece within its own limit (25 subcommands, 100-character descriptions), but
    // together past the 4,000 characters Discord counts for one command.
    const text = "x".repeat(100);
    const numbers = table.commands.find((c) => c.name === "numbers")!;
    numbers.options = Array.from({ length: 25 }, (_, i) => ({
      type: 1,
      name: `action${i}`,
      description: text,
      options: [{ type: 3, name: "value", description: text }],
    }));
    const error = await syncCommands(rest, chatHostFor(app.services, app.dispatcher).state, table, { applicationId: APP, guildId: GUILD }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, rawError: { code: 50035, errors: [expect.stringMatching(/^command text \d+ > 4000$/)] } });
    expect(fake.registered.get(`/applications/${APP}/guilds/${GUILD}/commands`)).toBe(before);
  });

  it("runs a command with options, confirms the charge, and charges once however often Confirm is clicked", async () => {
    const asked = await interact(slash(["test", "charge"], [{ type: 10, name: "amount", value: 7 }]));
    expect(asked.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(asked.body.data)).toContain("This charges €7.");
    const ids = customIds(asked.body.data);
    expect(Object.keys(ids)).toEqual(["Pay €7", "Cancel"]);

    const message = fake.asMessage("900000000000000001", CHANNEL, asked.body.data, 64);
    const clicks = await Promise.all([interact(click(ids["Pay €7"]!, message)), interact(click(ids["Pay €7"]!, message))]);
    const paid = clicks.find((c) => textOf(c.body.data).includes("Charged €7."))!;
    expect(paid.body.type).toBe(7);
    expect(paid.body.data.components).toEqual([]);

    const later = await interact(click(ids["Pay €7"]!, message));
    expect(textOf(later.body.data)).toContain("Charged €7.");
    expect(state.charges).toEqual([7]);
  });

  it("runs the registry's commands under their group's command: /numbers search with the country suggested, /billing methods-list", async () => {
    const suggested = await interact(autocomplete(["numbers", "search"], [{ type: 3, name: "country", value: "united k", focused: true }]));
    expect(suggested.body.data.choices).toContainEqual({ name: "United Kingdom (GB)", value: "GB" });
    const found = await interact(slash(["numbers", "search"], [{ type: 3, name: "country", value: "GB" }]));
    expect(found.body.type).toBe(4);
    expect(textOf(found.body.data)).toContain("Numbers in United Kingdom");
    const methods = await interact(slash(["billing", "methods", "list"]));
    expect(textOf(methods.body.data)).toContain("Acme has no payment method yet.");
  });

  it("links the Discord member to the account user: someone else is refused", async () => {
    const answer = await interact(slash(["test", "charge"], [{ type: 10, name: "amount", value: 5 }], { user: "100000000000000777", name: "mallory" }));
    expect(textOf(answer.body.data)).toContain("You are not a user of the account Acme");
    expect(answer.body.data.flags).toBe(64);
  });

  it("suggests countries while the member types the option", async () => {
    const answer = await interact(autocomplete(["test", "country"], [{ type: 3, name: "country", value: "ger", focused: true }]));
    expect(answer.body).toEqual({ type: 8, data: { choices: [{ name: "Germany (DE)", value: "DE" }] } });
  });

  it("opens a modal from a button, says what is wrong, reopens it with the values kept, then accepts it", async () => {
    const shop = await interact(slash(["test", "shop"]));
    const order = customIds(shop.body.data)["Order"]!;
    const opened = await interact(click(order, fake.asMessage("900000000000000002", CHANNEL, shop.body.data, 64)));
    expect(opened.body.type).toBe(9);
    const modal = opened.body.data;
    expect(modal.components.map((c: { component: { custom_id: string } }) => c.component.custom_id)).toEqual(["quantity", "email"]);

    const wrong = await interact(submit(modal.custom_id, { quantity: "0", email: "ada@acme.test" }));
    expect(wrong.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(textOf(wrong.body.data)).toMatch(/Some answers need a change:\n• \*\*Quantity\*\*: .*0/);
    const fix = customIds(wrong.body.data)["Fix the answers"]!;

    const reopened = await interact(click(fix, fake.asMessage("900000000000000003", CHANNEL, wrong.body.data, 64)));
    expect(reopened.body.type).toBe(9);
    const again = reopened.body.data;
    expect(again.components).toHaveLength(1);
    expect(again.components[0]).toMatchObject({ label: "Quantity", component: { custom_id: "quantity", value: "0" } });
    expect(again.components[0].description).toMatch(/^⚠️ /);

    const done = await interact(submit(again.custom_id, { quantity: "2" }));
    expect(textOf(done.body.data)).toBe("Ordered 2 for ada@acme.test.");
    expect(state.orders).toEqual([{ quantity: 2, email: "ada@acme.test" }]);
  });

  it("asks a form longer than five fields in steps, keeping the first answers", async () => {
    const opened = await interact(slash(["run"], [{ type: 3, name: "command", value: "test signup" }]));
    expect(opened.body.type).toBe(9);
    const first = opened.body.data;
    const names = first.components.map((c: { component: { custom_id: string } }) => c.component.custom_id);
    expect(names).toEqual(["company", "contact", "email", "phone", "street"]);
    const step = await interact(submit(first.custom_id, { company: "Acme", contact: "Ada", email: "ada@acme.test", phone: "+447700900123", street: "1 Main St" }));
    expect(textOf(step.body.data)).toContain("2 more to fill in: City, Country.");
    const next = customIds(step.body.data)["Continue"]!;
    const second = await interact(click(next, fake.asMessage("900000000000000007", CHANNEL, step.body.data, 64)));
    expect(second.body.data.components.map((c: { component: { custom_id: string } }) => c.component.custom_id)).toEqual(["city", "country"]);
    const done = await interact(submit(second.body.data.custom_id, { city: "London", country: "GB" }));
    expect(textOf(done.body.data)).toBe("Signed up Acme in London, GB.");
  });

  it("shows a secret only to the member who asked, and a public answer to the channel", async () => {
    const secret = await interact(slash(["test", "secret"]));
    expect(secret.body.data.flags).toBe(64);
    expect(textOf(secret.body.data)).toContain("s3cr3t-Value-42");
    const announced = await interact(slash(["test", "announce"], [{ type: 3, name: "message", value: "hello" }]));
    expect(announced.body.data.flags).toBeUndefined();
    expect(textOf(announced.body.data)).toBe("Announcement: hello");
  });

  it("defers privately within the deadline and edits the placeholder when the result is ready", async () => {
    const interaction = slash(["test", "slow"]);
    // The slow command is held until release(): a reply before that is the deferral.
    const deferred = await interact(interaction);
    expect(deferred.body).toEqual({ type: 5, data: { flags: 64 } });
    const from = fake.mark();
    state.release();
    const edit = await fake.waitFor((r) => r.method === "PATCH" && r.path === `/webhooks/${APP}/${interaction.token}/messages/@original`, from);
    expect(textOf(edit.body)).toBe("The slow answer is ready.");
  });

  it("attaches a file to the reply", async () => {
    const answer = await interact(slash(["test", "export"]));
    expect(answer.files).toEqual([{ field: "files[0]", name: "numbers.csv", type: "text/csv", content: Buffer.from("msisdn,country\n447700900001,GB\n") }]);
    expect(answer.body.data.attachments).toEqual([{ id: 0, filename: "numbers.csv" }]);
    expect(textOf(answer.body.data)).toBe("Your export is attached.");
  });

  it("answers a public result that was deferred with a note on the placeholder and a public follow-up", async () => {
    const interaction = slash(["test", "slow"], [{ type: 3, name: "visibility", value: "channel" }]);
    await interact(interaction);
    const from = fake.mark();
    state.release();
    const followUp = await fake.waitFor((r) => r.method === "POST" && r.path === `/webhooks/${APP}/${interaction.token}`, from);
    expect(followUp.body.flags).toBeUndefined();
    expect(textOf(followUp.body)).toBe("The slow answer is ready.");
    const note = fake.requests.slice(from).find((r) => r.method === "PATCH");
    expect(note?.body.content).toContain("posted below");
  });

  it("posts a result that comes after the 15-minute token as a bot message: privately in direct messages", async () => {
    const interaction = slash(["test", "slow"]);
    await interact(interaction);
    await state.slowStarted;
    app.clock.advance(16 * 60_000);
    fake.expire(interaction.token);
    const from = fake.mark();
    state.release();
    const dm = await fake.waitFor((r) => r.method === "POST" && r.path === "/users/@me/channels", from);
    expect(dm.body).toEqual({ recipient_id: USER });
    const posted = await fake.waitFor((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path), from);
    expect(textOf(posted.body)).toBe("The slow answer is ready.");
    expect(posted.auth).toBe(`Bot ${TOKEN}`);
    expect(fake.requests.slice(from).filter((r) => r.path.startsWith("/webhooks/"))).toEqual([]);
  });

  it("asks before running a button that has a confirm dialog, and No changes nothing", async () => {
    const tools = await interact(slash(["test", "tools"]));
    const message = fake.asMessage("900000000000000004", CHANNEL, tools.body.data, 64);
    const asked = await interact(click(customIds(tools.body.data)["Release number"]!, message));
    expect(textOf(asked.body.data)).toContain("**Release number**: are you sure?");
    const ids = customIds(asked.body.data);
    expect(Object.keys(ids)).toEqual(["Yes: Release number", "No"]);
    const question = fake.asMessage("900000000000000005", CHANNEL, asked.body.data, 64);
    const no = await interact(click(ids["No"]!, question));
    expect(no.body.type).toBe(7);
    expect(textOf(no.body.data)).toContain("Nothing was changed");
    const before = state.orders.length;
    await interact(click(ids["Yes: Release number"]!, question));
    expect(state.orders.length).toBe(before + 1);
  });

  it("runs a select choice with the chosen value", async () => {
    const tools = await interact(slash(["test", "tools"]));
    const select = customIds(tools.body.data)["Announce a colour"]!;
    const chosen = await interact(choose(select, ["green"], fake.asMessage("900000000000000006", CHANNEL, tools.body.data, 64)));
    expect(chosen.body.type).toBe(4);
    expect(chosen.body.data.flags).toBeUndefined();
    expect(textOf(chosen.body.data)).toBe("Announcement: green");
  });

  it("runs a retried interaction's mutation once", async () => {
    const before = state.orders.length;
    const interaction = slash(["test", "order"], [
      { type: 10, name: "quantity", value: 3 },
      { type: 3, name: "email", value: "retry@acme.test" },
    ]);
    const first = await interact(interaction);
    expect(textOf(first.body.data)).toBe("Ordered 3 for retry@acme.test.");
    await interact(interaction);
    expect(state.orders.length).toBe(before + 1);
  });
});
