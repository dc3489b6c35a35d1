import { describe, expect, it } from 'vitest';
import { basketReminderMail, confirmationMail, lineFailureFr, lockReasonFr, promotionMail } from './messages-fr';
import type { BasketLine } from './model';

const line = (day: string, action: BasketLine['action']): BasketLine => ({
  id: day, childId: 'c', childFirstName: 'Sarah', activityId: 'a', activityName: 'Cantine Les Lutins Gourmands', activityKind: 'cantine',
  day, action, billingMode: 'invoice', unitPriceCents: 235, priceLabel: '', amountCents: 235,
});

describe('French messages', () => {
  it('explains each lock', () => {
    expect(lockReasonFr({ reason: 'deadline_passed', deadline: '2026-12-03T09:00:00.000Z' })).toBe('Délai dépassé (modifiable jusqu’au jeudi 3 décembre à 10:00)');
    expect(lockReasonFr({ reason: 'public_holiday', detail: 'Noël' })).toBe('Jour férié : Noël');
    expect(lockReasonFr({ reason: 'holiday', detail: 'Vacances de Noël' })).toBe('Vacances de Noël');
    expect(lockReasonFr({ reason: 'closed', detail: 'Grève' })).toBe('Fermé : Grève');
    expect(lockReasonFr({ reason: 'full' })).toBe('Complet');
    expect(lineFailureFr('full')).toBe('complet : plus aucune place ce jour-là');
  });
  it('lists what Terminer booked, cancelled, queued and refused', () => {
    const mail = confirmationMail({
      applied: [line('2026-12-07', 'add'), line('2026-12-08', 'cancel'), line('2026-12-10', 'wait')],
      failed: [{ ...line('2026-12-03', 'add'), reason: 'deadline_passed' }],
      remaining: 1,
      planningUrl: 'https://portail.example/portail/planning',
    });
    expect(mail.subject).toBe('Vos réservations sont enregistrées (3 modifications)');
    expect(mail.text).toContain('Réservé (1) :\n  • lundi 7 décembre 2026 – Sarah – Cantine Les Lutins Gourmands');
    expect(mail.text).toContain('Annulé (1) :\n  • mardi 8 décembre 2026');
    expect(mail.text).toContain('Inscrit sur liste d’attente (1)');
    expect(mail.text).toContain('jeudi 3 décembre 2026 – Sarah – Cantine Les Lutins Gourmands : le délai pour ce jour est dépassé');
    expect(mail.text).toContain('1 ligne(s) en paiement immédiat');
  });
  it('announces a promotion and reminds of a basket', () => {
    const promotion = promotionMail({ childFirstName: 'Sarah', activityName: 'Cantine', day: '2026-12-07', unitPriceCents: 235, cancelDeadline: '2026-12-03T11:00:00.000Z', planningUrl: 'u' });
    expect(promotion.subject).toBe('Une place s’est libérée : Sarah est inscrit(e) le lundi 7 décembre 2026');
    expect(promotion.text).toContain('2,35\u00A0€');
    expect(basketReminderMail({ lineCount: 1, expiresAt: null, recapUrl: 'u' }).text).toContain('1 modification qui n’est pas encore enregistrée.');
    const many = basketReminderMail({ lineCount: 3, expiresAt: '2026-11-29T08:00:00.000Z', recapUrl: 'https://portail.example/r' }).text;
    expect(many).toContain('3 modifications qui ne sont pas encore enregistrées.');
    expect(many).toContain('supprimé le dimanche 29 novembre 2026 à 09:00');
  });
});
