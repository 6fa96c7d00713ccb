import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({
  test: {
    name: "react",
    environment: "./test/support/jsdom-ssr-environment.ts",
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/support/setup.ts"],
    env: { EXPECTED_REACT_MAJOR: "19" },
  },
});
