/**
 * Closure days per site. A closure on a day that has bookings makes staff choose (nothing is written until they do):
 *
 *  - 'cancel': in the same transaction as the closure, every booking of the site's activities that day is cancelled
 *    as a cancellation is (status, place released through the capacity counter, waiting list emptied); a prepaid day
 *    goes back to the family as a credit on its balance, like a cancelled prepaid day; each family gets an e-mail
 *    after the commit.
 *  - 'keep': the closure is recorded and the booked days stay booked (still counted for the kitchen, the attendance
 *    and the invoice): the site is closed to new bookings and to changes that day — for a day when the children are
 *    still received, e.g. elsewhere. Staff can cancel them one by one from the plannings later.
 */
import { isPlainDate, parisToday, type PlainDate } from '../calendar';
import { closureMail, errorsFr } from './messages-fr';
import type { Actor, BookingOnDay, Closure, Outcome } from './model';
import type { ReferentialDeps } from './ports';
import { audit } from './sites';

export type ClosureChoice = 'cancel' | 'keep';

export interface ClosureImpact {
  reserved: number;
  waiting: number;
  families: number;
  activities: { name: string; reserved: number; waiting: number }[];
}

export type AddClosureResult =
  { status: 'added'; closureId: string; cancelled: number; families: number } | { status: 'choose'; impact: ClosureImpact };

function impactOf(bookings: readonly BookingOnDay[]): ClosureImpact {
  const byActivity = new Map<string, { name: string; reserved: number; waiting: number }>();
  for (const b of bookings) {
    const entry = byActivity.get(b.activityId) ?? { name: b.activityName, reserved: 0, waiting: 0 };
    entry[b.status] += 1;
    byActivity.set(b.activityId, entry);
  }
  return {
    reserved: bookings.filter((b) => b.status === 'reserved').length,
    waiting: bookings.filter((b) => b.status === 'waiting').length,
    families: new Set(bookings.map((b) => b.familyId)).size,
    activities: [...byActivity.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

export async function addClosure(
  input: { siteId: string; day: string; reason: string; choice: string | null; actor: Actor },
  deps: ReferentialDeps,
): Promise<Outcome<AddClosureResult>> {
  const reason = (input.reason ?? '').trim().replace(/\s+/g, ' ');
  const errors: Record<string, string> = {};
  const now = deps.clock.now();
  if (!isPlainDate(input.day)) errors.day = errorsFr.closureDay;
  else if (input.day < parisToday(now)) errors.day = errorsFr.closurePast;
  if (reason === '' || reason.length > 200) errors.reason = errorsFr.closureReason;
  if (input.choice !== null && input.choice !== 'cancel' && input.choice !== 'keep') errors.choice = errorsFr.closureChoice;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const day = input.day as PlainDate;
  const choice = input.choice as ClosureChoice | null;

  type Cancelled = BookingOnDay & { creditedCents: number };
  type Done = { ok: true; value: AddClosureResult; mails: Cancelled[]; siteName: string } | { ok: false; errors: Record<string, string> };
  const outcome = await deps.store.transaction(async (repos): Promise<Done> => {
    const site = await repos.referential.site(input.siteId);
    if (!site) return { ok: false, errors: { form: errorsFr.siteNotFound } };
    const bookings = await repos.referential.bookingsOn(site.id, day);
    // Bookings there (perhaps made since the preview) and no choice yet: nothing is written, staff choose first.
    if (bookings.length > 0 && choice === null)
      return { ok: true, value: { status: 'choose', impact: impactOf(bookings) }, mails: [], siteName: site.name };
    const closure: Closure = { id: crypto.randomUUID(), siteId: site.id, day, reason };
    if (!(await repos.referential.insertClosure(closure))) return { ok: false, errors: { day: errorsFr.closureExists } };
    const cancelled: Cancelled[] = [];
    if (choice === 'cancel') {
      for (const booking of bookings) {
        if (!(await repos.bookings.changeStatus(booking.id, booking.status, 'cancelled', now))) continue;
        let creditedCents = 0;
        if (booking.status === 'reserved') {
          await repos.bookings.releasePlace(booking.activityId, day);
          if (booking.billingMode === 'prepaid' && booking.unitPriceCents > 0) {
            creditedCents = booking.unitPriceCents;
            await repos.credits.move(
              {
                familyId: booking.familyId,
                amountCents: creditedCents,
                kind: 'closure_cancellation',
                label: `${booking.childFirstName} – ${booking.activityName} – ${day} : annulé (fermeture)`,
                transactionId: null,
              },
              now,
            );
          }
        }
        cancelled.push({ ...booking, creditedCents });
      }
    }
    const families = new Set(cancelled.map((b) => b.familyId)).size;
    await audit(
      repos,
      input.actor,
      'referential.closure_added',
      `site:${site.id}`,
      {
        closureId: closure.id,
        day,
        reason,
        choice: bookings.length === 0 ? 'none' : choice,
        bookings: bookings.length,
        cancelled: cancelled.map((b) => ({
          bookingId: b.id,
          childId: b.childId,
          activityId: b.activityId,
          status: b.status,
          creditedCents: b.creditedCents,
        })),
      },
      now,
    );
    return {
      ok: true,
      value: { status: 'added', closureId: closure.id, cancelled: cancelled.length, families },
      mails: cancelled,
      siteName: site.name,
    };
  });
  if (!outcome.ok) return outcome;
  if (outcome.mails.length > 0) await notifyFamilies(outcome.mails, { siteName: outcome.siteName, day, reason }, deps);
  return { ok: true, value: outcome.value };
}

/** After the commit: one e-mail per family; a failed e-mail is reported, never undoes the closure. */
async function notifyFamilies(
  cancelled: readonly (BookingOnDay & { creditedCents: number })[],
  closure: { siteName: string; day: PlainDate; reason: string },
  deps: ReferentialDeps,
) {
  const byFamily = new Map<string, (BookingOnDay & { creditedCents: number })[]>();
  for (const b of cancelled) byFamily.set(b.familyId, [...(byFamily.get(b.familyId) ?? []), b]);
  for (const [familyId, bookings] of byFamily) {
    try {
      const family = await deps.store.planning.family(familyId);
      const mail = closureMail({
        ...closure,
        bookings,
        creditedCents: bookings.reduce((sum, b) => sum + b.creditedCents, 0),
        planningUrl: deps.planningUrl,
      });
      for (const to of family?.emails ?? []) await deps.mailer.send({ to, ...mail });
    } catch (error) {
      deps.onError?.(error, 'referential.closure_mail');
    }
  }
}

export async function removeClosure(
  input: { siteId: string; closureId: string; actor: Actor },
  deps: ReferentialDeps,
): Promise<Outcome<null>> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const removed = await repos.referential.deleteClosure(input.siteId, input.closureId);
    if (!removed) return { ok: false, errors: { form: errorsFr.closureNotFound } };
    await audit(
      repos,
      input.actor,
      'referential.closure_removed',
      `site:${input.siteId}`,
      { closureId: removed.id, day: removed.day, reason: removed.reason },
      now,
    );
    return { ok: true, value: null };
  });
}
