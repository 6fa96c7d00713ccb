import type { IssuedToken } from "@decart-kit/emulator";

/** What a server's policy allows, in the terms of the options the emulator records for each minted token. */
export interface PolicyBounds {
  expiresIn: number;
  allowedModels?: string[] | undefined;
  allowedOrigins?: string[] | undefined;
  metadata?: Record<string, unknown> | undefined;
  maxSessionDuration?: number | undefined;
}

const isSubset = (granted: unknown, allowed: string[]) =>
  Array.isArray(granted) && granted.length > 0 && granted.every((item) => allowed.includes(item));

/** Ways a minted token is wider than the policy (empty when it is within it). */
export function wideningsOf(token: IssuedToken, bounds: PolicyBounds): string[] {
  const options = token.options as {
    expiresIn?: number;
    allowedModels?: unknown;
    allowedOrigins?: unknown;
    metadata?: unknown;
    constraints?: { realtime?: { maxSessionDuration?: number } };
  };
  const found: string[] = [];
  // Decart's default TTL (60 s) applies when the request leaves expiresIn out.
  const ttl = options.expiresIn ?? 60;
  if (ttl > bounds.expiresIn) found.push(`TTL ${ttl} > ${bounds.expiresIn}`);
  if (bounds.allowedModels && !isSubset(options.allowedModels, bounds.allowedModels))
    found.push(`models ${JSON.stringify(options.allowedModels)} ⊄ ${JSON.stringify(bounds.allowedModels)}`);
  if (bounds.allowedOrigins && !isSubset(options.allowedOrigins, bounds.allowedOrigins))
    found.push(`origins ${JSON.stringify(options.allowedOrigins)} ⊄ ${JSON.stringify(bounds.allowedOrigins)}`);
  if (JSON.stringify(options.metadata) !== JSON.stringify(bounds.metadata))
    found.push(`metadata ${JSON.stringify(options.metadata)} ≠ ${JSON.stringify(bounds.metadata)}`);
  const session = options.constraints?.realtime?.maxSessionDuration;
  if (bounds.maxSessionDuration !== undefined && session !== bounds.maxSessionDuration)
    found.push(`maxSessionDuration ${session} ≠ ${bounds.maxSessionDuration}`);
  return found;
}
