import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Bundles the test page (the unmodified SDK and livekit-client included) into one browser script. */
export async function bundleTestPage(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./page/main.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
}

export function testPageHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>decart-kit e2e</title></head>
<body><script type="module" src="/page.js"></script></body></html>`;
}
