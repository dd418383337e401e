'use strict';
/**
 * `node -r <this file>`: TypeScript for every process of the harness, through ts-loader (./tsLoader.js):
 * ts-node's compiled modules from disk, ts-node itself on the first module it has not compiled before.
 */
require('./tsLoader').registerOnce();
