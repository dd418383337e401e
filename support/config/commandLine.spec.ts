/** The shared command line (issue 20): the usage is generated from the table; what the table does not describe is a usage error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../errors';
import { flagOf, parseCommandLine, usageOf, wantsHelp, wholeNumber, type CommandSpec } from './commandLine';

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
