export interface SweepStep {
  rate: number;
  p99: number;
  achieved: number;
  valid: boolean;
}
export const CONFIRMING_STEPS: number;
export function findKnee(steps: SweepStep[], lightP99?: number): { knee: number; reference: number; reached: boolean; valid: boolean };
export function sweepDone(steps: SweepStep[], lightP99?: number): boolean;
