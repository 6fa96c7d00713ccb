import { errorCopy } from "./errorCopy";
import type { RealtimeError } from "./realtime";

export interface ErrorNoticeProps {
  error: RealtimeError;
  onRetry(): void;
  onSignIn(): void;
  /** The first model the policy allows, offered when the chosen one is refused. */
  fallbackModel: string | undefined;
  onPickModel(model: string): void;
  /** Sessions run on the local emulator (its connection failures have their own advice). */
  emulator: boolean;
}

/** One error in plain words, with the one thing that fixes it. */
export function ErrorNotice({ error, onRetry, onSignIn, fallbackModel, onPickModel, emulator }: ErrorNoticeProps) {
  const copy = errorCopy(error, { emulator });
  return (
    <div className="notice" role="alert" data-testid="error-notice" data-code={error.code}>
      <div className="notice-text">
        <strong>{copy.title}</strong>
        <span>{copy.detail}</span>
      </div>
      {copy.action === "sign-in" ? (
        <button type="button" className="button" onClick={onSignIn}>
          Sign in
        </button>
      ) : copy.action === "pick-model" && fallbackModel ? (
        <button type="button" className="button" onClick={() => onPickModel(fallbackModel)}>
          Use {fallbackModel}
        </button>
      ) : (
        <button type="button" className="button" onClick={onRetry}>
          {copy.retryLabel ?? "Try again"}
        </button>
      )}
    </div>
  );
}
