// The Fetch handler as the runtimes benchmark serves it inside workerd and edge-runtime (bundled with the BUILT
// @decart-kit/core by runtimes.ts). The same policy as serve.ts, so the figures compare with the Node rows.
import { createFetchHandler, type FetchTokenHandler } from "@decart-kit/core";

interface BenchEnv {
  BASE_URL: string;
  API_KEY: string;
}

let handler: FetchTokenHandler | undefined;

export function handle(request: Request, env: BenchEnv): Promise<Response> {
  handler ??= createFetchHandler<{ id: string }>({
    apiKey: env.API_KEY,
    baseUrl: env.BASE_URL,
    authorize: ({ headers }) => (headers.authorization === "Bearer bench-user" ? { id: "bench-user" } : null),
    allowedModels: ["lucy-2.1", "lucy-2.5"],
    expiresIn: 60,
    rateLimit: { points: 1_000_000, duration: 60 },
    logger: false,
  });
  return handler(request);
}
