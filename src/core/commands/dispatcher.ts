// Every surface hands requests to this one dispatcher: parse, refuse card numbers, resolve
// the account, check permissions and what its provider can do, ask for what is missing,
// confirm spending and destroying, run once per idempotency key, audit, and turn failures
// into replies.
import type { z } from "zod";
import { UserError, isUserError, safeError } from "../errors.ts";
import type { ErrorCode } from "../error-codes.ts";
import { newRequestId } from "../ids.ts";
import { offsetClock } from "../clock.ts";
import type { Action, Reply, SelectOption } from "../view.ts";
import { buttons, reply, text } from "../view.ts";
import type { Services } from "../../services.ts";
import type { AccountCommandDefinition, CommandDefinition, ConfirmSummary } from "./definition.ts";
import type { AccountCommandContext, CommandContext, Invocation } from "./context.ts";
import { formatMoney } from "../money.ts";
import { approvalRequested } from "../../billing/spend-approval-view.ts";
import { GLOBAL_OPTIONS, parseArgs, type RawArgs } from "./parse-args.ts";
import { argInfo, argWord, formFieldFor, isSensitive, usageOf } from "./arg-fields.ts";
import {
  ALREADY_DONE,
  capitalize,
  hashOf,
  redactArgs,
  refuseCardNumbers,
  screenInput,
  single,
  withoutNul,
  toRawArgs,
  tokenizeOrExplain,
  unknownCommand,
  withoutFiles,
} from "./dispatch-support.ts";
import { checkAccess } from "./access.ts";
import { checkRequirement } from "./requirements.ts";
import { containsCardNumber, redactCardNumbers } from "../card-numbers.ts";
import { errorReply, internalErrorReply } from "./error-reply.ts";
import { attachActionRefs } from "./action-refs.ts";
import type { CommandLimiter } from "./command-limits.ts";
import { conflictAsUserError, isTransactionConflict } from "../../data/transaction-retry.ts";
import { isDatabaseUnavailable, unavailableAsUserError } from "../../data/database-unavailable.ts";
import { COMMAND_LEASE_MS } from "../../platform/idempotency.ts";

export type DispatchInput =
  | { kind: "text"; text: string }
  /** A button, a select choice or a form submission: values are merged over the action's args. */
  | { kind: "action"; ref: string; values?: Record<string, unknown> }
  | { kind: "command"; command: string; args: Record<string, unknown> };

export interface DispatchResult {
  requestId: string;
  command?: string;
  outcome: "ok" | "user-error" | "error";
  /** The user error's stable code, when the outcome is a user error. */
  code?: ErrorCode;
  reply: Reply;
  /**
   * A command that writes (write, spend, destroy) ran its handler in this dispatch: not a
   * read, a question (form, confirmation) or a retry answered with the first run's reply.
   * What a surface shows of the account may be out of date.
   */
  wrote?: boolean;
}

export class Dispatcher {
  constructor(
    private readonly services: Services,
    /** Per-user and per-workspace command rate limits; none in unit and integration tests. */
    private readonly limits?: CommandLimiter,
  ) {}

  async dispatch(invocation: Invocation, received: DispatchInput): Promise<DispatchResult> {
    const input = withoutNul(received);
    const requestId = invocation.requestId ?? newRequestId();
    const log = this.services.log.child({ requestId, actor: invocation.actor });
    let definition: CommandDefinition | undefined;
    let outcome: DispatchResult["outcome"] = "ok";
    let code: ErrorCode | undefined;
    let reply: Reply;
    const effects = { wrote: false };
    try {
      screenInput(input);
      // Counted before anything is parsed or stored: a flood costs the counter only.
      if (!invocation.refresh) await this.limits?.take(invocation);
      const resolved = await this.resolveInput(input);
      definition = resolved.definition;
      if (invocation.refresh && definition.sideEffect !== "read") throw new Error(`a surface's refresh may only read; ${definition.path} writes`);
      reply = await this.run(requestId, invocation, definition, resolved, effects);
    } catch (thrown) {
      // A deadlock or serialization failure that escaped its own retries, or a database that
      // went away, is the user's to retry.
      const error = isTransactionConflict(thrown) ? conflictAsUserError(thrown) : isDatabaseUnavailable(thrown) ? unavailableAsUserError(thrown) : thrown;
      if (error !== thrown) log.warn({ err: safeError(thrown), command: definition?.path }, `${(error as UserError).code} reached the dispatcher`);
      if (isUserError(error)) {
        outcome = "user-error";
        code = error.code;
        reply = errorReply(error);
      } else {
        outcome = "error";
        log.error({ err: safeError(error), command: definition?.path }, "command failed");
        reply = internalErrorReply(requestId);
      }
    }
    // The reply's button references are written just after it is answered (the ack does not wait for the insert).
    const writeBehind = (written: Promise<void>) =>
      void written.catch((error: unknown) => log.warn({ err: safeError(error) }, "a reply's buttons could not be stored: they will answer expired"));
    const wrote = outcome === "ok" && effects.wrote;
    return { requestId, command: definition?.path, outcome, code, wrote, reply: await attachActionRefs(reply, this.services.actions, undefined, writeBehind) };
  }

