import { createRequire } from "node:module";
import { dirname } from "node:path";
import { defineKitProject } from "../../vitest.shared";
import unit from "./vitest.config";

const require = createRequire(import.meta.url);
const react18 = dirname(require.resolve("react18/package.json"));
const reactDom18 = dirname(require.resolve("react-dom18/package.json"));

// The same tests against React 18 (installed as the npm aliases react18 / react-dom18).
export default defineKitProject({
  resolve: {
    alias: [
      { find: /^react(\/.*)?$/, replacement: `${react18}$1` },
      { find: /^react-dom(\/.*)?$/, replacement: `${reactDom18}$1` },
    ],
  },
  test: {
    ...unit.test,
    name: "react18",
    env: { EXPECTED_REACT_MAJOR: "18" },
    // Before setup.ts, which loads @testing-library/react.
    setupFiles: ["test/support/react18-resolve.ts", "test/support/setup.ts"],
  },
});
