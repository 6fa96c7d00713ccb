import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";

/**
 * Builds an example's page once per test file, the way `pnpm build` does, into a temporary folder. The
 * example's Vite config reads our packages from their TypeScript sources, so the tests need no package build.
 */
export async function buildPage(exampleRoot: string): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "decart-kit-page-"));
  await build({
    configFile: join(exampleRoot, "vite.config.ts"),
    logLevel: "warn",
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { checks: { pluginTimings: false } },
    },
  });
  return outDir;
}
