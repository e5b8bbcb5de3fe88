// Bolt's request listeners write their response in their own time (after the ack, not
// when the listener returns). Mounted on the one HttpServer, the route lasts until the
// response is finished, so the server's in-flight count and graceful stop stay honest.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson, type HttpServer } from "../../src/platform/http-server.ts";

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export function mountListener(http: HttpServer, method: string, path: string, listener: RequestListener): void {
  http.route(method, path, (req, res, requestId) => {
    // Bolt reads it back (customPropertiesExtractor) so adapter logs carry the same id.
    req.headers["x-request-id"] = requestId;
    return new Promise<void>((resolve) => {
      res.once("close", resolve);
      res.once("finish", resolve);
      try {
        listener(req, res);
      } catch {
        // Bolt throws for a path it does not serve.
        if (!res.headersSent) sendJson(res, 404, { error: "not_found" });
        resolve();
      }
    });
  });
}
