"use client";

import { isTokenResponseBody } from "@decart-kit/core/protocol";
import { useEffect, useState } from "react";
import { realtimeToken } from "../actions";

// A minimal page for the server action: mint, and show what came back (never the token itself).
export default function ServerActionPage() {
  const [outcome, setOutcome] = useState("not asked yet");
  // Enabled once hydrated: a click on the server-rendered button before that would do nothing.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const mint = async () => {
    const answer = await realtimeToken({ model: "lucy-2.1" });
    if ("error" in answer) setOutcome(`refused: ${answer.error.code}`);
    // This policy admits no sessions, so the only other answer is a token (never shown itself).
    else if (isTokenResponseBody(answer)) setOutcome(`issued for ${answer.model}, expires ${answer.expiresAt}`);
  };
  return (
    <main>
      <h1>Token from a server action</h1>
      <button type="button" onClick={mint} disabled={!hydrated}>
        Mint with the server action
      </button>
      <p data-testid="action-outcome">{outcome}</p>
    </main>
  );
}
