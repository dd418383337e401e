/**
 * Files written by a worker thread, off the thread that runs the scenarios.
 *
 * A run writes about five files per scenario into the Allure results: the result, the hooks'
 * container, the observed trace, the sequence diagram and one CSV per data table. `fs.promises`
 * writes happen in libuv's pool, but starting each one (a FileHandle, its promises, and cucumber's
 * domain around every callback) cost the running thread 0.2–0.3 ms per file here: 0.4–0.7 s of a
 * 5 s run (bench/RESULTS.md, 2026-11-26). Here the running thread only hands the path and the data
 * over, in batches; a worker writes them, one after another, on the other core.
 *
 * Nothing is lost: the worker keeps the process alive while a file is outstanding (a run that ends
 * without waiting still gets every file), {@link BackgroundFiles.settled} resolves once every file
 * handed over so far is on disk, and a file that cannot be written is reported with its path.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** One file: where, and what. */
type Job = readonly [path: string, data: string | Uint8Array<ArrayBuffer>];

/** The worker's answer to one batch: how many files it handled and which of them failed. */
interface Done {
  readonly done: number;
  readonly failed: readonly string[];
}

/** The writer thread's program: a real module file, plain JavaScript (see the file). */
export const WRITER_THREAD = join(__dirname, 'fileWriterThread.js');

/** Files handed over at once, at most (a scenario writes about five). */
const BATCH = 32;

export class BackgroundFiles {
  private worker: Worker | undefined;
  private batch: Job[] = [];
  private outstanding = 0;
  /** The paths of each batch handed over and not answered yet, oldest first (the worker answers in order). */
  private inFlight: string[][] = [];
  private waiting: (() => void)[] = [];

  /**
   * `onFailure(message)`: a file could not be written (message names the path and the reason).
   * `program`: the worker's module file (tests give one that dies, to see that its files are reported).
   */
  constructor(private readonly onFailure: (message: string) => void, private readonly program: string = WRITER_THREAD) {}

  /** Write `data` to `path` (replacing it), in the worker: at the end of this turn, or sooner once a batch is full. */
  write(path: string, data: string | Uint8Array): void {
    // A small Buffer is a view of a shared 8 KB pool, which a message would copy whole: copy the
    // view alone, and hand that copy over (transferred, not copied again).
    this.batch.push([path, typeof data === 'string' ? data : new Uint8Array(data)]);
    this.outstanding += 1;
    // A cucumber run goes from scenario to scenario in promise jobs, without a turn of the event
    // loop in between: waiting for the turn alone would hand everything over at the end.
    if (this.batch.length >= BATCH) this.handOver();
    else if (this.batch.length === 1) setImmediate(() => { this.handOver(); });
  }

  /** Resolves once every file written so far is on disk or reported as failed. */
  settled(): Promise<void> {
    this.handOver();
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private handOver(): void {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const worker = this.started();
    // Outstanding files keep the process alive; an idle worker does not (see onDone).
    worker.ref();
    this.inFlight.push(batch.map(([path]) => path));
    worker.postMessage(batch, batch.flatMap(([, data]) => (typeof data === 'string' ? [] : [data.buffer])));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.program, { execArgv: [] });
    worker.on('message', (m: Done) => {
      this.inFlight.shift();
      this.onDone(m);
    });
    // The worker died (it does not throw on a file it cannot write): whatever it held is lost, and said so.
    const lost = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const paths = this.inFlight.flat();
      this.inFlight = [];
      if (paths.length > 0) this.onDone({ done: paths.length, failed: [`${String(paths.length)} file(s) not written, the first ${paths[0] ?? ''}: the writer thread ${why}`] });
    };
    worker.on('error', (e) => { lost(`failed: ${e.message}`); });
    worker.on('exit', (code) => { lost(`exited with code ${String(code)}`); });
    this.worker = worker;
    return worker;
  }

  private onDone({ done, failed }: Done): void {
    for (const message of failed) this.onFailure(message);
    this.outstanding -= done;
    if (this.outstanding > this.batch.length) return;
    this.worker?.unref();
    if (this.outstanding > 0) return;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
