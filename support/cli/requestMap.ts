/**
 * `npm run request-map`: writes support/simulator/README.md, the table of which simulator module
 * answers, intercepts and reacts to each request, and which models send it (support/simulator/requestMap.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { requestUse } from '../mutation/requestUse';
import { REQUEST_MAP_FILE, renderRequestMap } from '../simulator/requestMap';
import { parseCommandLine, runCommand, type CommandSpec } from '../config/commandLine';

export const COMMAND = {
  name: 'request-map',
  synopsis: ['[--check]'],
  description: `Writes ${REQUEST_MAP_FILE}: for each T-Library request, which simulator module answers, intercepts and
reacts to it, and which models (@model) send it. It runs every scenario against the simulator to find out.`,
  options: {
    check: { type: 'boolean', help: `write nothing: exit 1 when ${REQUEST_MAP_FILE} is not what it would write` },
  },
  epilogue: 'Exit codes: 0 written (or up to date) · 1 out of date (--check) · 2 could not run · 64 usage error.',
} as const satisfies CommandSpec;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandLine(COMMAND, argv);
  const text = renderRequestMap(await requestUse());
  if (values.check) {
    const current = readFileSync(REQUEST_MAP_FILE, 'utf8');
    console.log(current === text ? `${REQUEST_MAP_FILE} is up to date` : `${REQUEST_MAP_FILE} is out of date: npm run request-map`);
    return current === text ? 0 : 1;
  }
  writeFileSync(REQUEST_MAP_FILE, text);
  console.log(`wrote ${REQUEST_MAP_FILE}`);
  return 0;
}

if (require.main === module) runCommand(COMMAND, process.argv.slice(2), main);
