/**
 * `npm run request-map`: writes support/simulator/README.md, the table of which simulator module
 * answers, intercepts and reacts to each request, and which models send it (support/simulator/requestMap.ts).
 */
import { writeFileSync } from 'node:fs';
import { requestUse } from '../mutation/requestUse';
import { REQUEST_MAP_FILE, renderRequestMap } from '../simulator/requestMap';

requestUse().then(
  (uses) => {
    writeFileSync(REQUEST_MAP_FILE, renderRequestMap(uses));
    console.log(`wrote ${REQUEST_MAP_FILE}`);
  },
  (e: unknown) => {
    console.error((e as Error).stack ?? String(e));
    process.exitCode = 2;
  },
);
