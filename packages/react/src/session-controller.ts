import { createDecartClient, models, type RealTimeClient } from "@decartai/sdk";
import { CameraHolder } from "./camera";
import { connectTimeout, DecartRealtimeError, Superseded, sdkError, serverError } from "./errors";
import { InputSender, samePrompt } from "./input-sender";
import {
  cameraKey,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_TOKEN_SAFETY_MARGIN_MS,
  type DecartRealtimeOptions,
  sessionChanged,
  tokenSourceKey,
} from "./options";
import { FIRST_ATTEMPT_JITTER_MS, reconnectPolicy, retryDelay, WakeableSleep } from "./reconnect-policy";
import { type DecartSdk, SdkSession } from "./sdk-session";
import { IDLE, StateStore } from "./store";
import { TokenSource } from "./token-source";
import type {
  CameraOptions,
  ImageInput,
  LeaseHolder,
  PromptInput,
  RealtimeInput,
  RealtimeModelName,
  RealtimeState,
  RealtimeStatus,
  RealtimeToken,
  ResolvedModel,
} from "./types";

const noop = () => {};

/** A session is starting, running or coming back (every status but the resting ones). */
const busy = (status: RealtimeStatus) =>
  status !== "idle" && status !== "ended" && status !== "error" && status !== "previewing";

/**
 * The whole realtime session lifecycle, without React: camera, token, SDK session, retries, cleanup.
 * Read it with `subscribe`/`getSnapshot` (the `useSyncExternalStore` contract). Every async step belongs to a run
 * (a generation number); anything that finishes for an older run is undone instead of applied.
 */
export class SessionController {
  readonly #store = new StateStore((status) => this.#options.onStatusChange?.(status));
  readonly #tokens: TokenSource;
  /** The session-admission lease holder, made when `admission` is first needed. */
  #leases: LeaseHolder | undefined;
  readonly #camera = new CameraHolder(() => this.#cameraLost());
  readonly #inputs: InputSender;
  #run = 0;
  #session: SdkSession | null = null;
  /** The backoff wait in progress, if any; a new run ends it. */
  readonly #waits = new WakeableSleep();
  #mountTicket = 0;
  #options: DecartRealtimeOptions;
  readonly #sdk: DecartSdk;
  readonly #random: () => number;

