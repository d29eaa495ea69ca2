export function summarize(file: string): { busyMs: number; byPackage: [string, number][]; top: [string, number][] };
export function summarizeDir(dir: string): string;
export function windowTimes(dir: string, from: number, to: number): { busy: number; self: Map<string, number>; own: Map<string, number> };
