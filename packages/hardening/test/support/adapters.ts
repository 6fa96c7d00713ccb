import type { AppFactory } from "../../../conformance/test/support/apps";
import { expressFactories } from "../../../conformance/test/support/express-apps";
import { fastifyFactories } from "../../../conformance/test/support/fastify-apps";
import { fetchFactories } from "../../../conformance/test/support/fetch-apps";
import { koaFactories } from "../../../conformance/test/support/koa-apps";

export type { AppFactory, RunningApp } from "../../../conformance/test/support/apps";

function pick(factories: AppFactory[], adapter: string, variant: string): AppFactory {
  const found = factories.find((factory) => factory.adapter === adapter && factory.variant === variant);
  if (!found) throw new Error(`the conformance suite has no "${adapter}" app mounted as "${variant}"`);
  return found;
}

/**
 * One app per adapter from the conformance suite's list. Express 5 runs behind `express.json()` so the parser path
 * is crossed too; Koa's parsers answer their own failures before the route runs (documented), so Koa reads the
 * body itself here. Fastify always parses the body itself, then hands the route the result or its refusal.
 */
export const hardeningAdapters: AppFactory[] = [
  pick(expressFactories, "Express 5", "app.use after express.json()"),
  pick(expressFactories, "Express 4", "app.use"),
  pick(koaFactories, "Koa 3", "app.use"),
  pick(koaFactories, "Koa 2", "app.use"),
  pick(fastifyFactories, "Fastify 5", "register with prefix"),
  pick(fastifyFactories, "Fastify 4", "register with path"),
  pick(fetchFactories, "Fetch", "bare handler on @hono/node-server"),
];

/** An adapter's app by name, e.g. "Koa 3" (its first mount). */
export function adapterNamed(adapter: string): AppFactory {
  const found = hardeningAdapters.find((factory) => factory.adapter === adapter);
  if (!found) throw new Error(`no hardening adapter "${adapter}"`);
  return found;
}
