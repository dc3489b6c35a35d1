/**
 * Background work on baskets, safe with several processes on one database:
 *  - the reminder e-mail to families whose basket has held unconfirmed lines for a while, claimed by a conditional
 *    update of reminder_sent_at (committed before the mail leaves: at most one reminder per basket filling);
 *  - expiry of baskets left untouched past their expiry (status `expired`; their lines stay for the record).
 */
import { basketReminderMail } from '../messages-fr';
import { DEFAULT_BOOKING_SETTINGS, type BookingDeps } from '../ports';

export interface BasketJobs {
  /** Returns the number of families reminded. */
  sendReminders(limit?: number): Promise<number>;
  /** Returns the number of baskets expired. */
  expireBaskets(): Promise<number>;
}

export function createBasketJobs(deps: Pick<BookingDeps, 'store' | 'clock' | 'mailer' | 'links' | 'settings' | 'onError'>): BasketJobs {
  const settings = { ...DEFAULT_BOOKING_SETTINGS, ...deps.settings };
  return {
    async sendReminders(limit = 100) {
      const now = deps.clock.now();
      const before = new Date(now.getTime() - settings.reminderAfterHours * 3_600_000).toISOString();
      let reminded = 0;
      for (const basket of await deps.store.baskets.dueForReminder(before, limit)) {
        if (!(await deps.store.baskets.claimReminder(basket.id, before, now))) continue; // another process has it
        const [family, lines] = await Promise.all([deps.store.planning.family(basket.familyId), deps.store.baskets.lines(basket.id)]);
        if (!family || lines.length === 0 || family.emails.length === 0) continue;
        const mail = basketReminderMail({ lineCount: lines.length, expiresAt: basket.expiresAt, recapUrl: deps.links.recap });
        for (const to of family.emails) {
          await deps.mailer.send({ to, ...mail }).catch((error: unknown) => deps.onError?.(error, 'basket.reminder_mail'));
        }
        reminded++;
      }
      return reminded;
    },
    async expireBaskets() {
      return deps.store.baskets.expire(deps.clock.now());
    },
  };
}
