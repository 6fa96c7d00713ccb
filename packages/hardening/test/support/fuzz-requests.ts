import { gzipSync } from "node:zlib";
import fc from "fast-check";

/** One generated request: everything the client controls, down to how the body goes over the wire. */
export interface FuzzRequest {
  method: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** "exact" Content-Length, "chunked" transfer, or a Content-Length that lies about the bytes sent. */
  framing: "exact" | "chunked" | "short-lie" | "long-lie" | "huge-claim";
  /** What the generator meant to send; printed with a failing case. */
  kind: string;
}

export const FUZZ_ORIGIN = "https://app.example";
export const FUZZ_MODELS = ["mirage_v2", "lucy_v2v_720p_rt"];
const LIMIT = 16 * 1024;

const text = (value: string) => new TextEncoder().encode(value);
const tag = (kind: string) => (body: Uint8Array) => ({ kind, body });

const modelValue = fc.oneof(
  fc.constantFrom(...FUZZ_MODELS),
  fc.constantFrom("other_model", "", " mirage_v2", "../etc/passwd", "mirage_v2\u0000"),
  fc.string({ maxLength: 40 }),
  fc.anything(),
);
const expiresInValue = fc.oneof(
  fc.integer({ min: -10, max: 10_000 }),
  fc.double(),
  fc.constantFrom(0, -0, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, "60", null, true, [], {}),
);

/** Bodies shaped like the protocol's `{ model?, expiresIn? }`, right or wrong field by field. */
const protocolBody = fc
  .record(
    { model: modelValue, expiresIn: expiresInValue, metadata: fc.dictionary(fc.string(), fc.string()) },
    { requiredKeys: [] },
  )
  .map((value) => text(JSON.stringify(value) ?? "{}"))
  .map(tag("protocol-shaped"));

const pollution = fc
  .constantFrom(
    '{"__proto__":{"polluted":"yes"}}',
    '{"model":"mirage_v2","__proto__":{"polluted":"yes","expiresIn":9999}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"__proto__":{"toString":"x"},"constructor":{"name":"x"}}',
    '[{"__proto__":{"polluted":"yes"}}]',
  )
  .map(text)
  .map(tag("prototype keys"));

const nesting = fc
  .tuple(fc.integer({ min: 100, max: 60_000 }), fc.constantFrom("[", '{"a":'))
  .map(([depth, open]) => {
    const close = open === "[" ? "]" : "}";
    return text(`${open.repeat(depth)}1${close.repeat(depth)}`);
  })
  .map(tag("deep nesting"));

const hugeString = fc
  .tuple(fc.integer({ min: LIMIT - 64, max: 200_000 }), fc.constantFrom("model", "expiresIn", "junk"))
  .map(([size, field]) => text(JSON.stringify({ [field]: "x".repeat(size) })))
  .map(tag("huge string"));

const nonJsonNumbers = fc
  .constantFrom('{"expiresIn":NaN}', '{"expiresIn":Infinity}', '{"expiresIn":-Infinity}', '{"expiresIn":1e999}', "NaN")
  .map(text)
  .map(tag("NaN/Infinity"));

const wrongTypes = fc
  .jsonValue({ maxDepth: 4 })
  .map((value) => text(JSON.stringify(value) ?? "null"))
  .map(tag("any JSON value"));

const invalidUtf8 = fc
  .tuple(fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80]), fc.boolean())
  .map(([bad, inString]) => {
    const [before, after] = inString ? ['{"model":"mi', 'rage_v2"}'] : ["{", "}"];
    return new Uint8Array([...text(before), ...bad, ...text(after)]);
  })
  .map(tag("invalid UTF-8"));

const randomBytes = fc.uint8Array({ maxLength: 2_000 }).map(tag("random bytes"));

/** Gzip bodies: small on the wire, far past the limit once a body parser inflates them. */
const gzipBomb = fc
  .integer({ min: 20_000, max: 300_000 })
  .map((size) => gzipSync(text(`{"model":"${"a".repeat(size)}"}`)))
  .map(tag("gzip bomb"));

const gzipSmall = fc
  .constantFrom('{"model":"mirage_v2"}', "{}", '{"expiresIn":30}')
  .map((json) => gzipSync(text(json)))
  .map(tag("gzip JSON"));

const bodies = fc.oneof(
  { arbitrary: protocolBody, weight: 6 },
  { arbitrary: pollution, weight: 1 },
  { arbitrary: nesting, weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: nonJsonNumbers, weight: 1 },
  { arbitrary: wrongTypes, weight: 2 },
  { arbitrary: invalidUtf8, weight: 1 },
  { arbitrary: randomBytes, weight: 1 },
  { arbitrary: gzipBomb, weight: 1 },
  { arbitrary: gzipSmall, weight: 1 },
  { arbitrary: fc.constant({ kind: "empty", body: new Uint8Array() }), weight: 1 },
);

const optionalHeader = (values: fc.Arbitrary<string>) => fc.option(values, { nil: undefined, freq: 2 });

const headers = fc.record({
  origin: optionalHeader(
    fc.oneof(fc.constantFrom(FUZZ_ORIGIN, "https://evil.example", "null", `${FUZZ_ORIGIN}/`), fc.webUrl()),
  ),
  "sec-fetch-site": optionalHeader(fc.constantFrom("same-origin", "same-site", "cross-site", "none", "bogus")),
  "content-type": optionalHeader(
    fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "application/json; charset=latin1",
      "application/merge-patch+json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json;;;",
      "",
    ),
  ),
  "content-encoding": optionalHeader(fc.constantFrom("gzip", "deflate", "identity", "br", "x-unknown")),
  "x-forwarded-for": optionalHeader(
    fc.oneof(
      fc.array(fc.ipV4(), { minLength: 1, maxLength: 4 }).map((ips) => ips.join(", ")),
      // IPv6 clients (bucketed by /56) and IPv4-mapped ones (bucketed as IPv4), in every spelling.
      fc
        .array(
          fc.oneof(
            fc.ipV6(),
            fc.ipV4().map((ip) => `::ffff:${ip}`),
          ),
          { minLength: 1, maxLength: 3 },
        )
        .map((ips) => ips.join(", ")),
      fc.constantFrom("not-an-ip", "", "::1", "2001:db8::1, 10.0.0.1", "fe80::1%eth0", "::ffff:7f00:1"),
    ),
  ),
  "x-user": optionalHeader(fc.constantFrom("ann", "bob", "")),
});

export const fuzzRequests: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.oneof(
      { arbitrary: fc.constant("POST"), weight: 8 },
      { arbitrary: fc.constantFrom("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"), weight: 2 },
    ),
    headers,
    body: bodies,
    framing: fc.oneof(
      { arbitrary: fc.constant<FuzzRequest["framing"]>("exact"), weight: 6 },
      {
        arbitrary: fc.constantFrom<FuzzRequest["framing"]>("chunked", "short-lie", "long-lie", "huge-claim"),
        weight: 4,
      },
    ),
  })
  .map(({ method, headers: picked, body, framing }) => {
    const defined = Object.entries(picked).filter((entry): entry is [string, string] => entry[1] !== undefined);
    // A preflight needs the method it asks about; the generator adds it half the time.
    if (method === "OPTIONS" && body.body.length % 2 === 0) defined.push(["access-control-request-method", "POST"]);
    return { method, headers: Object.fromEntries(defined), body: body.body, framing, kind: body.kind };
  });
