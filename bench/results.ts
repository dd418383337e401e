/**
 * bench/RESULTS.md: one appended section per `npm run bench`, with the machine (cores, memory,
 * Node) and the date, each result next to the baseline it was measured against in the same run and
 * its target. A missed target is said so, with by how much; the reasons found by profiling are
 * written by hand under the entry (the numbers are not).
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { BridgeResult, BridgeRun } from './bridge.bench';
import type { FloodResult } from './bridgeFlood.bench';
import type { MonitorBenchResult } from './monitor.bench';
import type { ReplayResult } from './replay.bench';
import type { ScalingResult } from './scaling.bench';
import type { SuiteResult } from './suite.bench';

export const RESULTS_FILE = 'bench/RESULTS.md';

const HEADER = `# Benchmark results

Appended by \`npm run bench\` (bench/index.ts), newest last. Compare ratios across commits, not
seconds across machines. Targets are those of issue 6; a missed one says by how much.
`;

export interface AllResults {
  readonly suite?: SuiteResult;
  readonly replay?: ReplayResult & { readonly requestedMb: number };
  readonly scaling?: ScalingResult;
  readonly bridge?: BridgeResult;
  /** The bridge under non-reading flooders (issue 22). */
  readonly flood?: FloodResult;
  /** Continuous conformance on NATS JetStream (issue 19). */
  readonly monitor?: MonitorBenchResult;
  /** The earlier microbenchmarks (matcher per table, features), already formatted. */
  readonly micro?: readonly string[];
}

function verdict(ok: boolean, miss: string): string {
  return ok ? 'target met' : `**target missed**: ${miss}`;
}

const f = (n: number, d = 1): string => n.toFixed(d);

function suiteLines(s: SuiteResult): string[] {
  return [
    `- (a) harness cost per scenario: ${s.scenarios} scenarios with all formatters (html, junit, message, Allure reporter) in ${f(s.suiteMs, 0)} ms (of which ${f(s.suiteFilesWaitMs, 0)} ms waiting, after the last scenario, for the Allure files still being written); baseline one trivial scenario, same loader and formatters: ${f(s.baselineMs, 0)} ms`
      + ` (each the fastest of ${String(s.runs)} runs, each in its own process) → **${f(s.msPerScenario, 2)} ms per scenario over the baseline** (slowest run of the suite: ${f(s.slowestMsPerScenario, 2)} ms) (target ≤ 8 ms; ${verdict(s.msPerScenario <= 8, `${f(s.msPerScenario / 8, 2)}× the target`)})${s.passed ? '' : ' — THE RUN DID NOT PASS'}`,
    `- (a) the same pair of runs with the progress formatter only: ${f(s.msPerScenarioProgressOnly, 2)} ms per scenario (so the report formatters add ${f(s.msPerScenario - s.msPerScenarioProgressOnly, 2)} ms per scenario)`,
  ];
}

function replayLines(r: NonNullable<AllResults['replay']>): string[] {
  const size = r.requestedMb === 200 ? `${f(r.mb)} MB` : `${f(r.mb)} MB (the issue asks for 200 MB; reduced so the run stays short — throughput is per MB and the reader streams, so it scales linearly; RSS does not grow with the size)`;
  return [
    `- (b) log replay: native SIP Server log of ${size}, ${r.events} events; streaming trace reader **${f(r.readerMbPerS)} MB/s** (fastest of ${r.readerRuns} runs, each in its own process; slowest ${f(r.slowestReaderMbPerS)} MB/s), baseline \`grep -c 'message Event'\` ${f(r.grepMbPerS)} MB/s (fastest of 2; reader = ${f(r.ratio)}× grep's time);`
      + ` ${r.lostEvents} events lost, ${r.unknownLines} unknown lines (target ≥ 100 MB/s; ${verdict(r.readerMbPerS >= 100, `${f(100 / r.readerMbPerS)}× too slow`)})`,
    `- (b) peak RSS of the reading process (largest of the runs): **${f(r.peakRssMb)} MB** (of which ${f(r.startRssMb)} MB before the first line: Node + ts-node + support code) (target < 300 MB; ${verdict(r.peakRssMb < 300, `${f(r.peakRssMb - 300)} MB over`)})`,
    recognizeLine(r),
    `- (b) \`npm run trace -- <log> > out.ndjson\` as a user runs it (the command end to end, process start included, ${r.traceLines} NDJSON lines to a file): **${f(r.traceMbPerS)} MB/s** (fastest of ${r.traceRuns}; slowest ${f(r.slowestTraceMbPerS)} MB/s) = ${f(r.traceVsReader, 2)}× the reader's time alone`,
  ];
}

