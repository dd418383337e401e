/**
 * `npm run trace` as a user runs it: NDJSON on stdout written in batches (the same lines as one
 * write per record), and input it cannot read at all refused with one message naming the file
 * (exit 2), never a stack or raw bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BatchedLines } from './trace';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

const TRACE = join(__dirname, 'trace.ts');
const trace = (...args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, TRACE, ...args], { encoding: 'utf8', timeout: 60_000 });

test('batched lines: the same text as one write per line, in few writes', async () => {
  const writes: string[] = [];
  const out = new Writable({ write: (chunk: Buffer, _e, done) => { writes.push(chunk.toString()); done(); } });
  const lines = new BatchedLines(out, 100);
  const want = Array.from({ length: 50 }, (_, i) => `{"n":${i}}`);
  for (const l of want) lines.line(l);
  await lines.end();
  assert.equal(writes.join(''), want.map((l) => `${l}\n`).join(''));
  assert.ok(writes.length < 10, `${writes.length} writes`);
});

test('a native log: one NDJSON line per record, exit 0', () => {
  const r = trace(join(__dirname, '../trace/fixtures/native-sipserver.log'));
  assert.equal(r.status, 0, String(r.stderr));
  const lines = String(r.stdout).trim().split('\n').map((l) => JSON.parse(l) as { name: string });
  assert.deepEqual(lines.map((l) => l.name), ['RequestMakeCall', 'EventDialing', 'EventRinging', 'EventEstablished', 'EventEstablished', 'EventError']);
});

test('input it cannot read: one message naming the file, exit 2 (missing, a directory, empty, no known format)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-trace-cli-'));
  try {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '\n  \n');
    const binary = join(dir, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 10, 1, 2, 3]));
    const csv = join(dir, 'calls.csv');
    writeFileSync(csv, 'time,from,to\n10:00,7001,7002\n');
    mkdirSync(join(dir, 'folder'));
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.log'), /missing\.log: no such file/],
      [join(dir, 'folder'), /folder: not a file \(a directory\)/],
      [empty, /empty\.log: the file is empty/],
      [binary, /image\.png:1: not a log the harness can read/],
      [csv, /calls\.csv:1: not a log the harness can read/],
    ];
    for (const [file, message] of cases) {
      const r = trace(file);
      assert.equal(r.status, 2, `${file}: ${String(r.stderr)}`);
      assert.match(String(r.stderr), message);
      assert.ok(!String(r.stderr).includes('\0') && !String(r.stderr).includes('\x1a'), 'no raw bytes');
      assert.doesNotMatch(String(r.stderr), /at .*\.ts:\d+/, 'no stack');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
