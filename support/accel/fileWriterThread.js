'use strict';
/**
 * The writer thread of backgroundFiles.ts: plain JavaScript, so that it starts without a
 * TypeScript loader (under ts-node and under plain node alike). It writes each batch of
 * `[path, data]` it is sent, one file after another, and answers `{ done, failed }` per batch:
 * synchronous writes, because the thread has nothing else to do and libuv's pool stays free for
 * the formatters' streams.
 */
const { parentPort } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');

parentPort.on('message', (batch) => {
  const failed = [];
  for (const [path, data] of batch) {
    try {
      writeFileSync(path, data);
    } catch (e) {
      failed.push(`${path}: ${e.message}`);
    }
  }
  parentPort.postMessage({ done: batch.length, failed });
});
