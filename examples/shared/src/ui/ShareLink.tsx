import { useState } from "react";

export interface ShareLinkProps {
  /** The running session's subscribe token; `null` while there is no session to share. */
  subscribeToken: string | null | undefined;
}

/** Where a viewer watches a session: the token rides in the fragment, so it never reaches a server log. */
export function watchLink(subscribeToken: string): string {
  return `${window.location.origin}/watch#${subscribeToken}`;
}

/**
 * "Share": a link anyone can open to watch the live result. Each session has its own link; a reconnect starts a new
 * session, so the link changes and viewers of the old one see that the stream ended.
 */
export function ShareLink({ subscribeToken }: ShareLinkProps) {
  const [shown, setShown] = useState<string | null>(null);
  if (!subscribeToken) return null;
  const link = watchLink(subscribeToken);
  const share = () => {
    setShown(subscribeToken);
    // Copying needs a secure context (https or localhost); the link stays visible either way.
    navigator.clipboard?.writeText(link).catch(() => {});
  };
  return (
    <div className="share">
      <button type="button" className="button" onClick={share}>
        Share
      </button>
      {shown === subscribeToken ? (
        <a className="share-link" href={link} target="_blank" rel="noreferrer" data-testid="share-link">
          {link}
        </a>
      ) : null}
    </div>
  );
}
