import { randomBytes } from "node:crypto";

/**
 * The permanent key a default emulator accepts. It is public on purpose: it only unlocks this local emulator.
 * @example createDecartClient({ apiKey: EMULATOR_API_KEY, baseUrl: emulator.url })
 */
export const EMULATOR_API_KEY = "decart-emulator-key";

/** A client token as Decart shapes them: `ek_` then 32 unpredictable bytes, URL-safe. */
export function newClientToken(): string {
  return `ek_${randomBytes(32).toString("base64url")}`;
}

/** Opaque random id for sessions and rooms. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString("base64url")}`;
}

/**
 * Hides a permanent key in anything the emulator reports (handles, logs): its first and last 4 characters at most,
 * so two keys stay distinguishable but neither can be replayed.
 */
export function maskKey(key: string): string {
  if (key.length <= 12) return `${key.slice(0, 2)}…`;
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}
