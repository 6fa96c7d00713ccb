import { TokenRouteError } from "../errors";
import type { RouteLogger } from "../logger";
import type { GrantedTokenOptions, TokenRequestContext } from "../policy";
import type { ReleaseResponseBody } from "../protocol";
import { jsonResponse, type TokenResponse } from "../response";
import { admitSession, type GrantedSession, releaseSession } from "./admission";
import type { ResolvedSessionOptions } from "./options";

interface SessionStepDeps {
  logger: RouteLogger;
  budgetMs: number;
  /** CORS headers of this request's answer. */
  headers: Record<string, string>;
}

/**
 * The session-admission step of a token request, once the caller is authorized and its grant is known: a release
 * or a place in line is answered here (`answer`); a granted slot comes back as `granted`, and the route goes on to
 * mint. Without `sessions`, a release is a bad request and everything else passes through.
 */
export async function sessionStep(
  sessions: ResolvedSessionOptions | undefined,
  ctx: TokenRequestContext<unknown, unknown>,
  granted: GrantedTokenOptions,
  deps: SessionStepDeps,
): Promise<{ answer: TokenResponse } | { granted: GrantedSession } | undefined> {
  const { release } = ctx.body;
  if (!sessions) {
    if (release !== undefined) throw new TokenRouteError("invalid_request", "This route does not hand out leases");
    return undefined;
  }
  if (release !== undefined) {
    await releaseSession(sessions, ctx, release, deps);
    const body: ReleaseResponseBody = { released: true };
    return { answer: jsonResponse(200, body, deps.headers) };
  }
  const admission = await admitSession(sessions, ctx, granted, deps);
  if ("queued" in admission) {
    const headers = { ...deps.headers, "retry-after": String(admission.queued.retryAfter) };
    return { answer: jsonResponse(202, admission.queued, headers) };
  }
  return admission;
}
