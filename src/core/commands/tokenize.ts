// Splits a command line into words, honouring "double" and 'single' quotes, including
// quotes after a key (pattern:"77 1"). Smart quotes from chat clients count as quotes.

export function tokenize(line: string): string[] {
  const normalized = line.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
  const tokens: string[] = [];
  let current = "";
  let quote: string | undefined;
  let started = false;
  for (const char of normalized) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) tokens.push(current);
      current = "";
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (quote) throw new Error(`A ${quote} quote is not closed`);
  if (started) tokens.push(current);
  return tokens;
}
