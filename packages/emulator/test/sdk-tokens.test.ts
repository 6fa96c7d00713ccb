import { createDecartClient } from "@decartai/sdk";
import { describe, expect, it } from "vitest";
import { EMULATOR_API_KEY } from "../src/index.js";
import { useEmulator } from "./support.js";

describe("the real @decartai/sdk mints through the emulator", () => {
  it("creates a token with every option and gets Decart's response shape back", async () => {
    const emulator = await useEmulator();
    const client = createDecartClient({ apiKey: EMULATOR_API_KEY, baseUrl: emulator.url });
    const options = {
      expiresIn: 120,
      allowedModels: ["mirage_v2", "lucy_v2v_720p_rt"],
      allowedOrigins: ["https://app.example.com"],
      constraints: { realtime: { maxSessionDuration: 30 } },
      metadata: { userId: "u-42", plan: "pro" },
    };
    const token = await client.tokens.create(options);
    expect(token.apiKey).toMatch(/^ek_/);
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(118_000);
    expect(token.permissions).toEqual({ models: options.allowedModels, origins: options.allowedOrigins });
    expect(token.constraints).toEqual(options.constraints);
    expect(emulator.issued).toEqual([
      { apiKey: token.apiKey, expiresAt: token.expiresAt, options, permanentKey: expect.any(String) },
    ]);
  });

  it("creates a token without options", async () => {
    const emulator = await useEmulator();
    const token = await createDecartClient({ apiKey: EMULATOR_API_KEY, baseUrl: emulator.url }).tokens.create();
    expect(token.apiKey).toMatch(/^ek_/);
    expect(token.permissions).toBeUndefined();
  });

  it("surfaces the emulator's 400 detail and 401 through the SDK's error", async () => {
    const emulator = await useEmulator();
    const client = createDecartClient({ apiKey: EMULATOR_API_KEY, baseUrl: emulator.url });
    await expect(client.tokens.create({ expiresIn: 7200 })).rejects.toThrow(/400 .*expiresIn/);
    const stranger = createDecartClient({ apiKey: "someone-else", baseUrl: emulator.url });
    await expect(stranger.tokens.create()).rejects.toThrow(/401/);
  });
});
