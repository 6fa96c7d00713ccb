export type { RequestBodySource } from "./client-body";
export { isTokenRouteError, TokenRouteError } from "./errors";
export { createFetchHandler, type FetchHandlerOptions, type FetchTokenHandler } from "./fetch-handler";
export { handleTokenRequest, type TokenRequest } from "./handler";
export { bodyParserErrorResponse } from "./parser-errors";
export type {
  AuthorizeContext,
  GrantedTokenOptions,
  IncomingHeaders,
  PolicyValue,
  RateLimitOptions,
  TokenIssuedEvent,
  TokenPolicy,
  TokenRateLimiter,
  TokenRequestContext,
  TokenRouteLogger,
} from "./policy";
export { type PolicyIssue, TokenPolicyError } from "./policy-error";
export * from "./protocol";
export { type BodyStream, type ReadBodyResult, readBodyWithLimit } from "./read-body";
export {
  DEFAULT_BASE_URL,
  DEFAULT_EXPIRES_IN,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_BODY_BYTES,
  type ResolvedPolicy,
  resolvePolicy,
} from "./resolve-policy";
export type { TokenResponse } from "./response";
export type { SessionAdmissionOptions, SessionQueueOptions } from "./sessions/options";
export { type RedisScriptClient, RedisSessionStore, type RedisSessionStoreOptions } from "./sessions/redis-store";
export { type AcquireRequest, type AcquireResult, MemorySessionStore, type SessionStore } from "./sessions/store";