  constructor(options: DecartRealtimeOptions, sdk?: DecartSdk, random: () => number = Math.random) {
    this.#options = options;
    this.#sdk = sdk ?? options.sdk ?? { createDecartClient, models };
    this.#random = random;
    this.#store.state = this.#resting();
    this.#inputs = new InputSender(
      () => (this.#live() ? this.#session : null),
      (error, session) => this.#session === session && this.#report(sdkError(error)),
    );
    this.#inputs.setPrompt(options.prompt as PromptInput);
    if (options.image !== undefined) this.#inputs.setImage(options.image);
    this.#tokens = new TokenSource(
      () => this.#options.token,
      () => this.#options.tokenSafetyMarginMs ?? DEFAULT_TOKEN_SAFETY_MARGIN_MS,
      (queuePosition) => this.#store.update({ queuePosition }),
      () => this.#leases?.held ?? null,
      () => this.#options.admission,
    );
  }

  subscribe = this.#store.subscribe;
  getSnapshot = this.#store.getSnapshot;

  /** Takes the latest options: reacts to `enabled`, restarts for a new token source, model or URLs, swaps cameras. */
  setOptions(next: DecartRealtimeOptions): void {
    const previous = this.#options;
    this.#options = next;
    if (tokenSourceKey(previous) !== tokenSourceKey(next)) this.#tokens.invalidate();
    const status = this.#store.state.status;
    if ((previous.enabled !== false) !== (next.enabled !== false) && this.#store.attached) {
      if (next.enabled === false) this.disconnect();
      else void this.connect();
    } else if (sessionChanged(previous, next) && busy(status)) {
      void this.#start();
    } else if (previous.stream !== next.stream || cameraKey(previous.camera) !== cameraKey(next.camera)) {
      if (busy(status) || status === "previewing") void this.#switch(next.camera);
      else this.#store.update({ localStream: next.stream ?? null });
    }
    if (!samePrompt(previous.prompt, next.prompt) && next.prompt !== undefined) this.setPrompt(next.prompt);
    if (previous.image !== next.image && next.image !== undefined) this.setImage(next.image);
  }

  /** Called when a component mounts. Connecting waits a microtask so StrictMode's instant remount opens nothing twice. */
  mount(): void {
    this.#store.attached = true;
    const ticket = ++this.#mountTicket;
    if (this.#options.enabled === false) return;
    void Promise.resolve().then(() => {
      if (this.#store.attached && this.#mountTicket === ticket) void this.connect();
    });
  }

  /** Called when a component unmounts: releases everything and never notifies again (until a new mount). */
  unmount(): void {
    this.#store.attached = false;
    this.#mountTicket++;
    this.#stop();
    this.#store.state = this.#resting();
  }

  /** Starts a session unless one is already starting or running. Never rejects: failures land in `error`. */
  connect = (): Promise<void> => (busy(this.#store.state.status) ? Promise.resolve() : this.#start());

  /** Ends the session: aborts a pending token fetch, closes the SDK client, releases the lease, stops the camera. */
  disconnect = (): void => {
    this.#stop();
    this.#store.update(this.#resting());
  };

  /** Opens the camera without a token or a session (a preview); `connect()` then uses it without reopening. */
  startPreview = async (): Promise<void> => {
    if (busy(this.#store.state.status)) return;
    const run = this.#newRun();
    try {
      const stream = await this.#camera.acquire(this.#options.stream, this.#model(), this.#options.camera);
      this.#check(run);
      this.#store.update(this.#resting({ status: "previewing", localStream: stream }));
    } catch (error) {
      this.#fail(run, error);
    }
  };

  /** One atomic update (`prompt`, `enhance`, `image` in one message); sent now or when connected (latest wins). */
  set = (input: RealtimeInput): void => this.#inputs.set(input);
  /** Sends the prompt now if connected, otherwise queues it (the latest value wins). */
  setPrompt = (input: PromptInput): void => this.#inputs.setPrompt(input);
  /** Sends the reference image now if connected, otherwise queues it (the latest value wins). */
  setImage = (image: ImageInput): void => this.#inputs.setImage(image);

  /**
   * Opens another camera and publishes it in the running session (no new Decart session); without a session it
   * replaces the preview. Ignored while you pass your own `stream`.
   */
  switchCamera = (camera?: CameraOptions): Promise<void> => this.#switch(camera ?? this.#options.camera);

  /** The live SDK client, or `null`. Do not `disconnect()` it or reconnect it: the hook owns its life. */
  getClient = (): RealTimeClient | null => this.#session?.client ?? null;

  #live(): boolean {
    const { status } = this.#store.state;
    return this.#session?.client != null && (status === "connected" || status === "generating");
  }

  #model(): ResolvedModel {
    const { model } = this.#options;
    // An unknown name throws the SDK's MODEL_NOT_FOUND (never a crash: the caller turns it into model_not_found).
    return typeof model === "string" ? this.#sdk.models.realtime(model as RealtimeModelName) : model;
  }

  async #start(): Promise<void> {
    const run = this.#newRun();
    try {
      const model = this.#model();
      const given = this.#options.stream;
      const preview = this.#camera.stream && !given;
      this.#store.update(this.#resting({ status: given || preview ? "fetching-token" : "requesting-media" }));
      // The camera prompt and the token request run in parallel: neither waits for the other.
      const token = this.#tokens.get(model.name);
      const camera = this.#camera.acquire(given, model, this.#options.camera);
      // Show each answer as it arrives; the status names what is still awaited.
      const current = () => run === this.#run;
      token.then((answer) => current() && this.#store.update({ tokenExpiresAt: new Date(answer.expiresAt) }), noop);
      camera.then((stream) => {
        const waiting = this.#store.state.tokenExpiresAt ? {} : { status: "fetching-token" as const };
        if (current()) this.#store.update({ localStream: stream, ...waiting });
      }, noop);
      await camera;
      await this.#connect(run, model, token, false);
    } catch (error) {
      this.#fail(run, error);
    }
  }

  /**
   * Opens a session, retrying retryable failures (the first connection's and a dropped session's) with backoff
   * that honours the endpoint's `retryAfter`. A connect failure fetches the next token during the wait.
   */
  async #connect(run: number, model: ResolvedModel, token: Promise<RealtimeToken>, dropped: boolean): Promise<void> {
    const policy = reconnectPolicy(this.#options.reconnect);
    // After a drop, the attempt just scheduled is the first of `attempts`; a first connection gets `attempts` more.
    for (let retry = dropped ? 2 : 1; ; retry++) {
      let tokenFailed = true;
      try {
        const answer = await token;
        tokenFailed = false;
        await this.#openSession(run, model, answer);
        return;
      } catch (error) {
        if (run !== this.#run || error instanceof Superseded) return;
        const mapped = sdkError(error);
        if (mapped.code === "token_expired") this.#tokens.invalidate();
        if (!mapped.retryable || retry > policy.attempts) {
          this.#fail(run, error);
          return;
        }
        // The failure being retried stays readable while the hook waits (e.g. rate_limited with its retryAfter).
        this.#store.update({ status: dropped ? "reconnecting" : "connecting", remoteStream: null, error: mapped });
        const wait = this.#sleep(run, retryDelay(dropped ? retry - 1 : retry, mapped, policy, this.#random));
        const next = () => this.#tokens.get(model.name);
        token = tokenFailed ? wait.then(next) : Promise.all([wait, next()]).then(([, fresh]) => fresh);
      }
    }
  }

  async #openSession(run: number, model: ResolvedModel, token: RealtimeToken): Promise<void> {
    this.#check(run);
    if (token.lease) {
      this.#leases ??= this.#options.admission?.leases();
      this.#leases?.keep(token, this.#options.token);
    }
    const reconnecting = this.#store.state.status === "reconnecting";
    this.#store.update({
      status: reconnecting ? "reconnecting" : "connecting",
      tokenExpiresAt: new Date(token.expiresAt),
    });
    const camera = this.#camera.stream!;
    // No `this.#session === session` checks: a session is closed before it is replaced, and a closed one is silent.
    const session: SdkSession = new SdkSession(this.#sdk, this.#options.clientOptions, token.apiKey, camera, {
      remoteStream: (remoteStream) => this.#store.update({ remoteStream }),
      queuePosition: (position) => {
        // Waiting in Decart's queue is not a slow connection: the connect deadline stops counting.
        clearTimeout(deadline);
        this.#store.update({ queuePosition: { ...position, source: "decart" } });
      },
      generating: () => this.#store.update({ status: "generating" }),
      tick: (seconds) => this.#store.update({ generationSeconds: seconds }),
      serverError: (cause) => this.#report(serverError(cause)),
      dropped: () => this.#onDropped(run, model, session),
    });
    this.#session = session;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const timeoutMs = this.#options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const timedOut = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => reject(connectTimeout(timeoutMs)), timeoutMs);
    });
    const initial = this.#inputs.initialState();
    try {
      await Promise.race([session.open(model, initial, this.#options.connectOptions), timedOut]);
    } catch (error) {
      session.close();
      if (this.#session === session) this.#session = null;
      throw error;
    } finally {
      clearTimeout(deadline);
    }
    this.#check(run);
    this.#inputs.joined(initial);
    const maxDuration = token.constraints?.realtime?.maxSessionDuration;
    this.#store.update({
      status: session.generating ? "generating" : "connected",
      remoteStream: session.remoteStream,
      sessionId: session.client!.sessionId ?? null,
      subscribeToken: session.client!.subscribeToken ?? null,
      queuePosition: null,
      error: null,
      sessionEndsAt: maxDuration ? new Date(Date.now() + maxDuration * 1000) : null,
    });
    // The camera changed while connecting: publish the current one.
    if (this.#camera.stream && this.#camera.stream !== camera) void session.replaceCamera(this.#camera.stream);
    this.#inputs.flush();
  }

  #onDropped(run: number, model: ResolvedModel, session: SdkSession): void {
    session.close();
    this.#session = null;
    if (session.endReason !== null && !this.#options.renewSession) {
      this.#end(session.endReason);
      return;
    }
    if (reconnectPolicy(this.#options.reconnect).attempts === 0) {
      this.#fail(run, new DecartRealtimeError("connect_failed", "Session dropped"));
      return;
    }
    this.#store.update({ ...sessionGone, status: "reconnecting" });
    this.#inputs.reset();
    // The first attempt comes after a small jitter, its token fetched meanwhile (often still the cached one).
    const wait = this.#sleep(run, Math.round(this.#random() * FIRST_ATTEMPT_JITTER_MS));
    const token = Promise.all([wait, this.#tokens.get(model.name)]).then(([, fresh]) => fresh);
    void this.#connect(run, model, token, true);
  }

  async #switch(camera: CameraOptions | undefined): Promise<void> {
    const run = this.#run;
    try {
      const given = this.#options.stream;
      const stream = given
        ? await this.#camera.acquire(given, this.#model())
        : await this.#camera.open(this.#model(), camera);
      this.#check(run);
      this.#store.update({ localStream: stream });
      if (this.#live()) await this.#session!.replaceCamera(stream);
    } catch (error) {
      this.#fail(run, error);
    }
  }

  #cameraLost(): void {
    const { status } = this.#store.state;
    if (!busy(status) && status !== "previewing") return;
    this.#fail(this.#run, new DecartRealtimeError("camera_lost", "Camera track ended"));
  }

  #end(reason: string): void {
    this.#stop();
    const error = new DecartRealtimeError("session_ended", `Session ended: ${reason}`, { cause: { reason } });
    this.#store.update(this.#resting({ status: "ended", error, endReason: reason }));
    this.#options.onError?.(error);
  }

  #sleep(run: number, ms: number): Promise<void> {
    return this.#waits.sleep(ms).then(() => this.#check(run));
  }

  #check(run: number): void {
    if (run !== this.#run) throw new Superseded();
  }

  /** Ends the current run's token request, wait and SDK session (the camera stays); returns the new run number. */
  #newRun(): number {
    this.#run++;
    this.#tokens.cancel();
    this.#waits.wake();
    this.#session?.close();
    this.#session = null;
    this.#inputs.reset();
    return this.#run;
  }

  /** Ends everything: the run, the camera the hook opened, and the lease (a token minted with one is not reused). */
  #stop(): void {
    this.#newRun();
    this.#camera.release();
    if (this.#leases?.held) this.#tokens.invalidate();
    this.#leases?.release();
  }

  #fail(run: number, cause: unknown): void {
    // Only our own cancellations are silent; anything else, AbortError-named or not, is reported.
    if (run !== this.#run || cause instanceof Superseded) return;
    const error = sdkError(cause);
    this.#stop();
    this.#store.update(this.#resting({ status: "error", error }));
    this.#options.onError?.(error);
  }

  /** The state with no session: only a stream the caller gave stays visible. */
  #resting(patch: Partial<RealtimeState> = {}): RealtimeState {
    return { ...IDLE, localStream: this.#options.stream ?? null, ...patch };
  }

  #report(error: DecartRealtimeError): void {
    this.#store.update({ error });
    this.#options.onError?.(error);
  }
}

const sessionGone = {
  remoteStream: null,
  sessionId: null,
  subscribeToken: null,
  queuePosition: null,
  generationSeconds: null,
};
