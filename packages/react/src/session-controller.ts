import { createDecartClient, models } from "@decartai/sdk";
import { DecartRealtimeError, sdkError } from "./errors";
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
import type { ImageInput, PromptInput, RealtimeState, RealtimeToken, ResolvedModel } from "./types";

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

const BUSY = new Set(["requesting-media", "fetching-token", "connecting", "connected", "generating", "reconnecting"]);

/** Thrown inside a run that was superseded (disconnect, unmount, options change); never reported. */
class Superseded extends Error {}

type Prompt = { text: string; enhance?: boolean };

/**
 * The whole realtime session lifecycle, without React: camera, token, SDK session, reconnection, cleanup.
 * Read it with `subscribe`/`getSnapshot` (the `useSyncExternalStore` contract). Every async step belongs to a run
 * (a generation number); anything that finishes for an older run is undone instead of applied.
 */
export class SessionController {
  private state: RealtimeState;
  private readonly listeners = new Set<() => void>();
  private readonly tokens: TokenSource;
  private run = 0;
  private session: SdkSession | null = null;
  private camera: MediaStream | null = null;
  private ownsCamera = false;
  private sleeping: { timer: ReturnType<typeof setTimeout>; wake: () => void } | null = null;
  private attached = true;
  private mountTicket = 0;
  private prompt: Prompt | undefined;
  private image: ImageInput | undefined;
  private sent: { prompt: Prompt | undefined; image: ImageInput | undefined } = { prompt: undefined, image: undefined };

