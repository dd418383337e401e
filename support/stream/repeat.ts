/**
 * `--repeat N`: copy k (0 … N-1) of a log's calls, renumbered so that the N copies are N distinct
 * calls: ConnIDs (and PreviousConnID, TransferConnID), CallUUIDs, CallIDs and ReferenceIDs get a
 * number of their own per copy; copy 0 is the log as it is. DNs, times and everything else stay,
 * so every copy is judged as the original is.
 */
import type { RawValue, TraceRecord } from '../trace/record';

const CONN_IDS = ['ConnID', 'PreviousConnID', 'TransferConnID'];
const MASK64 = (1n << 64n) - 1n;

/** A ConnID of copy `copy`: a 16-hex-digit one with the copy in bits 40–55 (XOR), any other with `-r<copy>`. */
export function renumberConnId(conn: string, copy: number): string {
  if (copy === 0) return conn;
  if (/^[0-9a-fA-F]{16}$/.test(conn) && copy < 0x10000) {
    return ((BigInt(`0x${conn}`) ^ (BigInt(copy) << 40n)) & MASK64).toString(16).padStart(16, '0');
  }
  return `${conn}-r${copy}`;
}

function renumberNumber(v: RawValue, copy: number, step: number, modulo: number): RawValue {
  return typeof v === 'number' ? (v + copy * step) % modulo : v;
}

export function renumberRecord(r: TraceRecord, copy: number): TraceRecord {
  if (copy === 0) return r;
  const a: Record<string, RawValue> = { ...r.attributes };
  for (const k of CONN_IDS) {
    const v = a[k];
    if (typeof v === 'string' && v) a[k] = renumberConnId(v, copy);
  }
  if (typeof a.CallUUID === 'string' && a.CallUUID) a.CallUUID = `${a.CallUUID}-r${copy}`;
  if (a.CallID !== undefined) a.CallID = renumberNumber(a.CallID, copy, 1_000_003, 2 ** 31);
  if (a.ReferenceID !== undefined) a.ReferenceID = renumberNumber(a.ReferenceID, copy, 100_003, 2 ** 31);
  return { ...r, attributes: a };
}
