/**
 * Rules every feature follows so that what it asserts is what its evidence supports, checked over
 * the whole features/ tree (the table parser already enforces the per-event allowances):
 *
 * 1. "Order unspecified": the Genesys QA model of SIP Server checks each DN's stream on its own —
 *    its order across DNs is not a promise about the wire (unless it waits for a set). A scenario
 *    whose evidence is the QA model therefore states no order across DNs (no "in order:" step over
 *    the whole switch).
 * 2. GenEM's rule for parties T-Server does not monitor: an outside party's reference (OtherDN,
 *    ThirdPartyDN) may be absent, so a cell naming an outside party must admit absence, and so must
 *    the role that describes the reference on the same row (OtherDNRole, ThirdPartyDNRole: a role
 *    without its DN describes nothing; EventDialing's table has OtherDNRole only with OtherDN).
 * 3. Source paragraphs cite what a reader holding the manual can check (GenEM pages and model
 *    titles), not the research digests' section numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type GherkinDocument } from '@cucumber/messages';
import { lookupAttribute } from '../model/catalogue';
import { readTags } from '../model/tags';
import { matchCell, parseCell } from './cells';
import { expectationStepFor } from './expectationSteps';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.feature') ? [p] : [];
  }).sort();
}

const DOCS: readonly GherkinDocument[] = files('features').map((f) => {
  const doc = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher()).parse(readFileSync(f, 'utf8'));
  doc.uri = f;
  return doc;
});

const OUTSIDE = /^(\w+) is an outside (?:caller|party) at /;

test('a scenario whose expectations come from the QA model states no order across DNs', () => {
  const problems: string[] = [];
  for (const doc of DOCS) {
    for (const pickle of compile(doc, doc.uri ?? '', IdGenerator.incrementing())) {
      if (readTags(pickle.tags.map((t) => t.name)).evidence !== 'qa-model') continue;
      for (const step of pickle.steps) {
        if (expectationStepFor(step.text)?.mode === 'total') problems.push(`${doc.uri ?? ''}: "${pickle.name}" — "${step.text}"`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('a cell naming an outside party, and its role, admit that T-Server may not know it (absent)', () => {
  const problems: string[] = [];
  for (const doc of DOCS) {
    for (const pickle of compile(doc, doc.uri ?? '', IdGenerator.incrementing())) {
      const outside = new Set(pickle.steps.flatMap((s) => OUTSIDE.exec(s.text)?.[1] ?? []));
      for (const step of pickle.steps) {
        const table = step.argument?.dataTable;
        if (!expectationStepFor(step.text) || !table || outside.size === 0) continue;
        const [header, ...rows] = table.rows.map((r) => r.cells.map((c) => c.value));
        for (const row of rows) {
          header?.forEach((h, i) => {
            const def = lookupAttribute(h);
            const text = row[i] ?? '';
            if (!def || !['OtherDN', 'ThirdPartyDN'].includes(def.name) || !outside.has(text.split(/\s/)[0] ?? '')) return;
            // The reference, and the role that describes it (OtherDNRole goes with OtherDN).
            for (const [name, cell] of [[h, text], [`${h}Role`, row[header.indexOf(`${h}Role`)] ?? '']] as const) {
              const d = lookupAttribute(name);
              const m = d ? parseCell(d, cell) : undefined;
              if (m && !matchCell(m, undefined, { bindings: new Map(), resolveDn: (r) => r }).ok) problems.push(`${doc.uri ?? ''}: "${pickle.name}" — ${name} "${cell}"`);
            }
          });
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('feature prose cites GenEM pages and model titles, not digest section numbers', () => {
  const problems = DOCS.filter((d) => /digest|§/i.test(d.feature?.description ?? '')).map((d) => d.uri ?? '');
  assert.deepEqual(problems, []);
});
