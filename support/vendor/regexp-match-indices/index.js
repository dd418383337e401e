'use strict';
/**
 * Stands in for the `regexp-match-indices` polyfill (package.json `overrides`), which
 * @cucumber/cucumber-expressions calls for every step it matches. The polyfill is chosen because a
 * RegExp without the `d` flag has no `indices`, even on Node 20, which has the flag: so each match
 * re-parsed the expression with regexp-tree and ran a second, rewritten expression to measure the
 * groups (about 1 ms per step definition and 50 µs per step matched: ~0.4 s of a 3 s conformance
 * run, bench/RESULTS.md 2026-11-26). Here the same expression with the `d` flag added (made once
 * per expression, used once the expression itself has matched) gives the indices natively, as
 * the standard defines them; `lastIndex` is carried over both ways, as the polyfill does.
 * Checked by ../regexp-match-indices.spec.ts.
 */
const withIndices = new WeakMap();
/**
 * Per expression (neither global nor sticky, so its match depends on the text alone), the texts it
 * did not match: cucumber tries every step definition on every step, and again for the steps of
 * each scenario, so the same text meets the same ~200 expressions many times, nearly all misses.
 * A Set lookup is a fraction of running the expression: 0.2–0.7 ms less per scenario of the
 * conformance run (paired runs with and without, bench/RESULTS.md 2026-11-26 13:48 notes).
 * Bounded: an expression's set starts again empty past {@link MISSES_KEPT} texts.
 */
const misses = new WeakMap();
const MISSES_KEPT = 10000;

function exec(regexp, string) {
  if (regexp.hasIndices) return regexp.exec(string);
  const pure = !regexp.global && !regexp.sticky;
  let missed = pure ? misses.get(regexp) : undefined;
  if (missed !== undefined && missed.has(string)) return null;
  // Most calls miss (cucumber tries every step definition on every step): a miss needs no indices.
  const from = regexp.lastIndex;
  if (regexp.exec(string) === null) {
    if (pure) {
      if (missed === undefined) misses.set(regexp, (missed = new Set()));
      else if (missed.size >= MISSES_KEPT) missed.clear();
      missed.add(string);
    }
    return null;
  }
  let d = withIndices.get(regexp);
  if (d === undefined) {
    d = new RegExp(regexp.source, `${regexp.flags}d`);
    withIndices.set(regexp, d);
  }
  d.lastIndex = from;
  const match = d.exec(string);
  regexp.lastIndex = d.lastIndex;
  return match;
}

module.exports = exec;
