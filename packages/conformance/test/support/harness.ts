import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import type { TokenPolicy } from "@decart-kit/core";
import { type Emulator, startEmulator } from "@decart-kit/emulator";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { AppFactory, RunningApp, StartOptions } from "./apps";

/** The permanent key of every suite: random, so finding it anywhere can only mean a leak. */
export const PERMANENT_KEY = `sk_test_${randomBytes(12).toString("hex")}`;

export interface RecordedResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields.
  json: any;
}

export interface TestApp {
  url: string;
  /** POST a JSON body (or nothing), always as `Content-Type: application/json` unless `headers` says otherwise. */
  post(body?: unknown, headers?: Record<string, string>): Promise<RecordedResponse>;
  /** Any request, body sent as is. */
  send(method: string, init?: { headers?: Record<string, string>; body?: string }): Promise<RecordedResponse>;
  /** A raw node:http request: chunked bodies and headers fetch() would rewrite. */
  raw(init: RawInit): Promise<RecordedResponse>;
  /**
   * A JSON POST sent from one local address (`127.0.0.2`; `fd00:1::10` to an app started with `host: "::1"`): a real
   * client address, no header involved.
   */
  postFrom(localAddress: string, body?: unknown, headers?: Record<string, string>): Promise<RecordedResponse>;
  /** Sends the headers and `chunks`, then stalls without ending the body; resolves with the answer. */
  stall(init: Omit<RawInit, "localAddress">): Promise<RecordedResponse & { closed: Promise<void> }>;
}

interface RawInit {
  headers?: Record<string, string>;
  chunks: string[];
  localAddress?: string;
  /** Leave the body unfinished. */
  stall?: boolean;
}

export interface Suite {
  readonly emulator: Emulator;
  /** Log lines the route wrote, as text (`level message fields`). */
  readonly logs: string[];
  // biome-ignore lint/suspicious/noExplicitAny: suites pass policies typed for any identity and request.
  app(policy?: TokenPolicy<any, any>, options?: StartOptions): Promise<TestApp>;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function rawRequest(url: string, init: RawInit): Promise<RecordedResponse & { closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const { headers, localAddress } = init;
    // Only this request on its socket: `closed` then tells whether the server closed the connection.
    const req = httpRequest(url, { method: "POST", headers, localAddress, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers))
          if (value !== undefined) headers.set(name, String(value));
        resolve({ status: res.statusCode ?? 0, headers, text, json: parse(text), closed });
      });
    });
    const closed = new Promise<void>((done) => req.once("close", () => done()));
    // The server may answer (413) and close before the whole body went out; the answer is what we check.
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    for (const chunk of init.chunks) req.write(chunk);
    if (!init.stall) req.end();
  });
}

/**
 * Sets up one emulator for a describe block and a factory of apps on it. After every test it checks, over every
 * response and log line the test produced, that the permanent key never appeared and that `Cache-Control: no-store`
 * was on every answer.
 */
export function useTokenRouteSuite(factory: AppFactory): Suite {
  let emulator: Emulator | undefined;
  const logs: string[] = [];
  const responses: RecordedResponse[] = [];
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
  });
  afterAll(() => emulator?.close());
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    emulator?.clearFaults();
    const answered = responses.splice(0);
    const logged = logs.splice(0);
    for (const response of answered) {
      const headerText = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
      expect(response.text + headerText).not.toContain(PERMANENT_KEY);
      expect(response.headers.get("cache-control"), `${response.status} ${response.text}`).toBe("no-store");
    }
    for (const line of logged) expect(line).not.toContain(PERMANENT_KEY);
  });

  const record = async (pending: Promise<Response | RecordedResponse>): Promise<RecordedResponse> => {
    const answer = await pending;
    const recorded =
      answer instanceof Response
        ? await answer
            .text()
            .then((text) => ({ status: answer.status, headers: answer.headers, text, json: parse(text) }))
        : answer;
    responses.push(recorded);
    return recorded;
  };

  const logger = Object.fromEntries(
    (["debug", "info", "warn", "error"] as const).map((level) => [
      level,
      (message: string, fields?: unknown) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
    ]),
  );

  return {
    get emulator() {
      if (!emulator) throw new Error("the emulator starts in beforeAll");
      return emulator;
    },
    logs,
    async app(policy = {}, options = {}) {
      const running = await factory.start(
        { apiKey: PERMANENT_KEY, baseUrl: emulator?.url, logger, ...policy },
        options,
      );
      apps.push(running);
      const { url } = running;
      return {
        url,
        post: (body, headers = {}) =>
          record(
            fetch(url, {
              method: "POST",
              headers: { "content-type": "application/json", ...headers },
              body: body === undefined ? undefined : JSON.stringify(body),
            }),
          ),
        send: (method, init = {}) => record(fetch(url, { method, headers: init.headers, body: init.body })),
        raw: (init) => record(rawRequest(url, init)),
        postFrom: (localAddress, body = {}, headers = {}) => {
          const allHeaders = { "content-type": "application/json", ...headers };
          return record(rawRequest(url, { headers: allHeaders, chunks: [JSON.stringify(body)], localAddress }));
        },
        stall: async (init) => {
          const answer = await rawRequest(url, { ...init, stall: true });
          responses.push(answer);
          return answer;
        },
      };
    },
  };
}
