/** Queue position and ETA in plain words. */
export function queueText(position: number | null, etaSeconds: number | null): { place: string; wait: string } {
  const place = position === null ? 'Finding your place in line…' : position <= 1 ? 'You are next in line.' : `You are number ${position} in line.`;
  let wait: string;
  if (etaSeconds === null || etaSeconds <= 0) wait = 'We are connecting you as soon as someone is free.';
  else if (etaSeconds < 60) wait = 'Expected wait: under a minute.';
  else {
    const minutes = Math.round(etaSeconds / 60);
    wait = `Expected wait: about ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return { place, wait };
}
