/**
 * What every HTML/SVG report shares: the one escaper (markup-significant characters, and the
 * characters XML 1.0 forbids, which a system under test can put in an ErrorMessage), the outcome
 * colours, and the wording of the outcome totals (the last line, the certificate, Allure's
 * environment panel).
 */
import type { Outcome } from './outcomes';

/** Paragraphs of a Gherkin description: a blank line separates them; each one's lines (Gherkin keeps their indentation) joined by a space. */
export function paragraphs(description: string): string[] {
  return description.split(/\n\s*\n/).map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean).join(' ')).filter(Boolean);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escape text for XML/HTML element content and attribute values. Characters XML 1.0 does not allow
 * (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF; unpaired surrogates)
 * are shown, not dropped: a C0 control as its Control Pictures symbol (\x01 → ␁), the others as �.
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
  return text.replace(/[&<>"']|[\x00-\x08\x0B\x0C\x0E-\x1F]|[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) => {
    const entity = ENTITIES[c];
    if (entity) return entity;
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : '\uFFFD';
  });
}

/** The outcome colours (class `o-<outcome>`), the same on the certificate, the diagrams index and the badges. */
export const OUTCOME_CSS = '.o-passed{background:#e3f6e3;color:#14561a}.o-failed{background:#fde3e3;color:#8a1414}.o-broken{background:#ffe9d1;color:#7a3b00}.o-known{background:#fff6d6;color:#6b5200}.o-skipped{background:#ececec;color:#555}';

/** The totals in their reading order (usage errors count as broken); known issues only when there are some. */
export function totalsParts(t: Readonly<Record<Outcome, number>>): { readonly outcome: 'passed' | 'failed' | 'broken' | 'skipped' | 'known'; readonly n: number; readonly label: string }[] {
  return [
    { outcome: 'passed', n: t.passed, label: 'passed' },
    { outcome: 'failed', n: t.failed, label: 'failed' },
    { outcome: 'broken', n: t.broken + t.usage, label: 'broken' },
    { outcome: 'skipped', n: t.skipped, label: 'skipped' },
    ...(t.known ? [{ outcome: 'known' as const, n: t.known, label: 'known issue(s)' }] : []),
  ];
}

/** "393 passed, 0 failed, 0 broken, 13 skipped[, 2 known issue(s)]": the one wording of the totals. */
export function totalsText(t: Readonly<Record<Outcome, number>>): string {
  return totalsParts(t).map((p) => `${String(p.n)} ${p.label}`).join(', ');
}
