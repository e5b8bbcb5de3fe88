// Classifies whatever a Vonage SDK call failed with into a ProviderFailure. The SDK's
// errors (VetchError) carry the request, Authorization header included: only the status,
// the response body's error fields and the retry hint are read from them, never more.
import type { ProviderFailure, ProviderFailureKind, ProviderOperation } from "../../src/providers/provider-error.ts";

interface ResponseLike {
  status: number;
  headers?: { get(name: string): string | null };
  text?: () => Promise<string>;
}

interface Body {
  "error-code"?: string | number;
  "error-code-label"?: string;
  type?: string;
  title?: string;
  detail?: string;
  invalid_parameters?: { name?: string; reason?: string }[];
}

const UNKNOWN_OUTCOME_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET"]);

export async function failureFrom(error: unknown, operation: ProviderOperation, subject?: string): Promise<ProviderFailure> {
  const e = (error ?? {}) as { name?: string; type?: string; code?: string; response?: ResponseLike };
  if (e.name === "AbortError" || e.type === "aborted") return { kind: "timeout", operation, subject };
  if (e.response && typeof e.response.status === "number") {
    const body = await readBody(e.response);
    return classify(e.response.status, body, operation, subject, retryAfter(e.response));
  }
  if (e.type === "system" || typeof e.code === "string") {
    // A reset after sending is as unknown as a timeout; a refused connection sent nothing.
    return { kind: e.code && UNKNOWN_OUTCOME_CODES.has(e.code) ? "timeout" : "unavailable", operation, subject };
  }
  return { kind: "unknown", operation, subject };
}

/** The REST API's `error-code` bodies, including those inside an HTTP 200. */
export function failureFromCode(code: string | number | undefined, label: string | undefined, operation: ProviderOperation, subject?: string): ProviderFailure | undefined {
  if (code === undefined || String(code) === "200" || String(code) === "undefined") return undefined;
  const status = Number(code);
  return classify(Number.isFinite(status) ? status : 0, { "error-code": code, "error-code-label": label }, operation, subject, undefined);
}

function classify(status: number, body: Body, operation: ProviderOperation, subject: string | undefined, retryAfterSeconds: number | undefined): ProviderFailure {
  const label = clean(body["error-code-label"]);
  const problem = [clean(body.title), clean(body.detail), ...invalidParameters(body)].filter(Boolean).join(": ");
  const detail = problem || (label && !/^(method failed|success)$/i.test(label) ? label : undefined);
  const code = Number(body["error-code"] ?? status);
  return { kind: kindOf(status, code, body.type ?? "", label ?? ""), operation, status, detail, retryAfterSeconds, subject };
}

function kindOf(status: number, code: number, type: string, label: string): ProviderFailureKind {
  const problem = type.split("#")[1] ?? "";
  if (status === 429 || code === 429 || problem === "throttled" || problem === "rate-limit") return "rate-limited";
  if (/auto-?reload/i.test(label)) return "auto-reload-disabled";
  const byProblem: Record<string, ProviderFailureKind> = {
    unauthorized: "bad-credentials",
    unprovisioned: "unprovisioned",
    "delete-last-secret": "last-secret",
    "add-excess-secret": "too-many-secrets",
    validation: "validation",
    "low-balance": "low-balance",
    "out-of-credit": "low-balance",
    "invalid-api-key": "not-found",
    "invalid-id": "not-found",
    "not-found": "not-found",
    "missing-number-transfer": "not-found",
    "transfer-conflict": "conflict",
    "invalid-transfers": "rejected",
    "invalid-number-transfer": "rejected",
    forbidden: "forbidden",
  };
  if (byProblem[problem]) return byProblem[problem];
  if (status === 401 || code === 401) return "bad-credentials";
  if (status === 420 || code === 420) return "method-failed";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 409) return "conflict";
  if (status === 400 || status === 422) return "validation";
  if (status >= 500) return "unavailable";
  return "unknown";
}

async function readBody(response: ResponseLike): Promise<Body> {
  try {
    const raw = (await response.text?.()) ?? "";
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" ? (parsed as Body) : {};
  } catch {
    return {};
  }
}

function retryAfter(response: ResponseLike): number | undefined {
  const value = Number(response.headers?.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

function invalidParameters(body: Body): string[] {
  return (body.invalid_parameters ?? []).map((p) => clean(`${p.name ?? "?"} ${p.reason ?? ""}`.trim())).filter((s): s is string => Boolean(s));
}

/** The provider's words, shown to users: one line, printable, short. */
function clean(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const line = [...value].map((c) => (c < " " || c === "\u007f" ? " " : c)).join("").replace(/\s+/g, " ").trim();
  return line ? line.slice(0, 300) : undefined;
}
