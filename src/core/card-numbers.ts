// The one card-number normaliser. Every text that enters Switchboard (command lines, form
// and modal values, Discord options, payment-page fields) is looked at through it before
// anything parses, stores, logs or echoes it, and the error replies and log lines are
// redacted through it as a last line.
//
// People and clients disguise digits without meaning to: full-width digits from an IME,
// zero-width characters from copy and paste, "4111.1111.1111.1111", "+4111111111111111",
// "/" or "_" between groups, several spaces. So a text is first read in a canonical form
// (compatibility forms folded, every script's decimal digits read as 0-9, invisible format
// characters and combining marks dropped), then split into runs of digit groups joined by
// short runs of separators. Any consecutive groups holding 13 to 19 digits that pass the
// Luhn check are a card number. Windows start at group boundaries so that "4111 1111 1111
// 1111 12/27" (card, then expiry) is still found, but a long bare identifier is not read
// as a card hiding inside it.
import { UserError } from "./errors.ts";
import type { ErrorCode } from "./error-codes.ts";

const SEPARATOR = /[\s\-\u2010-\u2015\u2212.+/_\\·•*]/u;
/** Longer gaps than this end a run: "20 … 4111" across a sentence is two numbers. */
const MAX_GAP = 5;
const INVISIBLE = /[\p{Cf}\p{M}]/u;
const DIGIT = /\p{Nd}/u;
/** E.164 allows 15 digits: a "+" run that short is a phone number where phones are expected. */
const PHONE_MAX_DIGITS = 15;

export const CARD_REFUSED_CODE = "card_number_in_chat" satisfies ErrorCode;

export function cardNumberRefused(): UserError {
  return new UserError(
    CARD_REFUSED_CODE,
    "That looks like a card number. Switchboard never takes card details in chat, and it has not stored or repeated it.",
    { hint: "Add cards only on the secure payment page: run `billing methods add` for a private link." },
  );
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

interface Canonical {
  text: string;
  /** For each canonical character, the offset of the original character it came from. */
  origin: number[];
}

const digitValueCache = new Map<number, string>();

/** Unicode lays every decimal digit set out as ten consecutive code points from zero. */
function asciiDigit(codePoint: number): string {
  let value = digitValueCache.get(codePoint);
  if (value === undefined) {
    let start = codePoint;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = String((codePoint - start) % 10);
    digitValueCache.set(codePoint, value);
  }
  return value;
}

export function canonicalize(input: string): Canonical {
  let text = "";
  const origin: number[] = [];
  let offset = 0;
  for (const char of input) {
    if (!INVISIBLE.test(char)) {
      const folded = char.charCodeAt(0) < 128 ? char : char.normalize("NFKC");
      for (const part of folded) {
        if (INVISIBLE.test(part)) continue;
        const out = part >= "0" && part <= "9" ? part : DIGIT.test(part) ? asciiDigit(part.codePointAt(0)!) : part;
        text += out;
        for (let i = 0; i < out.length; i++) origin.push(offset);
      }
    }
    offset += char.length;
  }
  return { text, origin };
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Runs of digit groups joined by short separator runs, in canonical offsets. */
function digitRuns(text: string): Array<{ groups: Group[]; plus: boolean }> {
  const runs: Array<{ groups: Group[]; plus: boolean }> = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i]!)) {
      i++;
      continue;
    }
    const plus = text[i - 1] === "+";
    const groups: Group[] = [];
    for (;;) {
      const start = i;
      while (i < text.length && isDigit(text[i]!)) i++;
      groups.push({ start, end: i, digits: text.slice(start, i) });
      let gap = i;
      while (gap < text.length && gap - i < MAX_GAP && SEPARATOR.test(text[gap]!)) gap++;
      if (gap === i || gap >= text.length || !isDigit(text[gap]!)) break;
      // "+447700900123 4567" is a phone number and then a PIN, not one number: a "+" number
      // written whole (8 digits or more, longer than any card's group) ends at a space.
      // A card behind a "+" is still found, whole ("+4111111111111111") or grouped.
      if (plus && groups.length === 1 && groups[0]!.digits.length >= 8 && /\s/u.test(text.slice(i, gap))) break;
      i = gap;
    }
    runs.push({ groups, plus });
  }
  return runs;
}

