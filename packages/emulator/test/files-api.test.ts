import { createDecartClient } from "@decartai/sdk";
import { describe, expect, it } from "vitest";
import { createSignalingOnlyMediaPlane, EMULATOR_API_KEY, type Emulator } from "../src/index.js";
import { loadSdkStreamSession, type SdkSession, sdkSessionConfig, sdkStreamUrl } from "./sdk-signaling.js";
import { postToken, useEmulator } from "./support.js";

const StreamSession = await loadSdkStreamSession();
/** The 8-byte PNG signature plus a little: enough for the emulator to know an image when it sees one. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

function filesOf(emulator: Emulator, apiKey: string) {
  return createDecartClient({ apiKey, baseUrl: emulator.url }).files;
}

describe("the Files API, as the real SDK's files client calls it", () => {
  it("uploads an image, reads it back and deletes it", async () => {
    const emulator = await useEmulator();
    const files = filesOf(emulator, EMULATOR_API_KEY);
    const reference = await files.upload(new File([PNG], "face.png", { type: "image/png" }), { ttlSeconds: 600 });
    expect(reference).toEqual({
      id: expect.stringMatching(/^file_[0-9a-f]{24}$/),
      filename: "face.png",
      mime_type: "image/png",
      size_bytes: PNG.length,
      created_at: expect.any(String),
      expires_at: expect.any(String),
    });
    expect(Date.parse(reference.expires_at!) - Date.parse(reference.created_at)).toBe(600_000);
    expect(await files.get(reference.id)).toEqual(reference);
    await files.delete(reference.id);
    await expect(files.get(reference.id)).rejects.toMatchObject({ code: "FILES_GET_ERROR", data: { status: 404 } });
    await expect(files.delete(reference.id)).rejects.toMatchObject({ code: "FILES_DELETE_ERROR" });
  });

  it("keeps persistent uploads without an expiry and defaults to 24 hours", async () => {
    const emulator = await useEmulator();
    const files = filesOf(emulator, EMULATOR_API_KEY);
    expect((await files.upload(new Blob([PNG]), { ttlSeconds: "persistent" })).expires_at).toBeNull();
    const plain = await files.upload(new Blob([PNG], { type: "image/png" }));
    expect(plain.filename).toBeNull();
    expect(Date.parse(plain.expires_at!) - Date.parse(plain.created_at)).toBe(24 * 3600_000);
  });

  it("refuses what is not an image, what is too large, and keys it does not know, with a clear 4xx", async () => {
    const emulator = await useEmulator();
    const files = filesOf(emulator, EMULATOR_API_KEY);
    const text = files.upload(new File(["hello"], "notes.png", { type: "image/png" }));
    await expect(text).rejects.toMatchObject({ code: "FILES_UPLOAD_ERROR", data: { status: 415 } });
    await expect(text).rejects.toMatchObject({ message: expect.stringMatching(/Only images/) });
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(PNG);
    await expect(files.upload(new Blob([huge]))).rejects.toMatchObject({ data: { status: 413 } });
    await expect(filesOf(emulator, "ek_nobody").upload(new Blob([PNG]))).rejects.toMatchObject({
      data: { status: 401 },
    });
    const form = new FormData();
    form.append("file", new Blob([PNG]));
    form.append("ttl_seconds", "5");
    const shortTtl = await fetch(`${emulator.url}/v1/files`, {
      method: "POST",
      headers: { "x-api-key": EMULATOR_API_KEY },
      body: form,
    });
    expect(shortTtl.status).toBe(400);
    expect(await shortTtl.json()).toEqual({ detail: expect.stringMatching(/ttl_seconds/) });
    const json = await fetch(`${emulator.url}/v1/files`, {
      method: "POST",
      headers: { "x-api-key": EMULATOR_API_KEY, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
  });

  it("shares files between a permanent key and the tokens it minted, and with no other account", async () => {
    const emulator = await useEmulator({ apiKeys: [EMULATOR_API_KEY, "other-account-key"] });
    const { json } = await postToken(emulator);
    const fromToken = await filesOf(emulator, json.apiKey).upload(new Blob([PNG]));
    expect(await filesOf(emulator, EMULATOR_API_KEY).get(fromToken.id)).toEqual(fromToken);
    await expect(filesOf(emulator, "other-account-key").get(fromToken.id)).rejects.toMatchObject({
      data: { status: 404 },
    });
    const expired = await postToken(emulator, { body: { expiresIn: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(filesOf(emulator, expired.json.apiKey).get(fromToken.id)).rejects.toMatchObject({
      data: { status: 401 },
    });
  });

  it("answers CORS preflights and puts CORS headers on answers, errors included", async () => {
    const emulator = await useEmulator();
    const preflight = await fetch(`${emulator.url}/v1/files`, {
      method: "OPTIONS",
      headers: {
        origin: "http://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "x-api-key",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-api-key");
    const refused = await fetch(`${emulator.url}/v1/files/file_x`, { headers: { origin: "http://app.example" } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("image references in the realtime session", () => {
  function sdkSession(emulator: Emulator, apiKey: string, extra?: Record<string, unknown>) {
    const { config } = sdkSessionConfig(sdkStreamUrl(emulator.realtimeUrl, apiKey), extra);
    const session = new StreamSession(config) as SdkSession;
    const errors: unknown[] = [];
    session.on("error", (error) => errors.push(error));
    return { session, errors };
  }

  it("accepts an uploaded file by id, in the initial state and in set_image, and refuses unknown or deleted ids", async () => {
    const emulator = await useEmulator({ mediaPlane: createSignalingOnlyMediaPlane });
    const { json } = await postToken(emulator);
    const files = filesOf(emulator, json.apiKey);
    const reference = await files.upload(new Blob([PNG]));
    const { session, errors } = sdkSession(emulator, json.apiKey, { initialImageRef: reference.id });
    await session.connect();
    await expect.poll(() => emulator.sessions[0]?.images).toBe(1);
    expect(errors).toEqual([]);
    await files.delete(reference.id);
    await expect(session.setImage({ kind: "ref", ref: reference.id })).rejects.toThrow(/image_ref not found/);
    await expect(session.setImage({ kind: "ref", ref: "file_unknown" })).rejects.toThrow(/image_ref not found/);
    expect(emulator.sessions[0]!.images).toBe(1);
    session.disconnect();

    const late = sdkSession(emulator, json.apiKey, { initialImageRef: reference.id });
    await late.session.connect();
    // A refused initial image does not fail the connect: the SDK reports it as an error event.
    await expect
      .poll(() => late.errors)
      .toEqual([expect.objectContaining({ message: expect.stringMatching(/not found/) })]);
    late.session.disconnect();
  });
});
