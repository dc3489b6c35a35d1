/** The referential's French messages: form errors and the closure e-mail. */
import { formatDayFr, type PlainDate } from '../calendar';

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`);
const s = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

export const errorsFr = {
  siteName: 'Indiquez le nom du site (120 caractères au plus).',
  siteKind: 'Choisissez le type de site.',
  siteAddress: 'Indiquez l’adresse du site (300 caractères au plus).',
  siteNotFound: 'Ce site n’existe pas.',
  className: 'Indiquez le nom de la classe (60 caractères au plus).',
  classLevel: 'Choisissez le niveau de la classe.',
  classExists: 'Ce site a déjà une classe de ce nom.',
  classNotFound: 'Cette classe n’existe plus.',
  yearStart: 'Indiquez la date de rentrée, par exemple 01/09/2027.',
  yearEnd: 'Indiquez la date de fin des cours, par exemple 02/07/2028.',
  yearOrder: 'La fin de l’année scolaire doit tomber après la rentrée, moins d’un an plus tard.',
  yearOverlap: (id: string) => `Ces dates chevauchent l’année scolaire ${id} : une année commence après la fin de la précédente.`,
  yearExists: (id: string) => `L’année scolaire ${id} existe déjà.`,
  closureDay: 'Indiquez le jour de fermeture, par exemple 14/05/2027.',
  closurePast: 'Un jour passé ne peut plus être fermé.',
  closureReason: 'Indiquez le motif de la fermeture (200 caractères au plus), il est montré aux familles.',
  closureExists: 'Ce site est déjà fermé ce jour-là.',
  closureChoice: 'Choisissez ce que deviennent les réservations de ce jour.',
  closureNotFound: 'Cette fermeture n’existe plus.',
  activityName: 'Indiquez le nom de l’activité (120 caractères au plus).',
  activityKind: 'Choisissez le type d’activité.',
  activitySite: 'Choisissez le site de l’activité.',
  activityYear: 'Choisissez l’année scolaire de l’activité.',
  weekdays: 'Cochez au moins un jour de la semaine.',
  period: 'Choisissez quand l’activité a lieu.',
  capacity: 'Indiquez la capacité : un nombre entier de places entre 1 et 2 000.',
  billingMode: 'Choisissez le mode de facturation.',
  enrolmentMode: 'Choisissez comment les inscriptions sont validées.',
  deadlineKind: 'Choisissez le type de délai.',
  deadlineDays: 'Le nombre de jours doit être un entier entre 0 et 366.',
  deadlineWeekday: 'Choisissez le jour de la semaine précédente.',
  deadlineTime: 'L’heure doit être au format HH:MM, par exemple 09:30.',
  activityNotFound: 'Cette activité n’existe pas.',
  yearLocked: 'L’année scolaire d’une activité qui a déjà des réservations ne peut plus changer.',
  capacityBelowBookings: (from: number, to: number, days: readonly { day: PlainDate; reserved: number }[]) => {
    const shown = days.slice(0, 5).map((d) => `${formatDayFr(d.day, { withYear: true })} (${s(d.reserved, 'réservé', 'réservés')})`);
    const more =
      days.length > 5 ? ` et ${days.length - 5} autre${days.length - 5 > 1 ? 's' : ''} jour${days.length - 5 > 1 ? 's' : ''}` : '';
    return `La capacité ne peut pas passer de ${from} à ${to} : ${days.length > 1 ? 'ces jours ont' : 'ce jour a'} déjà plus de réservations — ${list(shown)}${more}. Rien n’a été modifié.`;
  },
};

/** The e-mail to a family whose bookings a closure cancelled. */
export function closureMail(input: {
  siteName: string;
  day: PlainDate;
  reason: string;
  bookings: readonly { childFirstName: string; activityName: string }[];
  creditedCents: number;
  planningUrl: string;
}): { subject: string; text: string } {
  const day = formatDayFr(input.day, { withYear: true });
  const lines = input.bookings.map((b) => `- ${b.childFirstName} : ${b.activityName}`);
  const credit =
    input.creditedCents > 0
      ? [
          `Les jours déjà payés sont crédités sur votre compte (${(input.creditedCents / 100).toFixed(2).replace('.', ',')} €) et viendront en déduction de vos prochains paiements.`,
          '',
        ]
      : [];
  return {
    subject: `Fermeture le ${day} : réservations annulées`,
    text: [
      'Bonjour,',
      '',
      `${input.siteName} sera fermé le ${day} (${input.reason}). Les réservations suivantes sont annulées :`,
      ...lines,
      '',
      ...credit,
      `Votre planning : ${input.planningUrl}`,
      '',
      'Le service enfance',
    ].join('\n'),
  };
}
