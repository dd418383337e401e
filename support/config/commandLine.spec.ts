/** The shared command line (issue 20): the usage is generated from the table; what the table does not describe is a usage error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../errors';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decimal, existingDirectory, flagOf, parseCommandLine, usageOf, wantsHelp, wholeNumber, type CommandSpec } from './commandLine';
import { tagExpression } from './filter';

const SPEC = {
  name: 'demo',
  synopsis: ['<file> [options]'],
  description: 'A command for the spec.',
  options: {
    out: { type: 'string', value: '<dir>', help: 'where to write' },
    limit: { type: 'string', multiple: true, value: '<name=value>', help: 'a bound, repeatable' },
    quiet: { type: 'boolean', short: 'q', help: 'say nothing' },
  },
  positionals: { min: 1, max: 1 },
  epilogue: 'Exit codes: 0 · 64.',
} as const satisfies CommandSpec;

test('the usage names every option of the table, --help and -h included, and the epilogue', () => {
  const text = usageOf(SPEC);
  assert.match(text, /^usage: npm run demo -- <file> \[options\]/);
  for (const [name, o] of Object.entries(SPEC.options)) assert.ok(text.includes(flagOf(name, o)), name);
  assert.ok(text.includes('-h, --help'));
  assert.ok(text.endsWith('Exit codes: 0 · 64.'));
  assert.equal(flagOf('limit', SPEC.options.limit), '--limit <name=value> (repeatable)');
  assert.equal(flagOf('quiet', SPEC.options.quiet), '-q, --quiet');
});

test('values are parsed by the table; anything else is one usage error pointing at --help', () => {
  const { values, positionals } = parseCommandLine(SPEC, ['f.log', '--out', 'x', '--limit', 'a=1', '--limit', 'b=2', '-q']);
  assert.deepEqual({ ...values }, { out: 'x', limit: ['a=1', 'b=2'], quiet: true });
  assert.deepEqual(positionals, ['f.log']);
  const usage = (argv: string[], message: RegExp): void => {
    assert.throws(() => parseCommandLine(SPEC, argv), (e: unknown) => e instanceof UsageError && message.test(e.message) && e.message.endsWith('(npm run demo -- --help lists the options)') && e.message.split('\n').length === 2);
  };
  usage(['f.log', '--nope'], /^npm run demo: Unknown option '--nope'$/m);
  usage(['f.log', '--out'], /argument missing/);
  usage([], /missing <file>/);
  usage(['a', 'b'], /unexpected argument "b"/);
});

test('--help or -h anywhere before --; whole numbers checked', () => {
  assert.ok(wantsHelp(['x', '-h']));
  assert.ok(wantsHelp(['--help']));
  assert.ok(!wantsHelp(['--', '-h']));
  assert.equal(wholeNumber('demo', 'n', undefined, 7), 7);
  assert.equal(wholeNumber('demo', 'n', '12', 7, 1), 12);
  assert.throws(() => wholeNumber('demo', 'n', '0', 7, 1), /--n must be a whole number of at least 1, got "0"/);
  assert.throws(() => wholeNumber('demo', 'n', '1.5', 7), UsageError);
});

const HINT = '(npm run demo -- --help lists the options)';
const usageWithHint = (f: () => unknown, message: RegExp): void => {
  assert.throws(f, (e: unknown) => e instanceof UsageError && message.test(e.message) && e.message.endsWith(HINT));
};

test('a non-repeatable option given twice is a usage error, not "the last one wins"', () => {
  usageWithHint(() => parseCommandLine(SPEC, ['f.log', '--out', 'a', '--out', 'b']), /--out given more than once/);
  usageWithHint(() => parseCommandLine(SPEC, ['f.log', '-q', '--quiet']), /--quiet given more than once/);
  assert.deepEqual(parseCommandLine(SPEC, ['f.log', '--limit', 'a=1', '--limit', 'b=2']).values.limit, ['a=1', 'b=2']);
});

test('-h as the value of a string option is that value, not a request for help', () => {
  assert.ok(!wantsHelp(['f.log', '--out', '-h'], SPEC.options));
  assert.ok(!wantsHelp(['f.log', '--out=--help'], SPEC.options));
  assert.ok(wantsHelp(['f.log', '--out', 'x', '-h'], SPEC.options));
  assert.ok(wantsHelp(['f.log', '-qh'], SPEC.options));
  assert.ok(wantsHelp(['--nope', '-h'], SPEC.options), 'an unknown option does not hide --help');
  assert.ok(!wantsHelp(['f.log', '--', '--help'], SPEC.options));
});

test('whole numbers with a maximum, decimals, existing directories: usage errors with the --help pointer', () => {
  assert.equal(wholeNumber('demo', 'n', undefined, undefined), undefined);
  assert.equal(wholeNumber('demo', 'n', '65535', 0, 0, 65535), 65535);
  usageWithHint(() => wholeNumber('demo', 'n', '65536', 0, 0, 65535), /--n must be a whole number between 0 and 65535, got "65536"/);
  assert.equal(decimal('demo', 's', '1.5', 60, 0.1), 1.5);
  assert.equal(decimal('demo', 's', undefined, 60, 0.1), 60);
  usageWithHint(() => decimal('demo', 's', '0.05', 60, 0.1), /--s must be a number of at least 0.1, got "0.05"/);
  usageWithHint(() => decimal('demo', 's', '1e3', 60), /--s must be a number/);
  const dir = mkdtempSync(join(tmpdir(), 'cmc-cl-'));
  assert.equal(existingDirectory('demo', 'features', dir), dir);
  assert.equal(existingDirectory('demo', 'features', undefined), undefined);
  usageWithHint(() => existingDirectory('demo', 'features', join(dir, 'nope')), /^--features: no such directory: .*nope$/m);
  usageWithHint(() => existingDirectory('demo', 'features', __filename), /no such directory/);
  usageWithHint(() => tagExpression('@a and', 'demo'), /^--tags "@a and": not a tag expression/);
  assert.throws(() => tagExpression('@a and'), (e: unknown) => e instanceof UsageError && !e.message.includes('--help'));
});
