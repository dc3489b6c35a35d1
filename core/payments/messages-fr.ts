/**
 * French texts the payment domain produces itself: the receipt e-mail sent after the payment is recorded, the
 * words for outcomes and anomalies. Pages keep their own catalog (app/i18n/fr-payments.ts).
 */
import { formatDayFr, formatDeadlineFr } from '../calendar';
import { formatEuros } from '../pricing';
import type { AnomalyKind, PaymentLine, PaymentTransaction } from './model';

export interface MailText {
  subject: string;
  text: string;
}

export function outcomeFr(outcome: string | null): string {
  if (!outcome) return '';
  if (outcome === 'booked') return 'réservé';
  if (outcome === 'waiting') return 'inscrit sur liste d’attente';
  if (outcome === 'cancelled') return 'annulé, montant crédité sur votre compte';
  if (outcome === 'settled') return 'réglé';
  if (outcome === 'released') return 'non réservé';
  if (outcome.startsWith('failed:')) {
    const reason = outcome.slice(7);
    const why: Record<string, string> = {
      already_booked: 'ce jour était déjà réservé',
      not_booked: 'ce jour n’était plus réservé',
      full: 'plus aucune place',
      not_open: 'pas d’activité ce jour-là',
    };
    return `non appliqué (${why[reason] ?? reason}) : le montant est crédité sur votre compte`;
  }
  return outcome;
}

function actionFr(action: string | null): string {
  return action === 'add' ? 'Réservation' : action === 'cancel' ? 'Annulation' : action === 'wait' ? 'Liste d’attente' : '';
}

export function lineTitleFr(line: PaymentLine): string {
  if (line.kind === 'booking' && line.day) {
    return `${formatDayFr(line.day, { withYear: true })} – ${line.childFirstName ?? ''} – ${line.activityName ?? ''} – ${actionFr(line.action)}`;
  }
  return line.priceLabel;
}

/** The receipt: what was booked and paid, the credit used, the amount charged, the reference. */
export function receiptMail(input: {
  transaction: PaymentTransaction;
  lines: readonly PaymentLine[];
  resultUrl: string;
  commune?: string;
}): MailText {
  const { transaction: tx, lines } = input;
  const number = tx.receiptNumber ?? tx.reference;
  const when = formatDeadlineFr(new Date(tx.settledAt ?? tx.updatedAt));
  const body: string[] = [
    'Bonjour,',
    '',
    tx.amountCents > 0
      ? `Votre paiement de ${formatEuros(tx.amountCents)} a été accepté le ${when}.`
      : `Votre demande a été enregistrée le ${when}, sans paiement par carte : votre avoir couvrait le montant.`,
    '',
    `Reçu n° ${number} – référence ${tx.reference}`,
    '',
    'Détail :',
  ];
  for (const line of lines) {
    const outcome = line.kind === 'booking' && line.outcome ? ` – ${outcomeFr(line.outcome)}` : '';
    const pricing = line.kind === 'booking' ? ` (${line.priceLabel})` : '';
    body.push(`- ${lineTitleFr(line)} : ${formatEuros(line.amountCents)}${pricing}${outcome}`);
  }
  body.push('');
  if (tx.carriedCents > 0) body.push(`Avoir utilisé : ${formatEuros(-tx.carriedCents)}`);
  if (tx.carriedCents < 0) body.push(`Restant dû reporté : ${formatEuros(-tx.carriedCents)}`);
  body.push(`Payé par carte : ${formatEuros(tx.amountCents)}`);
  body.push('', `Le détail est aussi sur le portail : ${input.resultUrl}`, '', `Le service enfance${input.commune ? ` de ${input.commune}` : ''}`);
  return { subject: `Reçu de paiement n° ${number}`, text: body.join('\n') };
}

export function anomalyKindFr(kind: AnomalyKind): string {
  switch (kind) {
    case 'unknown_reference':
      return 'Résultat pour une référence inconnue';
    case 'amount_mismatch':
      return 'Montant différent de celui demandé';
    case 'reference_mismatch':
      return 'Référence différente de celle de la transaction';
    case 'paid_after_close':
      return 'Paiement accepté après la fin de la transaction';
    case 'invalid_amount':
      return 'Montant illisible';
  }
}
