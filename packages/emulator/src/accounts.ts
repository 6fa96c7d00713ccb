import { isExpired, type TokenStore } from "./tokens/store.js";

export interface AccountRules {
  apiKeys: ReadonlySet<string>;
  tokens: TokenStore;
}

export type AccountLookup = { ok: true; owner: string } | { ok: false; detail: string };

/**
 * The account an `x-api-key` acts for: a permanent key is its own account, a client token belongs to the permanent
 * key that minted it. Expired and unknown keys are refused with the words Decart's clients treat as permanent.
 */
export function accountOf(apiKey: unknown, { apiKeys, tokens }: AccountRules): AccountLookup {
  if (typeof apiKey !== "string" || apiKey === "") {
    return { ok: false, detail: "401 Unauthorized: missing API key (send it in the X-API-KEY header)" };
  }
  if (apiKeys.has(apiKey)) return { ok: true, owner: apiKey };
  const token = tokens.find(apiKey);
  const owner = tokens.ownerOf(apiKey);
  if (!token || !owner) return { ok: false, detail: "401 Unauthorized: invalid api key" };
  if (isExpired(token)) return { ok: false, detail: "401 Unauthorized: the client token has expired" };
  return { ok: true, owner };
}
