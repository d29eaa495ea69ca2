/** Opt-in alerts for a new chat: a short tone (Web Audio, no file) and a counter in the title. */
export function playTone(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 660;
    gain.gain.setValueAtTime(0.12, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.4);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
    osc.onended = () => void ctx.close();
  } catch {
    // no audio on this device
  }
}

export const titleWith = (base: string, pending: number) => (pending > 0 ? `(${pending}) ${base}` : base);
