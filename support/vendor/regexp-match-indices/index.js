'use strict';
/**
 * Stands in for the `regexp-match-indices` polyfill (package.json `overrides`), which
 * @cucumber/cucumber-expressions calls for every step it matches. The polyfill is chosen because a
 * RegExp without the `d` flag has no `indices`, even on Node 20, which has the flag: so each match
 * re-parsed the expression with regexp-tree and ran a second, rewritten expression to measure the
 * groups (about 1 ms per step definition and 50 µs per step matched: ~0.4 s of a 3 s conformance
 * run, bench/RESULTS.md 2026-11-26). Here, once the expression itself has matched, the same
 * expression with the `d` flag added gives the indices natively, as the standard defines them;
 * `lastIndex` is carried over both ways, as the polyfill does. Nothing is kept between calls.
 * Checked by ../regexp-match-indices.spec.ts.
 */
function exec(regexp, string) {
  if (regexp.hasIndices) return regexp.exec(string);
  // Most calls miss (cucumber tries every step definition on every step): a miss needs no indices.
  const from = regexp.lastIndex;
  if (regexp.exec(string) === null) return null;
  const d = new RegExp(regexp.source, `${regexp.flags}d`);
  d.lastIndex = from;
  const match = d.exec(string);
  regexp.lastIndex = d.lastIndex;
  return match;
}

module.exports = exec;
