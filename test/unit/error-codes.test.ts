// Error codes are stable identifiers, each documented once in src/core/error-codes.ts. The
// type of UserError's code keeps free strings out at compile time; this scan reads every
// throw site in src/ and adapters/ (a `new UserError(...)`, and the code of each provider
// failure description) so that a cast cannot slip one past, and so that a code nobody
// throws any more leaves the catalogue.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { ERROR_CODES } from "../../src/core/error-codes.ts";
import { UserError } from "../../src/core/errors.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

interface Site {
  code: string;
  where: string;
}

/** The string constants a file declares (`const CARD_REFUSED_CODE = "..."`). */
function constantsOf(file: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const value = node.initializer;
      const literal = ts.isSatisfiesExpression(value) || ts.isAsExpression(value) ? value.expression : value;
      if (ts.isStringLiteral(literal)) constants.set(node.name.text, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return constants;
}

/** The codes an expression can evaluate to: literals, either branch of a condition, a constant. */
function codesOf(expression: ts.Expression, constants: Map<string, string>): string[] | undefined {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
    return codesOf(expression.expression, constants);
  }
  if (ts.isConditionalExpression(expression)) {
    const both = [codesOf(expression.whenTrue, constants), codesOf(expression.whenFalse, constants)];
    return both.every(Boolean) ? both.flat() as string[] : undefined;
  }
  if (ts.isIdentifier(expression) && constants.has(expression.text)) return [constants.get(expression.text)!];
  return undefined;
}

const isZodIssue = (object: ts.ObjectLiteralExpression) =>
  ts.isCallExpression(object.parent) && /\baddIssue$/.test(object.parent.expression.getText());

/** Every code thrown in a file, and every `new UserError` whose code cannot be read. */
function throwSites(fileName: string): { sites: Site[]; unreadable: string[] } {
  const file = ts.createSourceFile(fileName, readFileSync(fileName, "utf8"), ts.ScriptTarget.Latest, true);
  const constants = constantsOf(file);
  const sites: Site[] = [];
  const unreadable: string[] = [];
  const where = (node: ts.Node) => `${path.relative(".", fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText() === "UserError") {
      const first = node.arguments?.[0];
      const codes = first && codesOf(first, constants);
      if (codes) sites.push(...codes.map((code) => ({ code, where: where(node) })));
      else unreadable.push(`${where(node)}: ${first?.getText() ?? "(no code)"}`);
    }
    // A failure description (`{ code: "vonage_timeout", message, hint }`) names the code a
    // ProviderError is built with; zod's own issue codes are not ours.
    if (ts.isObjectLiteralExpression(node) && !isZodIssue(node)) {
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property) && property.name.getText() === "code") {
          const codes = codesOf(property.initializer, constants);
          if (codes) sites.push(...codes.map((code) => ({ code, where: where(property) })));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { sites, unreadable };
}

describe("error codes", () => {
  const scanned = [...sourceFiles(path.resolve("src")), ...sourceFiles(path.resolve("adapters"))]
    .filter((file) => !file.endsWith(path.join("core", "error-codes.ts")))
    .map(throwSites);
  const sites = scanned.flatMap((s) => s.sites);
  const catalogue = Object.keys(ERROR_CODES);

  it("finds the throw sites (the scan itself works)", () => {
    expect(sites.length).toBeGreaterThan(100);
    expect(sites.map((s) => s.code)).toContain("card_number_in_chat");
    expect(sites.map((s) => s.code)).toContain("vonage_timeout");
  });

  it("UserError takes only a catalogued code (typecheck checks the free string below)", () => {
    // @ts-expect-error a free string is not an error code
    const free = new UserError("something_went_wrong", "Something went wrong.");
    expect(catalogue).not.toContain(free.code);
  });

  it("every UserError's code can be read at its throw site", () => {
    expect(scanned.flatMap((s) => s.unreadable)).toEqual([]);
  });

  it("every code thrown is in the catalogue", () => {
    const uncatalogued = sites.filter((s) => !catalogue.includes(s.code)).map((s) => `${s.where}: ${s.code}`);
    expect(uncatalogued).toEqual([]);
  });

  it("every code in the catalogue is thrown somewhere", () => {
    const thrown = new Set(sites.map((s) => s.code));
    expect(catalogue.filter((code) => !thrown.has(code))).toEqual([]);
  });

  it("documents each code with one sentence-like line", () => {
    const undocumented = Object.entries(ERROR_CODES)
      .filter(([code, meaning]) => !/^[a-z][a-z0-9_]*$/.test(code) || meaning.length < 20 || meaning.includes("\n") || !/[.!?)]$/.test(meaning))
      .map(([code]) => code);
    expect(undocumented).toEqual([]);
  });
});
