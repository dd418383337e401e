/**
 * The reading thread's own pieces: its copies of values.ts's number readers read every text as the
 * originals do, and its module files load in plain node, without a TypeScript loader (the thread
 * is started without one, under ts-node too: trace/read.spec.ts runs it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { hexAt as valuesHexAt, integerAt as valuesIntegerAt } from '../../trace/values';
import { hexAt, integerAt } from './tokenizer';

test('the tokenizer reads integers and hex numbers exactly as values.ts does', () => {
  const digits = fc.constantFrom('0', '1', '7', '9', 'a', 'F', 'f', 'g', '-', ' ', '+', '.', 'x', '00000000', '1234567890123456', 'ffffffffffffff');
  fc.assert(fc.property(fc.array(digits, { maxLength: 8 }), fc.nat({ max: 3 }), fc.nat({ max: 3 }), (parts, left, right) => {
    const text = parts.join('');
    const start = Math.min(left, text.length);
    const end = Math.max(start, text.length - right);
    assert.equal(Object.is(integerAt(text, start, end), valuesIntegerAt(text, start, end)), true, `integer ${JSON.stringify([text, start, end])}`);
    assert.equal(Object.is(hexAt(text, start, end), valuesHexAt(text, start, end)), true, `hex ${JSON.stringify([text, start, end])}`);
  }), { numRuns: 20_000 });
});

test('the threads\' programs are real module files that plain node loads', () => {
  const root = join(__dirname, '..', '..', '..');
  const out = execFileSync(process.execPath, ['-e', "const t = require('./support/accel/trace/tokenizer.js'); console.log(typeof t.createTokenizer().tokenize, t.TOKEN_LAYOUT.stride)"], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  assert.equal(out.trim(), 'function 6');
  for (const file of ['support/accel/trace/readerThread.js', 'support/accel/fileWriterThread.js']) {
    execFileSync(process.execPath, ['--check', file], { cwd: root });
  }
});
