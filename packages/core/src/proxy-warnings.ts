import { headerValue } from "./client-body";
import type { RouteLogger } from "./logger";
import type { IncomingHeaders } from "./policy";
import { identityName } from "./rate-limit";

/**
 * How the framework picks the client address, as an adapter reports it: `"all"` believes any `X-Forwarded-For`
 * (Express `trust proxy` = true, Koa `proxy` without `maxIpsCount`), `"bounded"` a known number or list of proxies,
 * `"none"` the socket's peer.
 */
export type ProxyTrust = "all" | "bounded" | "none";

/** What the warnings look at in a request, as the adapter reported it. */
export interface ProxyFacts {
  proxyTrust?: ProxyTrust | undefined;
  headers: IncomingHeaders;
  ip: string | undefined;
}

const WARNINGS = {
  PERMISSIVE_TRUST_PROXY:
    "the framework trusts every X-Forwarded-For hop (Express `trust proxy` = true, Koa `proxy` without " +
    "`maxIpsCount`): any client can name its own address and mint without limit. Set the number of proxies in " +
    "front of the app instead (Express: app.set('trust proxy', 1); Koa: app.maxIpsCount = 1).",
  UNEXPECTED_X_FORWARDED_FOR:
    "a request carried X-Forwarded-For but the framework does not trust proxies, so every client behind the proxy " +
    "counts as the proxy's address (one shared rate-limit bucket). Tell the framework how many proxies are in front " +
    "(Express: app.set('trust proxy', 1); Koa: app.proxy = true with app.maxIpsCount = 1); ignore this warning if " +
    "the header does not come from your proxy.",
  NO_CLIENT_ADDRESS:
    "a request without an identity arrived with no client address, so all such callers share ONE rate-limit " +
    "bucket. Give the route the client address (Fetch handler: getIp, e.g. clientIp.vercel) or an authorize that " +
    "names the caller.",
} as const;

/**
 * Warns once per route and kind, through the policy's logger, about client addresses the limit cannot rely on.
 * `defaultKey`: whether the rate limit uses the default key (a custom key may not depend on the address).
 */
export function createProxyWarnings(
  logger: RouteLogger,
  defaultKey: boolean,
): (facts: ProxyFacts, identity: unknown) => void {
  const warned = new Set<keyof typeof WARNINGS>();
  const warnOnce = (code: keyof typeof WARNINGS, level: "warn" | "error") => {
    if (warned.has(code)) return;
    warned.add(code);
    logger[level](WARNINGS[code], { code: `ERR_DECART_${code}` });
  };
  return (facts, identity) => {
    if (warned.size === 3) return;
    if (facts.proxyTrust === "all") warnOnce("PERMISSIVE_TRUST_PROXY", "warn");
    if (facts.proxyTrust === "none" && headerValue(facts.headers, "x-forwarded-for") !== undefined) {
      warnOnce("UNEXPECTED_X_FORWARDED_FOR", "warn");
    }
    if (defaultKey && !facts.ip && identityName(identity) === undefined) {
      warnOnce("NO_CLIENT_ADDRESS", "error");
    }
  };
}
