import type { TokenPolicy } from "@decart-kit/core";

/** A running app that serves the token route at `url` (the route's own URL). */
export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * Resolve the client IP from X-Forwarded-For behind exactly one trusted proxy, the way this framework is told so
   * (Express `trust proxy` = 1, Koa `proxy` with `maxIpsCount` = 1, Fetch `clientIp.rightmost(1)`).
   */
  trustProxy?: boolean;
  /**
   * The permissive setting: believe every X-Forwarded-For hop (Express `trust proxy` = true, Koa `proxy` without
   * `maxIpsCount`). Only for factories with `resolvesClientAddress`.
   */
  trustEveryProxy?: boolean;
  /** Where the app listens (a loopback address; see test-support/listen.ts). @default "127.0.0.1" */
  host?: string;
}

/** Where the suite mounts the route, in every app. */
export const ROUTE_PATH = "/api/realtime-token";

/** What every app answers for a path that is not the route's: proves the route leaves the rest of the app alone. */
export const NOT_FOUND = { notFound: true };

/**
 * Starts a real app with one token route on 127.0.0.1:0. The behaviour suite only talks to it over HTTP, so an
 * adapter joins the suite by providing factories.
 */
export interface AppFactory {
  /** The adapter and framework major, a column of the conformance table, e.g. "Koa 2". */
  adapter: string;
  /** How the route is mounted in this app, e.g. "app.use + koa-bodyparser". */
  variant: string;
  /** False when the framework answers some methods itself (Express `app.post` never sees GET or OPTIONS). */
  seesEveryMethod: boolean;
  /**
   * False when a body parser mounted before the route fails in a way only the app's own error handler sees
   * (Express: a parser error never enters an `app.post` route's stack; Koa: a parser before the route throws
   * before the route runs).
   */
  answersBodyParserErrors: boolean;
  /** True when a body parser reads the body before the route does (the route's body deadline cannot apply). */
  parsesBodyBeforeRoute?: boolean;
  /**
   * True when the framework derives the client address itself from its proxy settings (Express, Koa), so the
   * route can warn about permissive ones; the Fetch handler takes the address from `getIp` instead.
   */
  resolvesClientAddress?: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: the suite passes policies typed for any identity and request.
  start(policy: TokenPolicy<any, any>, options?: StartOptions): Promise<RunningApp>;
}

/** The name of a factory's describe block; the table reporter reads adapter and variant back from it. */
export function factoryTitle(factory: AppFactory): string {
  return `[${factory.adapter}] ${factory.variant}`;
}
