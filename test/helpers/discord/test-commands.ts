// Test-only commands added to a test app's registry: each shows one thing a surface must
// carry (a confirmation, a secret, a public post, suggestions, a form, a slow result, a file),
// plus an account bound to the fake guild whose primary user is the fake member.
import { z } from "zod";
import { defineCommand, type AnyArgs, type CommandDefinition } from "../../../src/core/commands/definition.ts";
import { buttons, reply, say, text } from "../../../src/core/view.ts";
import { newId } from "../../../src/core/ids.ts";
import type { Services } from "../../../src/services.ts";

export interface TestCommandState {
  charges: number[];
  orders: { quantity: number; email: string }[];
  /** Resolve it to let `test slow` answer. */
  release: () => void;
  slowStarted: Promise<void>;
}

export function addTestCommands(services: Services): TestCommandState {
  const state = { charges: [], orders: [] } as unknown as TestCommandState;
  let gate: Promise<void>;
  const arm = () => {
    gate = new Promise((resolve) => (state.release = resolve));
    state.slowStarted = new Promise((resolve) => (started = resolve));
  };
  let started!: () => void;
  arm();
  const commands = [
    defineCommand({
      path: "test charge",
      description: "Charges the account",
      args: z.object({ amount: z.coerce.number().positive(), note: z.string().optional() }),
      access: "payments",
      sideEffect: "spend",
      needsAccount: true,
      confirm: async (_ctx, { amount }) => ({ title: "Charge", text: `This charges €${amount}.`, confirmLabel: `Pay €${amount}` }),
      handler: async (_ctx, { amount }) => {
        state.charges.push(amount);
        return say(`Charged €${amount}.`);
      },
    }),
    defineCommand({
      path: "test secret",
      description: "Shows an API secret",
      args: z.object({}),
      access: "primary",
      sideEffect: "read",
      needsAccount: true,
      handler: async () => say("Your API secret is s3cr3t-Value-42."),
    }),
    defineCommand({
      path: "test announce",
      description: "Says something to the channel",
      args: z.object({ message: z.string() }),
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      handler: async (_ctx, { message }) => say(`Announcement: ${message}`, "channel"),
    }),
    defineCommand({
      path: "test country",
      description: "Picks a country",
      args: z.object({ country: z.string() }),
      fields: { country: { suggest: "countries" } },
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      handler: async (_ctx, { country }) => say(`Country ${country}`),
    }),
    defineCommand({
      path: "test shop",
      description: "Offers an order form",
      args: z.object({}),
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      handler: async () => reply([text("The shop"), buttons({ label: "Order", style: "primary", action: { command: "test order", args: {} } })]),
    }),
    defineCommand({
      path: "test order",
      description: "Orders widgets",
      args: z.object({ quantity: z.coerce.number().int().positive(), email: z.email() }),
      access: "anyone",
      sideEffect: "write",
      needsAccount: false,
      handler: async (_ctx, args) => {
        state.orders.push(args);
        return say(`Ordered ${args.quantity} for ${args.email}.`);
      },
    }),
    defineCommand({
      path: "test signup",
      description: "Seven answers: more than one modal holds",
      args: z.object({
        company: z.string(),
        contact: z.string(),
        email: z.email(),
        phone: z.string(),
        street: z.string(),
        city: z.string(),
        country: z.string(),
      }),
      access: "anyone",
      sideEffect: "write",
      needsAccount: false,
      handler: async (_ctx, args) => say(`Signed up ${args.company} in ${args.city}, ${args.country}.`),
    }),
    defineCommand({
      path: "test tools",
      description: "A button that asks first and a select",
      args: z.object({}),
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      handler: async () =>
        reply([
          text("Tools"),
          buttons({
            label: "Release number",
            style: "danger",
            confirm: { title: "Release?", text: "The number goes back to the pool.", confirm: "Release", deny: "Keep" },
            action: { command: "test order", args: { quantity: 1, email: "release@acme.test" } },
          }),
          {
            type: "select",
            placeholder: "Announce a colour",
            argName: "message",
            options: ["red", "green", "blue"].map((c) => ({ label: c, value: c })),
            action: { command: "test announce", args: {} },
          },
        ]),
    }),
    defineCommand({
      path: "test slow",
      description: "Answers when the test lets it",
      args: z.object({ visibility: z.enum(["ephemeral", "channel"]).optional() }),
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      handler: async (_ctx, { visibility }) => {
        started();
        await gate;
        arm();
        return say("The slow answer is ready.", visibility ?? "ephemeral");
      },
    }),
    defineCommand({
      path: "test export",
      description: "Exports a file",
      args: z.object({}),
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      handler: async () => ({
        ...say("Your export is attached."),
        files: [{ name: "numbers.csv", mimeType: "text/csv", content: Buffer.from("msisdn,country\n447700900001,GB\n") }],
      }),
    }),
  ];
  for (const command of commands) services.registry.add(command as CommandDefinition<AnyArgs>);
  return state;
}

/** An account used from the fake guild, with the fake member as its primary user. */
export async function bindGuildAccount(services: Services, guild: string, user: string): Promise<string> {
  const accountId = newId("acc");
  await services.db.account.create({
    data: { id: accountId, apiKey: `k${accountId.slice(-7)}`, companyName: "Acme", contactName: "Ada", email: "ada@acme.test" },
  });
  await services.directory.bindWorkspace(`discord:${guild}`, accountId);
  const person = await services.directory.ensurePerson(`discord:${guild}:${user}`, "Ada");
  await services.db.member.create({ data: { id: newId("mem"), accountId, personId: person, role: "primary", permissions: [] } });
  return accountId;
}
