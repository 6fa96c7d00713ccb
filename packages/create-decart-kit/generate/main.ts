// `pnpm build` of create-decart-kit, first step: the examples → templates/ (one source of truth, never edited by hand).
import { join, resolve } from "node:path";
import { generateTemplates } from "./generate";

const packageDir = resolve(import.meta.dirname, "..");
const manifest = generateTemplates(resolve(packageDir, "../.."), join(packageDir, "templates"));
console.log(`create-decart-kit: templates ${manifest.map((template) => template.name).join(", ")}`);
