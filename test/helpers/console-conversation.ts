// Talking to a console process line by line, as a script that reads its output would.
import type { ChildProcess } from "node:child_process";

/** Lines fed one at a time, each answered before the next is written (a script that reads its output). */
export function conversation(child: ChildProcess) {
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const match = w.pattern.exec(stdout);
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  child.stdout!.on("data", (d) => ((stdout += d), check()));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<never>((_, reject) => child.on("close", (code) => reject(new Error(`console exited (${code}): ${stderr}\n${stdout}`))));
  exited.catch(() => {});
  return {
    /** Writes a line and waits for the output to match. */
    async send(line: string, expected: RegExp): Promise<RegExpExecArray> {
      const seen = stdout.length;
      child.stdin!.write(line + "\n");
      const pattern = new RegExp(expected.source, expected.flags);
      const found = new Promise<RegExpExecArray>((resolve) =>
        waiters.push({ pattern: { exec: (s: string) => pattern.exec(s.slice(seen)) } as RegExp, resolve }),
      );
      check();
      return Promise.race([found, exited]);
    },
  };
}
