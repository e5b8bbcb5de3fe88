// JSON from the outside world: bounded nesting (a deeply nested body would exhaust the
// stack of whatever walks it later) and no prototype keys (secure-json-parse drops them).
import secureJson from "secure-json-parse";
import { HttpError } from "./http-server.ts";

const MAX_DEPTH = 64;

/** Parses `text` as JSON or throws a 400 HttpError; never a 500. */
export function parseJsonBody(text: string): unknown {
  if (nestingDepth(text) > MAX_DEPTH) throw new HttpError(400, "too_deeply_nested", `JSON nested deeper than ${MAX_DEPTH} levels`);
  try {
    return secureJson.parse(text, undefined, { protoAction: "remove", constructorAction: "remove" });
  } catch {
    throw new HttpError(400, "invalid_json", "the body is not valid JSON");
  }
}

/** The deepest nesting of brackets outside strings: one pass, no recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
