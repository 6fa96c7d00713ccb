import { describe, expect, it } from "vitest";
import { postToken, useEmulator } from "./support.js";

const origins = (n: number) => Array.from({ length: n }, (_, i) => `https://app${i}.example.com`);
const models = (n: number) => Array.from({ length: n }, (_, i) => `model-${i}`);

describe("token request validation (Decart's documented limits)", () => {
  it.each([
    [{ expiresIn: 1 }],
    [{ expiresIn: 3600 }],
    [{ allowedModels: models(20) }],
    [{ allowedOrigins: origins(20) }],
    [{ allowedOrigins: ["http://localhost:5173", "http://127.0.0.1:8080", "https://[::1]:3000"] }],
    [{ constraints: { realtime: { maxSessionDuration: 10 } } }],
    [{ constraints: {} }],
    [{ metadata: { nested: { ok: [1, 2] } } }],
  ])("accepts %j", async (body) => {
    const emulator = await useEmulator();
    expect((await postToken(emulator, { body })).status).toBe(200);
  });

  it.each([
    [{ expiresIn: 0 }, "expiresIn must be an integer number of seconds from 1 to 3600, got 0"],
    [{ expiresIn: 3601 }, "expiresIn must be an integer number of seconds from 1 to 3600, got 3601"],
    [{ expiresIn: 1.5 }, "expiresIn must be an integer number of seconds from 1 to 3600, got 1.5"],
    [{ expiresIn: "60" }, 'expiresIn must be an integer number of seconds from 1 to 3600, got "60"'],
    [{ allowedModels: models(21) }, "allowedModels must list at most 20 models, got an array of 21"],
    [{ allowedModels: "mirage" }, 'allowedModels must be an array of model names, got "mirage"'],
    [{ allowedModels: [42] }, "allowedModels[0] must be a model name (string), got 42"],
    [{ allowedOrigins: origins(21) }, "allowedOrigins must list at most 20 origins, got an array of 21"],
    [{ allowedOrigins: ["https://example.com/"] }, "allowedOrigins[0] must be a full origin"],
    [{ allowedOrigins: ["https://ok.example", "https://example.com/app"] }, "allowedOrigins[1] must be a full origin"],
    [{ allowedOrigins: ["example.com"] }, "allowedOrigins[0] must be a full origin"],
    [{ allowedOrigins: ["https://example.com?x=1"] }, "allowedOrigins[0] must be a full origin"],
    [{ allowedOrigins: ["https://user@example.com"] }, "allowedOrigins[0] must be a full origin"],
    [{ allowedOrigins: ["ftp://example.com"] }, "allowedOrigins[0] must be a full origin"],
    [
      { constraints: { realtime: { maxSessionDuration: 9 } } },
      "constraints.realtime.maxSessionDuration must be at least 10 seconds, got 9",
    ],
    [{ constraints: { realtime: { other: 1 } } }, "unknown field in constraints.realtime: other"],
    [{ constraints: "none" }, 'constraints must be an object, got "none"'],
    [{ metadata: [1] }, "metadata must be a JSON object, got an array of 1"],
    [{ metadata: "x" }, 'metadata must be a JSON object, got "x"'],
    [{ expiresin: 60 }, "unknown field: expiresin"],
    [[1, 2], "request body must be a JSON object, got an array of 2"],
  ])("refuses %j with 400 and a detail that names the problem", async (body, detail) => {
    const emulator = await useEmulator();
    const { status, json } = await postToken(emulator, { body });
    expect(status).toBe(400);
    expect(json.detail).toContain(detail);
    expect(emulator.issued).toEqual([]);
  });
});
