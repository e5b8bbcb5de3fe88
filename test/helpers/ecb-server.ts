// A local stand-in for the ECB's daily reference-rate XML, which can be taken down.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface EcbServer {
  url: string;
  requests: number;
  set(rate: string, date: string): void;
  down(isDown: boolean): void;
  close(): Promise<void>;
}

export const ecbXml = (rate: string, date: string) => `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
\t<Cube>
\t\t<Cube time='${date}'>
\t\t\t<Cube currency='USD' rate='${rate}'/>
\t\t\t<Cube currency='JPY' rate='161.50'/>
\t\t\t<Cube currency='GBP' rate='0.8412'/>
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>`;

export async function startEcbServer(rate = "1.0832", date = "2026-01-14"): Promise<EcbServer> {
  let current = { rate, date };
  let isDown = false;
  const state = { requests: 0 };
  const server = http.createServer((_req, res) => {
    state.requests++;
    if (isDown) {
      res.writeHead(503).end("unavailable");
      return;
    }
    res.writeHead(200, { "content-type": "text/xml" }).end(ecbXml(current.rate, current.date));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stats/eurofxref/eurofxref-daily.xml`,
    get requests() {
      return state.requests;
    },
    set: (r, d) => (current = { rate: r, date: d }),
    down: (value) => (isDown = value),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
