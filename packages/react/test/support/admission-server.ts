import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A token endpoint speaking the session-admission half of the wire protocol over real HTTP on 127.0.0.1, with the
 * rule of `@decart-kit/core`'s `sessions` policy: a caller (its `authorization` header) holding `maxPerIdentity`
 * leases gets 429 `session_limit` for a plain `{ model }`; `{ ticket: <a lease it holds> }` mints a fresh token on
 * that slot and renews the lease. Otherwise it answers `queueRounds` times with 202 (`queued`, then the ticket is
 * expected back), then mints a token with a new lease; `{ release }` ends a lease. `refuse` makes the next answers an
 * error body. Records every request.
 */
export interface AdmissionServer {
  url: string;
  requests: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[];
  queueRounds: number;
  retryAfter: number;
  maxPerIdentity: number;
  /** Lease ids renewed by a `{ ticket: lease.id }` request, in order. */
  renewed: string[];
  refuse: { status: number; code: string; retryAfter?: number; times: number } | null;
  leases: string[];
  released: string[];
  reset(): void;
  close(): Promise<void>;
}

export async function startAdmissionServer(): Promise<AdmissionServer> {
  let minted = 0;
  /** Held lease id → the identity holding it. */
  const held = new Map<string, string>();
  const state: AdmissionServer = {
    url: "",
    requests: [],
    queueRounds: 0,
    retryAfter: 0.05,
    maxPerIdentity: 1,
    renewed: [],
    refuse: null,
    leases: [],
    released: [],
    reset: () => {
      const fresh = { requests: [], queueRounds: 0, retryAfter: 0.05, maxPerIdentity: 1, renewed: [], refuse: null };
      Object.assign(state, { ...fresh, leases: [], released: [] });
      minted = 0;
      held.clear();
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
      const identity = String(req.headers.authorization ?? "anonymous");
      if (body.release) {
        state.released.push(body.release);
        if (held.get(body.release) === identity) held.delete(body.release);
        return send(200, { released: true });
      }
      if (state.refuse && state.refuse.times-- > 0) {
        const { status, code, retryAfter } = state.refuse;
        return send(status, { error: { code, message: code, retryable: true, retryAfter } });
      }
      const mint = (lease: string) => {
        const expiresAt = new Date(Date.now() + 60_000).toISOString();
        send(200, { apiKey: `ek_admitted_${++minted}`, expiresAt, lease: { id: lease, expiresAt } });
      };
      if (held.get(body.ticket) === identity) {
        state.renewed.push(body.ticket);
        return mint(body.ticket);
      }
      if (state.queueRounds > 0) {
        const position = state.queueRounds--;
        return send(202, {
          queued: { ticket: "ticket-1", position, size: position + 1 },
          retryAfter: state.retryAfter,
        });
      }
      if ([...held.values()].filter((owner) => owner === identity).length >= state.maxPerIdentity) {
        const error = { code: "session_limit", message: "Too many sessions", retryable: true, retryAfter: 1 };
        return send(429, { error });
      }
      const lease = `lease-${state.leases.length + 1}`;
      state.leases.push(lease);
      held.set(lease, identity);
      mint(lease);
    });
  });
  http.listen(0, "127.0.0.1");
  await new Promise((resolve) => http.once("listening", resolve));
  state.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/token`;
  return state;
}
