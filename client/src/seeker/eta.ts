/** What the seeker knows about their wait; `null` is "not known (yet)". */
export interface QueueStatus {
  position: number | null;
  /** MQ7: null when no estimate is honest. */
  etaSeconds: number | null;
  /** Specialists on shift; 0 means nobody can take a chat right now. */
  onShift: number | null;
}

export interface QueueWords {
  /** UX2: nobody is on shift, said in plain words, with no wait at all. */
  nobodyOnShift: boolean;
  place: string;
  wait: string;
}

/**
 * Queue position and wait in plain words (UX2). Both come from one status, and a number of minutes
 * is shown only with a place and someone on shift: never "next in line" beside a wait nobody can
 * keep.
 */
export function queueText({ position, etaSeconds, onShift }: QueueStatus): QueueWords {
  if (onShift === 0) {
    return {
      nobodyOnShift: true,
      place: position === null || position <= 1 ? 'You are first in line.' : `You are number ${position} in line.`,
      wait: 'We cannot say when someone will start a shift.',
    };
  }
  if (position === null) return { nobodyOnShift: false, place: 'Finding your place in line…', wait: 'We will connect you as soon as someone is free.' };
  const place = position <= 1 ? 'You are next in line.' : `You are number ${position} in line.`;
  let wait: string;
  if (etaSeconds === null) wait = 'We cannot estimate the wait right now. We will connect you as soon as someone is free.';
  else if (etaSeconds <= 0) wait = 'We are connecting you as soon as someone is free.';
  else if (etaSeconds < 60) wait = 'Expected wait: under a minute.';
  else {
    const minutes = Math.round(etaSeconds / 60);
    wait = `Expected wait: about ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return { nobodyOnShift: false, place, wait };
}
