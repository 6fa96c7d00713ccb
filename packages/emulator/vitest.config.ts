import { defineKitProject } from "../../vitest.shared";

export default defineKitProject({ test: { name: "emulator", environment: "node" } });
