import { afterEach, describe, expect, it, vi } from "vitest";
import { createFetchHandler, mintToken } from "../src/index";

const post = () =>
  new Request("http://localhost/api/realtime-token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });

function collectingLogger() {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: object) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, logger: { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") } };
}

describe("the API key is read when the first request needs it", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("a route created without DECART_API_KEY (as during `next build`) answers 500 misconfigured, logged once", async () => {
    vi.stubEnv("DECART_API_KEY", "");
    const { lines, logger } = collectingLogger();
    const handler = createFetchHandler({ logger, rateLimit: false, getIp: () => "127.0.0.1" });
    for (let i = 0; i < 3; i++) {
      const response = await handler(post());
      expect(response.status).toBe(500);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect((await response.json()).error).toMatchObject({ code: "misconfigured", retryable: false });
    }
    const errors = lines.filter((line) => line.startsWith("error"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("no Decart API key: pass apiKey or set DECART_API_KEY");
  });

  it("an ek_ client token in DECART_API_KEY is misconfigured too, and never printed", async () => {
    vi.stubEnv("DECART_API_KEY", "ek_client_token_in_env");
    const { lines, logger } = collectingLogger();
    const answer = await mintToken({ logger, rateLimit: false }, { identity: "ada" });
    expect(answer).toMatchObject({ error: { code: "misconfigured" } });
    expect(lines.join("\n")).toContain("holds an ek_ client token");
    expect(lines.join("\n")).not.toContain("ek_client_token_in_env");
  });

  it("every other policy mistake still throws at creation", () => {
    vi.stubEnv("DECART_API_KEY", "");
    expect(() => createFetchHandler({ expiresIn: 0 })).toThrow(/expiresIn/);
    expect(() => createFetchHandler({ apiKey: "ek_client" })).toThrow(/client token/);
  });
});