function recognizeLine(r: NonNullable<AllResults['replay']>): string {
  const x = r.recognize;
  return `- (b) \`npm run recognize\` engine (support/recognize/) on the same log: ${x.calls} calls (${x.conforms} conform, ${x.deviates} deviate, ${x.unrecognised} unrecognised; ${x.reused} judged by an earlier call's shape), ${x.events} events in ${f(x.ms, 0)} ms, reading included, plans loaded before: **${f(x.eventsPerS, 0)} events/s** (fastest of ${x.runs}, each in its own process; slowest ${f(x.slowestEventsPerS, 0)} events/s) = ${f(x.vsReader, 2)}× the reader's time alone;`
    + ` at most ${x.maxOpenCalls} calls held at once, heap retained after the log ${f(x.retainedHeapMb, 2)} MB (after a full GC at both ends), peak RSS ${f(x.peakRssMb)} MB (${f(x.startRssMb)} MB with the plans loaded, before the first record) (target ≥ 100,000 events/s, memory bounded by open calls; ${verdict(x.eventsPerS >= 100_000, `${f(100_000 / x.eventsPerS, 2)}× too slow`)})`;
}

function scalingLines(s: ScalingResult): string[] {
  const pts = s.points.map((p) => `${p.events} events ${f(p.nsPerEvent / 1000, 2)} µs/event`).join(', ');
  return [
    `- (c) matcher scaling (session+matcher path, one 6-row Then table per call, calls interleaved, pending window ≤ ${Math.max(...s.points.map((p) => p.maxWindow))} events): ${pts}`
      + `${s.runs > 1 ? ` (each size the fastest of ${s.runs} runs, the sizes taken in turn, a smaller size's trace repeated up to the largest's events; the ratio within each run: ${s.runRatios.map((r) => f(r, 2)).join(', ')})` : ''};`
      + ` **largest/previous per-event ratio ${f(s.ratio, 2)}** (target ≤ 1.3; ${verdict(s.ratio <= 1.3, `${f(s.ratio - 1.3, 2)} over`)})`,
    `- (c) one single Then table: matchSequence matched ${s.deepTableRows} rows (1 event per DN; the largest size tried, the search keeps its own stack; GenEM tables have tens of rows)`,
  ];
}

function bridgeLines(b: BridgeResult): string[] {
  const r = b.bridge;
  const runs = (x: BridgeRun): string => (x.runs > 1 ? ` (fastest of ${x.runs} runs, each on fresh sessions; slowest ${f(x.slowestEventsPerS, 0)} events/s)` : '');
  return [
    `- (d) network bridge (TCP loopback, \`npm run simulator\` in its own process): ${r.calls} concurrent calls over ${r.connections} connections (each call made → answered → released ${r.rounds} times, each request sent on the previous one's ack; at most ${r.peakConcurrent} calls up at once, ${f(r.meanConcurrent, 0)} on average at each event), ${r.events} events, **${r.lost} lost**${r.runs > 1 ? ` in all ${r.runs} runs` : ''}, **${f(r.eventsPerS, 0)} events/s**${runs(r)};`
      + ` baseline same workload in-process ${f(b.inProcess.eventsPerS, 0)} events/s${runs(b.inProcess)} (in-process = ${f(b.ratio, 2)}× the bridge) (target ≥ 50,000 events/s with 0 lost; ${verdict(r.eventsPerS >= 50_000 && r.lost === 0, r.lost ? `${r.lost} events lost` : `${f(50_000 / r.eventsPerS, 2)}× too slow`)})`,
    `- (d) the wire alone (same workload, a bridge server whose system does no work): ${f(b.wireOnly.eventsPerS, 0)} events/s${runs(b.wireOnly)}, ${b.wireOnly.lost} lost`,
  ];
}

function floodLines(r: FloodResult): string[] {
  const ok = r.peakRssMb < 300 && r.flooded.lost === 0;
  return [
    `- (d) the bridge under non-reading flooders (issue 22; \`npm run simulator\` with its default limits, in its own process): the workload of (d) with ${r.flooded.calls} calls over ${r.flooded.connections} connections, ${r.flooded.rounds} rounds, while ${r.flooders / r.flooded.runs} fresh flooders per run (invalid lines; valid requests pipelined after hello + register) push up to 210 MB each and never read:`
      + ` **${f(r.flooded.eventsPerS, 0)} events/s** (fastest of ${r.flooded.runs}; slowest ${f(r.flooded.slowestEventsPerS, 0)}), **${r.flooded.lost} lost**; baseline the same workload on the same server without flooders ${f(r.baseline.eventsPerS, 0)} events/s (fastest of ${r.baseline.runs}) → **flooded = ${f(r.ratio, 2)}× the baseline**;`
      + ` server RSS ${f(r.startRssMb, 0)} MB at start, ${f(r.baselinePeakRssMb, 0)} MB at most after the runs without flooders, **peak ${f(r.peakRssMb, 0)} MB** with them (target < 300 MB with 0 lost; ${verdict(ok, r.flooded.lost ? `${r.flooded.lost} events lost` : `${f(r.peakRssMb - 300, 0)} MB over`)})`,
    `- (d) the flooders wrote at most ${f(r.maxAcceptedMb)} MB each (kernel buffers included) before the server stopped reading them; ${r.dropped} of ${r.flooders} dropped for not reading within writeStallMs (${f(r.writeStallMs / 1000, 0)} s) + 15 s${r.dropLogged ? ', the reason logged' : ', **no drop logged**'}; the server wrote ${r.logLines} log lines in all`,
  ];
}

