/**
 * Background jobs of the process: basket reminders and basket expiry, every few minutes; the payment poller every
 * minute. Safe with several
 * processes on one database (the reminder is claimed by a conditional update; expiry is one idempotent UPDATE).
 * `startJobs` returns the function that stops them (called on shutdown).
 */
import type { AppServices } from './services';

export interface JobOptions {
  /** Milliseconds between runs (default 5 minutes). */
  intervalMs?: number;
  /** Delay before the first run (default 30 s, so start-up stays quick). */
  firstRunMs?: number;
  /** Milliseconds between two runs of the payment poller (default 1 minute). */
  paymentIntervalMs?: number;
}

export function startJobs(
  services: Pick<AppServices, 'basketJobs' | 'logger'> & Partial<Pick<AppServices, 'payments' | 'backOffice' | 'invoicing'>>,
  options: JobOptions = {},
): () => Promise<void> {
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
    // Meal counts: the snapshot of each day whose booking deadline passed (idempotent: one row per activity and day).
    try {
      const frozen = (await services.backOffice?.freezeDueMealCounts()) ?? 0;
      if (frozen) services.logger.info({ frozen }, 'meal counts frozen');
    } catch (error) {
      services.logger.error({ err: error }, 'meal count freezing failed');
    }
    // An invoicing run interrupted by a restart is finished here (its lease has passed), then its invoices e-mailed.
    try {
      const resumed = (await services.invoicing?.resumeInterrupted()) ?? 0;
      if (resumed) services.logger.info({ resumed }, 'invoicing runs resumed');
    } catch (error) {
      services.logger.error({ err: error }, 'invoicing run resumption failed');
    }
    // Invoices issued and not yet e-mailed (a run interrupted after its commits, a mail server that was down).
    try {
      const mailed = (await services.invoicing?.sendEmails()) ?? 0;
      if (mailed) services.logger.info({ mailed }, 'invoices e-mailed');
    } catch (error) {
      services.logger.error({ err: error }, 'invoice e-mails failed');
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

  // The payment poller: asks the provider about running payments (a crash between the bank's answer and our commit
  // loses nothing), ends holds past their time (places released, lines back in the basket), sends pending receipts.
  // Safe with several processes: every change is a conditional update.
  let polling: Promise<void> | null = null;
  const poll = () => {
    if (stopped || polling || !services.payments) return;
    const payments = services.payments;
    polling = payments
      .reconcile()
      .then((result) => {
        if (result.ended || result.receipts) services.logger.info(result, 'payment poller');
      })
      .catch((error: unknown) => services.logger.error({ err: error }, 'payment poller failed'))
      .finally(() => {
        polling = null;
      });
  };
  const firstPoll = setTimeout(poll, Math.min(options.firstRunMs ?? 30_000, 15_000));
  const pollTimer = setInterval(poll, options.paymentIntervalMs ?? 60_000);
  firstPoll.unref();
  pollTimer.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
    clearTimeout(firstPoll);
    clearInterval(pollTimer);
    await running;
    await polling;
  };
}
