import type { AddressInfo } from "node:net";
import type { DemoUser, PageConfig } from "../ui/api";
import type { RealtimeBackend } from "./backend";

export type { ClientOptions, DemoUser, PageConfig } from "../ui/api";

/** The realtime models this demo app lets its users open sessions with. */
export const DEMO_MODELS = ["lucy-2.1", "lucy-restyle-2"] as const;

/** Sessions end after this many seconds (`constraints.realtime.maxSessionDuration`). */
export const DEMO_MAX_SESSION_SECONDS = 300;

/** Name of the signed cookie that stands in for a real app's login session. */
export const SESSION_COOKIE = "demo_session";

/** A demo login: whatever name the visitor types becomes their identity. */
export function demoUser(name: unknown): DemoUser | undefined {
  if (typeof name !== "string") return undefined;
  const trimmed = name.trim().slice(0, 40);
  const slug = trimmed
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug ? { id: `user_${slug}`, name: trimmed } : undefined;
}

/**
 * The origins a browser reaches this server under: the address it listens on (and `localhost` for a loopback
 * address), plus `PUBLIC_ORIGIN` when it sits behind a proxy or a domain. Tokens are scoped to exactly these.
 */
export function ownOrigins(address: AddressInfo, publicOrigin = process.env.PUBLIC_ORIGIN): string[] {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const origins = [`http://${host}:${address.port}`];
  if (host === "127.0.0.1" || host === "[::1]") origins.push(`http://localhost:${address.port}`);
  if (publicOrigin) origins.push(new URL(publicOrigin).origin);
  return origins;
}

/** What the page needs to know before it connects: who is signed in and where sessions run. */
export function pageConfig(
  user: DemoUser | undefined,
  backend: Pick<RealtimeBackend, "mode" | "clientOptions">,
): PageConfig {
  return {
    user: user ?? null,
    backend: backend.mode,
    models: [...DEMO_MODELS],
    maxSessionDuration: DEMO_MAX_SESSION_SECONDS,
    clientOptions: backend.clientOptions,
  };
}
