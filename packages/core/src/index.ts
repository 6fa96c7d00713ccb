export type { RequestBodySource } from "./client-body";
export { type ClientIpSource, clientIp } from "./client-ip";
export { clientAddressKey, DEFAULT_IPV6_SUBNET } from "./client-key";
export { isTokenRouteError, TokenRouteError } from "./errors";
export {
  createFetchHandler,
  type FetchHandlerOptions,
  type FetchTokenHandler,
  type FetchTokenHandlerOptions,
} from "./fetch-handler";
export { handleTokenRequest, type TokenRequest } from "./handler";
export { type MintTokenContext, mintToken } from "./mint-token";
export type { AllowedModelName, CheckedModelName, KnownModelName, ModelName } from "./models";
export { bodyParserErrorResponse } from "./parser-errors";
export type {
  AuthorizeContext,
  FailedSignInOptions,
  GrantedTokenOptions,
  IncomingHeaders,
  PolicyValue,
  RateLimitOptions,
  TokenDeniedEvent,
  TokenIssuedEvent,
  TokenPolicy,
  TokenRateLimiter,
  TokenRequestContext,
  TokenRouteLogger,
} from "./policy";
export { type PolicyIssue, TokenPolicyError } from "./policy-error";
export * from "./protocol";
export type { ProxyTrust } from "./proxy-warnings";
export { type BodyStream, DEFAULT_BODY_TIMEOUT_MS, type ReadBodyResult, readBodyWithLimit } from "./read-body";
export { type PinoStyleLogger, withRequestLogger } from "./request-logger";
export {
  DEFAULT_BASE_URL,
  DEFAULT_EXPIRES_IN,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_BODY_BYTES,
  type ResolvedPolicy,
  resolvePolicy,
} from "./resolve-policy";
export type { TokenResponse, TokenRouteBody } from "./response";
export { checkRoutePath } from "./route-path";
export type { SessionAdmissionOptions, SessionQueueOptions } from "./sessions/options";
export { type RedisScriptClient, RedisSessionStore, type RedisSessionStoreOptions } from "./sessions/redis-store";
export { type AcquireRequest, type AcquireResult, MemorySessionStore, type SessionStore } from "./sessions/store";
export { DEFAULT_FAILED_SIGN_INS } from "./sign-in-throttle";
export type { TokenRequestMeasurement, TokenRequestOutcome, TokenRouteTelemetry } from "./telemetry";
export {
  createWindowLimiter,
  MemoryRateLimitStore,
  type RateLimitStore,
  type RateLimitWindow,
} from "./window-limiter";