  /**
   * Typeahead for one argument of a command, as the requester may see it: a user who
   * may not run the command gets no suggestions.
   */
  async suggest(invocation: Invocation, command: string, argName: string, query: string): Promise<SelectOption[]> {
    const definition = this.services.registry.get(command);
    const kind = definition?.fields?.[argName]?.suggest;
    if (!definition || !kind || containsCardNumber(query)) return [];
    try {
      const { ctx } = await this.bind(invocation.requestId ?? newRequestId(), invocation, definition, undefined);
      return await this.services.suggestions.suggest(kind, ctx, query);
    } catch (error) {
      if (isUserError(error)) return [];
      throw error;
    }
  }

  private async resolveInput(input: DispatchInput) {
    const { registry } = this.services;
    if (input.kind === "text") {
      const words = tokenizeOrExplain(input.text);
      if (words.length === 0) words.push("help");
      const match = registry.match(words);
      if (!match) throw unknownCommand(words, this.services);
      const raw = parseArgs(match.definition, words.slice(match.used));
      return { definition: match.definition, raw, typed: raw, idempotencyKey: undefined, structured: false };
    }
    const action =
      input.kind === "command"
        ? ({ command: input.command, args: input.args } satisfies Action)
        : await this.services.actions.get(input.ref);
    if (!action) {
      throw new UserError("action_expired", "That button or form has expired.", { hint: "Run the command again." });
    }
    const definition = registry.get(action.command);
    if (!definition) throw new UserError("unknown_command", `Unknown command "${action.command}".`);
    const values = input.kind === "action" ? (input.values ?? {}) : {};
    const raw = toRawArgs({ ...action.args, ...values });
    const idempotencyKey =
      input.kind === "action" ? `action:${input.ref}:${hashOf(values)}` : undefined;
    // A button's stored arguments were screened when they were typed, and the ids and
    // times Switchboard added to them are random digits that may pass Luhn: only what the
    // person supplies now (form values, a structured command's options) is screened here.
    const typed = input.kind === "action" ? toRawArgs(values) : raw;
    return { definition, raw, typed, idempotencyKey, structured: true };
  }

  private async run(
    requestId: string,
    invocation: Invocation,
    definition: CommandDefinition,
    { raw, typed, idempotencyKey: actionKey, structured }: { raw: RawArgs; typed: RawArgs; idempotencyKey?: string; structured: boolean },
    effects: { wrote: boolean },
  ): Promise<Reply> {
    refuseCardNumbers(definition, typed);
    const { account: requestedAccount, confirm, ...commandArgs } = raw;
    const command = await this.bind(requestId, invocation, definition, single(requestedAccount));
    const { ctx } = command;

    const parsed = definition.args.safeParse(commandArgs);
    if (!parsed.success) return this.askForMissing(invocation, definition, commandArgs, parsed.error, ctx, structured);

    const confirmed = single(confirm)?.toLowerCase() === "yes";
    if ((definition.sideEffect === "spend" || definition.sideEffect === "destroy") && !confirmed) {
      return this.confirmation(command, definition, parsed.data, { ...commandArgs, account: ctx.account?.id ?? "" });
    }
    if (definition.sideEffect === "read") return command.handle(parsed.data);

    const key = actionKey ?? invocation.idempotencyKey;
    const guarded = definition.needsAccount && definition.spend ? this.guardSpend(command, definition, commandArgs) : command;
    return this.runOnce(guarded, definition, parsed.data, commandArgs, key, effects);
  }

