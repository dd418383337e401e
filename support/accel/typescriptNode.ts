/**
 * The node arguments that give a child process TypeScript: `-r` the ts-loader (./tsRegister.js, see
 * ./tsLoader.js), which is ts-node's compilation kept on disk, and ts-node itself for anything not
 * compiled before or under `CMC_REFERENCE=ts-loader`. Every process the harness starts uses these, as
 * every npm script does (`node -r ./support/accel/tsRegister.js`).
 */
import { join } from 'node:path';

export const TYPESCRIPT_NODE_ARGS: readonly string[] = ['-r', join(__dirname, 'tsRegister.js')];
