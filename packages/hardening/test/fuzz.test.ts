import { type Emulator, startEmulator } from "@decart-kit/emulator";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hardeningAdapters } from "./support/adapters";
import { protocolViolation } from "./support/answer-shape";
import { FUZZ_MODELS, FUZZ_ORIGIN, type FuzzRequest, fuzzRequests } from "./support/fuzz-requests";
import { type PolicyBounds, wideningsOf } from "./support/policy-bounds";
import { type RawAnswer, sendRaw } from "./support/raw-client";
import { PERMANENT_KEY, recordingLogger } from "./support/route-log";

// 100 batches of 100 concurrent requests: 10,000 per adapter, at most 100 in flight.
const BATCH = 100;
const BATCHES = 100;
const LIMIT = 16 * 1024;
// No upstream fault is injected here, so no 5xx at all is expected (502/504 are covered by the fault matrix).
// 429: failed sign-ins (x-user "") from one client address past 20 a minute; 408: a body that never completes
// (the client here gives up on lying requests first, so it is allowed rather than expected).
const EXPECTED_STATUSES = new Set([200, 204, 400, 401, 403, 405, 408, 413, 415, 429]);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const BOUNDS: PolicyBounds = {
  expiresIn: 120,
  allowedModels: FUZZ_MODELS,
  allowedOrigins: [FUZZ_ORIGIN],
  metadata: { tenant: "acme", plan: "pro" },
  maxSessionDuration: 60,
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ apiKeys: [PERMANENT_KEY] });
});
afterAll(() => emulator.close());

const prototypeSnapshot = () => {
  const names = Object.getOwnPropertyNames(Object.prototype).sort().join();
  return `${names} ${typeof Object.prototype.toString} ${String(({} as { polluted?: unknown }).polluted)}`;
};

// Node's HTTP parser answers a malformed request itself: a 400 with no body, or, under Fastify, its clientError
// handler's fixed JSON (the server's answer to a broken HTTP message, before any route).
const FASTIFY_CLIENT_ERROR = '{"error":"Bad Request","message":"Client Error","statusCode":400}';
const isParserAnswer = (answer: RawAnswer) =>
  answer.answered && answer.status === 400 && (answer.text === "" || answer.text === FASTIFY_CLIENT_ERROR);

/** An answer the route may not give to this request, described with the request, or undefined. */
function problemWith(request: FuzzRequest, answer: RawAnswer): string | undefined {
  if (!answer.answered) {
    // Only a client that lied about (or kept sending past) its length may be left without an answer.
    const mayGoUnanswered = request.framing !== "exact" || request.body.byteLength > LIMIT;
    return mayGoUnanswered ? undefined : `no answer: ${answer.reason}`;
  }
  // Bytes past a too-short Content-Length are a second, malformed request on the connection: Node's parser answers
  // that one and closes, sometimes before the route's answer went out.
  if (request.framing === "short-lie" && isParserAnswer(answer)) return undefined;
  const seen = answer.text + JSON.stringify(answer.headers);
  if (seen.includes(PERMANENT_KEY)) return "the permanent key in the answer";
  if (!EXPECTED_STATUSES.has(answer.status)) return `status ${answer.status}: ${answer.text.slice(0, 200)}`;
  if (answer.status === 429 && !(Number(answer.headers["retry-after"]) > 0)) return "429 without Retry-After";
  return protocolViolation(answer.status, answer.headers, answer.text, request.method);
}

const describeRequest = (request: FuzzRequest) =>
  `${request.method} ${request.kind} (${request.body.byteLength} B, ${request.framing}) ${JSON.stringify(request.headers)}`;

/** Running totals over a whole run: tokens answered, answers hidden by a lie, upstream calls. */
interface Tally {
  tokens: number;
  hidden: number;
  upstreamCalls: number;
}

/**
 * Checks one batch's answers, adds them to the tally, and checks the upstream calls against the running totals.
 * Invalid requests never reach Decart: every upstream call is a token answered, or a valid prefix of a too-short
 * Content-Length whose answer Node's parser replaced. Totals rather than per batch: such a hidden request's call may
 * land after its batch's answers are all in (its client already saw the parser's answer), so in the next batch.
 */
