/** The French words of the invoices, credit notes and attestations (the documents exist in French only). */
import { formatDateFr, formatMonthFr } from '../../core/calendar/french-format';
import { formatEuros } from '../../core/pricing/format';
import type { InvoiceLineKind } from '../../core/invoicing/documents';

export const pageLabel = (page: number, pages: number) => `Page ${page}/${pages}`;

export const invoiceFr = {
  title: { invoice: (number: string) => `Facture n° ${number}`, credit_note: (number: string) => `Avoir n° ${number}` },
  subject: {
    invoice: (month: string) => `Facture des prestations de ${formatMonthFr(month)}`,
    credit_note: (month: string) => `Avoir sur les prestations de ${formatMonthFr(month)}`,
  },
  issued: (day: string) => `Date d'émission : ${formatDateFr(day)}`,
  period: (month: string, from: string, to: string) =>
    `Période : ${formatMonthFr(month)} (du ${formatDateFr(from)} au ${formatDateFr(to)})`,
  familyFile: (number: string) => `Dossier famille n° ${number}`,
  due: (day: string) => `Date d'échéance : ${formatDateFr(day)}`,
  cancels: (number: string, related: string, amount: number) =>
    `Avoir n° ${number} annule la facture n° ${related} à hauteur de ${formatEuros(amount)}.`,
  reason: (text: string) => `Motif : ${text}`,
  children: (count: number) => (count > 1 ? 'Enfants' : 'Enfant'),
  child: (name: string, details: readonly string[]) => (details.length > 0 ? `${name} (${details.join(', ')})` : name),
  linesTitle: { invoice: 'Détail des prestations', credit_note: 'Prestations annulées' },
  columns: {
    child: 'Enfant',
    activity: 'Prestation',
    basis: 'Base tarifaire',
    quantity: 'Qté',
    unitPrice: 'Prix unitaire',
    amount: 'Montant',
  },
  lineKind: { service: '', surcharge: ' (majoration)', reduction: ' (réduction)', adjustment: ' (régularisation)' } satisfies Record<
    InvoiceLineKind,
    string
  >,
  total: { invoice: 'Total des prestations', credit_note: "Montant de l'avoir" },
  alreadyPaid: 'Déjà réglé',
  amountDue: 'Reste à payer',
  creditNoteUse: 'Ce montant est porté au crédit de votre compte famille ; il sera déduit de vos prochaines factures.',
  paymentTitle: 'Règlement',
  nothingDue: 'Rien à payer : cette facture est soldée.',
  payBefore: (amount: number, day: string) => `Merci de régler ${formatEuros(amount)} avant le ${formatDateFr(day)} :`,
  directDebit: (amount: number, day: string, iban: string) =>
    `Le montant de ${formatEuros(amount)} sera prélevé le ${formatDateFr(day)} sur le compte ${iban}.`,
  mandate: (rum: string, creditorId?: string) =>
    `Mandat de prélèvement SEPA (RUM) : ${rum}${creditorId ? ` · Identifiant créancier SEPA : ${creditorId}` : ''}`,
  quote: (number: string) => `Référence à rappeler lors de tout règlement : ${number}`,
  contact: (email: string) => `Une question sur cette facture ? ${email}`,
};

export const attestationFr = {
  title: (year: number) => `Attestation de frais de garde ${year}`,
  number: (number: string) => `Attestation n° ${number}`,
  subject: (child: string, year: number) => `Frais de garde d'enfant de moins de 6 ans payés en ${year} pour ${child}`,
  issued: (day: string) => `Fait le ${formatDateFr(day)}`,
  statement: (issuer: string, payer: string, year: number) =>
    `${issuer} atteste que ${payer} a payé en ${year}, pour la garde de l'enfant désigné ci-dessous, les sommes suivantes :`,
  child: (name: string, birthDate: string) => `Enfant : ${name}, né(e) le ${formatDateFr(birthDate)}`,
  monthsColumns: { month: 'Mois', amount: 'Montant payé' },
  month: (month: string) => formatMonthFr(month),
  total: (year: number) => `Total payé en ${year}`,
  legal: (year: number) =>
    `Cette attestation est délivrée pour la déclaration des revenus de ${year} : les frais de garde des enfants de moins de 6 ans ouvrent droit au crédit d'impôt prévu à l'article 200 quater B du code général des impôts. Les montants indiqués sont ceux effectivement payés en ${year}, frais de repas exclus, avant déduction des aides perçues (CAF, employeur) que le déclarant doit retrancher.`,
  siret: (siret: string) => `SIRET : ${siret}`,
};
