import { createDecartClient, models } from "@decartai/sdk";
import { DecartRealtimeError, Superseded, sdkError } from "./errors";
import { openCamera, stopStream } from "./media";
import {
  DEFAULT_TOKEN_SAFETY_MARGIN_MS,
  type DecartRealtimeOptions,
  normalizePrompt,
  samePrompt,
  sessionChanged,
  tokenSourceKey,
} from "./options";
import { backoffDelay, reconnectPolicy } from "./reconnect-policy";
import { type DecartSdk, SdkSession } from "./sdk-session";
import { endpointFetcher, TokenSource } from "./token-source";
import type { ImageInput, PromptInput, RealtimeState, RealtimeStatus, RealtimeToken, ResolvedModel } from "./types";

const IDLE: RealtimeState = {
  status: "idle",
  remoteStream: null,
  localStream: null,
  error: null,
  queuePosition: null,
  sessionId: null,
  tokenExpiresAt: null,
  sessionEndsAt: null,
};

const noop = () => {};

/** A session is starting, running or coming back (every status but the three resting ones). */
const busy = (status: RealtimeStatus) => status !== "idle" && status !== "ended" && status !== "error";

type Prompt = { text: string; enhance?: boolean };

/**
 * The whole realtime session lifecycle, without React: camera, token, SDK session, reconnection, cleanup.
 * Read it with `subscribe`/`getSnapshot` (the `useSyncExternalStore` contract). Every async step belongs to a run
 * (a generation number); anything that finishes for an older run is undone instead of applied.
 */
export class SessionController {
  #state: RealtimeState;
  readonly #listeners = new Set<() => void>();
  readonly #tokens: TokenSource;
  #run = 0;
  #session: SdkSession | null = null;
  #camera: MediaStream | null = null;
  #ownsCamera = false;
  /** Ends the backoff wait in progress, if any. */
  #wake: (() => void) | null = null;
  #attached = true;
  #mountTicket = 0;
  #prompt: Prompt | undefined;
  #image: ImageInput | undefined;
  #sent: { prompt: Prompt | undefined; image: ImageInput | undefined } = { prompt: undefined, image: undefined };

  #options: DecartRealtimeOptions;
  readonly #sdk: DecartSdk;
  readonly #random: () => number;

