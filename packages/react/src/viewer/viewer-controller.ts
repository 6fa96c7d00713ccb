import { createDecartClient, type RealTimeSubscribeClient } from "@decartai/sdk";
import { type DecartRealtimeError, Superseded } from "../errors";
import { DEFAULT_TOKEN_SAFETY_MARGIN_MS, tokenSourceKey } from "../options";
import { backoffDelay, reconnectPolicy, WakeableSleep } from "../reconnect-policy";
import { TokenSource } from "../token-source";
import { DEFAULT_VIEWER_TOKEN_ENDPOINT, type DecartViewerOptions, type ViewerState } from "./types";
import { StreamEnded, watchError } from "./watch-errors";

/** The one thing the viewer takes from `@decartai/sdk` (injectable so the controller can be tested without it). */
export interface ViewerSdk {
  createDecartClient: typeof createDecartClient;
}

const IDLE: ViewerState = { status: "idle", remoteStream: null, error: null };

/**
 * Watching one live session without React: viewer token, `realtime.subscribe`, re-subscribing after a drop,
 * cleanup. Read it with `subscribe`/`getSnapshot`. Every async step belongs to a run (a generation number); a
 * subscription that arrives for an older run is disconnected at once. The server is the judge of "still live":
 * after a drop the viewer asks again, and a 404 from `/watch-stream` means the publisher's session is over.
 */
export class ViewerController {
  #state: ViewerState = IDLE;
  readonly #listeners = new Set<() => void>();
  readonly #tokens: TokenSource;
  #run = 0;
  #client: RealTimeSubscribeClient | null = null;

  /** The backoff wait in progress, if any; a new run ends it. */
  readonly #waits = new WakeableSleep();
  #attached = true;
  #mountTicket = 0;
  #options: DecartViewerOptions;
  readonly #sdk: ViewerSdk;
  readonly #random: () => number;

  constructor(options: DecartViewerOptions, sdk: ViewerSdk = { createDecartClient }, random = Math.random) {
    this.#options = options;
    this.#sdk = sdk;
    this.#random = random;
    // A viewer asks for no model unless told to (the body is then `{}`), holds no lease and never queues.
    this.#tokens = new TokenSource(
      () => this.#options.token ?? DEFAULT_VIEWER_TOKEN_ENDPOINT,
      () => DEFAULT_TOKEN_SAFETY_MARGIN_MS,
      () => {},
      () => null,
      () => undefined,
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): ViewerState => this.#state;

  /** Takes the latest options; another subscribe token, token source or base URL watches afresh. */
  setOptions(next: DecartViewerOptions): void {
    const previous = this.#options;
    this.#options = next;
    const sourceChanged = viewerTokenKey(previous) !== viewerTokenKey(next) || previous.model !== next.model;
    if (sourceChanged) this.#tokens.invalidate();
    const changed =
      sourceChanged ||
      previous.subscribeToken !== next.subscribeToken ||
      previous.clientOptions?.baseUrl !== next.clientOptions?.baseUrl;
    if (changed && this.#attached && this.#mountTicket > 0) void this.#start();
  }

  /** Called when a component mounts. Watching waits a microtask so StrictMode's instant remount opens nothing twice. */
  mount(): void {
    this.#attached = true;
    const ticket = ++this.#mountTicket;
    void Promise.resolve().then(() => {
      if (this.#attached && this.#mountTicket === ticket) void this.#start();
    });
  }

  /** Called when a component unmounts: releases everything and never notifies again (until a new mount). */
  unmount(): void {
    this.#attached = false;
    this.#mountTicket++;
    this.#release();
    this.#state = IDLE;
  }

  async #start(): Promise<void> {
    const run = this.#release();
    if (!this.#options.subscribeToken) {
      this.#update(IDLE);
      return;
    }
    this.#update({ ...IDLE, status: "fetching-token" });
    await this.#watch(run, 0);
  }

  /** Subscribes until it works, the stream turns out to be over, or the attempts run out. */
  async #watch(run: number, failures: number): Promise<void> {
    const policy = reconnectPolicy(this.#options.reconnect);
    for (let attempt = failures; ; attempt++) {
      try {
        if (attempt > 0) await this.#sleep(run, backoffDelay(attempt, policy, this.#random));
        await this.#subscribeOnce(run);
        return;
      } catch (cause) {
        if (run !== this.#run || cause instanceof Superseded) return;
        const outcome = watchError(cause);
        if (outcome instanceof StreamEnded) return this.#end(IDLE.error);
        if (outcome.code === "token_expired") this.#tokens.invalidate();
        if (!outcome.retryable || attempt + 1 > policy.attempts) return this.#end(outcome);
        this.#update({ status: "reconnecting", remoteStream: null, error: outcome });
      }
    }
  }

  async #subscribeOnce(run: number): Promise<void> {
    const token = await this.#tokens.get(this.#options.model ?? "");
    this.#check(run);
    if (this.#state.status === "fetching-token") this.#update({ status: "connecting" });
    const decart = this.#sdk.createDecartClient({ ...this.#options.clientOptions, apiKey: token.apiKey });
    let client: RealTimeSubscribeClient | null = null;
    const subscription = await decart.realtime.subscribe({
      token: this.#options.subscribeToken ?? "",
      onRemoteStream: (remoteStream) => run === this.#run && this.#update({ remoteStream }),
      onConnectionChange: (state) => {
        if (client && client === this.#client && (state === "disconnected" || state === "reconnecting")) {
          this.#dropped(run);
        }
      },
    });
    if (run !== this.#run) {
      subscription.disconnect();
      throw new Superseded();
    }
    if (!subscription.isConnected()) {
      // The room went away between joining and now: ask again (a 404 then ends it).
      subscription.disconnect();
      throw new Error("watch connection lost while joining");
    }
    client = subscription;
    this.#client = subscription;
    this.#update({ status: "connected", error: null });
  }

  /** The connection dropped (or the room closed): let go of it and ask the server whether the stream lives on. */
  #dropped(run: number): void {
    this.#closeClient();
    this.#update({ status: "reconnecting", remoteStream: null });
    void this.#watch(run, 0);
  }

  #sleep(run: number, ms: number): Promise<void> {
    return this.#waits.sleep(ms).then(() => this.#check(run));
  }

  #check(run: number): void {
    if (run !== this.#run) throw new Superseded();
  }

  #closeClient(): void {
    const client = this.#client;
    this.#client = null;
    client?.disconnect();
  }

  /** Ends the current run and everything it owns; returns the new run number. */
  #release(): number {
    this.#run++;
    this.#tokens.cancel();
    this.#waits.wake();
    this.#closeClient();
    return this.#run;
  }

  /** `ended` (no error) when the stream is over; `error` with the reason otherwise. */
  #end(error: DecartRealtimeError | null): void {
    this.#release();
    this.#update({ status: error ? "error" : "ended", remoteStream: null, error });
    if (error) this.#options.onError?.(error);
  }

  #update(patch: Partial<ViewerState>): void {
    if (!this.#attached) return;
    const previous = this.#state;
    const keys = Object.keys(patch) as (keyof ViewerState)[];
    if (keys.every((key) => Object.is(previous[key], patch[key]))) return;
    this.#state = { ...previous, ...patch };
    for (const listener of this.#listeners) listener();
    if (this.#state.status !== previous.status) this.#options.onStatusChange?.(this.#state.status);
  }
}

function viewerTokenKey(options: DecartViewerOptions): string {
  return tokenSourceKey({ model: "", token: options.token ?? DEFAULT_VIEWER_TOKEN_ENDPOINT });
}
