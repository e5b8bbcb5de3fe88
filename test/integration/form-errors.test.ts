// A structured request (form submission, button, application command) with a wrong value
// comes back as the form, saying what is wrong and keeping what was given; a typed line
// still gets the usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../src/core/commands/definition.ts";
import { say } from "../../src/core/view.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
const orders: unknown[] = [];

beforeAll(async () => {
  app = await createTestApp();
  app.services.registry.add(
    defineCommand({
      path: "test order",
      description: "Orders widgets",
      args: z.object({ quantity: z.coerce.number().int().positive(), email: z.email(), pin: z.string().regex(/^\d{4}$/) }),
      fields: { pin: { sensitive: true } },
      access: "anyone",
      sideEffect: "write",
      needsAccount: false,
      handler: async (_ctx, args) => {
        orders.push(args);
        return say(`Ordered ${args.quantity}.`);
      },
    }),
  );
  app.services.registry.add(
    defineCommand({
      path: "test range",
      description: "A rule across arguments",
      args: z.object({ from: z.coerce.number(), to: z.coerce.number() }).refine((a) => a.to > a.from, "to must be after from"),
      access: "anyone",
      sideEffect: "read",
      needsAccount: false,
      handler: async () => say("ok"),
    }),
  );
});
afterAll(() => app.close());

const forms = { canShowForms: true };

describe("form errors", () => {
  it("returns a submitted form with what is wrong, the wrong value kept and the right ones fixed", async () => {
    const asked = await app.run("test order", forms);
    const ref = asked.reply.form!.ref!;
    const result = await app.dispatch({ kind: "action", ref, values: { quantity: "0", email: "a@b.test", pin: "12" } }, forms);
    const form = result.reply.form!;
    expect(form.fields.map((f) => [f.name, f.initial])).toEqual([
      ["quantity", "0"],
      ["pin", undefined],
    ]);
    expect(form.errors?.quantity).toMatch(/>0|positive|too small/i);
    expect(form.errors?.pin).toBeTruthy();
    expect(form.fixedArgs).toEqual({ email: "a@b.test" });
    expect(orders).toHaveLength(0);

    const fixed = await app.dispatch({ kind: "action", ref: form.ref!, values: { quantity: "2", pin: "1234" } }, forms);
    expect(fixed.text).toBe("Ordered 2.");
    expect(orders).toEqual([{ quantity: 2, email: "a@b.test", pin: "1234" }]);
  });

  it("does the same for a typed application command", async () => {
    const result = await app.dispatch({ kind: "command", command: "test order", args: { quantity: "x", email: "nope" } }, forms);
    expect(result.reply.form?.errors).toMatchObject({ quantity: expect.any(String), email: expect.any(String) });
    expect(result.reply.form?.fields.map((f) => f.name)).toEqual(["quantity", "email", "pin"]);
  });

  it("still answers a typed line with the usage", async () => {
    const result = await app.run("test order quantity:0 email:a@b.test pin:1234", forms);
    expect(result.outcome).toBe("user-error");
    expect(result.text).toContain("Usage: test order");
  });

  it("answers a rule across arguments with the message, not a form that cannot show it", async () => {
    const result = await app.dispatch({ kind: "command", command: "test range", args: { from: "5", to: "1" } }, forms);
    expect(result.reply.form).toBeUndefined();
    expect(result.text).toContain("To must be after from.");
  });
});
