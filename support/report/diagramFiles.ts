/**
 * Collects the diagrams the hooks attach (observed-sequence.svg for every scenario,
 * expected-vs-observed.html on a mismatch) from cucumber's message stream and writes them to
 * reports/diagrams/ with an index page, so the summary and the certificate can link to them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import { escapeXml } from './diagram';

const FILES: Readonly<Record<string, string>> = { 'observed-sequence.svg': 'observed.svg', 'expected-vs-observed.html': 'expected-vs-observed.html' };

interface Entry { readonly name: string; readonly uri: string; readonly files: Map<string, string> }

export class DiagramFiles {
  private readonly pickles = new Map<string, { name: string; uri: string }>();
  private readonly testCases = new Map<string, string>();
  private readonly started = new Map<string, Entry>();
  private readonly entries: Entry[] = [];

  readonly onMessage = (envelope: Envelope): void => {
    if (envelope.pickle) this.pickles.set(envelope.pickle.id, { name: envelope.pickle.name, uri: envelope.pickle.uri });
    if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) {
      const pickle = this.pickles.get(this.testCases.get(envelope.testCaseStarted.testCaseId) ?? '');
      if (pickle) {
        const entry = { ...pickle, files: new Map<string, string>() };
        this.started.set(envelope.testCaseStarted.id, entry);
        this.entries.push(entry);
      }
    }
    const a = envelope.attachment;
    const target = a?.fileName ? FILES[a.fileName] : undefined;
    if (a?.testCaseStartedId && target) this.started.get(a.testCaseStartedId)?.files.set(target, a.body);
  };

  /** Write every diagram and `index.html`; returns the index path (undefined when there is none). */
  write(dir: string): string | undefined {
    const withFiles = this.entries.filter((e) => e.files.size > 0);
    if (!withFiles.length) return undefined;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const items = withFiles.map((e, i) => {
      const base = `${String(i + 1).padStart(3, '0')}-${e.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60).replace(/-+$/, '')}`;
      const links = [...e.files].map(([suffix, body]) => {
        writeFileSync(join(dir, `${base}.${suffix}`), body);
        return `<a href="${escapeXml(`${base}.${suffix}`)}">${suffix.startsWith('expected') ? 'expected vs observed' : 'observed'}</a>`;
      });
      return `<li>${escapeXml(e.uri)} — ${escapeXml(e.name)}: ${links.join(' · ')}</li>`;
    });
    const index = join(dir, 'index.html');
    writeFileSync(index, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sequence diagrams</title></head><body><h1>Sequence diagrams per scenario</h1><ul>${items.join('\n')}</ul></body></html>\n`);
    return index;
  }
}
