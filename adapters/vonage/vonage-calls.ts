// Every SDK call goes through here: a failure becomes a ProviderError (a UserError with a
// clear sentence) and one log line with the operation and status — never the SDK error,
// which holds the request's Authorization header.
import type { Logger } from "../../src/platform/logger.ts";
import { ProviderError, type ProviderFailure, type ProviderOperation } from "../../src/providers/provider-error.ts";
import { failureFrom, failureFromCode } from "./vonage-errors.ts";

export class VonageCalls {
  constructor(
    private readonly log: Logger,
    readonly apiKey: string,
  ) {}

  async run<T>(operation: ProviderOperation, call: () => Promise<T>, subject?: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const failure = await this.classify(error, operation, subject);
      throw this.fail(failure, failure.kind === "unknown" ? describeUnknown(error) : undefined);
    }
  }

  /** Like run, for the REST calls that report failure as an `error-code` in a 200 body. */
  async runCoded(operation: ProviderOperation, call: () => Promise<{ errorCode?: string; errorCodeLabel?: string }>, subject?: string): Promise<void> {
    const result = await this.run(operation, call, subject);
    const failure = failureFromCode(result.errorCode, result.errorCodeLabel, operation, subject);
    if (failure) throw this.fail(failure);
  }

  /** Classifies without throwing, for callers that must decide what an outcome means. */
  async classify(error: unknown, operation: ProviderOperation, subject?: string): Promise<ProviderFailure> {
    if (error instanceof ProviderError) return error.failure;
    return failureFrom(error, operation, subject);
  }

  /** `cause`: for failures nobody classified, the error's name and message (never its fields). */
  fail(failure: ProviderFailure, cause?: string): ProviderError {
    this.log.warn(
      { vonage: { apiKey: this.apiKey, operation: failure.operation, kind: failure.kind, status: failure.status, detail: failure.detail, cause } },
      "Vonage API call failed",
    );
    return new ProviderError(failure);
  }
}

const describeUnknown = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : typeof error;
