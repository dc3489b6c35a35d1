/**
 * Background jobs of the process: basket reminders and basket expiry, every few minutes. Safe with several
 * processes on one database (the reminder is claimed by a conditional update; expiry is one idempotent UPDATE).
 * `startJobs` returns the function that stops them (called on shutdown).
 */
import type { AppServices } from './services';

export interface JobOptions {
  /** Milliseconds between runs (default 5 minutes). */
  intervalMs?: number;
  /** Delay before the first run (default 30 s, so start-up stays quick). */
  firstRunMs?: number;
}

export function startJobs(services: Pick<AppServices, 'basketJobs' | 'logger'>, options: JobOptions = {}): () => Promise<void> {
  const interval = options.intervalMs ?? 5 * 60_000;
  let running: Promise<void> | null = null;
  let stopped = false;

  const runOnce = async () => {
    try {
      const expired = await services.basketJobs.expireBaskets();
      const reminded = await services.basketJobs.sendReminders();
      if (expired || reminded) services.logger.info({ expired, reminded }, 'basket jobs');
    } catch (error) {
      services.logger.error({ err: error }, 'basket jobs failed');
    }
  };
  const tick = () => {
    if (stopped || running) return;
    running = runOnce().finally(() => {
      running = null;
    });
  };

  const first = setTimeout(tick, options.firstRunMs ?? 30_000);
  const timer = setInterval(tick, interval);
  first.unref();
  timer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}