  constructor(
    private options: DecartRealtimeOptions,
    private readonly sdk: DecartSdk = { createDecartClient, models },
    private readonly random: () => number = Math.random,
  ) {
    this.state = { ...IDLE, localStream: options.stream ?? null };
    this.prompt = normalizePrompt(options.prompt);
    this.image = options.image;
    this.tokens = new TokenSource(
      () =>
        typeof this.options.token === "function" ? this.options.token : endpointFetcher(tokenSourceKey(this.options)),
      () => this.options.tokenSafetyMarginMs ?? DEFAULT_TOKEN_SAFETY_MARGIN_MS,
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RealtimeState => this.state;

  /** Server rendering: always the idle state, so markup never depends on the browser. */
  getServerSnapshot = (): RealtimeState => IDLE;

  /** Takes the latest options: restarts a live session whose token source, model, stream or URLs changed. */
  setOptions(next: DecartRealtimeOptions): void {
    const previous = this.options;
    this.options = next;
    if (tokenSourceKey(previous) !== tokenSourceKey(next)) this.tokens.invalidate();
    if (sessionChanged(previous, next)) {
      if (BUSY.has(this.state.status)) void this.start();
      else this.update({ localStream: next.stream ?? null });
    }
    if (!samePrompt(previous.prompt, next.prompt) && next.prompt !== undefined) this.setPrompt(next.prompt);
    if (previous.image !== next.image && next.image !== undefined) this.setImage(next.image);
  }

  /** Called when a component mounts. Connecting waits a microtask so StrictMode's instant remount opens nothing twice. */
  mount(): void {
    this.attached = true;
    const ticket = ++this.mountTicket;
    if (this.options.autoConnect === false) return;
    void Promise.resolve().then(() => {
      if (this.attached && this.mountTicket === ticket) void this.connect();
    });
  }

  /** Called when a component unmounts: releases everything and never notifies again (until a new mount). */
  unmount(): void {
    this.attached = false;
    this.mountTicket++;
    this.release();
    this.state = { ...IDLE, localStream: this.options.stream ?? null };
  }

  /** Starts a session unless one is already starting or running. Never rejects: failures land in `error`. */
  connect(): Promise<void> {
    return BUSY.has(this.state.status) ? Promise.resolve() : this.start();
  }

  /** Ends the session: aborts a pending token fetch, closes the SDK client, stops the camera the hook opened. */
  disconnect(): void {
    this.release();
    this.update({ ...IDLE, localStream: this.options.stream ?? null });
  }

  /** Sends the prompt now if connected, otherwise queues it (the latest value wins). */
  setPrompt(input: PromptInput): void {
    this.prompt = normalizePrompt(input);
    if (this.live()) this.sendQueued();
  }

  /** Sends the reference image now if connected, otherwise queues it (the latest value wins). */
  setImage(image: ImageInput): void {
    this.image = image;
    if (this.live()) this.sendQueued();
  }

  private live(): boolean {
    return this.session !== null && (this.state.status === "connected" || this.state.status === "generating");
  }

  private async start(): Promise<void> {
    const run = this.release();
    try {
      const model = this.resolveModel();
      const given = this.options.stream;
      this.update({ ...IDLE, status: given ? "fetching-token" : "requesting-media", localStream: given ?? null });
      // The camera prompt and the token request run in parallel: neither waits for the other.
      let tokenReady = false;
      const token = this.tokens.get(model.name);
      token.then(
        (answer) => {
          tokenReady = true;
          if (run === this.run) this.update({ tokenExpiresAt: new Date(answer.expiresAt) });
        },
        () => {},
      );
      const camera = given ? Promise.resolve(given) : this.openOwnCamera(run, model);
      camera.then(
        (stream) =>
          run === this.run && this.update({ localStream: stream, ...(tokenReady ? {} : { status: "fetching-token" }) }),
        () => {},
      );
      const [stream, firstToken] = await Promise.all([camera, token]);
      this.check(run);
      this.camera = stream;
      try {
        await this.openSession(run, model, firstToken);
      } catch (error) {
        // A token refused at connect time (expired in transit, server restarted): one more try with a fresh one.
        if (sdkError(error).code !== "token_expired") throw error;
        this.tokens.invalidate();
        await this.openSession(run, model, await this.tokens.get(model.name));
      }
    } catch (error) {
      this.fail(run, error);
    }
  }

  private resolveModel(): ResolvedModel {
    const { model } = this.options;
    return typeof model === "string"
      ? this.sdk.models.realtime(model as Parameters<DecartSdk["models"]["realtime"]>[0])
      : model;
  }

  private async openOwnCamera(run: number, model: ResolvedModel): Promise<MediaStream> {
    const stream = await openCamera(model);
    if (run !== this.run) {
      stopStream(stream);
      throw new Superseded();
    }
    this.ownsCamera = true;
    this.camera = stream;
    return stream;
  }

  private async openSession(run: number, model: ResolvedModel, token: RealtimeToken): Promise<void> {
    this.check(run);
    const reconnecting = this.state.status === "reconnecting";
    this.update({ status: reconnecting ? "reconnecting" : "connecting", tokenExpiresAt: new Date(token.expiresAt) });
    const initial = { prompt: this.prompt, image: this.image };
    const session: SdkSession = new SdkSession(this.sdk, this.options.clientOptions, token.apiKey, this.camera!, {
      remoteStream: (remoteStream) => this.session === session && this.update({ remoteStream }),
      queuePosition: (queuePosition) => run === this.run && this.update({ queuePosition }),
      generating: () => this.session === session && this.update({ status: "generating" }),
      dropped: () => this.session === session && this.onDropped(run, model, session),
    });
    this.session = session;
    try {
      await session.open(model, {
        ...(initial.prompt?.text
          ? { prompt: { text: initial.prompt.text, enhance: initial.prompt.enhance ?? true } }
          : {}),
        ...(initial.image != null ? { image: initial.image } : {}),
      });
    } catch (error) {
      session.close();
      if (this.session === session) this.session = null;
      throw error;
    }
    this.check(run);
    this.sent = initial;
    const maxDuration = token.constraints?.realtime?.maxSessionDuration;
    this.update({
      status: session.generating ? "generating" : "connected",
      remoteStream: session.remoteStream,
      sessionId: session.sessionId,
      queuePosition: null,
      error: null,
      sessionEndsAt: maxDuration ? new Date(Date.now() + maxDuration * 1000) : null,
    });
    this.sendQueued();
  }

  private onDropped(run: number, model: ResolvedModel, session: SdkSession): void {
    session.close();
    this.session = null;
    if (session.endReason !== null && !this.options.renewSession) {
      this.release();
      const error = new DecartRealtimeError("session_ended", `The server ended the session: ${session.endReason}`, {
        cause: { reason: session.endReason },
      });
      this.update({ ...IDLE, status: "ended", error, localStream: this.options.stream ?? null });
      return;
    }
    void this.reconnect(run, model);
  }

  /** Fresh token when needed, fresh camera clones, a new SDK client; bounded attempts with jittered backoff. */
  private async reconnect(run: number, model: ResolvedModel): Promise<void> {
    const policy = reconnectPolicy(this.options.reconnect);
    let last: unknown = new DecartRealtimeError("connect_failed", "The realtime session dropped");
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
      this.update({ status: "reconnecting", remoteStream: null, sessionId: null, queuePosition: null });
      try {
        await this.sleep(run, backoffDelay(attempt, policy, this.random));
        await this.openSession(run, model, await this.tokens.get(model.name));
        return;
      } catch (error) {
        if (run !== this.run || error instanceof Superseded) return;
        last = error;
        const mapped = sdkError(error);
        if (mapped.code === "token_expired") this.tokens.invalidate();
        if (!mapped.retryable) break;
      }
    }
    this.fail(run, last);
  }

  private sleep(run: number, ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        this.sleeping = null;
        resolve();
      };
      this.sleeping = { timer: setTimeout(wake, ms), wake };
    }).then(() => this.check(run));
  }

  private sendQueued(): void {
    const session = this.session!;
    const report = (error: unknown) => this.session === session && this.report(sdkError(error));
    if (this.prompt?.text && !samePrompt(this.prompt, this.sent.prompt)) {
      this.sent.prompt = this.prompt;
      session.setPrompt(this.prompt.text, this.prompt.enhance).catch(report);
    }
    if (this.image !== undefined && this.image !== this.sent.image) {
      this.sent.image = this.image;
      session.setImage(this.image).catch(report);
    }
  }

  private check(run: number): void {
    if (run !== this.run) throw new Superseded();
  }

  /** Ends the current run and everything it owns; returns the new run number. */
  private release(): number {
    this.run++;
    this.tokens.cancel();
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.wake();
    }
    this.session?.close();
    this.session = null;
    if (this.ownsCamera) stopStream(this.camera);
    this.camera = null;
    this.ownsCamera = false;
    this.sent = { prompt: undefined, image: undefined };
    return this.run;
  }

  private fail(run: number, cause: unknown): void {
    if (run !== this.run || cause instanceof Superseded || (cause as Error)?.name === "AbortError") return;
    const error = sdkError(cause);
    this.release();
    this.update({ ...IDLE, status: "error", error, localStream: this.options.stream ?? null });
    this.options.onError?.(error);
  }

  private report(error: DecartRealtimeError): void {
    this.update({ error });
    this.options.onError?.(error);
  }

  private update(patch: Partial<RealtimeState>): void {
    if (!this.attached) return;
    const previous = this.state;
    const keys = Object.keys(patch) as (keyof RealtimeState)[];
    if (keys.every((key) => sameValue(previous[key], patch[key]))) return;
    this.state = { ...previous, ...patch };
    for (const listener of this.listeners) listener();
    if (this.state.status !== previous.status) this.options.onStatusChange?.(this.state.status);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}
