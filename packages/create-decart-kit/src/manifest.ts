import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One template as the build wrote it into `templates/manifest.json`. */
export interface TemplateInfo {
  /** The folder under `templates/` and the value of `--template`. */
  name: string;
  /** What the prompt shows. */
  title: string;
  description: string;
}

export const MANIFEST_FILE = "manifest.json";

/** Where the build put the templates: next to `dist/` in the published package. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL("../templates/", import.meta.url));

export function readManifest(templatesDir: string): TemplateInfo[] {
  const file = join(templatesDir, MANIFEST_FILE);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as TemplateInfo[];
  } catch (error) {
    throw new Error(`create-decart-kit has no templates at ${file}: the package was built without them.`, {
      cause: error,
    });
  }
}
