import type { RealTimeClientInitialState } from "@decartai/sdk";
import type { SdkSession } from "./sdk-session";
import type { ImageInput, PromptInput, RealtimeInput } from "./types";

type Prompt = { text: string; enhance?: boolean };

export function normalizePrompt(prompt: PromptInput | undefined): Prompt | undefined {
  if (prompt === undefined) return undefined;
  return typeof prompt === "string" ? { text: prompt } : prompt;
}

export function samePrompt(a: PromptInput | undefined, b: PromptInput | undefined): boolean {
  const x = normalizePrompt(a);
  const y = normalizePrompt(b);
  return x?.text === y?.text && x?.enhance === y?.enhance;
}

/**
 * What the model is told (prompt, enhancement, reference image) and what it was told last. Sends coalesce: while
 * one send is in flight, later changes only replace the value that waits, so typing fast sends a handful of
 * messages, not one per key. A prompt and an image changed together go out in one `set` message.
 */
export class InputSender {
  #prompt: Prompt | undefined;
  #image: ImageInput | undefined;
  #sent: { prompt: Prompt | undefined; image: ImageInput | undefined } = { prompt: undefined, image: undefined };
  #inflight = false;
  readonly #live: () => SdkSession | null;
  readonly #report: (error: unknown, session: SdkSession) => void;

  constructor(live: () => SdkSession | null, report: (error: unknown, session: SdkSession) => void) {
    this.#live = live;
    this.#report = report;
  }

  /** The fields given replace the current ones (`image: null` clears the image), then go out together. */
  set(input: RealtimeInput): void {
    if (input.prompt !== undefined) this.#prompt = { text: input.prompt, enhance: input.enhance };
    if (input.image !== undefined) this.#image = input.image;
    this.flush();
  }

  setPrompt(prompt: PromptInput): void {
    this.#prompt = normalizePrompt(prompt);
    this.flush();
  }

  setImage(image: ImageInput): void {
    this.#image = image;
    this.flush();
  }

  /** The state to join with; it counts as sent once the session opens. No keys for empty values (the SDK refuses them). */
  initialState(): RealTimeClientInitialState | undefined {
    const prompt = this.#prompt?.text ? (this.#prompt as { text: string; enhance: boolean }) : undefined;
    const image = this.#image ?? undefined;
    return prompt || image ? { prompt, image } : undefined;
  }

  joined(state: RealTimeClientInitialState | undefined): void {
    this.#sent = { prompt: state?.prompt, image: state?.image };
  }

  /** A new session starts from nothing sent. */
  reset(): void {
    this.#sent = { prompt: undefined, image: undefined };
  }

  /** Sends what changed to the live session, one message at a time. */
  flush(): void {
    const session = this.#live();
    const client = session?.client;
    if (!client || this.#inflight) return;
    const prompt = this.#prompt?.text && !samePrompt(this.#prompt, this.#sent.prompt) ? this.#prompt : undefined;
    const image = this.#image !== undefined && this.#image !== this.#sent.image ? this.#image : undefined;
    if (!prompt && image === undefined) return;
    if (prompt) this.#sent.prompt = prompt;
    if (image !== undefined) this.#sent.image = image;
    const sending =
      image === undefined
        ? client.setPrompt(prompt!.text, { enhance: prompt!.enhance })
        : client.set({ prompt: prompt?.text, enhance: prompt?.enhance, image });
    this.#inflight = true;
    sending
      .catch((error: unknown) => this.#report(error, session))
      .finally(() => {
        this.#inflight = false;
        if (this.#live() === session) this.flush();
      });
  }
}
