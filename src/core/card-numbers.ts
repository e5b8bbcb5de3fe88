// A card number typed into chat is never stored or echoed. Detection: 13 to 19 digits
// (spaces or dashes allowed between them) passing the Luhn check.

const CANDIDATE = /(?<![\d+])\d(?:[ -]?\d){12,18}(?!\d)/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function containsCardNumber(value: string): boolean {
  return [...value.matchAll(CANDIDATE)].some((m) => luhnValid(m[0].replace(/\D/g, "")));
}

export function redactCardNumbers(value: string): string {
  return value.replace(CANDIDATE, (candidate) => {
    const digits = candidate.replace(/\D/g, "");
    return luhnValid(digits) ? `[card number removed]` : candidate;
  });
}
