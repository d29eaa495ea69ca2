export class RollingRestartError extends Error {}

export interface RollingRestartOptions<N> {
  /** Resolves once the node has exited. */
  stop(node: N): Promise<unknown>;
  /** Starts the node again; may resolve with a new description of it (a new address). */
  start(node: N): Promise<N | void>;
  /** Resolves true when the node serves (its /readyz answers 200). */
  ready(node: N): Promise<boolean>;
  /** Bounds each wait: exit, start, readiness. @default 60000 */
  timeoutMs?: number;
  /** @default 250 */
  pollMs?: number;
  /** @default a line on stdout */
  log?(line: string): void;
}

export function rollingRestart<N extends { name?: string }>(nodes: readonly N[], options: RollingRestartOptions<N>): Promise<N[]>;

export function readyz(url: string): Promise<boolean>;
