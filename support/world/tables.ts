/** Small data tables of steps other than expectations. */
import { UsageError } from '../errors';
import type { KVList } from '../model/kvlist';

/** A `| key | value |` table → KV list (in order, duplicates kept; digits become integers). */
export function pairsOf(rows: readonly (readonly string[])[]): KVList {
  const [header, ...body] = rows;
  if (!header || header[0]?.trim() !== 'key' || header[1]?.trim() !== 'value' || header.length !== 2) {
    throw new UsageError('a user data table has exactly the columns "key" and "value"');
  }
  return body.map(([key = '', value = '']) => ({ key: key.trim(), value: /^-?\d+$/.test(value.trim()) ? Number(value) : value.trim() }));
}
