import { handleTokenRequest } from "./handler";
import type { TokenPolicy } from "./policy";
import type { TokenRequestBody } from "./protocol";
import { type ResolvedPolicy, resolvePolicy } from "./resolve-policy";
import type { TokenRouteBody } from "./response";

/** Who asks for a token, as code that is not an HTTP route knows it. */
export interface MintTokenContext<Identity = unknown, Req = unknown> {
  /**
   * The signed-in user, from your session. It stands in for `authorize` (which is not called); a falsy identity
   * is refused with `unauthorized` when the policy has an `authorize`. Leave the key out to let `authorize` run.
   */
  identity?: Identity | null | undefined;
  /** The client's IP, the rate-limit bucket of callers without an identity. */
  ip?: string | undefined;
  /** The `Origin` of the page that asked, checked against `allowedOrigins` as a route would. */
  origin?: string | undefined;
  /** What the client asked for: a model and a shorter lifetime, narrowed by the policy like a route's body. */
  body?: TokenRequestBody | undefined;
  /** Handed to policy functions as `ctx.request` (e.g. the server function's request, if it has one). */
  request?: Req;
}

// Resolved once per policy object, so its rate-limit counts and its key check outlive a single call.
const resolvedPolicies = new WeakMap<object, ResolvedPolicy>();

function resolvedFor(policy: TokenPolicy<never, never, string>): ResolvedPolicy {
  let resolved = resolvedPolicies.get(policy);
  if (!resolved) {
    resolved = resolvePolicy(policy);
    resolvedPolicies.set(policy, resolved);
  }
  return resolved;
}

/**
 * Mints a client token without an HTTP route (a Next.js server action, a TanStack Start server function, a tRPC
 * procedure) under the same policy, checks and answer: the JSON body a route would send, a token or
 * `{ error: { code, message, retryable } }`. Never throws for a refused request. Define the policy once at module
 * scope: it is validated on the first call (a bad policy throws then), and its rate-limit counts belong to it.
 * @example
 * const policy = { allowedModels: ["lucy-2.1"] } satisfies TokenPolicy<User>;
 * export async function realtimeToken() {
 *   "use server";
 *   const user = await currentUser();
 *   return mintToken(policy, { identity: user, origin: (await headers()).get("origin") ?? undefined });
 * }
 */
export async function mintToken<Identity = unknown, Req = unknown, Model extends string = string>(
  policy: TokenPolicy<Identity, Req, Model>,
  context: MintTokenContext<Identity, Req> = {},
): Promise<TokenRouteBody> {
  const resolved = resolvedFor(policy as TokenPolicy<never, never, string>);
  // The body is already parsed; the header only tells the shared path it is JSON, as a route's client must.
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (context.origin !== undefined) headers.origin = context.origin;
  const answer = await handleTokenRequest(
    {
      method: "POST",
      headers,
      ip: context.ip,
      body: { kind: "parsed", value: context.body ?? {} },
      request: context.request,
      caller: "identity" in context ? { identity: context.identity } : undefined,
    },
    resolved,
  );
  return answer.json as TokenRouteBody;
}
