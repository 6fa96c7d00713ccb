import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rewritePackageJson, rewriteTsconfig } from "../generate/rewrite-package";
import {
  dropLinesWithTheirComments,
  moduleSpecifiers,
  replaceSpecifiers,
  withoutSourceCondition,
} from "../generate/rewrite-source";
import { resolveInside } from "../generate/shared-files";
import { appPath, storedPath } from "../src/stored-path";

const rules = {
  publishedRanges: new Map([
    ["@decart-kit/express", "^1.2.3"],
    ["@decart-kit/react", "^0.4.0"],
  ]),
  shared: { dependencies: { "@decart-kit/react": "workspace:^" } },
  rootDevDependencies: { "@types/node": "^20.0.0", "playwright-core": "^1.0.0", typescript: "~6.0.0" },
  testCommand: "npm run build && node --test test/app.test.mjs",
};

describe("source rules", () => {
  it("finds imports, re-exports, dynamic imports and CSS @import", () => {
    const text = `import a from "a";\nexport { b } from './b';\nimport "./c.css";\nawait import("d");\n@import "./e.css";`;
    expect(moduleSpecifiers(text)).toEqual(["a", "./b", "./c.css", "d", "./e.css"]);
    expect(replaceSpecifiers(text, (s) => (s === "a" ? "./z" : undefined))).toContain(`import a from "./z";`);
  });

  it("takes the source condition out with its comment, and drops a list it would leave empty", () => {
    const text = [
      "  resolve: {",
      "    // Reads our packages from source.",
      "    // Delete elsewhere.",
      '    conditions: ["@decart-kit/source", ...defaultClientConditions],',
      "  },",
      '  other: ["@decart-kit/source"],',
    ].join("\n");
    expect(withoutSourceCondition(text)).toBe("  resolve: {\n    conditions: [...defaultClientConditions],\n  },");
  });

  it("drops a line with the comment above it, not the code above that", () => {
    const text = 'const a = 1;\n// why b\ntranspilePackages: ["@examples/shared"],\nconst c = 3;';
    expect(dropLinesWithTheirComments(text, (line) => line.includes("@examples"))).toBe("const a = 1;\nconst c = 3;");
  });

  it("refuses a relative import that leaves the folder being copied", () => {
    const root = mkdtempSync(join(tmpdir(), "cdk-rules-"));
    mkdirSync(join(root, "server"));
    writeFileSync(join(root, "server", "a.ts"), "");
    expect(resolveInside(root, join(root, "server", "b.ts"), "./a")).toBe(join(root, "server", "a.ts"));
    expect(() => resolveInside(root, join(root, "server", "b.ts"), "../../test-support/chromium")).toThrow(
      /outside .* a generated app would not have it/,
    );
    rmSync(root, { recursive: true, force: true });
  });

  it("stores dotfiles under another name and gives them back", () => {
    expect(storedPath(join("a", ".env.example"))).toBe(join("a", "_dot_env.example"));
    expect(appPath(storedPath(join(".github", ".gitignore")))).toBe(join(".github", ".gitignore"));
  });
});

describe("package rules", () => {
  it("turns workspace links into published ranges and takes over the shared package's dependencies", () => {
    const app = rewritePackageJson(
      {
        name: "@examples/express-react",
        scripts: { dev: "tsx watch --conditions=@decart-kit/source server/main.ts --dev", typecheck: "tsc -p ." },
        dependencies: { "@decart-kit/express": "workspace:^", "@examples/shared": "workspace:*", express: "^5.0.0" },
      },
      rules,
      "examples/express-react",
    );
    expect(app).toMatchObject({ name: "express-react", version: "0.1.0", private: true });
    expect(app.dependencies).toEqual({
      "@decart-kit/express": "^1.2.3",
      "@decart-kit/react": "^0.4.0",
      express: "^5.0.0",
    });
    expect(app.devDependencies).toEqual({
      "@types/node": "^20.0.0",
      "playwright-core": "^1.0.0",
      typescript: "~6.0.0",
    });
    expect(app.scripts).toEqual({
      dev: "tsx watch server/main.ts --dev",
      typecheck: "tsc -p .",
      test: rules.testCommand,
    });
  });

  it("names a workspace dependency that is not published", () => {
    expect(() =>
      rewritePackageJson({ dependencies: { "@decart-kit/secret": "workspace:^" } }, rules, "examples/x"),
    ).toThrow('examples/x: "@decart-kit/secret" is a workspace package that is not published');
  });

  it("inlines the repository's base tsconfig and drops the source condition", () => {
    const config = rewriteTsconfig(
      {
        extends: "../../tsconfig.base.json",
        compilerOptions: { jsx: "react-jsx", customConditions: ["@decart-kit/source"] },
      },
      { compilerOptions: { strict: true, jsx: "preserve" } },
    );
    expect(config).toEqual({ compilerOptions: { strict: true, jsx: "react-jsx" } });
  });
});
