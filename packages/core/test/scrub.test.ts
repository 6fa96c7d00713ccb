import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { resolvePolicy, type TokenRouteLogger } from "../src/index";

const KEY = "sk_live_scrub_test_4f9a0c2e7b1d83650a9f";
const routeLoggerFor = (logger: TokenRouteLogger) => resolvePolicy({ apiKey: KEY, logger }).logger;

/** A real pino logger writing JSON lines into memory, called the way pino wants: (fields, message). */
function pinoLines() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = pino({ level: "debug" }, sink);
  const logger: TokenRouteLogger = {
    debug: (message, fields) => log.debug(fields, message),
    info: (message, fields) => log.info(fields, message),
    warn: (message, fields) => log.warn(fields, message),
    error: (message, fields) => log.error(fields, message),
  };
  return { lines, logger };
}

function causeChain(depth: number, innermost: string): Error {
  let error = new Error(innermost);
  for (let level = 1; level < depth; level++) error = new Error(`level ${level}`, { cause: error });
  return error;
}

describe("log scrubbing: the permanent key never reaches the logger", () => {
  it("scrubs a 10-deep error cause chain and marks what lies beyond the depth limit", () => {
    const { lines, logger } = pinoLines();
    const error = causeChain(10, `upstream said: bad key ${KEY}`);
    routeLoggerFor(logger).error("authorize threw", {
      error,
      nested: { a: { b: { c: { d: { e: { f: { g: { h: { i: KEY } } } } } } } } },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(KEY);
    expect(lines[0]).toContain("[beyond depth limit]");
    expect(JSON.parse(lines[0] as string).error.message).toBe("level 9");
  });

  it.each([
    ["base64", (text: string) => Buffer.from(text).toString("base64")],
    ["base64url", (text: string) => Buffer.from(text).toString("base64url")],
    ["URL-encoded", (text: string) => encodeURIComponent(text)],
    [
      "percent-encoded byte by byte",
      (text: string) => [...text].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(""),
    ],
  ])("finds a %s copy, at any offset inside a larger blob", (_name, encode) => {
    const { lines, logger } = pinoLines();
    const route = routeLoggerFor(logger);
    for (const prefix of ["", "a", "ab", "abc", "Basic user:"]) {
      for (const suffix of ["", "x", "yz", "&more"]) {
        route.warn(`header ${encode(`${prefix}${KEY}${suffix}`)}`, { echoed: encode(`${prefix}${KEY}${suffix}`) });
      }
    }
    for (const line of lines) {
      expect(line).toContain("[redacted]");
      for (let start = 0; start + 12 <= KEY.length; start += 4) {
        const piece = KEY.slice(start, start + 12);
        expect(line).not.toContain(piece);
        expect(Buffer.from(line.replace(/[^A-Za-z0-9+/=_-]/g, " "), "base64").toString("latin1")).not.toContain(piece);
      }
    }
  });

  it("scrubs upstream text before cutting it to 300 characters (a key across the cut leaked its first part)", async () => {
    const { createServer } = await import("node:http");
    const detail = `${"x".repeat(290)}${KEY} rest`;
    const server = createServer((_req, res) => {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ detail }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const { lines, logger } = pinoLines();
    const { createFetchHandler } = await import("../src/index");
    const handler = createFetchHandler({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      authorize: () => "ann",
      logger,
    });
    const answer = await handler(
      new Request("http://app.test/t", { method: "POST", headers: { "content-type": "application/json" } }),
    );
    server.close();
    expect(answer.status).toBe(502);
    const logged = lines.join("\n");
    expect(logged).toContain("Decart refused the token request");
    expect(logged).not.toContain(KEY.slice(0, 12));
  });
});
