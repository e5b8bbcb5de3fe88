import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export { tempDataDir } from "./temp-dir.ts";

const exitWithParent = path.join(path.dirname(fileURLToPath(import.meta.url)), "exit-with-parent.mjs");
const running = new Set<ChildProcess>();

// Every child a test spawned is gone when the test ends, whatever the test's outcome:
// a failed assertion or a timeout must not leave a server listening.
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
});

/**
 * Runs one of the project's entry points the way the test suite runs sources (tsx), on
 * loopback only. The child also dies with the test worker (see exit-with-parent.mjs).
 */
export function spawnEntry(entry: string, env: Record<string, string>, stdin?: string, args: string[] = []): ChildProcess {
  return spawnNode(["--import", "tsx", entry, ...args], env, stdin);
}

/**
 * Runs `npm start` ("main") or `npm run console` ("console") as npm does: the launcher,
 * which runs the compiled JavaScript in dist/ and compiles it first if the sources changed
 * (scripts/run.mjs). On loopback only; the child dies with the test worker.
 */
export function spawnBuilt(name: "main" | "console", env: Record<string, string>, stdin?: string, args: string[] = []): ChildProcess {
  return spawnNode(["scripts/run.mjs", name, ...args], env, stdin);
}

function spawnNode(args: string[], env: Record<string, string>, stdin?: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", exitWithParent, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", HOST: "127.0.0.1", ...env },
    stdio: ["pipe", "pipe", "pipe", "ipc"],
  });
  running.add(child);
  child.on("exit", () => running.delete(child));
  if (stdin !== undefined) child.stdin!.end(stdin);
  return child;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function collect(child: ChildProcess): Promise<ChildResult> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/**
 * Resolves with the first line of the child's standard output that matches, or rejects
 * when the child exits first. No clock is involved: how long a busy machine takes to get
 * there is not what the caller tests (the test's own timeout is the only backstop).
 */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      const line = lines.find((l) => pattern.test(l));
      if (line !== undefined) {
        cleanup();
        resolve(line);
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`the process exited (code ${code}, signal ${signal}) before printing ${pattern}`));
    };
    const cleanup = () => {
      child.stdout!.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout!.on("data", onData);
    child.on("exit", onExit);
  });
}
