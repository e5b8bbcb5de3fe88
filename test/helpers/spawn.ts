import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const tempDataDir = () => mkdtempSync(path.join(os.tmpdir(), "sb-data-"));

/** Runs one of the project's entry points the way npm scripts do (tsx), on loopback only. */
export function spawnEntry(entry: string, env: Record<string, string>, stdin?: string, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  return child;
}

export function collect(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
