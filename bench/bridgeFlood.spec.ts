/**
 * The flood benchmark runs with tiny sizes and gives complete results; no timing is asserted
 * (times belong in bench/RESULTS.md). The server's writeStallMs is shortened so the drops come soon.
 */
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { bridgeFloodBench } from './bridgeFlood.bench';
import { renderEntry } from './results';

describe('(d) the bridge under non-reading flooders (tiny sizes, no timing asserted)', () => {
  it('every event arrives under the flood, the flooders are stopped then dropped, and the entry says so', { timeout: 180_000 }, async () => {
    const r = await bridgeFloodBench(12, 3, 2, 1, 2000);
    for (const run of [r.baseline, r.flooded]) {
      expect(run.events).to.equal(12 * 2 * 6);
      expect(run.lost).to.equal(0);
    }
    expect(r.flooders).to.equal(2);
    expect(r.maxAcceptedMb).to.be.below(210);
    expect(r.peakRssMb).to.be.below(300);
    expect(r.dropped).to.equal(2);
    expect(r.dropLogged).to.equal(true);
    const entry = renderEntry({ flood: r });
    expect(entry).to.contain('non-reading flooders').and.contain('**0 lost**').and.contain('target met').and.contain('2 of 2 dropped');
  });
});
