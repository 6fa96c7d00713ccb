import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nodePlatform from "../src/platform/node";
import type { Platform } from "../src/platform/types";
import * as webPlatform from "../src/platform/web";

// Both builds must offer the same thing; typecheck enforces the shape, these tests the behaviour.
const platforms: Record<string, Platform> = { node: nodePlatform, web: webPlatform };

describe.each(Object.entries(platforms))("the %s platform", (_name, platform) => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/big") response.end("x".repeat(100_000));
      else if (request.url === "/hang") return;
      else request.pipe(response.writeHead(201, { "content-type": "application/json" }));
    }).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const send = (path: string, signal: AbortSignal) =>
    platform.postJson(new URL(path, base), { "content-type": "application/json" }, '{"a":1}', signal, 1000);

  it("posts the body and reads the answer with its status", async () => {
    expect(await send("/echo", AbortSignal.timeout(5000))).toEqual({ status: 201, text: '{"a":1}', oversized: false });
  });

  it("stops reading past the size limit", async () => {
    expect(await send("/big", AbortSignal.timeout(5000))).toMatchObject({ text: "", oversized: true });
  });

  it("rejects when the signal aborts", async () => {
    await expect(send("/hang", AbortSignal.timeout(100))).rejects.toBeDefined();
  });

  it("hashes with SHA-256, hex", async () => {
    expect(await platform.sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
