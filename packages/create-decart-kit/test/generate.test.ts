import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATE_SOURCES } from "../generate/examples";
import { generateTemplates } from "../generate/generate";
import { moduleSpecifiers } from "../generate/rewrite-source";
import type { TemplateInfo } from "../src/manifest";

const repoRoot = resolve(import.meta.dirname, "../../..");

function allFiles(root: string, under = ""): string[] {
  return readdirSync(join(root, under)).flatMap((name) => {
    const path = join(under, name);
    return statSync(join(root, path)).isDirectory() ? allFiles(root, path) : [path];
  });
}

const exists = (path: string) => ["", ".ts", ".tsx", "/index.ts"].some((suffix) => existsSync(`${path}${suffix}`));

describe("templates generated from this repository's examples", () => {
  let outDir: string;
  let manifest: TemplateInfo[];
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), "cdk-templates-"));
    manifest = generateTemplates(repoRoot, outDir);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("has one template for each listed example that exists, in the list's order", () => {
    const present = TEMPLATE_SOURCES.filter((source) => existsSync(join(repoRoot, "examples", source.name)));
    expect(manifest.map((template) => template.name)).toEqual(present.map((source) => source.name));
    expect(manifest.map((template) => template.name)).toEqual(expect.arrayContaining(["express-react", "nextjs"]));
  });

  it("leaves nothing that works only inside the repository, and every relative import finds its file", () => {
    for (const { name } of manifest) {
      const root = join(outDir, name);
      for (const file of allFiles(root).filter((path) => /\.(tsx?|mjs|css|json)$/.test(path))) {
        const text = readFileSync(join(root, file), "utf8");
        expect(text, `${name}/${file}`).not.toMatch(/@decart-kit\/source|@examples\/shared|workspace:/);
        for (const specifier of moduleSpecifiers(text).filter((s) => s.startsWith("."))) {
          expect(exists(resolve(root, dirname(file), specifier)), `${name}/${file} → ${specifier}`).toBe(true);
        }
      }
    }
  });

  it("depends on the published range of our packages and carries the app's own test", () => {
    const version = JSON.parse(readFileSync(join(repoRoot, "packages/react/package.json"), "utf8")).version;
    for (const { name } of manifest) {
      const pkg = JSON.parse(readFileSync(join(outDir, name, "package.json"), "utf8"));
      expect(pkg.dependencies["@decart-kit/react"]).toBe(`^${version}`);
      expect(pkg.scripts.test).toBe("npm run build && node --test test/app.test.mjs");
      expect(existsSync(join(outDir, name, "test/app.test.mjs"))).toBe(true);
      expect(existsSync(join(outDir, name, "_dot_env.example"))).toBe(true);
      expect(readFileSync(join(outDir, name, "README.md"), "utf8")).toMatch(/^# \{\{name\}\}\n\n```sh\n\{\{run\}\}/);
    }
  });

  it("copies only the shared files an app imports: the Next.js app gets no Vite server wiring", () => {
    expect(existsSync(join(outDir, "nextjs/shared/ui/DemoApp.tsx"))).toBe(true);
    expect(existsSync(join(outDir, "nextjs/shared/server/vite.ts"))).toBe(false);
    expect(existsSync(join(outDir, "express-react/shared/server/vite.ts"))).toBe(true);
    expect(allFiles(outDir).some((path) => path.includes("e2e"))).toBe(false);
  });
});

describe("a file added to an example or to the shared page", () => {
  it("reaches the template without anyone listing it", () => {
    const root = mkdtempSync(join(tmpdir(), "cdk-fake-repo-"));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write("package.json", JSON.stringify({ devDependencies: { "@types/node": "^20", "playwright-core": "^1" } }));
    write("packages/react/package.json", JSON.stringify({ name: "@decart-kit/react", version: "2.0.0" }));
    write(
      "examples/shared/package.json",
      JSON.stringify({
        exports: { "./ui": "./src/ui/index.ts" },
        dependencies: { "@decart-kit/react": "workspace:^" },
      }),
    );
    write("examples/shared/src/ui/index.ts", 'export { Share } from "./share/SharePage";\n');
    write("examples/shared/src/ui/share/SharePage.tsx", "export const Share = 1;\n");
    write("examples/shared/src/ui/unused.ts", "export const unused = 1;\n");
    const pkg = { name: "@examples/express-react", dependencies: { "@examples/shared": "workspace:*" } };
    write("examples/express-react/package.json", JSON.stringify(pkg));
    write("examples/express-react/server/viewer.ts", 'import { Share } from "@examples/shared/ui";\n');
    write("examples/express-react/test/app.e2e.test.ts", 'import "../../../test-support/chromium";\n');

    const out = join(root, "templates");
    expect(generateTemplates(root, out).map((template) => template.name)).toEqual(["express-react"]);
    expect(readFileSync(join(out, "express-react/server/viewer.ts"), "utf8")).toBe(
      'import { Share } from "../shared/ui/index";\n',
    );
    expect(existsSync(join(out, "express-react/shared/ui/share/SharePage.tsx"))).toBe(true);
    expect(existsSync(join(out, "express-react/shared/ui/unused.ts"))).toBe(false);
    expect(existsSync(join(out, "express-react/test/app.e2e.test.ts"))).toBe(false);
    const app = JSON.parse(readFileSync(join(out, "express-react/package.json"), "utf8"));
    expect(app.dependencies).toEqual({ "@decart-kit/react": "^2.0.0" });
    rmSync(root, { recursive: true, force: true });
  });
});
