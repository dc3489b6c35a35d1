/**
 * French texts the booking domain produces itself: e-mails sent after commit and the reasons of skipped days in the
 * Modification avancée preview. The web pages keep their own catalog (app/i18n), which core must not import; they
 * may reuse these functions or map the codes (LockReason, LineFailure) to their own words.
 */
import { formatDayFr, formatDeadlineFr, type PlainDate } from '../calendar';
import { formatEuros } from '../pricing';
import type { BasketAction, BasketLine, DayCell, LineFailure } from './model';

export function lockReasonFr(lock: NonNullable<DayCell['lock']>): string {
  switch (lock.reason) {
    case 'past':
      return 'Jour passé';
    case 'deadline_passed':
      return lock.deadline ? `Délai dépassé (modifiable jusqu’au ${formatDeadlineFr(new Date(lock.deadline))})` : 'Délai dépassé';
    case 'closed':
      return lock.detail ? `Fermé : ${lock.detail}` : 'Fermé';
    case 'holiday':
      return lock.detail ?? 'Vacances scolaires';
    case 'public_holiday':
      return lock.detail ? `Jour férié : ${lock.detail}` : 'Jour férié';
    case 'not_open':
      return 'Pas d’activité ce jour-là';
    case 'full':
      return 'Complet';
    case 'not_enrolled':
      return 'Enfant non inscrit à cette activité';
  }
}

export function lineFailureFr(reason: LineFailure): string {
  switch (reason) {
    case 'full':
      return 'complet : plus aucune place ce jour-là';
    case 'deadline_passed':
      return 'le délai pour ce jour est dépassé';
    case 'not_open':
      return 'l’activité n’a pas lieu ce jour-là';
    case 'not_enrolled':
      return 'l’enfant n’est pas inscrit à cette activité';
    case 'already_booked':
      return 'ce jour était déjà réservé';
    case 'not_booked':
      return 'ce jour n’était pas réservé';
  }
}

export function actionFr(action: BasketAction): string {
  return action === 'add' ? 'Réservation' : action === 'cancel' ? 'Annulation' : 'Liste d’attente';
}

export interface MailText {
  subject: string;
  text: string;
}

function lineText(line: Pick<BasketLine, 'day' | 'childFirstName' | 'activityName'>): string {
  return `${formatDayFr(line.day, { withYear: true })} – ${line.childFirstName} – ${line.activityName}`;
}

const SIGNATURE = '\n\nCe message est envoyé automatiquement par le portail famille, merci de ne pas y répondre.';

/** After Terminer: what was booked, cancelled, put on a waiting list, and what could not be. */
export function confirmationMail(input: {
  applied: readonly BasketLine[];
  failed: readonly (BasketLine & { reason: LineFailure })[];
  remaining: number;
  planningUrl: string;
}): MailText {
  const group = (action: BasketAction) => input.applied.filter((line) => line.action === action).map((line) => `  • ${lineText(line)}`);
  const parts: string[] = ['Bonjour,', '', 'Vos modifications ont bien été enregistrées sur le portail famille.'];
  const booked = group('add');
  const cancelled = group('cancel');
  const waiting = group('wait');
  if (booked.length) parts.push('', `Réservé (${booked.length}) :`, ...booked);
  if (cancelled.length) parts.push('', `Annulé (${cancelled.length}) :`, ...cancelled);
  if (waiting.length) {
    parts.push('', `Inscrit sur liste d’attente (${waiting.length}) :`, ...waiting,
      'Vous recevrez un message si une place se libère pour votre enfant.');
  }
  if (input.failed.length) {
    parts.push('', `Non pris en compte (${input.failed.length}) :`,
      ...input.failed.map((line) => `  • ${lineText(line)} : ${lineFailureFr(line.reason)}`));
  }
  if (input.remaining > 0) {
    parts.push('', `${input.remaining} ligne(s) en paiement immédiat restent dans votre récapitulatif : elles ne seront réservées qu’après paiement.`);
  }
  parts.push('', `Votre planning : ${input.planningUrl}`);
  const count = booked.length + cancelled.length + waiting.length;
  if (count === 0) parts[2] = 'Vos modifications n’ont pas pu être enregistrées.';
  const subject = count === 0
    ? 'Vos modifications n’ont pas pu être enregistrées'
    : `Vos réservations sont enregistrées (${count} modification${count > 1 ? 's' : ''})`;
  return { subject, text: parts.join('\n') + SIGNATURE };
}

/** A place freed up: the child on the waiting list is now booked. */
export function promotionMail(input: {
  childFirstName: string;
  activityName: string;
  day: PlainDate;
  unitPriceCents: number;
  cancelDeadline: string;
  planningUrl: string;
}): MailText {
  const day = formatDayFr(input.day, { withYear: true });
  return {
    subject: `Une place s’est libérée : ${input.childFirstName} est inscrit(e) le ${day}`,
    text: [
      'Bonjour,',
      '',
      `Une place s’est libérée pour ${input.activityName} le ${day}.`,
      `${input.childFirstName}, qui était sur la liste d’attente, est maintenant réservé(e) pour ce jour (${formatEuros(input.unitPriceCents)}).`,
      '',
      `Si vous n’en avez plus besoin, vous pouvez annuler sur le portail jusqu’au ${formatDeadlineFr(new Date(input.cancelDeadline))}.`,
      '',
      `Votre planning : ${input.planningUrl}`,
    ].join('\n') + SIGNATURE,
  };
}

/** The basket still holds changes nobody confirmed. */
export function basketReminderMail(input: { lineCount: number; expiresAt: string | null; recapUrl: string }): MailText {
  const lines = `${input.lineCount} modification${input.lineCount > 1 ? 's' : ''}`;
  return {
    subject: 'Vos réservations ne sont pas encore enregistrées',
    text: [
      'Bonjour,',
      '',
      `Votre récapitulatif contient ${lines} qui ${input.lineCount > 1 ? 'ne sont pas encore enregistrées' : 'n’est pas encore enregistrée'}.`,
      'Rien n’est réservé tant que vous n’avez pas cliqué sur « Terminer » dans le récapitulatif.',
      ...(input.expiresAt ? ['', `Sans action de votre part, ce récapitulatif sera supprimé le ${formatDeadlineFr(new Date(input.expiresAt), { withYear: true })}.`] : []),
      '',
      `Votre récapitulatif : ${input.recapUrl}`,
    ].join('\n') + SIGNATURE,
  };
}