  constructor(
    options: DecartRealtimeOptions,
    sdk: DecartSdk = { createDecartClient, models },
    random: () => number = Math.random,
  ) {
    this.#options = options;
    this.#sdk = sdk;
    this.#random = random;
    this.#state = this.#resting();
    this.#prompt = normalizePrompt(options.prompt);
    this.#image = options.image;
    this.#tokens = new TokenSource(
      () =>
        typeof this.#options.token === "function"
          ? this.#options.token
          : endpointFetcher(tokenSourceKey(this.#options)),
      () => this.#options.tokenSafetyMarginMs ?? DEFAULT_TOKEN_SAFETY_MARGIN_MS,
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): RealtimeState => this.#state;

  /** Takes the latest options: restarts a live session whose token source, model, stream or URLs changed. */
  setOptions(next: DecartRealtimeOptions): void {
    const previous = this.#options;
    this.#options = next;
    if (tokenSourceKey(previous) !== tokenSourceKey(next)) this.#tokens.invalidate();
    if (sessionChanged(previous, next)) {
      if (busy(this.#state.status)) void this.#start();
      else this.#update({ localStream: next.stream ?? null });
    }
    if (!samePrompt(previous.prompt, next.prompt) && next.prompt !== undefined) this.setPrompt(next.prompt);
    if (previous.image !== next.image && next.image !== undefined) this.setImage(next.image);
  }

  /** Called when a component mounts. Connecting waits a microtask so StrictMode's instant remount opens nothing twice. */
  mount(): void {
    this.#attached = true;
    const ticket = ++this.#mountTicket;
    if (this.#options.autoConnect === false) return;
    void Promise.resolve().then(() => {
      if (this.#attached && this.#mountTicket === ticket) void this.connect();
    });
  }

  /** Called when a component unmounts: releases everything and never notifies again (until a new mount). */
  unmount(): void {
    this.#attached = false;
    this.#mountTicket++;
    this.#release();
    this.#state = this.#resting();
  }

  /** Starts a session unless one is already starting or running. Never rejects: failures land in `error`. */
  connect = (): Promise<void> => {
    return busy(this.#state.status) ? Promise.resolve() : this.#start();
  };

  /** Ends the session: aborts a pending token fetch, closes the SDK client, stops the camera the hook opened. */
  disconnect = (): void => {
    this.#release();
    this.#update(this.#resting());
  };

  /** Sends the prompt now if connected, otherwise queues it (the latest value wins). */
  setPrompt = (input: PromptInput): void => {
    this.#prompt = normalizePrompt(input);
    if (this.#live()) this.#sendQueued();
  };

  /** Sends the reference image now if connected, otherwise queues it (the latest value wins). */
  setImage = (image: ImageInput): void => {
    this.#image = image;
    if (this.#live()) this.#sendQueued();
  };

  #live(): boolean {
    return this.#session !== null && (this.#state.status === "connected" || this.#state.status === "generating");
  }

  async #start(): Promise<void> {
    const run = this.#release();
    try {
      const { model: name } = this.#options;
      // An unknown name throws the SDK's MODEL_NOT_FOUND here, before any camera or token: model_not_found.
      const model: ResolvedModel = typeof name === "string" ? this.#sdk.models.realtime(name as "lucy-2.1") : name;
      const given = this.#options.stream;
      this.#update(this.#resting({ status: given ? "fetching-token" : "requesting-media" }));
      // The camera prompt and the token request run in parallel: neither waits for the other.
      const token = this.#tokens.get(model.name);
      const camera = given ? Promise.resolve(given) : this.#openOwnCamera(run, model);
      // Show each answer as it arrives; the status names what is still awaited.
      const current = () => run === this.#run;
      token.then((answer) => current() && this.#update({ tokenExpiresAt: new Date(answer.expiresAt) }), noop);
      camera.then((stream) => {
        const waiting = this.#state.tokenExpiresAt ? {} : { status: "fetching-token" as const };
        if (current()) this.#update({ localStream: stream, ...waiting });
      }, noop);
      const [stream, firstToken] = await Promise.all([camera, token]);
      this.#check(run);
      this.#camera = stream;
      await this.#openSession(run, model, firstToken);
    } catch (error) {
      this.#fail(run, error);
    }
  }

  async #openOwnCamera(run: number, model: ResolvedModel): Promise<MediaStream> {
    const stream = await openCamera(model);
    if (run !== this.#run) {
      stopStream(stream);
      throw new Superseded();
    }
    this.#ownsCamera = true;
    this.#camera = stream;
    return stream;
  }

  async #openSession(run: number, model: ResolvedModel, token: RealtimeToken): Promise<void> {
    this.#check(run);
    const reconnecting = this.#state.status === "reconnecting";
    this.#update({ status: reconnecting ? "reconnecting" : "connecting", tokenExpiresAt: new Date(token.expiresAt) });
    const initial = { prompt: this.#prompt, image: this.#image };
    const session: SdkSession = new SdkSession(this.#sdk, this.#options.clientOptions, token.apiKey, this.#camera!, {
      remoteStream: (remoteStream) => this.#session === session && this.#update({ remoteStream }),
      queuePosition: (queuePosition) => run === this.#run && this.#update({ queuePosition }),
      generating: () => this.#session === session && this.#update({ status: "generating" }),
      dropped: () => this.#session === session && this.#onDropped(run, model, session),
    });
    this.#session = session;
    try {
      // No prompt/image keys for empty values: the SDK rejects empty prompt text and a null image at join time.
      await session.open(model, {
        prompt: initial.prompt?.text ? (initial.prompt as { text: string; enhance: boolean }) : undefined,
        image: initial.image ?? undefined,
      });
    } catch (error) {
      session.close();
      if (this.#session === session) this.#session = null;
      throw error;
    }
    this.#check(run);
    this.#sent = initial;
    const maxDuration = token.constraints?.realtime?.maxSessionDuration;
    this.#update({
      status: session.generating ? "generating" : "connected",
      remoteStream: session.remoteStream,
      sessionId: session.sessionId,
      queuePosition: null,
      error: null,
      sessionEndsAt: maxDuration ? new Date(Date.now() + maxDuration * 1000) : null,
    });
    this.#sendQueued();
  }

  #onDropped(run: number, model: ResolvedModel, session: SdkSession): void {
    session.close();
    this.#session = null;
    if (session.endReason !== null && !this.#options.renewSession) {
      this.#release();
      const error = new DecartRealtimeError("session_ended", `Session ended: ${session.endReason}`, {
        cause: { reason: session.endReason },
      });
      this.#update(this.#resting({ status: "ended", error }));
      this.#options.onError?.(error);
      return;
    }
    void this.#reconnect(run, model);
  }

  /** Fresh token when needed, fresh camera clones, a new SDK client; bounded attempts with jittered backoff. */
  async #reconnect(run: number, model: ResolvedModel): Promise<void> {
    const policy = reconnectPolicy(this.#options.reconnect);
    let last: unknown = new DecartRealtimeError("connect_failed", "Session dropped");
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      this.#update({ status: "reconnecting", remoteStream: null, sessionId: null, queuePosition: null });
      try {
        await this.#sleep(run, backoffDelay(attempt, policy, this.#random));
        await this.#openSession(run, model, await this.#tokens.get(model.name));
        return;
      } catch (error) {
        if (run !== this.#run || error instanceof Superseded) return;
        last = error;
        const mapped = sdkError(error);
        if (mapped.code === "token_expired") this.#tokens.invalidate();
        if (!mapped.retryable) break;
      }
    }
    this.#fail(run, last);
  }

  #sleep(run: number, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.#wake?.(), ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
    }).then(() => this.#check(run));
  }

  #sendQueued(): void {
    const session = this.#session!;
    const report = (error: unknown) => this.#session === session && this.#report(sdkError(error));
    if (this.#prompt?.text && !samePrompt(this.#prompt, this.#sent.prompt)) {
      this.#sent.prompt = this.#prompt;
      session.setPrompt(this.#prompt.text, this.#prompt.enhance).catch(report);
    }
    if (this.#image !== undefined && this.#image !== this.#sent.image) {
      this.#sent.image = this.#image;
      session.setImage(this.#image).catch(report);
    }
  }

  #check(run: number): void {
    if (run !== this.#run) throw new Superseded();
  }

  /** Ends the current run and everything it owns; returns the new run number. */
  #release(): number {
    this.#run++;
    this.#tokens.cancel();
    this.#wake?.();
    this.#session?.close();
    this.#session = null;
    if (this.#ownsCamera) stopStream(this.#camera);
    this.#camera = null;
    this.#ownsCamera = false;
    this.#sent = { prompt: undefined, image: undefined };
    return this.#run;
  }

  #fail(run: number, cause: unknown): void {
    // Only our own cancellations are silent; anything else, AbortError-named or not, is reported.
    if (run !== this.#run || cause instanceof Superseded) return;
    const error = sdkError(cause);
    this.#release();
    this.#update(this.#resting({ status: "error", error }));
    this.#options.onError?.(error);
  }

  /** The state with no session: only a stream the caller gave stays visible. */
  #resting(patch: Partial<RealtimeState> = {}): RealtimeState {
    return { ...IDLE, localStream: this.#options.stream ?? null, ...patch };
  }

  #report(error: DecartRealtimeError): void {
    this.#update({ error });
    this.#options.onError?.(error);
  }

  #update(patch: Partial<RealtimeState>): void {
    if (!this.#attached) return;
    const previous = this.#state;
    const keys = Object.keys(patch) as (keyof RealtimeState)[];
    if (keys.every((key) => sameValue(previous[key], patch[key]))) return;
    this.#state = { ...previous, ...patch };
    for (const listener of this.#listeners) listener();
    if (this.#state.status !== previous.status) this.#options.onStatusChange?.(this.#state.status);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}
