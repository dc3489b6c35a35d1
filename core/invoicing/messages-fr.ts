/** French texts the invoicing domain produces itself (CLI output, refusals); pages keep their catalog. */
import type { AnomalyKind } from './compute';
import type { RunError } from './run';

export const RUN_ERRORS_FR: Record<RunError, string> = {
  invalid_month: 'Le mois doit être au format AAAA-MM (par exemple 2026-11).',
  future_month: 'Ce mois n’est pas commencé : on ne facture pas un mois à venir.',
  already_issued: 'Les factures de ce mois sont déjà émises : rien n’a été refait. Pour corriger une facture, émettez un avoir.',
  run_in_progress:
    'Une facturation de ce mois est déjà en cours : attendez sa fin (ou une minute si elle a été interrompue) puis relancez.',
  invalid_due_date: 'La date d’échéance doit être comprise entre aujourd’hui et dans 120 jours (AAAA-MM-JJ).',
  not_found: 'Facturation introuvable.',
};

export const ANOMALY_FR: Record<AnomalyKind, string> = {
  no_grid: 'activité sans grille tarifaire',
  missing_qf: 'famille sans tranche de quotient familial',
  missing_address: 'adresse du payeur manquante',
  negative_total: 'total négatif',
};
