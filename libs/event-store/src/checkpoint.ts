import type { Checkpoint } from './event-store.port';

/** Orders checkpoints in the commit-safe global order: negative, zero or positive. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}

/** JSON-safe form, e.g. for an HTTP response header or body: `"<transactionId>:<globalPosition>"`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.transactionId}:${checkpoint.globalPosition}`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const match = /^(\d+):(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`Invalid checkpoint "${text}"`);
  return { transactionId: BigInt(match[1] ?? '0'), globalPosition: BigInt(match[2] ?? '0') };
}
