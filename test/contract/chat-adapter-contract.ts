// One contract, every chat adapter: the same command reaches the core as the same call,
// whichever platform it was typed on, and every reply fits that platform's limits, even
// a reply far larger than any platform takes in one message. Each adapter's own test file
// calls runChatAdapterContract with a descriptor of how to drive it; a new surface gets
// the whole contract by writing one descriptor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { buttons, fields, header, reply, text, type Block } from "../../src/core/view.ts";
import type { Services } from "../../src/services.ts";

/** What the core received: the command, its parsed arguments, who asked and from which surface. */
export interface CoreCall {
  path: string;
  args: Record<string, unknown>;
  actor: string;
  surface: string;
}

/** The call every surface must produce, and the line that types it. */
export const CONTRACT_CALL = { path: "contract echo", args: { country: "GB", type: "mobile-lvn", size: 3, note: "two words" } } as const;
export const CONTRACT_LINE = 'contract echo GB type:mobile-lvn size:3 note:"two words"';

/** A surface started on a fresh core, ready to be driven. */
export interface ContractSurface {
  /** Sends CONTRACT_CALL the way a user of this platform would, and waits for the answer. */
  send(): Promise<void>;
  /** Every payload the surface sent to its platform in answer to `send`. */
  answers(): unknown[];
  close(): Promise<void>;
}

export interface ChatAdapterDescriptor {
  /** `invocation.surface` as the adapter reports it. */
  surface: string;
  /**
   * Starts the surface on a fresh core. `prepare` adds the contract's command: call it
   * before the adapter starts, since some (Discord) register their commands at start.
   */
  start(prepare: (services: Services) => void): Promise<ContractSurface>;
  /** What the platform would refuse in one payload; empty when it takes it. */
  problems(payload: unknown): string[];
  /** Text the answers must contain: the reply was carried, not dropped to fit. */
  shows?: string[];
  /** Payloads the platform refuses, to prove `problems` would notice; `expected` pins the wording. */
  refused?: { payload: unknown; expected?: string[] }[];
}

/** A command that records what the core received and answers with far too much. */
function addContractCommand(services: Services, calls: CoreCall[]): void {
  services.registry.add(
    defineCommand({
      path: CONTRACT_CALL.path,
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
        calls.push({ path: CONTRACT_CALL.path, args: { ...args }, actor: ctx.invocation.actor, surface: ctx.invocation.surface });
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

export function runChatAdapterContract(descriptor: ChatAdapterDescriptor): void {
  describe(`chat adapter contract (${descriptor.surface})`, () => {
    const calls: CoreCall[] = [];
    let surface: ContractSurface;

    beforeAll(async () => {
      surface = await descriptor.start((services) => addContractCommand(services, calls));
      await surface.send();
    });
    afterAll(async () => {
      await surface?.close();
    });

    it("hands the command to the core once, as the same call every surface makes", () => {
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ path: CONTRACT_CALL.path, surface: descriptor.surface });
      expect(calls[0]!.args).toEqual(CONTRACT_CALL.args);
    });

    it("answers with payloads the platform accepts, however large the reply", () => {
      const answers = surface.answers();
      expect(answers.length).toBeGreaterThan(0);
      for (const payload of answers) expect(descriptor.problems(payload)).toEqual([]);
    });

    if (descriptor.shows?.length) {
      it("carries the reply rather than dropping it to fit", () => {
        const all = JSON.stringify(surface.answers());
        for (const shown of descriptor.shows!) expect(all).toContain(shown);
      });
    }

    if (descriptor.refused?.length) {
      it("checks the limits the platform enforces (it would catch a payload the platform rejects)", () => {
        for (const { payload, expected } of descriptor.refused!) {
          const problems = descriptor.problems(payload);
          if (expected) expect(problems).toEqual(expected);
          else expect(problems.length).toBeGreaterThan(0);
        }
      });
    }
  });
}
