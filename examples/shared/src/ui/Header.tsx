import { type FormEvent, type RefObject, useState } from "react";
import type { DemoUser } from "./api";

export interface HeaderProps {
  user: DemoUser | null;
  onSignIn(name: string): Promise<void>;
  onSignOut(): Promise<void>;
  /** Focused when the page asks the visitor to sign in. */
  nameInputRef: RefObject<HTMLInputElement | null>;
}

function SignInForm({ onSignIn, nameInputRef }: Pick<HeaderProps, "onSignIn" | "nameInputRef">) {
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      await onSignIn(name);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="signin" onSubmit={submit} aria-label="Sign in">
      <input
        ref={nameInputRef}
        className="input"
        name="name"
        autoComplete="nickname"
        placeholder="Your name"
        aria-label="Your name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        aria-invalid={failed || undefined}
        title={failed ? "Signing in failed. Try again." : undefined}
        required
      />
      <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>
        Sign in
      </button>
    </form>
  );
}

export function Header({ user, onSignIn, onSignOut, nameInputRef }: HeaderProps) {
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span>
          Realtime Studio <span className="brand-sub">decart-kit example</span>
        </span>
      </div>
      {user ? (
        <div className="account">
          <span className="avatar" aria-hidden="true">
            {user.name.slice(0, 1).toUpperCase()}
          </span>
          <span className="account-name" data-testid="signed-in-user">
            {user.name}
          </span>
          <button type="button" className="button button-quiet" onClick={() => void onSignOut()}>
            Sign out
          </button>
        </div>
      ) : (
        <SignInForm onSignIn={onSignIn} nameInputRef={nameInputRef} />
      )}
    </header>
  );
}
