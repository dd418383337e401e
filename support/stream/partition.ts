/**
 * The partitioning rule of continuous conformance: every event of a call thread — a call with the
 * consultations and transfers linked to it (PreviousConnID, TransferConnID, CallUUID), which get
 * ConnIDs of their own — goes to one partition, chosen by a hash of the thread's key. Keying on
 * ConnID would split a transfer across workers, and no worker could judge it.
 *
 * The key is `tenant:thread` (Genesys Voice Microservices key their `voice-callthread` topic the
 * same way); the thread id is the first ConnID of the call (or VM's CallThreadID). The hash is
 * FNV-1a (32 bit): stable across processes, languages and releases, so a producer written in
 * another language can put a thread in the same partition.
 */

/** The key of a call thread: `tenant:thread`. */
export function threadKey(tenant: string, thread: string): string {
  return `${tenant}:${thread}`;
}

/** The partition (0 … partitions-1) of a call thread's key. */
export function partitionOf(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

/**
 * `text` as one token of a subject (NATS: no `.`, `*`, `>`, whitespace; Kafka keys take anything):
 * letters, digits, `-` and `_` kept, anything else as `~hh` (reversible, and distinct texts stay distinct).
 */
export function subjectToken(text: string): string {
  // The usual token (a tenant, a ConnID) is kept whole: one test, not one per character.
  if (PLAIN_TOKEN.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (/[A-Za-z0-9_-]/.test(ch)) out += ch;
    else out += [...Buffer.from(ch, 'utf8')].map((b) => `~${b.toString(16).padStart(2, '0')}`).join('');
  }
  return out || '~';
}

const PLAIN_TOKEN = /^[A-Za-z0-9_-]+$/;

/** Which of `partitions` a worker (`index` of `workers`) consumes: every workers-th, from its index. */
export function partitionsOfWorker(index: number, workers: number, partitions: number): number[] {
  const mine: number[] = [];
  for (let p = index; p < partitions; p += workers) mine.push(p);
  return mine;
}
