import Module, { createRequire } from "node:module";
import { dirname } from "node:path";

/**
 * The React 18 project: `react`/`react-dom` are aliased for the sources Vite transforms (vitest.react18.config.ts),
 * but @testing-library/react and react-dom itself load them with Node's own `require`, which knows no aliases and,
 * under pnpm, would find React 19. Point those requires at the React 18 copies as well, so exactly one React runs.
 */
const require = createRequire(import.meta.url);
const targets: Record<string, string> = {
  react: dirname(require.resolve("react18/package.json")),
  "react-dom": dirname(require.resolve("react-dom18/package.json")),
};
type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request, ...rest) {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  const target = match ? `${targets[match[1]!]}${match[2] ?? ""}` : request;
  return resolve.call(this, target, ...rest);
};
