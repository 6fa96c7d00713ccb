import { builtinEnvironments, type Environment } from "vitest/environments";

/**
 * jsdom globals, but modules load the way Node loads them. The tests run the real token route (Express) and the
 * emulator in the same process as the hook; under the stock jsdom environment Vite resolves their dependencies
 * with browser conditions (`ws` becomes a stub, `is-promise` its ESM build) and they break.
 */
const environment: Environment = { ...builtinEnvironments.jsdom, name: "jsdom-node-modules", viteEnvironment: "ssr" };

export default environment;
