import { defineProject, mergeConfig, type UserWorkspaceConfig } from "vitest/config";

/**
 * Tests import workspace packages from their TypeScript sources (the `@decart-kit/source` export
 * condition), so a change is tested without rebuilding `dist`.
 */
const sourceConditions = ["@decart-kit/source", "module", "node", "import", "default"];

export function defineKitProject(config: UserWorkspaceConfig) {
  return mergeConfig(
    defineProject({
      resolve: { conditions: sourceConditions },
      ssr: { resolve: { conditions: sourceConditions, externalConditions: ["@decart-kit/source"] } },
      test: { testTimeout: 20_000, hookTimeout: 20_000 },
    }),
    config,
  );
}