const isDigit = (c: string) => c >= "0" && c <= "9";

export interface CardOptions {
  /**
   * Where a phone number is expected: a run written "+" and at most 15 digits is an E.164
   * number even when its digits pass Luhn (one in ten do).
   */
  phone?: boolean;
}

/** Canonical spans [start, end) of every card number in the text. */
/**
 * Identifiers people paste into commands (Vonage secret and application ids, payment
 * references) are UUIDs or 32 hex digits. Their decimal groups, joined by the dashes, pass
 * as 13-19 digits that pass Luhn for about one UUID in 400, so `account secret revoke <id>`
 * was refused as a card number now and then. A token of exactly that shape, with at least
 * one hex letter, is blanked out (same length, so offsets hold) before cards are looked for.
 */
const HEX_IDENTIFIER = /(?<![0-9A-Za-z])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})(?![0-9A-Za-z])/gi;

function withoutHexIdentifiers(text: string): string {
  return text.replace(HEX_IDENTIFIER, (token) => (/[a-f]/i.test(token) ? "x".repeat(token.length) : token));
}

function cardSpans(canonical: string, options: CardOptions): Array<[number, number]> {
  const text = withoutHexIdentifiers(canonical);
  const spans: Array<[number, number]> = [];
  for (const { groups, plus } of digitRuns(text)) {
    const total = groups.reduce((n, g) => n + g.digits.length, 0);
    if (total < 13) continue;
    if (options.phone && plus && total <= PHONE_MAX_DIGITS) continue;
    for (let first = 0; first < groups.length; first++) {
      if (groups[first]!.digits.startsWith("0")) continue; // no card number starts with 0
      let digits = "";
      for (let last = first; last < groups.length; last++) {
        digits += groups[last]!.digits;
        if (digits.length > 19) break;
        if (digits.length >= 13 && luhnValid(digits)) spans.push([groups[first]!.start, groups[last]!.end]);
      }
    }
  }
  return spans;
}

/** The digits of every card number in the text, however it was written (for audits such as the leak scan). */
export function cardNumbersIn(value: string, options: CardOptions = {}): string[] {
  const { text } = canonicalize(value);
  return cardSpans(text, options).map(([start, end]) => text.slice(start, end).replace(/\D/g, ""));
}

export function containsCardNumber(value: string, options: CardOptions = {}): boolean {
  return cardSpans(canonicalize(value).text, options).length > 0;
}

/** Throws the card refusal if any string inside the value (objects and arrays walked) holds a card number. */
export function refuseCardNumbersIn(value: unknown, options: CardOptions = {}, depth = 0): void {
  if (typeof value === "string") {
    if (containsCardNumber(value, options)) throw cardNumberRefused();
  } else if (value && typeof value === "object" && depth < 20) {
    for (const inner of Array.isArray(value) ? value : Object.values(value)) refuseCardNumbersIn(inner, options, depth + 1);
  }
}

export const CARD_REDACTION = "[card number removed]";

/** The text with every card number (in any of its disguises) replaced, for echoes and logs. */
export function redactCardNumbers(value: string): string {
  const { text, origin } = canonicalize(value);
  const spans = cardSpans(text, {});
  if (spans.length === 0) return value;
  const covered = spans.map(([start, end]) => [origin[start]!, originEnd(value, origin, end)]).sort((a, b) => a[0]! - b[0]!);
  const merged: number[][] = [];
  for (const [start, end] of covered) {
    const previous = merged[merged.length - 1];
    if (previous && start! <= previous[1]!) previous[1] = Math.max(previous[1]!, end!);
    else merged.push([start!, end!]);
  }
  let out = "";
  let at = 0;
  for (const [start, end] of merged) {
    out += value.slice(at, start) + CARD_REDACTION;
    at = end!;
  }
  return out + value.slice(at);
}

/** The original offset just after the canonical character before `end`. */
function originEnd(value: string, origin: number[], end: number): number {
  const last = origin[end - 1]!;
  return last + (value.codePointAt(last)! > 0xffff ? 2 : 1);
}
