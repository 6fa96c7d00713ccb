import { defineProject, mergeConfig, type UserWorkspaceConfig } from "vitest/config";

/**
 * Tests import workspace packages from their TypeScript sources (the `@decart-kit/source` export
 * condition), so a change is tested without rebuilding `dist`.
 */
const sourceConditions = ["@decart-kit/source", "module", "node", "import", "default"];
// Vitest hands the SSR conditions to Node as --conditions, which also steer require(): with "import" or "module"
// there, a CJS package's require("is-promise") (Express 5's router) would load the ESM build. Vite adds
// "import"/"require" per import kind by itself, so the SSR list keeps only what Node should honour everywhere.
const ssrConditions = ["@decart-kit/source", "node"];

export function defineKitProject(config: UserWorkspaceConfig) {
  return mergeConfig(
    defineProject({
      resolve: { conditions: sourceConditions },
      ssr: { resolve: { conditions: ssrConditions, externalConditions: ["@decart-kit/source"] } },
      test: { testTimeout: 20_000, hookTimeout: 20_000 },
    }),
    config,
  );
}
