/**
 * The benchmark functions run, with tiny sizes: they produce complete, consistent results. No
 * timing is asserted (times belong in bench/RESULTS.md, never in tests).
 */
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from '../support/accel';
import { bridgeBench } from './bridge.bench';
import { EVENTS_PER_CALL, writeLog } from './logGenerator';
import { MEMORY_TIMES, MESSAGES_PER_CALL, monitorBench } from './monitor.bench';
import { replayBench } from './replay.bench';
import { appendResults, renderEntry } from './results';
import { deepTableLimit, scalingBench, traceThroughMatcher } from './scaling.bench';
import { fastest, TRIVIAL } from './suite.bench';

describe('benchmarks (tiny sizes, no timing asserted)', () => {
  it('the generated native log is read completely by the trace reader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-bench-spec-'));
    try {
      const path = join(dir, 'bench.log');
      const { calls } = await writeLog(path, 20_000);
      let events = 0;
      const d = await readTrace(path, (r) => {
        if (r.kind === 'event') events += 1;
      });
      expect(events).to.equal(calls * EVENTS_PER_CALL);
      expect(d.unknown).to.equal(0);
      expect(d.truncated).to.equal(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('(b) replay: reader and grep agree, RSS is measured', async () => {
    const r = await replayBench(0.05);
    expect(r.events).to.be.greaterThan(0);
    expect(r.lostEvents).to.equal(0);
    expect(r.peakRssMb).to.be.greaterThan(0);
    expect(r.readerMbPerS).to.be.greaterThan(0);
    expect(r.readerRuns).to.equal(3);
    expect(r.slowestReaderMbPerS).to.be.within(0, r.readerMbPerS);
    expect(r.traceLines).to.equal(r.events + r.events / 6, 'the command wrote a line per record (6 events and 1 request per call)');
    expect(r.traceMbPerS).to.be.greaterThan(0);
    expect(r.recognize.calls).to.equal(r.events / 6, 'every generated call recognised');
    expect(r.recognize.conforms).to.equal(r.recognize.calls, 'and each follows the basic call model');
    expect(r.recognize.eventsPerS).to.be.greaterThan(0);
    expect(r.recognize.maxOpenCalls).to.be.within(1, r.recognize.calls);
    expect(r.recognize.retainedHeapMb).to.be.below(20, 'a judged call is forgotten');
  });

  it('(c) scaling: every call of the trace matches, nothing left pending', () => {
    const p = traceThroughMatcher(600, 7);
    expect(p.events).to.equal(600);
    expect(p.maxWindow).to.be.within(6, 7 * 6);
    const s = scalingBench([120, 1200], 5);
    expect(s.points).to.have.length(2);
    expect(s.ratio).to.be.greaterThan(0);
    expect(s.runs).to.equal(3);
    expect(s.runRatios).to.have.length(3);
    expect(deepTableLimit(250)).to.equal(250);
  });

  it('(d) bridge: every event of every call arrives, in-process, over TCP and wire-only', async () => {
    const r = await bridgeBench(12, 3, 2);
    for (const run of [r.inProcess, r.bridge, r.wireOnly]) {
      expect(run.events).to.equal(12 * 2 * 6);
      expect(run.lost).to.equal(0);
      expect(run.runs).to.equal(3);
      expect(run.slowestEventsPerS).to.be.at.most(run.eventsPerS);
      // Every slot starts together: all twelve calls are up at once at some point.
      expect(run.peakConcurrent).to.equal(12);
    }
  });

  it('(a) suite cost: the trivial scenario against one feature, all formatters, outputs in a temp dir', async () => {
    // One child run (suiteBench makes several; its arithmetic is in results' entry test).
    const r = await fastest('all', [TRIVIAL], 1);
    expect(r.passed).to.equal(true);
    expect(r.scenarios).to.equal(1);
  });

  it('an entry names the machine and every result, and is appended', () => {
    const entry = renderEntry({
      suite: { scenarios: 10, suiteMs: 100, suiteFilesWaitMs: 3, baselineMs: 10, msPerScenario: 10, slowestMsPerScenario: 12.5, runs: 3, msPerScenarioProgressOnly: 4, passed: true },
      replay: { mb: 1, requestedMb: 1, events: 6, readerMbPerS: 10, slowestReaderMbPerS: 8, readerRuns: 3, grepMbPerS: 300, ratio: 30, peakRssMb: 120, startRssMb: 100, unknownLines: 0, lostEvents: 0, traceMbPerS: 5, slowestTraceMbPerS: 4, traceRuns: 2, traceVsReader: 2, traceLines: 6,
        recognize: { ms: 1000, events: 6, calls: 1, conforms: 1, deviates: 0, unrecognised: 0, reused: 0, maxOpenCalls: 1, startRssMb: 150, retainedHeapMb: 0.5, eventsPerS: 120_000, slowestEventsPerS: 90_000, runs: 2, vsReader: 2.5, peakRssMb: 180 } },
      scaling: { points: [{ events: 10, nsPerEvent: 1000, maxWindow: 6 }, { events: 100, nsPerEvent: 1100, maxWindow: 6 }], ratio: 1.1, runs: 3, runRatios: [1.2, 1.1, 1.4], deepTableRows: 500 },
      bridge: {
        bridge: { calls: 10, connections: 2, rounds: 1, events: 60, peakConcurrent: 10, meanConcurrent: 5, eventsPerS: 40_000, runs: 3, slowestEventsPerS: 30_000, lost: 0 },
        inProcess: { calls: 10, connections: 2, rounds: 1, events: 60, peakConcurrent: 10, meanConcurrent: 5, eventsPerS: 80_000, runs: 3, slowestEventsPerS: 70_000, lost: 0 },
        wireOnly: { calls: 10, connections: 2, rounds: 1, events: 60, peakConcurrent: 10, meanConcurrent: 5, eventsPerS: 60_000, runs: 3, slowestEventsPerS: 50_000, lost: 0 },
        ratio: 2,
      },
    });
    expect(entry).to.match(/cores/).and.match(/Node v/);
    expect(entry).to.contain('target missed').and.contain('1.25× the target');
    expect(entry).to.contain('fastest of 3 runs').and.contain('slowest run of the suite: 12.50 ms').and.contain('of which 3 ms waiting');
    expect(entry).to.contain('target met');
    expect(entry).to.contain('load average');
    expect(entry).to.contain('**120000 events/s** (fastest of 2, each in its own process; slowest 90000 events/s) = 2.50× the reader\'s time alone')
      .and.contain('at most 1 calls held at once, heap retained after the log 0.50 MB');
    expect(entry).to.contain('`npm run trace -- <log> > out.ndjson` as a user runs it').and.contain('**5.0 MB/s** (fastest of 2; slowest 4.0 MB/s) = 2.00× the reader\'s time alone');
    expect(entry).to.contain("(each size the fastest of 3 runs, the sizes taken in turn, a smaller size's trace repeated up to the largest's events; the ratio within each run: 1.20, 1.10, 1.40)");
    expect(entry).to.contain('**0 lost** in all 3 runs, **40000 events/s** (fastest of 3 runs, each on fresh sessions; slowest 30000 events/s)').and.contain('1.25× too slow');
    const dir = mkdtempSync(join(tmpdir(), 'cmc-bench-spec-'));
    try {
      const file = join(dir, 'RESULTS.md');
      appendResults(entry, file);
      appendResults(entry, file);
      expect(readFileSync(file, 'utf8').split(entry)).to.have.length(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('(issue 19) continuous conformance: every call gets one verdict with 1 and 2 workers; the entry gives the ratios', { timeout: 600_000 }, async () => {
    const m = await monitorBench(30, 2);
    expect(m.one.runs).to.equal(2);
    expect(m.two.runs).to.equal(2);
    expect(m.one.slowestEventsPerS).to.be.at.most(m.one.eventsPerS);
    for (const run of [m.one, m.two, m.single]) {
      expect(run.calls).to.equal(30);
      expect(run.verdicts).to.equal(30);
      expect(run.duplicates).to.equal(0);
      expect(run.events).to.equal(30 * MESSAGES_PER_CALL);
    }
    expect(m.many.verdicts).to.equal(30 * MEMORY_TIMES);
    expect(m.many.duplicates).to.equal(0);
    expect(m.one.cpu.workersS + m.one.cpu.serverS).to.be.greaterThan(0);
    expect(m.one.peakWorkerRssMb).to.be.greaterThan(0);
    const entry = renderEntry({ monitor: m });
    expect(entry).to.contain('(fastest of 2 runs, each a fresh stream and monitor; slowest');
    expect(entry).to.contain('(issue 19) 2 workers').and.contain('× one worker').and.contain('× recognize\'s rate').and.contain('× one message per event').and.contain('the target** of 50,000').and.contain('other sessions');
  });
});
