/**
 * A feature that names an unknown event or attribute, or an enum value that does not exist, is
 * rejected before anything runs, with file:line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProblem, parseFeature, validateDocument } from './validateFeatures';
import { TYPESCRIPT_NODE_ARGS } from '../accel/typescriptNode';

const HEAD = `@model:release-phase @source:GenEM/ReleasingCalls
Feature: Release phase
  Prose.

  Scenario: Alice releases
    Given Alice is talking to Bob
    When Alice hangs up
    Then each DN receives, in order:
`;

function problems(table: string, head = HEAD): string[] {
  return validateDocument(parseFeature('features/x.feature', head + table)).map(formatProblem);
}

test('a valid table has no problems', () => {
  assert.deepEqual(problems(`      | dn    | event         | CallState | ThisDNRole  |
      | Alice | EventReleased | Ok        | Origination |
`), []);
});

test('unknown event, attribute and enum value are reported with file:line:column', () => {
  assert.deepEqual(problems(`      | dn    | event          |
      | Alice | EventReleasedX |
`), ['features/x.feature:10:17: unknown event "EventReleasedX"']);
  assert.deepEqual(problems(`      | dn    | event         | CallStatus |
      | Alice | EventReleased | Ok         |
`), ['features/x.feature:9:33: unknown attribute column "CallStatus"']);
  const [enumProblem] = problems(`      | dn    | event         | CallState |
      | Alice | EventReleased | Finished  |
`);
  assert.match(enumProblem ?? '', /^features\/x\.feature:10:33: CallState: "Finished" is not a CallState value; expected one of Ok, Transferred/);
});

test('tags outside the vocabulary, a missing @source, two When steps and an unstated doubt are rejected', () => {
  const head = `@model:release-phase @wip @inferred
Feature: Release phase
  Prose without the doubt paragraph.

  Scenario: Alice releases
    Given Alice is talking to Bob
    When Alice hangs up
    And Bob hangs up
    Then each DN receives, in order:
`;
  const found = problems(`      | dn    | event         |
      | Alice | EventReleased |
`, head);
  assert.ok(found.includes('features/x.feature:2: the feature has no @source:GenEM/<Page> tag'), found.join('\n'));
  assert.ok(found.some((p) => p.startsWith('features/x.feature:1:22: tag @wip is not part of the vocabulary')), found.join('\n'));
  assert.ok(found.includes('features/x.feature:5: scenario "Alice releases" has 2 When steps; a scenario states one stimulus'), found.join('\n'));
  assert.ok(found.some((p) => p.includes('needs an "Uncertain:" paragraph')), found.join('\n'));
});

test('the conformance command refuses to run a broken specification and exits 64', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-validate-'));
  const file = join(dir, 'bad.feature');
  writeFileSync(file, `${HEAD}      | dn    | event         | CallState |\n      | Alice | EventReleased | Sideways  |\n`);
  const r = spawnSync('node', [...TYPESCRIPT_NODE_ARGS, 'support/cli/validate.ts', file], { encoding: 'utf8' });
  assert.equal(r.status, 64);
  assert.match(r.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:\\d+: CallState: "Sideways" is not a CallState value`));
});
