/**
 * The reason codes banks give for a rejected SEPA direct debit (ISO 20022 external status reasons used by the EPC
 * rulebook), in the words a régisseur and a parent understand. Used for pain.002 reports and rejects entered by hand.
 */
export const SEPA_REASONS_FR: Readonly<Record<string, string>> = {
  AC01: 'Coordonnées bancaires incorrectes (IBAN invalide)',
  AC04: 'Compte clôturé',
  AC06: 'Compte bloqué',
  AC13: 'Type de compte du débiteur non valide',
  AG01: 'Opération interdite sur ce type de compte (compte d’épargne, par exemple)',
  AG02: 'Code opération invalide',
  AM04: 'Provision insuffisante',
  AM05: 'Opération en double',
  BE05: 'Identifiant du créancier inconnu',
  CNOR: 'Banque du créancier non joignable',
  DNOR: 'Banque du débiteur non joignable',
  DUPL: 'Opération en double',
  ED05: 'Règlement interbancaire échoué',
  FF01: 'Format de fichier invalide',
  FOCR: 'Annulation demandée par le créancier',
  MD01: 'Pas de mandat valide (mandat absent ou révoqué)',
  MD02: 'Données du mandat manquantes ou incorrectes',
  MD06: 'Remboursement demandé par le débiteur',
  MD07: 'Débiteur décédé',
  MS02: 'Refus du débiteur (motif non communiqué)',
  MS03: 'Motif non communiqué par la banque',
  RC01: 'BIC incorrect',
  RR01: 'Identification du compte ou du débiteur manquante',
  RR02: 'Nom ou adresse du débiteur manquant',
  RR03: 'Nom ou adresse du créancier manquant',
  RR04: 'Motif réglementaire',
  SL01: 'Prélèvement bloqué par le débiteur auprès de sa banque (opposition, liste de créanciers)',
  TM01: 'Fichier reçu après l’heure limite',
};

/** The French label of a reason code; an unknown code is shown as it is, with the bank's own words if any. */
export function sepaReasonFr(code: string | null, bankText: string | null = null): string {
  if (code && SEPA_REASONS_FR[code]) return SEPA_REASONS_FR[code];
  const detail = bankText ? ` : ${bankText}` : '';
  return code ? `Motif ${code} (code non répertorié)${detail}` : `Motif non précisé par la banque${detail}`;
}
