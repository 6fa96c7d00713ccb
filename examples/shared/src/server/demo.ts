import type { AddressInfo } from "node:net";
import { type NetworkInterfaceInfo, networkInterfaces } from "node:os";
import type { DemoUser, PageConfig } from "../ui/api";
import type { RealtimeBackend } from "./backend";

export type { ClientOptions, DemoUser, PageConfig } from "../ui/api";

/** The realtime models this demo app lets its users open sessions with. */
export const DEMO_MODELS = ["lucy-2.1", "lucy-restyle-2"] as const;

/** Sessions end after this many seconds (`constraints.realtime.maxSessionDuration`). */
export const DEMO_MAX_SESSION_SECONDS = 300;

/**
 * Session admission for the demo (`sessions` in the token policy): two sessions open at once in all, one per
 * signed-in user, and a first-in-first-out line for the rest, which the page shows as "You're #N in line". Set
 * `maxTotal` at or below your Decart account's concurrent-session limit.
 */
export const DEMO_SESSIONS = { maxPerIdentity: 1, maxTotal: 2, queue: true } as const;

/**
 * The viewer token route's limits. A viewer token is an ordinary client token: whoever holds one could also open a
 * (billed) realtime session with it. So viewers get their own route with the tightest bounds that still let them
 * watch: tokens that only need to outlive the `/watch-stream` call, the shortest session Decart allows, and a rate
 * limit of their own, apart from the publishers'. Anyone with a share link may watch: that is what sharing means.
 */
export const VIEWER_TOKEN_POLICY = {
  expiresIn: 30,
  allowedModels: [...DEMO_MODELS],
  constraints: { realtime: { maxSessionDuration: 10 } },
  rateLimit: { points: 30, duration: 60 },
  allowAnonymous: true,
} as const;

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

function ipv4Addresses(list: NetworkInterfaceInfo[] | undefined): string[] {
  return (list ?? []).filter((info) => info.family === "IPv4").map((info) => info.address);
}

/**
 * The origins a browser reaches this server under: the address it listens on (`localhost` too for loopback, and
 * every interface address when it listens on all of them), plus `PUBLIC_ORIGIN` when it sits behind a proxy or a
 * domain. Tokens are scoped to exactly these. The first one is the address to print.
 */
export function ownOrigins(address: AddressInfo, publicOrigin = process.env.PUBLIC_ORIGIN): string[] {
  const origin = (host: string) => `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  const listensEverywhere = address.address === "0.0.0.0" || address.address === "::";
  const hosts = listensEverywhere
    ? ["127.0.0.1", ...Object.values(networkInterfaces()).flatMap((list) => ipv4Addresses(list))]
    : [address.address];
  // A token carries at most 20 origins.
  const origins = [...new Set(hosts)].slice(0, 18).map(origin);
  if (hosts.includes("127.0.0.1") || hosts.includes("::1")) origins.push(`http://localhost:${address.port}`);
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
    clientOptions: backend.clientOptions,
  };
}