  private async runOnce(
    { ctx, handle }: BoundCommand,
    definition: CommandDefinition,
    args: unknown,
    rawArgs: RawArgs,
    key: string | undefined,
    effects: { wrote: boolean },
  ): Promise<Reply> {
    const { idempotency, audit } = this.services;
    const scopedKey = key ? `${ctx.account?.id ?? ctx.invocation.workspace}:${key}` : undefined;
    if (scopedKey) {
      const claim = await idempotency.claim<Reply>(scopedKey, definition.path);
      if (claim.state === "done") return claim.result;
      if (claim.state === "running") {
        return reply([text("This request is already being processed: it will not run twice.", "muted")]);
      }
    }
    const auditEntry = {
      requestId: ctx.requestId,
      accountId: ctx.account?.id,
      actor: ctx.invocation.actor,
      origin: ctx.invocation.channel,
      command: definition.path,
      args: redactArgs(definition, rawArgs),
      at: ctx.services.clock.now(),
    };
    // While the handler runs its lease is renewed, so only a run that died loses its key.
    const heartbeat = scopedKey ? setInterval(() => void idempotency.renew(scopedKey).catch(() => {}), COMMAND_LEASE_MS / 3) : undefined;
    heartbeat?.unref();
    try {
      const result = await handle(args, scopedKey);
      effects.wrote = true;
      clearInterval(heartbeat);
      if (scopedKey) await idempotency.complete(scopedKey, definition.secretReply ? ALREADY_DONE : withoutFiles(result));
      await audit.record({ ...auditEntry, outcome: "ok" });
      return result;
    } catch (error) {
      clearInterval(heartbeat);
      if (scopedKey) await idempotency.release(scopedKey);
      await audit.record({ ...auditEntry, outcome: isUserError(error) ? "user-error" : "error" }).catch(() => {});
      throw error;
    }
  }

  /**
   * A spend passes the account's guardrails first, inside the idempotent run (a retry gets
   * the first answer, and is not counted twice): above the approval limit it files a request
   * for a second user instead of running; a spend the handler then refuses is not counted.
   */
  private guardSpend(command: BoundCommand, definition: AccountCommandDefinition, rawArgs: RawArgs): BoundCommand {
    const ctx = command.ctx as AccountCommandContext;
    const { guard } = this.services.billing;
    return {
      ...command,
      handle: async (args, requestKey) => {
        const intent = await definition.spend!(ctx, args as never);
        const outcome = await guard.check({
          accountId: ctx.account.id,
          command: definition.path,
          args: rawArgs,
          intent,
          permission: definition.access,
          actor: ctx.invocation.actor,
          actorName: ctx.invocation.actorName,
          channel: ctx.invocation.channel,
          at: ctx.clock.now(),
        });
        if (outcome.state === "needs_approval") {
          const { approval } = outcome;
          if (outcome.created) {
            // Channels subscribed to approvals hear of it too, not only the one it was asked in.
            await this.services.events.emit({
              accountId: ctx.account.id,
              type: "spend.requested",
              summary: `${approval.requestedByName} asked for ${approval.summary}: a second user decides (\`approvals approve ${approval.id}\` or \`approvals deny ${approval.id}\`).`,
              data: { approval: approval.id, command: approval.command, amount: approval.amount.toString() },
              at: ctx.clock.now(),
            });
          }
          return approvalRequested(outcome.approval, formatMoney(outcome.limit), outcome.created);
        }
        try {
          return await command.handle(args, requestKey);
        } catch (error) {
          await guard.release(outcome).catch(() => {});
          throw error;
        }
      },
    };
  }

  /**
   * Builds the context the definition asks for and binds its handler to it: a command
   * that needs an account gets the resolved account (access checked) or never runs.
   */
  private async bind(
    requestId: string,
    invocation: Invocation,
    definition: CommandDefinition,
    requestedAccount: string | undefined,
  ): Promise<BoundCommand> {
    const { directory, clock } = this.services;
    const log = this.services.log.child({ requestId, command: definition.path });
    const base = { requestId, invocation, services: this.services, clock, log };
    if (!definition.needsAccount) return bindTo(definition, { ...base, personId: await directory.personFor(invocation.actor) });
    // One statement: the person, the account and the membership are read before Slack hears back.
    const { personId, account, member } = await directory.requester(invocation.actor, invocation.workspace, invocation.channel, requestedAccount);
    const ctx: CommandContext = { ...base, personId };
    checkAccess(definition.access, member, account.companyName);
    checkRequirement(definition, account);
    return bindTo(definition, { ...ctx, account, member, clock: offsetClock(clock, Number(account.clockOffsetMs)) });
  }

