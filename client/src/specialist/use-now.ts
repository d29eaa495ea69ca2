import { useEffect, useState } from 'preact/hooks';

/**
 * The time, refreshed every `everyMs` while `running`: enough for minute-sized waits (UX5) without
 * re-rendering the console every second; stopped when nothing on screen depends on it.
 */
export function useNow(everyMs: number, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs, running]);
  return now;
}
