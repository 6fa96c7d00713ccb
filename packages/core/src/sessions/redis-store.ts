import type { AcquireRequest, AcquireResult, SessionStore } from "./store";

/**
 * The part of a Redis client the store uses; an `ioredis` client fits as is (node-redis v4+ needs a small wrapper
 * mapping `eval(script, numKeys, ...args)` onto its own `eval(script, { keys, arguments })`).
 */
export interface RedisScriptClient {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** ioredis's connection state; while it is "reconnecting", "close" or "end" the store refuses at once. */
  readonly status?: string;
}

export interface RedisSessionStoreOptions {
  /**
   * Prefix of every key the store writes. Instances that share slots must use the same prefix; routes that must
   * not share them, different ones. Wrapped in `{}` so every key lands in one Redis Cluster slot.
   * @default "decart-sessions"
   */
  keyPrefix?: string;
}

// Both scripts read the clock from Redis (TIME), so instances on hosts with skewed clocks agree on expiries.
// KEYS: leases (zset id→expiry), lease owners (hash), line (zset ticket→seq), ticket expiries (zset), ticket owners
// (hash), sequence, this owner's leases (zset id→expiry).
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
if #expired > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  redis.call('HDEL', KEYS[2], unpack(expired))
end
local stale = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)
if #stale > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
  redis.call('ZREM', KEYS[3], unpack(stale))
  redis.call('HDEL', KEYS[5], unpack(stale))
end
redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', now)
local owner, ticket, leaseId, newTicket = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local leaseMs, maxTotal, maxOwn = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local queueMax, grace = tonumber(ARGV[8]), tonumber(ARGV[9])
if ticket ~= '' and redis.call('HGET', KEYS[2], ticket) == owner then
  local renewed = now + leaseMs
  redis.call('ZADD', KEYS[1], renewed, ticket)
  redis.call('ZADD', KEYS[7], renewed, ticket)
  if redis.call('PTTL', KEYS[7]) < leaseMs then redis.call('PEXPIRE', KEYS[7], leaseMs) end
  return {'granted', renewed, ticket}
end
local own = ticket ~= '' and redis.call('HGET', KEYS[5], ticket) == owner
if own and queueMax > 0 then redis.call('ZADD', KEYS[4], now + grace, ticket) end
if redis.call('ZCARD', KEYS[7]) >= maxOwn then return {'session_limit'} end
local free = maxTotal - redis.call('ZCARD', KEYS[1])
local waiting = redis.call('ZCARD', KEYS[3])
local ahead = waiting
if own then ahead = redis.call('ZRANK', KEYS[3], ticket) end
if ahead < free then
  if own then
    redis.call('ZREM', KEYS[3], ticket)
    redis.call('ZREM', KEYS[4], ticket)
    redis.call('HDEL', KEYS[5], ticket)
  end
  local expiresAt = now + leaseMs
  redis.call('ZADD', KEYS[1], expiresAt, leaseId)
  redis.call('HSET', KEYS[2], leaseId, owner)
  redis.call('ZADD', KEYS[7], expiresAt, leaseId)
  if redis.call('PTTL', KEYS[7]) < leaseMs then redis.call('PEXPIRE', KEYS[7], leaseMs) end
  return {'granted', expiresAt, leaseId}
end
if own then return {'queued', ticket, ahead + 1, waiting} end
if queueMax == 0 or waiting >= queueMax then return {'capacity'} end
local seq = redis.call('INCR', KEYS[6])
redis.call('ZADD', KEYS[3], seq, newTicket)
redis.call('ZADD', KEYS[4], now + grace, newTicket)
redis.call('HSET', KEYS[5], newTicket, owner)
return {'queued', newTicket, waiting + 1, waiting + 1}
`;

// KEYS: leases, lease owners, the owner's leases. Only the lease's owner may end it; anything else is a no-op.
const RELEASE = `
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
end
return 1
`;

/** ioredis states in which the server is gone. */
const LOST = new Set(["reconnecting", "close", "end"]);

interface Script {
  text: string;
  /** Its SHA-1, worked out on first use (Web Crypto is asynchronous; node:crypto is not there on Workers). */
  sha?: Promise<string>;
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const script = (text: string): Script => ({ text });
const ACQUIRE_SCRIPT = script(ACQUIRE);
const RELEASE_SCRIPT = script(RELEASE);

/**
 * Session admission shared by every instance through one Redis (5 or later). Each `acquire` and `release` is one
 * Lua script, so the check and the change happen atomically: two instances can never both take the last slot.
 * @example new RedisSessionStore(new Redis(process.env.REDIS_URL, { enableOfflineQueue: false }))
 */
export class RedisSessionStore implements SessionStore {
  readonly #client: RedisScriptClient;
  readonly #prefix: string;

  constructor(client: RedisScriptClient, options: RedisSessionStoreOptions = {}) {
    this.#client = client;
    this.#prefix = `{${options.keyPrefix ?? "decart-sessions"}}`;
  }

  async acquire(request: AcquireRequest): Promise<AcquireResult> {
    const keys = ["leases", "lease-owners", "line", "ticket-expiries", "ticket-owners", "sequence"].map(
      (name) => `${this.#prefix}:${name}`,
    );
    const args = [
      request.owner,
      request.ticket ?? "",
      request.leaseId,
      request.newTicket,
      Math.ceil(request.leaseMs),
      request.maxTotal,
      request.maxPerIdentity,
      request.queue?.maxSize ?? 0,
      Math.ceil(request.queue?.graceMs ?? 0),
    ];
    const reply = (await this.#run(ACQUIRE_SCRIPT, [...keys, this.#ownerKey(request.owner)], args)) as unknown[];
    const [status, ...rest] = reply.map(String);
    if (status === "granted") return { status, leaseId: rest[1] as string, expiresAt: Number(rest[0]) };
    if (status === "queued") {
      return { status, ticket: rest[0] as string, position: Number(rest[1]), size: Number(rest[2]) };
    }
    if (status === "session_limit" || status === "capacity") return { status };
    throw new Error(`RedisSessionStore: unexpected reply ${JSON.stringify(status)}`);
  }

  async release(leaseId: string, owner: string): Promise<void> {
    const keys = [`${this.#prefix}:leases`, `${this.#prefix}:lease-owners`, this.#ownerKey(owner)];
    await this.#run(RELEASE_SCRIPT, keys, [leaseId, owner]);
  }

  #ownerKey(owner: string): string {
    return `${this.#prefix}:owner:${owner}`;
  }

  async #run(target: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    const status = this.#client.status;
    // A client that lost its server would queue the command and run it later, after the route gave up on it. (A
    // first connection may queue: the route's budget bounds the wait, and gives back a slot granted too late.)
    if (status !== undefined && LOST.has(status)) throw new Error(`Redis is not connected (${status})`);
    try {
      target.sha ??= sha1Hex(target.text);
      return await this.#client.evalsha(await target.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error)?.message).includes("NOSCRIPT")) throw error;
      return await this.#client.eval(target.text, keys.length, ...keys, ...args);
    }
  }
}
