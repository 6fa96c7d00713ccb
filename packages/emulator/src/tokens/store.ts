import { maskKey, newClientToken } from "../keys.js";
import { TOKEN_LIMITS, type TokenRequest } from "./validate.js";

/** A client token the emulator minted. */
export interface IssuedToken {
  /** The `ek_…` client token. */
  apiKey: string;
  /** When it stops opening new realtime sessions (ISO 8601). */
  expiresAt: string;
  /** The validated request body it was minted with (what Decart would have stored). */
  options: TokenRequest;
  /** The permanent key that minted it, masked. */
  permanentKey: string;
}

/** The 200 body of `POST /v1/client/tokens`, shaped like the SDK's `CreateTokenResponse`. */
export interface TokenResponse {
  apiKey: string;
  expiresAt: string;
  permissions?: { models?: string[]; origins?: string[] };
  constraints?: { realtime?: { maxSessionDuration?: number } };
}

/** Every token minted so far, in mint order, looked up again when a realtime session opens. */
export class TokenStore {
  readonly #byKey = new Map<string, IssuedToken>();
  /** Which permanent key minted each token, unmasked: the account its realtime sessions count against. */
  readonly #owners = new Map<string, string>();

  mint(request: TokenRequest, permanentKey: string, now = Date.now()): TokenResponse {
    const expiresIn = request.expiresIn ?? TOKEN_LIMITS.defaultExpiresIn;
    const token: IssuedToken = {
      apiKey: newClientToken(),
      expiresAt: new Date(now + expiresIn * 1000).toISOString(),
      options: request,
      permanentKey: maskKey(permanentKey),
    };
    this.#byKey.set(token.apiKey, token);
    this.#owners.set(token.apiKey, permanentKey);
    return toResponse(token);
  }

  find(apiKey: string): IssuedToken | undefined {
    return this.#byKey.get(apiKey);
  }

  ownerOf(apiKey: string): string | undefined {
    return this.#owners.get(apiKey);
  }

  /** Snapshot, so a caller cannot rewrite history. */
  list(): IssuedToken[] {
    return [...this.#byKey.values()].map((token) => ({ ...token }));
  }
}

export function isExpired(token: IssuedToken, now = Date.now()): boolean {
  return Date.parse(token.expiresAt) <= now;
}

/** `permissions` only when models or origins were restricted, `constraints` only when given: as Decart answers. */
function toResponse(token: IssuedToken): TokenResponse {
  const { allowedModels, allowedOrigins, constraints } = token.options;
  const response: TokenResponse = { apiKey: token.apiKey, expiresAt: token.expiresAt };
  if (allowedModels || allowedOrigins) {
    response.permissions = {
      ...(allowedModels ? { models: allowedModels } : {}),
      ...(allowedOrigins ? { origins: allowedOrigins } : {}),
    };
  }
  if (constraints) response.constraints = constraints;
  return response;
}
