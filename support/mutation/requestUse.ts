/**
 * Which models send which requests: every feature run in this process against the reference
 * simulator with the run recorded (`record`, as `--record` does), each recorded request credited
 * to the `@model:` of the scenario it was sent in (Givens included). For the request map
 * (support/simulator/requestMap.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTags } from '../model/tags';
import { parseFeature } from '../spec/validateFeatures';
import { kindOf } from '../trace/record';
import { SCENARIO_MARKER } from '../trace/RecordingAdapter';
import { InProcessRunner } from './runner';

/** Request name → the model slugs whose scenarios send it. */
export async function requestUse(paths: readonly string[] = ['features/**/*.feature']): Promise<Map<string, Set<string>>> {
  const dir = mkdtempSync(join(tmpdir(), 'cmc-request-use-'));
  try {
    const trace = join(dir, 'run.ndjson');
    await new InProcessRunner().run(paths, { adapter: 'simulator', record: trace });
    return creditModels(readFileSync(trace, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The recorded run's requests, by the model of the scenario marker before them. */
function creditModels(ndjson: string): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  const modelOfFeature = new Map<string, string>();
  let model: string | undefined;
  for (const line of ndjson.split('\n')) {
    if (!line) continue;
    const { name, attributes } = JSON.parse(line) as { name: string; attributes: Record<string, unknown> };
    if (name === SCENARIO_MARKER) {
      const uri = /^(.+?):\d+ /.exec(String(attributes.scenario))?.[1] ?? '';
      if (!modelOfFeature.has(uri)) modelOfFeature.set(uri, readTags(parseFeature(uri).feature?.tags.map((t) => t.name) ?? []).model ?? '(no model)');
      model = modelOfFeature.get(uri);
    } else if (model && kindOf(name) === 'request') {
      const models = uses.get(name) ?? new Set<string>();
      models.add(model);
      uses.set(name, models);
    }
  }
  return uses;
}