function checkBatch(batch: FuzzRequest[], answers: RawAnswer[], upstreamCalls: number, tally: Tally): void {
  batch.forEach((request, index) => {
    const answer = answers[index] as RawAnswer;
    const problem = problemWith(request, answer);
    if (problem) throw new Error(`${problem}\n  for ${describeRequest(request)}`);
    if (answer.answered && answer.status === 200) tally.tokens++;
    if (request.framing === "short-lie" && (!answer.answered || isParserAnswer(answer))) tally.hidden++;
  });
  tally.upstreamCalls += upstreamCalls;
  const { tokens, hidden } = tally;
  if (tally.upstreamCalls < tokens || tally.upstreamCalls > tokens + hidden) {
    throw new Error(`${tally.upstreamCalls} upstream calls for ${tokens} tokens (${hidden} answers hidden by a lie)`);
  }
}

/** Waits until no call from an earlier run is still arriving at the emulator (the count holds still for 300 ms). */
async function upstreamIdle(): Promise<void> {
  for (let last = -1; emulator.tokenRequests !== last; ) {
    last = emulator.tokenRequests;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe.each(hardeningAdapters.map((factory) => [factory.adapter, factory] as const))("%s", (_name, factory) => {
  it(`answers ${BATCH * BATCHES} generated requests with valid JSON, no 5xx, no leak, no pollution`, async () => {
    const log = recordingLogger();
    // Frameworks print some client errors (a lying Content-Length) to the console: they are log lines too.
    const consoleLines: string[] = [];
    const spies = (["error", "warn", "log"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args) => void consoleLines.push(args.map(String).join(" "))),
    );
    const app = await factory.start(
      {
        apiKey: PERMANENT_KEY,
        baseUrl: emulator.url,
        logger: log.logger,
        authorize: (ctx) => {
          const user = ctx.headers["x-user"];
          return user === "" ? undefined : (user ?? "anonymous");
        },
        expiresIn: BOUNDS.expiresIn,
        allowedModels: FUZZ_MODELS,
        allowedOrigins: [FUZZ_ORIGIN],
        metadata: BOUNDS.metadata,
        constraints: { realtime: { maxSessionDuration: 60 } },
        rateLimit: { points: 1_000_000 },
      },
      { trustProxy: true },
    );
    const prototypeBefore = prototypeSnapshot();
    await upstreamIdle();
    const tally: Tally = { tokens: 0, hidden: 0, upstreamCalls: 0 };
    const statuses: Record<number | string, number> = {};
    let sent = 0;
    const started = performance.now();
    try {
      const details = await fc.check(
        fc.asyncProperty(fc.array(fuzzRequests, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
          const attempts = emulator.tokenRequests;
          const issued = emulator.issued.length;
          const answers = await Promise.all(batch.map((request) => sendRaw(app.url, request)));
          sent += batch.length;
          for (const answer of answers) {
            const key = answer.answered ? answer.status : "no answer";
            statuses[key] = (statuses[key] ?? 0) + 1;
          }
          checkBatch(batch, answers, emulator.tokenRequests - attempts, tally);
          for (const token of emulator.issued.slice(issued)) expect(wideningsOf(token, BOUNDS)).toEqual([]);
          expect(prototypeSnapshot()).toBe(prototypeBefore);
        }),
        { numRuns: BATCHES, endOnFailure: true, seed: SEED },
      );
      // The report names the failing request; fast-check's own would print all 50 bodies byte by byte.
      if (details.failed) throw new Error(`seed ${details.seed}: ${String(details.errorInstance)}`);
    } finally {
      await app.close();
      for (const spy of spies) spy.mockRestore();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`fuzz ${factory.adapter} (${factory.variant}): ${sent} requests in ${seconds} s`, statuses);
    }
    expect(sent).toBe(BATCH * BATCHES);
    expect([...log.lines, ...consoleLines].filter((line) => line.includes(PERMANENT_KEY))).toEqual([]);
  });
});
