export interface ChatStep {
  p50: number;
  p99: number;
  valid: boolean;
  steal: number;
  errors?: number;
  generatorCpu?: number;
}
export interface P1Pair {
  relay: ChatStep;
  peerline: ChatStep;
}
export const MIN_PAIRS: number;
export function stepFault(step: ChatStep): string;
export function pairFault(pair: P1Pair): string;
export function pairSteal(pair: P1Pair): string;
type Quantile = { value: number; baseline: number; ratio: number };
export function summarizeP1(pairs: P1Pair[]): { p50: Quantile; p99: Quantile; validRuns: number; runs: number };
