import { maskKey } from "../keys.js";
import { isExpired, type TokenStore } from "../tokens/store.js";

/** Who is opening a session, as the bouncer sees it once every rule passed. */
export interface Admitted {
  ok: true;
  model: string;
  /** The `api_key` presented: an `ek_` token verbatim, a permanent key masked. */
  tokenLabel: string;
  /** The account the session counts against for `maxSessionsPerKey`. */
  owner: string;
  origin: string | undefined;
}

export interface Refused {
  ok: false;
  /** Sent as `{ type: "error", error }` before the socket is closed with 1008. */
  error: string;
}

export interface AdmissionRequest {
  query: URLSearchParams;
  origin: string | undefined;
}

export interface AdmissionRules {
  apiKeys: ReadonlySet<string>;
  tokens: TokenStore;
}

/**
 * Decart's rules for opening a realtime session, checked once when the socket opens. Errors carry the words the
 * SDK treats as permanent ("401", "not allowed", "invalid session") so it does not retry a hopeless session.
 * Expiry is checked here only: a token that expires later never ends a session it opened.
 */
export function admit({ query, origin }: AdmissionRequest, { apiKeys, tokens }: AdmissionRules): Admitted | Refused {
  const apiKey = query.get("api_key") ?? "";
  const model = query.get("model") ?? "";
  if (apiKey === "") return { ok: false, error: "401 Unauthorized: missing api_key" };
  if (apiKeys.has(apiKey)) {
    if (model === "") return { ok: false, error: "invalid session: the model query parameter is required" };
    return { ok: true, model, tokenLabel: maskKey(apiKey), owner: apiKey, origin };
  }
  const token = tokens.find(apiKey);
  const owner = tokens.ownerOf(apiKey);
  if (!token || !owner) return { ok: false, error: "401 Unauthorized: invalid api key" };
  if (isExpired(token)) return { ok: false, error: "401 Unauthorized: the client token has expired" };
  if (model === "") return { ok: false, error: "invalid session: the model query parameter is required" };

  const { allowedModels, allowedOrigins } = token.options;
  if (allowedModels && !allowedModels.includes(model)) {
    return { ok: false, error: `model not allowed: ${JSON.stringify(model)} is not in this token's allowedModels` };
  }
  // Verbatim, as Decart documents: no normalisation of case, trailing slash or default port.
  if (allowedOrigins && (origin === undefined || !allowedOrigins.includes(origin))) {
    const got = origin === undefined ? "no Origin header" : JSON.stringify(origin);
    return { ok: false, error: `origin not allowed: ${got} is not in this token's allowedOrigins` };
  }
  return { ok: true, model, tokenLabel: apiKey, owner, origin };
}