  private askForMissing(
    invocation: Invocation,
    definition: CommandDefinition,
    given: RawArgs,
    error: z.ZodError,
    ctx: CommandContext,
    structured: boolean,
  ): Reply {
    const infos = argInfo(definition);
    const problems = new Map<string, string>();
    for (const issue of error.issues) {
      const name = String(issue.path[0] ?? "");
      if (!problems.has(name)) problems.set(name, name && given[name] === undefined ? "required" : issue.message);
    }
    const onlyMissing = [...problems.values()].every((p) => p === "required");
    // A problem with no field of its own (a rule across arguments) cannot be fixed in a form.
    const fixableInForm = [...problems.keys()].every((name) => infos.some((info) => info.name === name));
    // Structured input (a form, a button, a typed application command) can be corrected in
    // the form, which shows what is wrong and keeps what was given; a typed line gets the usage.
    if (!invocation.canShowForms || !fixableInForm || (!onlyMissing && !structured)) {
      const list = [...problems].map(([name, p]) => (p === "required" ? `${argWord(name)} is missing` : name ? `${argWord(name)}: ${p}` : p)).join("; ");
      throw new UserError("invalid_arguments", `${capitalize(list)}.`, { usage: usageOf(definition) });
    }
    // A form's fixed arguments are stored with its reference: a secret typed on the line is
    // asked for again in the form rather than kept in the database.
    const retyped = (name: string) => isSensitive(definition, name) && given[name] !== undefined;
    const fixedArgs = Object.fromEntries(Object.entries(given).filter(([name]) => !problems.has(name) && !retyped(name)));
    if (ctx.account) fixedArgs.account = ctx.account.id;
    const errors = Object.fromEntries(
      [...problems].filter(([, problem]) => problem !== "required").map(([name, problem]) => [name, redactCardNumbers(problem)]),
    );
    return {
      visibility: "ephemeral",
      form: {
        title: definition.formTitle ?? definition.description,
        submitLabel: definition.sideEffect === "read" ? "Show" : "Continue",
        command: definition.path,
        fixedArgs,
        fields: infos
          .filter((info) => problems.has(info.name) || retyped(info.name))
          .map((info) => formFieldFor(definition, info, given[info.name])),
        errors: Object.keys(errors).length > 0 ? errors : undefined,
      },
    };
  }

  private async confirmation(
    command: BoundCommand,
    definition: CommandDefinition,
    args: unknown,
    rawArgs: RawArgs,
  ): Promise<Reply> {
    const summary = await command.confirm(args);
    return reply([
      text(`*${summary.title}*`),
      text(summary.text),
      buttons(
        {
          label: summary.confirmLabel,
          style: definition.sideEffect === "destroy" ? "danger" : "primary",
          action: { command: definition.path, args: { ...rawArgs, confirm: "yes" } },
        },
        { label: "Cancel", action: { command: "cancel", args: {} } },
      ),
    ]);
  }
}

/** A definition's handler and confirmation, bound to the context of one request. */
interface BoundCommand {
  ctx: CommandContext;
  /** Runs the handler; `requestKey` names the request across its retries. */
  handle(args: unknown, requestKey?: string): Promise<Reply>;
  confirm(args: unknown): Promise<ConfirmSummary>;
}

function bindTo<C extends CommandContext>(
  definition: {
    path: string;
    handler: (ctx: C, args: never) => Promise<Reply>;
    confirm?: (ctx: C, args: never) => Promise<ConfirmSummary>;
  },
  ctx: C,
): BoundCommand {
  return {
    ctx,
    handle: (args, requestKey) => definition.handler(requestKey ? { ...ctx, requestKey } : ctx, args as never),
    confirm: (args) => {
      if (!definition.confirm) throw new Error(`${definition.path}: spend and destroy commands must describe their confirmation`);
      return definition.confirm(ctx, args as never);
    },
  };
}

export { GLOBAL_OPTIONS };
