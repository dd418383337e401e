import { strict as assert } from 'node:assert';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CucumberExpression, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';

type Exec = (regexp: RegExp, text: string) => (RegExpExecArray & { indices?: ([number, number] | undefined)[] }) | null;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in is CommonJS without types
const exec = require('regexp-match-indices') as Exec;

test('cucumber-expressions loads the native stand-in (package.json overrides), not the polyfill', () => {
  const fromExpressions = require.resolve('regexp-match-indices', { paths: [dirname(require.resolve('@cucumber/cucumber-expressions'))] });
  assert.equal(realpathSync(fromExpressions), join(__dirname, 'regexp-match-indices', 'index.js'));
});

test('match indices as the standard defines them: groups, groups that took no part, named groups, a miss', () => {
  const m = exec(/(a)(b)?(?<c>c+)/, 'xacc');
  assert.ok(m);
  assert.deepEqual([...m], ['acc', 'a', undefined, 'cc']);
  assert.deepEqual(m.indices?.slice(0, 4), [[1, 4], [1, 2], undefined, [2, 4]]);
  assert.deepEqual({ ...(m.indices as unknown as { groups: object }).groups }, { c: [2, 4] });
  assert.equal(exec(/(a)/, 'xyz'), null);
  // A nested group inside a repeated one: its last iteration, as the polyfill measured it.
  assert.deepEqual(exec(/((\d)-)+/, 'a1-2-')?.indices?.slice(0, 3), [[1, 5], [3, 5], [3, 4]]);
});

test('lastIndex is read from and written back to the expression given (sticky and global expressions)', () => {
  const sticky = /\d+/y;
  sticky.lastIndex = 2;
  assert.deepEqual(exec(sticky, 'ab12cd')?.indices?.[0], [2, 4]);
  assert.equal(sticky.lastIndex, 4);
  assert.equal(exec(sticky, 'ab12cd'), null);
  assert.equal(sticky.lastIndex, 0);
  const global = /o/g;
  exec(global, 'foo');
  assert.equal(global.lastIndex, 2);
  // An expression that already has the d flag is used as it is.
  assert.deepEqual(exec(/b/d, 'ab')?.indices?.[0], [1, 2]);
});

test('a miss leaves lastIndex as exec does, and the same text matches again later', () => {
  const pure = /^Alice (\w+)$/;
  for (let i = 0; i < 3; i++) assert.equal(exec(pure, 'Bob waits'), null, 'the same miss, again');
  assert.deepEqual(exec(pure, 'Alice waits')?.indices?.[1], [6, 11], 'another text still matches');
  const sticky = /\d/y;
  assert.equal(exec(sticky, 'a1'), null);
  sticky.lastIndex = 1;
  assert.deepEqual(exec(sticky, 'a1')?.indices?.[0], [1, 2]);
  const global = /\d/g;
  global.lastIndex = 2;
  assert.equal(exec(global, 'a1'), null);
  assert.deepEqual(exec(global, 'a1')?.indices?.[0], [1, 2], 'lastIndex was reset by the miss, as exec does');
});

test('a cucumber expression still finds each parameter and where it is in the step', () => {
  const registry = new ParameterTypeRegistry();
  const expression = new CucumberExpression('{word} calls {int} times with {string}', registry);
  const args = expression.match('Alice calls 3 times with "hello"');
  assert.ok(args);
  assert.deepEqual(args.map((a) => a.getValue(null)), ['Alice', 3, 'hello']);
  assert.deepEqual(args.map((a) => [a.group.start, a.group.end]), [[0, 5], [12, 13], [25, 32]]);
  assert.equal(expression.match('Alice waits'), null);
});
