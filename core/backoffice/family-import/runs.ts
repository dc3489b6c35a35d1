/**
 * A family CSV import run in the background, so the page can show its progress (« 120 / 200 lignes ») without
 * JavaScript while it works. The import itself stays ONE transaction (runImport); its progress is written to the
 * run's row outside that transaction, latest value first and never awaited by it: on a single-connection database
 * (SQLite) those writes simply wait for the commit instead of blocking it.
 */
import type { Clock } from '../../ports';
import type { Viewer } from '../model';
import type { BackOfficeDeps } from '../ports';
import type { ColumnMapping } from './fields';
import { runImport } from './service';

export type ImportRunStatus = 'running' | 'done' | 'refused' | 'failed';

export interface ImportRunResult {
  created: number;
  updated: number;
  unchanged: number;
  fileNumbers: string[];
  /** Lines in error when refused. */
  errors: number;
}

export interface ImportRun {
  id: string;
  fileName: string;
  status: ImportRunStatus;
  linesTotal: number;
  linesDone: number;
  result: ImportRunResult | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportRunRepository {
  create(run: { fileName: string; linesTotal: number; createdBy: string | null }, now: Date): Promise<ImportRun>;
  progress(id: string, linesDone: number): Promise<void>;
  finish(
    id: string,
    outcome: { status: Exclude<ImportRunStatus, 'running'>; linesDone: number; result: ImportRunResult | null },
    now: Date,
  ): Promise<void>;
  find(id: string): Promise<ImportRun | null>;
}

/**
 * Reports a counter through `write`, one write at a time and always the latest value: a slow write never piles up
 * the intermediate ones. `settled()` resolves once the last reported value is written (or failed).
 */
export function latestValueWriter(write: (value: number) => Promise<void>, onError: (error: unknown) => void) {
  let latest: number | null = null;
  let running: Promise<void> | null = null;
  const drain = async () => {
    while (latest !== null) {
      const value = latest;
      latest = null;
      try {
        await write(value);
      } catch (error) {
        onError(error);
      }
    }
    running = null;
  };
  return {
    report(value: number) {
      latest = value;
      running ??= drain();
    },
    settled: (): Promise<void> => running ?? Promise.resolve(),
  };
}

export interface StartImportInput {
  text: string;
  mapping: ColumnMapping;
  fileName: string;
  encoding: string;
  lineCount: number;
  viewer: Viewer;
}

/**
 * Records the run, then imports in the background. Returns at once with the run's id; `finished` settles when the
 * run's row holds the outcome (tests await it; the web page polls the row).
 */
export async function startImportRun(
  input: StartImportInput,
  deps: Pick<BackOfficeDeps, 'store' | 'clock' | 'onError'> & { runs: ImportRunRepository },
): Promise<{ runId: string; finished: Promise<void> }> {
  const run = await deps.runs.create(
    { fileName: input.fileName.slice(0, 120), linesTotal: input.lineCount, createdBy: input.viewer.userId },
    deps.clock.now(),
  );
  const report = (error: unknown, context: string) => deps.onError?.(error, context);
  const writer = latestValueWriter(
    (done) => deps.runs.progress(run.id, done),
    (error) => report(error, `import run ${run.id} progress`),
  );
  const finished = work(run.id, input, { ...deps, onProgress: writer.report })
    .then(async (outcome) => {
      await writer.settled();
      await deps.runs.finish(run.id, outcome, deps.clock.now());
    })
    .catch((error) => report(error, `import run ${run.id}`));
  return { runId: run.id, finished };
}

async function work(
  runId: string,
  input: StartImportInput,
  deps: Pick<BackOfficeDeps, 'store' | 'onError'> & { clock: Clock; onProgress: (done: number) => void },
): Promise<{ status: Exclude<ImportRunStatus, 'running'>; linesDone: number; result: ImportRunResult | null }> {
  try {
    const result = await runImport({ ...input, onProgress: deps.onProgress }, deps);
    if (result.ok && result.imported) {
      return { status: 'done', linesDone: result.plan.lines.length, result: { ...result.imported, errors: 0 } };
    }
    const errors = result.ok ? result.plan.counts.error : 0;
    return { status: 'refused', linesDone: 0, result: { created: 0, updated: 0, unchanged: 0, fileNumbers: [], errors } };
  } catch (error) {
    deps.onError?.(error, `import run ${runId}`);
    return { status: 'failed', linesDone: 0, result: null };
  }
}
