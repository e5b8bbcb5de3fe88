// Local HTTP endpoints on 127.0.0.1 for webhook checks: one answers 200, one 500, one
// accepts the connection and never answers.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalServer {
  url: string;
  hits: number;
  close(): Promise<void>;
}

export async function localServer(behaviour: "ok" | "error" | "silent"): Promise<LocalServer> {
  const state = { hits: 0 };
  const server = http.createServer((req, res) => {
    state.hits++;
    if (behaviour === "ok") res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    else if (behaviour === "error") res.writeHead(500).end("boom");
    // "silent": never answers.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/inbound-sms`,
    get hits() {
      return state.hits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
