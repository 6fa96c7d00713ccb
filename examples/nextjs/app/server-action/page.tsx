"use client";

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
    setOutcome(
      "error" in answer ? `refused: ${answer.error.code}` : `issued for ${answer.model}, expires ${answer.expiresAt}`,
    );
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
