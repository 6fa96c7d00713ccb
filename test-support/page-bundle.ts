import { type BuildOptions, build } from "esbuild";

/**
 * Bundles a browser test page (the unmodified SDK and livekit-client included) into one ES module script. Workspace
 * packages resolve to their TypeScript sources, as they do in the unit tests.
 */
export async function bundleBrowserPage(entryPoint: string, options: BuildOptions = {}): Promise<string> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    jsx: "automatic",
    conditions: ["@decart-kit/source"],
    logLevel: "error",
    ...options,
  });
  const [bundle] = result.outputFiles ?? [];
  if (!bundle) throw new Error(`esbuild produced no output for ${entryPoint}`);
  return bundle.text;
}

/** The HTML shell that loads the bundle from `/page.js`. */
export const TEST_PAGE_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>decart-kit e2e</title></head><body><script type="module" src="/page.js"></script></body></html>';
