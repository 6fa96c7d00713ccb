import { isTokenRouteError, TokenRouteError } from "./errors";
import type { RouteLogger } from "./logger";
import type { GrantedTokenOptions, TokenRequestContext } from "./policy";
import { policyIssuesFrom } from "./policy-error";
import { type TokenOptionName, tokenOptionSchemas } from "./policy-schema";
import type { ResolvedPolicy } from "./resolve-policy";

type AnyContext = TokenRequestContext<unknown, unknown>;

/**
 * Runs a user-supplied function (authorize, a policy function, a hook). A `TokenRouteError` it throws is answered
 * as is; anything else is logged and answered as `internal_error`, so its text never reaches the client.
 */
export async function callUserFunction<T>(name: string, run: () => T | Promise<T>, logger: RouteLogger): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isTokenRouteError(error)) throw error;
    logger.error(`${name} threw`, { error });
    throw new TokenRouteError("internal_error", "The token route failed", { cause: error });
  }
}

/** A token option for this request: the fixed value, or the function's result validated like a fixed one. */
export function evaluateOption(name: TokenOptionName, policy: ResolvedPolicy, ctx: AnyContext): unknown {
  const option = policy.options[name];
  // Fixed values stay synchronous: most policies have no functions, and this runs on every request.
  return option.fixed ? option.value : evaluateFunction(name, option.get, policy, ctx);
}

async function evaluateFunction(
  name: TokenOptionName,
  get: (ctx: AnyContext) => unknown,
  policy: ResolvedPolicy,
  ctx: AnyContext,
): Promise<unknown> {
  const value = await callUserFunction(name, () => get(ctx), policy.logger);
  const parsed = tokenOptionSchemas[name].safeParse(value);
  if (!parsed.success) {
    const [issue] = policyIssuesFrom(parsed.error.issues, { [name]: value }, [name]);
    policy.logger.error(`policy function ${name} returned an invalid value`, { ...issue });
    throw new TokenRouteError("internal_error", "The token route failed");
  }
  return parsed.data;
}

const OPTION_NAMES = ["expiresIn", "allowedModels", "allowedOrigins", "constraints", "metadata"] as const;

/**
 * The options sent to Decart: the policy's, narrowed by the client body. A requested model must be allowed and
 * scopes the token to it; a longer `expiresIn` is clamped. Metadata only ever comes from the policy.
 */
export async function grantFor(ctx: AnyContext, policy: ResolvedPolicy): Promise<GrantedTokenOptions> {
  const pending = OPTION_NAMES.map((name) => evaluateOption(name, policy, ctx));
  const values = pending.some((value) => value instanceof Promise) ? await Promise.all(pending) : pending;
  const [expiresIn, allowedModels, allowedOrigins, constraints, metadata] = values as [
    number,
    string[] | undefined,
    string[] | undefined,
    GrantedTokenOptions["constraints"],
    GrantedTokenOptions["metadata"],
  ];
  const { model, expiresIn: requestedExpiresIn } = ctx.body;
  if (model !== undefined && allowedModels && !allowedModels.includes(model)) {
    throw new TokenRouteError("model_not_allowed", `The model "${model}" is not allowed`);
  }
  const granted: GrantedTokenOptions = { expiresIn: Math.min(expiresIn, requestedExpiresIn ?? expiresIn) };
  const models = model === undefined ? allowedModels : [model];
  if (models) granted.allowedModels = [...models];
  if (allowedOrigins) granted.allowedOrigins = [...allowedOrigins];
  if (constraints) granted.constraints = constraints;
  if (metadata) granted.metadata = metadata;
  return granted;
}
