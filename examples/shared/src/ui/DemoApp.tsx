import { useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { fetchPageConfig, type PageConfig, signIn, signOut } from "./api";
import { EmulatorBanner } from "./EmulatorBanner";
import { Header } from "./Header";
import { Studio } from "./Studio";

/** A `?model=` in the address (a shared link) wins over the policy's first model. */
function initialModel(config: PageConfig): string {
  const fromLink = new URLSearchParams(window.location.search).get("model");
  return fromLink || config.models[0] || "";
}

/** The whole page: who is signed in, where sessions run, and the studio. */
export function DemoApp() {
  const [config, setConfig] = useState<PageConfig | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const nameInputRef = useRef<HTMLInputElement>(null);
  const [signInRequests, setSignInRequests] = useState(0);

  const load = useCallback((signal?: AbortSignal) => {
    setLoadError(null);
    fetchPageConfig(signal).then(setConfig, (error: unknown) => {
      if (!signal?.aborted) setLoadError(error instanceof Error ? error.message : String(error));
    });
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // The server may know better than the page (signed out in another tab): reload who is signed in, then
  // put the cursor in the sign-in form once it shows.
  useEffect(() => {
    if (signInRequests > 0 && config && !config.user) nameInputRef.current?.focus();
  }, [signInRequests, config]);
  const requestSignIn = () => {
    if (config?.user) load();
    setSignInRequests((count) => count + 1);
  };

  if (loadError) {
    return (
      <div className="app app-center">
        <div className="notice" role="alert">
          <div className="notice-text">
            <strong>The app server can't be reached</strong>
            <span>{loadError}</span>
          </div>
          <button type="button" className="button" onClick={() => load()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (!config) return <div className="app app-center loading">Loading…</div>;

  return (
    <div className="app">
      <Header
        user={config.user}
        nameInputRef={nameInputRef}
        onSignIn={async (name) => {
          await signIn(name);
          load();
        }}
        onSignOut={async () => {
          // End the session while still signed in: its lease is given back with this user's cookie (a release
          // is authorized like a token request), so signing in again finds the slot free.
          flushSync(() => setConfig({ ...config, user: null }));
          await signOut();
          load();
        }}
      />
      {config.backend === "emulator" ? <EmulatorBanner /> : null}
      {/* A new user gets a new studio: the previous user's session ends with the old one. */}
      <Studio
        key={config.user?.id ?? "signed-out"}
        config={config}
        initialModel={initialModel(config)}
        onSignInRequested={requestSignIn}
      />
    </div>
  );
}
