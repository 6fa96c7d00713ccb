import { defineKitProject } from "../../vitest.shared";

// Only this package's own tests: the apps' browser tests (app-files/, templates/) run inside a generated app.
export default defineKitProject({
  test: { name: "create-decart-kit", environment: "node", include: ["test/**/*.test.ts"] },
});
