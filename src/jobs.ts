/**
 * Parallel analysis (`--jobs N`): a pool of worker threads that take files in
 * batches and hand back their results, which the run reports in the order it
 * handed the files out, so the output is the same whatever the number of
 * workers. Only a window of files is in flight at a time, so memory stays
 * bounded however large the tree.
 *
 * The worker script is the bundle itself (dist/cli.js): started with
 * WORKER_FLAG after the script name, it serves jobs instead of doing nothing.
 * Tasks and results are plain data (structured clone); what a worker needs
 * beyond them it rebuilds itself.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Worker as WorkerThread } from 'node:worker_threads';

/** The argument that makes the bundle serve jobs (`process.argv[2]` of a worker thread). */
export const WORKER_FLAG = '--dockerfile-codemod-worker';

/** Files a batch holds at most: enough to make a message's cost small against the files' own. */
const BATCH = 16;
/** Batches a worker holds at once: one to work on, one waiting, so it never idles for the next. */
const IN_FLIGHT = 2;

/** The bundle, which serves as the worker script; undefined when there is none (sources not built). */
export function workerScript(): string | undefined {
  // In the bundle this module is dist/cli.js itself; compiled alone it is dist/src/jobs.js; in the sources
  // (tests) src/jobs.ts, beside dist/.
  const candidates = [join(__dirname, '..', 'cli.js'), join(__dirname, '..', 'dist', 'cli.js')];
  if (basename(__filename) === 'cli.js') candidates.unshift(__filename);
  return candidates.find((c) => existsSync(c));
}

/** An item of the run, in order: a task for a worker, or a result the run knows without one. */
export type Item<T, R> = { task: T } | { result: R | undefined };

type Outcome<R> = { result: R } | { fatal: string };

interface Slot {
  worker: WorkerThread;
  batches: number;
}

/**
 * Hands the items' tasks (`count` items in all) to `jobs` worker threads and calls `onResult` with
 * every item's result in the items' order (undefined for an item without one),
 * waiting for it when it returns a promise. A task that throws in its worker
 * fails the run when its turn comes, as it would have in one thread; a worker
 * that dies fails it at once. The workers are stopped either way.
 */
export async function mapInWorkers<T, R>(
  script: string,
  jobs: number,
  setup: unknown,
  items: Iterable<Item<T, R>>,
  count: number,
  onResult: (result: R | undefined) => void | Promise<void>,
): Promise<void> {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  // Smaller batches for fewer items, so that every worker gets some.
  const size = Math.max(1, Math.min(BATCH, Math.ceil(count / (jobs * IN_FLIGHT))));
  const window = jobs * size * (IN_FLIGHT + 2);
  const done = new Map<number, Outcome<R | undefined>>();
  const queue: Array<Array<[number, T]>> = [];
  let batch: Array<[number, T]> = [];
  let failure: Error | undefined;
  let finished = false;
  let signal: (() => void) | undefined;
  const wake = () => {
    const s = signal;
    signal = undefined;
    s?.();
  };
  const slots: Slot[] = [];
  for (let i = 0; i < jobs; i++) {
    const worker = new Worker(script, { argv: [WORKER_FLAG], workerData: setup });
    const slot: Slot = { worker, batches: 0 };
    worker.on('message', (m: { results: Array<[number, Outcome<R>]> }) => {
      for (const [index, outcome] of m.results) done.set(index, outcome);
      slot.batches--;
      wake();
    });
    worker.on('error', (e) => {
      failure ??= new Error(`a worker thread failed: ${e?.stack ?? e}`);
      wake();
    });
    worker.on('exit', (code) => {
      if (!finished) failure ??= new Error(`a worker thread stopped (exit code ${code})`);
      wake();
    });
    slots.push(slot);
  }
  const source = items[Symbol.iterator]();
  let next = 0;
  let reported = 0;
  let exhausted = false;
  try {
    for (;;) {
      if (failure) throw failure;
      while (!exhausted && next - reported < window) {
        const it = source.next();
        if (it.done) {
          exhausted = true;
          break;
        }
        const index = next++;
        if ('task' in it.value) {
          batch.push([index, it.value.task]);
          if (batch.length === size) {
            queue.push(batch);
            batch = [];
          }
        } else done.set(index, { result: it.value.result });
      }
      // A partial batch goes out once no more items can join it: the window is full or the items are done.
      if (batch.length > 0 && (exhausted || next - reported >= window)) {
        queue.push(batch);
        batch = [];
      }
      for (const slot of slots)
        while (slot.batches < IN_FLIGHT && queue.length > 0) {
          slot.worker.postMessage({ tasks: queue.shift() });
          slot.batches++;
        }
      let progressed = false;
      for (let o = done.get(reported); o !== undefined; o = done.get(reported)) {
        done.delete(reported);
        reported++;
        if ('fatal' in o) {
          const e = new Error(o.fatal.split('\n')[0]);
          e.stack = o.fatal;
          throw e;
        }
        await onResult(o.result);
        progressed = true;
        if (failure) throw failure;
      }
      if (exhausted && reported === next) return;
      // Messages arrive only while this function waits, so none is lost between the check above and here.
      if (!progressed) await new Promise<void>((resolve) => (signal = resolve));
    }
  } finally {
    finished = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/**
 * The worker's side: takes batches of tasks from the run and answers each
 * batch with its results. `handle` gets the pool's `setup` (workerData) with
 * each task.
 */
export function serveJobs<T, R>(handle: (task: T, setup: unknown) => Promise<R>): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  // The main thread with the flag among its arguments is no worker: its command line will reject the flag.
  if (!parentPort) return;
  const port = parentPort;
  let chain = Promise.resolve();
  port.on('message', (m: { tasks: Array<[number, T]> }) => {
    chain = chain.then(async () => {
      // Test hook (the jobs suite): a worker that dies, as one out of memory would.
      if (process.env.DOCKERFILE_CODEMOD_TEST_FAULT === 'worker-crash')
        setImmediate(() => {
          throw new Error('injected worker crash');
        });
      const results: Array<[number, Outcome<R>]> = [];
      for (const [index, task] of m.tasks) {
        try {
          results.push([index, { result: await handle(task, workerData) }]);
        } catch (e) {
          results.push([index, { fatal: (e as Error)?.stack ?? String(e) }]);
        }
      }
      port.postMessage({ results });
    });
  });
}
