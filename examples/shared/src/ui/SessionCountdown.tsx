import { useEffect, useState } from "react";

function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return `${minutes}:${seconds}`;
}

/** Time left before the server ends the session (`maxSessionDuration`); turns urgent in the last 30 s. */
export function SessionCountdown({ endsAt }: { endsAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const remaining = endsAt - now;
  return (
    <span className="countdown" data-urgent={remaining < 30_000 || undefined} title="Time left in this session">
      <svg className="countdown-icon" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="8" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 6v3l2 1.5M6.5 1.5h3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      {formatRemaining(remaining)} left
    </span>
  );
}
