/**
 * Build the spec book: parse every feature (Gherkin AST), read the last run's results if
 * `reports/` holds them, and write a static site that opens from the file system (no server):
 * `index.html`, one `section-<name>.html` per GenEM section, `assets/`, and run attachments.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { featureFiles, parseFeature } from '../../spec/validateFeatures';
import { BOOK_CSS, BOOK_JS } from './assets';
import { buildBook, type Book } from './model';
import { renderBook } from './pages';
import { readResults, type RunResults } from './results';

export interface SpecBookOptions {
  /** Project root; feature uris are relative to it, as in cucumber's messages. */
  readonly root?: string;
  readonly featuresDir?: string;
  readonly reportsDir?: string;
  readonly outDir?: string;
  /** Ignore run results even if present (a book of the specification only). */
  readonly withoutResults?: boolean;
}

export interface SpecBookResult {
  readonly outDir: string;
  readonly book: Book;
  readonly results?: RunResults;
  readonly pages: readonly string[];
}


export function writeSpecBook(options: SpecBookOptions = {}): SpecBookResult {
  const root = options.root ?? process.cwd();
  const featuresDir = options.featuresDir ?? join(root, 'features');
  const reportsDir = options.reportsDir ?? join(root, 'reports');
  const outDir = options.outDir ?? join(reportsDir, 'spec-book');
  const sources = new Map<string, string>();
  const docs = featureFiles(featuresDir).map((file) => {
    const uri = relative(root, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8');
    sources.set(uri, text);
    const doc = parseFeature(file, text);
    doc.uri = uri;
    return doc;
  });
  const book = buildBook(docs);
  // A fresh directory: stale pages or attachments of an earlier build never linger.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const results = options.withoutResults ? undefined : readResults({ reportsDir, outDir, currentSources: sources });
  const pages = renderBook(book, results);
  for (const [file, html] of Object.entries(pages)) writeFileSync(join(outDir, file), html);
  writeFileSync(join(outDir, 'assets', 'book.css'), BOOK_CSS);
  writeFileSync(join(outDir, 'assets', 'book.js'), BOOK_JS);
  return { outDir, book, pages: Object.keys(pages), ...(results ? { results } : {}) };
}
