import { postJson, type UpstreamAnswer } from "#platform";
import { TokenRouteError } from "./errors";
import type { RouteLogger } from "./logger";
import type { GrantedTokenOptions } from "./policy";
import type { TokenResponseBody } from "./protocol";
import { type SecretForms, scrubText, secretForms } from "./scrub";

export interface UpstreamOptions {
  apiKey: string;
  baseUrl: string;
  /** Budget for the whole call, retries and backoff included. */
  timeoutMs: number;
  retries: number;
  logger: RouteLogger;
  /** Aborted when the client went away: no point in finishing the mint. */
  signal?: AbortSignal | undefined;
  /** Told about every call to Decart: its duration and status (`undefined` when no answer came). */
  onAttempt?: ((durationMs: number, status: number | undefined) => void) | undefined;
}

/** A token as Decart returned it, checked. */
export type MintedToken = Omit<TokenResponseBody, "model">;

const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 1000;
// Tolerated difference between Decart's clock and ours when checking `expiresAt`.
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_TOKEN_LIFETIME_MS = 3600_000;
const MAX_UPSTREAM_BODY_CHARS = 64 * 1024;

/** Retryable trouble: the network failed or Decart answered 5xx. */
class TransientFailure extends Error {}

/** "Equal jitter": half the exponential step, plus a random half, so retries from many servers spread out. */
function backoffMs(attempt: number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return step / 2 + Math.random() * (step / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

const upstreamError = (message: string, cause?: unknown) =>
  new TokenRouteError("upstream_error", message, cause === undefined ? {} : { cause });

/** Decart's answer, validated: never trust the shape of a body we forward to browsers. */
function validateToken(text: string, now: number): MintedToken {
  let body: Partial<TokenResponseBody>;
  try {
    body = JSON.parse(text);
  } catch {
    throw upstreamError("Decart answered with a body that is not JSON");
  }
  if (typeof body?.apiKey !== "string" || !/^ek_[\w-]+$/.test(body.apiKey)) {
    throw upstreamError("Decart answered without a valid client token");
  }
  const expiresAt = typeof body.expiresAt === "string" ? Date.parse(body.expiresAt) : Number.NaN;
  if (
    Number.isNaN(expiresAt) ||
    expiresAt < now - CLOCK_SKEW_MS ||
    expiresAt > now + MAX_TOKEN_LIFETIME_MS + CLOCK_SKEW_MS
  ) {
    throw upstreamError("Decart answered with an implausible expiresAt");
  }
  const token: MintedToken = { apiKey: body.apiKey, expiresAt: body.expiresAt as string };
  if (body.permissions !== undefined) token.permissions = body.permissions;
  if (body.constraints !== undefined) token.constraints = body.constraints;
  return token;
}

/**
 * Upstream detail for our logs only (clients get a fixed message), kept short. Scrubbed before it is cut: a key
 * that straddles the cut would otherwise leave its first part in the log, where no later scrub could match it.
 */
function upstreamDetail(text: string, forms: SecretForms): string {
  let detail = text;
  try {
    const parsed = JSON.parse(text)?.detail;
    if (typeof parsed === "string") detail = parsed;
  } catch {}
  return scrubText(detail, forms).slice(0, 300);
}

const REQUEST_HEADERS = { "content-type": "application/json", accept: "application/json" };

async function attempt(url: URL, body: string, options: UpstreamOptions, signal: AbortSignal): Promise<MintedToken> {
  let answer: UpstreamAnswer;
  const startedAt = options.onAttempt ? performance.now() : 0;
  try {
    const headers = { ...REQUEST_HEADERS, "x-api-key": options.apiKey };
    answer = await postJson(url, headers, body, signal, MAX_UPSTREAM_BODY_CHARS);
  } catch (error) {
    options.onAttempt?.(performance.now() - startedAt, undefined);
    throw new TransientFailure("network error", { cause: error });
  }
  options.onAttempt?.(performance.now() - startedAt, answer.status);
  const { status, text } = answer;
  const forms = secretForms(options.apiKey);
  if (status >= 500) throw new TransientFailure(`status ${status}`, { cause: upstreamDetail(text, forms) });
  if (status < 200 || status >= 300) {
    options.logger.error("Decart refused the token request", { status, detail: upstreamDetail(text, forms) });
    throw upstreamError(`Decart refused the token request (${status})`);
  }
  if (answer.oversized) throw upstreamError("Decart answered with an oversized body");
  return validateToken(text, Date.now());
}

/**
 * Mints a client token with Decart's REST API (`POST /v1/client/tokens`, as `@decartai/sdk` does) within one time
 * budget. Network errors and 5xx are retried up to `retries` times with jittered backoff; 4xx and invalid bodies
 * are not (the request would fail the same way, or a token may already exist). Throws `upstream_timeout` past the
 * budget and `upstream_error` otherwise; the messages never contain Decart's text.
 */
export async function mintClientToken(granted: GrantedTokenOptions, options: UpstreamOptions): Promise<MintedToken> {
  // One controller for the budget and the caller (cheaper than AbortSignal.timeout + AbortSignal.any per request).
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    return await attemptWithinBudget(granted, options, controller.signal, () => timedOut);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
}

async function attemptWithinBudget(
  granted: GrantedTokenOptions,
  options: UpstreamOptions,
  signal: AbortSignal,
  timedOut: () => boolean,
): Promise<MintedToken> {
  const deadline = Date.now() + options.timeoutMs;
  const url = new URL(`${options.baseUrl}/v1/client/tokens`);
  const body = JSON.stringify(granted);
  for (let attemptIndex = 0; ; attemptIndex++) {
    try {
      return await attempt(url, body, options, signal);
    } catch (error) {
      if (timedOut()) throw new TokenRouteError("upstream_timeout", "Decart did not answer in time", { cause: error });
      if (options.signal?.aborted) throw upstreamError("The client went away", error);
      if (!(error instanceof TransientFailure)) throw error;
      options.logger.warn("Decart token request failed", {
        attempt: attemptIndex + 1,
        reason: error.message,
        detail: error.cause,
      });
      const delay = backoffMs(attemptIndex);
      if (attemptIndex >= options.retries || Date.now() + delay >= deadline) {
        throw upstreamError("Decart is unavailable", error);
      }
      await sleep(delay, signal);
    }
  }
}
