import type { SessionRecord } from './types.js';

export interface PipelineInput {
  session: SessionRecord;
  sender: 'seeker' | 'specialist';
  text: string;
}

export type PipelineVerdict =
  | { action: 'deliver'; text: string; redacted: boolean }
  | { action: 'block'; reason: string };

/**
 * The one function every message passes before it is stored and delivered (MOD1's seam).
 * The moderation issue plugs its ordered hooks in here.
 */
export interface MessagePipeline {
  process(input: PipelineInput): Promise<PipelineVerdict>;
}

/** Delivers every message as written. */
export const passThroughPipeline: MessagePipeline = {
  async process({ text }) {
    return { action: 'deliver', text, redacted: false };
  },
};
