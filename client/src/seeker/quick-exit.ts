/** Where quick exit goes: an ordinary, neutral page. */
export const NEUTRAL_URL = 'https://www.google.com/';

/** Three presses of Shift within this window trigger quick exit. */
export const SHIFT_WINDOW_MS = 1_500;

/** Pure detector of Shift pressed three times: feed it key-downs, it answers true on the third. */
export function shiftTripleDetector(windowMs = SHIFT_WINDOW_MS) {
  let presses: number[] = [];
  return (key: string, at: number, repeat = false): boolean => {
    if (key !== 'Shift') {
      presses = [];
      return false;
    }
    if (repeat) return false;
    presses = [...presses.filter((t) => at - t <= windowMs), at];
    if (presses.length >= 3) {
      presses = [];
      return true;
    }
    return false;
  };
}

export interface ExitSteps {
  /** Blank the screen at once, before anything that may take time. */
  blank(): void;
  /** End or cancel the chat; resolves when done or given up. */
  leaveChat(): Promise<void>;
  clearStorage(): void;
  /** Replace this history entry with the neutral page. */
  navigate(url: string): void;
}

/** Quick exit: blank, end the chat (waiting at most `maxWaitMs`), clear storage, go. */
export async function quickExit(steps: ExitSteps, maxWaitMs = 600): Promise<void> {
  steps.blank();
  steps.clearStorage();
  await Promise.race([steps.leaveChat().catch(() => undefined), new Promise((r) => setTimeout(r, maxWaitMs))]);
  steps.clearStorage();
  steps.navigate(NEUTRAL_URL);
}
