import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A token endpoint speaking the session-admission half of the wire protocol over real HTTP on 127.0.0.1: it answers
 * `queueRounds` times with 202 (`queued`, then the ticket is expected back), then mints a token with a lease; a
 * `{ release }` body ends a lease. `refuse` makes the next answers an error body. Records every request.
 */
export interface AdmissionServer {
  url: string;
  requests: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[];
  queueRounds: number;
  retryAfter: number;
  refuse: { status: number; code: string; retryAfter?: number; times: number } | null;
  leases: string[];
  released: string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startAdmissionServer(): Promise<AdmissionServer> {
  let minted = 0;
  const state: AdmissionServer = {
    url: "",
    requests: [],
    queueRounds: 0,
    retryAfter: 0.05,
    refuse: null,
    leases: [],
    released: [],
    reset: () => {
      Object.assign(state, { requests: [], queueRounds: 0, retryAfter: 0.05, refuse: null, leases: [], released: [] });
      minted = 0;
    },
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
  const http = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const body = raw ? JSON.parse(raw) : {};
      state.requests.push({ headers: req.headers, body });
      const send = (status: number, answer: unknown) => {
        res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(JSON.stringify(answer));
      };
      if (req.headers["content-type"] !== "application/json")
        return send(415, { error: { code: "unsupported_media_type", message: "JSON only", retryable: false } });
      if (body.release) {
        state.released.push(body.release);
        return send(200, { released: true });
      }
      if (state.refuse && state.refuse.times-- > 0) {
        const { status, code, retryAfter } = state.refuse;
        return send(status, { error: { code, message: code, retryable: true, retryAfter } });
      }
      if (state.queueRounds > 0) {
        const position = state.queueRounds--;
        return send(202, {
          queued: { ticket: "ticket-1", position, size: position + 1 },
          retryAfter: state.retryAfter,
        });
      }
      const lease = `lease-${++minted}`;
      state.leases.push(lease);
      const expiresAt = new Date(Date.now() + 60_000).toISOString();
      send(200, { apiKey: `ek_admitted_${minted}`, expiresAt, lease: { id: lease, expiresAt } });
    });
  });
  http.listen(0, "127.0.0.1");
  await new Promise((resolve) => http.once("listening", resolve));
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/token`;
  return state;
}
