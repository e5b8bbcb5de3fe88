// A TCP proxy on 127.0.0.1 (a random port) in front of a server, to make the server go
// away and come back while a client runs: `drop()` cuts every open connection and refuses
// new ones (as a restarting PostgreSQL does), `restore()` forwards again. `stall()` keeps
// connections open but forwards nothing, so a query in flight waits until the drop.
import net from "node:net";

export interface TcpProxy {
  port: number;
  /** How many client connections it has accepted in all. */
  accepted(): number;
  stall(): void;
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: "forward" | "stall" | "down" = "forward";
  let accepted = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    accepted++;
    if (mode === "down") {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => {});
    }
    const relay = (from: net.Socket, to: net.Socket) =>
      from.on("data", (chunk) => {
        if (mode === "forward") to.write(chunk);
      });
    relay(client, upstream);
    relay(upstream, client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted: () => accepted,
    stall: () => void (mode = "stall"),
    drop() {
      mode = "down";
      for (const socket of open) socket.destroy();
    },
    restore: () => void (mode = "forward"),
    async close() {
      mode = "down";
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