function cpuLine(r: MonitorBenchResult['one']): string {
  const c = r.cpu;
  const ours = c.publisherS + c.serverS + c.workersS + c.monitorS;
  const us = (s: number): string => f((s * 1e6) / r.events, 1);
  return `CPU over its ${f(c.wallS, 2)} s (${c.cores} cores: ${f(c.cores * c.wallS, 2)} CPU-s there): publisher ${f(c.publisherS, 2)} s (${us(c.publisherS)} µs/event), nats-server ${f(c.serverS, 2)} s (${us(c.serverS)} µs/event), worker(s) ${f(c.workersS, 2)} s (${us(c.workersS)} µs/event), monitor ${f(c.monitorS, 2)} s; other sessions' processes ${f(c.othersS, 2)} s`
    + ` → ours ${f(ours, 2)} CPU-s = ${us(ours)} µs/event: on ${c.cores} idle cores at most ~${f((c.cores * r.events) / ours, 0)} events/s end to end; the worker(s) alone judge ${f(r.events / Math.max(1e-9, c.workersS), 0)} events per CPU-second`;
}

function monitorLines(m: MonitorBenchResult): string[] {
  const run = (r: MonitorBenchResult['one']): string => `${r.calls} calls, ${r.events} events (${r.batch === 1 ? 'one message per event' : `up to ${r.batch} of a thread's events per message`}) → ${r.verdicts} verdicts (${r.duplicates} duplicates) in ${f(r.ms / 1000, 2)} s: **${f(r.eventsPerS, 0)} events/s**${r.runs > 1 ? ` (fastest of ${r.runs} runs, each a fresh stream and monitor; slowest ${f(r.slowestEventsPerS, 0)} events/s)` : ''}; at most ${r.maxOpenCalls} calls open in a worker, peak worker RSS ${f(r.peakWorkerRssMb, 0)} MB`;
  return [
    `- (issue 19) continuous conformance, end to end (this process publishes to a local nats-server — file storage — while \`npm run monitor\` judges; from the first publish to the last verdict stored): 1 worker: ${run(m.one)} → **${f(m.one.eventsPerS / 50_000, 2)}× the target** of 50,000 events/s (${verdict(m.one.eventsPerS >= 50_000, `${f(50_000 / m.one.eventsPerS, 2)}× too slow`)}); ${cpuLine(m.one)}`,
    `- (issue 19) 2 workers: ${run(m.two)} → **${f(m.scaling, 2)}× one worker** (target ≥ 1.6× where the machine allows; ${verdict(m.scaling >= 1.6, `${f(m.scaling, 2)}× — the publisher, nats-server and both workers share the ${m.two.cpu.cores} cores with other sessions`)}); ${cpuLine(m.two)}`,
    `- (issue 19) batching: 1 worker with one message per event (\`npm run feed -- --batch 1\`): ${run(m.single)} → **batched = ${f(m.batching, 2)}× one message per event**; ${cpuLine(m.single)}`,
    `- (issue 19) memory bounded by open calls: 1 worker on ${f(m.many.calls / m.one.calls, 0)}× the calls (renumbered copies): ${run(m.many)} → **peak worker RSS ${f(m.many.peakWorkerRssMb / Math.max(1, m.one.peakWorkerRssMb), 2)}× that of ${m.one.calls} calls** (${f(m.many.peakWorkerRssMb - m.one.peakWorkerRssMb, 0)} MB more for ${m.many.events - m.one.events} more events)`,
    `- (issue 19) baseline \`npm run recognize -- <log> --json\` on ${m.recognizeEvents} events of the same calls from a file: ${f(m.recognizeMs / 1000, 2)} s end to end, of which ${f(m.recognizeStartupMs / 1000, 2)} s starting (its time on a one-call log) → ${f(m.recognizeEventsPerS, 0)} events/s judged; **the monitor (1 worker, end to end through JetStream) runs at ${f(m.vsRecognize, 3)}× recognize's rate** (the engine's cost)`,
  ];
}

export function renderEntry(results: AllResults, date = new Date()): string {
  const cpu = cpus();
  const lines = [
    '', `## ${date.toISOString()}`, '',
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${f(totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, ${process.platform}-${process.arch}; load average ${loadavg().map((l) => f(l, 2)).join(' ')} when written (a shared machine makes every number noisier).`, '',
    ...(results.suite ? suiteLines(results.suite) : []),
    ...(results.replay ? replayLines(results.replay) : []),
    ...(results.scaling ? scalingLines(results.scaling) : []),
    ...(results.bridge ? bridgeLines(results.bridge) : []),
    ...(results.flood ? floodLines(results.flood) : []),
    ...(results.monitor ? monitorLines(results.monitor) : []),
    ...(results.micro?.length ? ['', 'Microbenchmarks (ratio to the baseline named on each line):', '', '```', ...results.micro, '```'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function appendResults(entry: string, file = RESULTS_FILE): void {
  if (!existsSync(file)) writeFileSync(file, HEADER);
  appendFileSync(file, entry);
}
