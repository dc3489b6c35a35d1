/** Sample documents for the PDF tests and the rendering benchmark: a Saint-Exemple family, prices from the demo grid. */
import type { ChildcareAttestation, InvoiceDocument, InvoiceLine, IssuerBlock } from '../../core/invoicing/documents';

export const sampleIssuer: IssuerBlock = {
  name: 'Ville de Saint-Exemple',
  addressLines: ['Hôtel de ville', '1 place de la Mairie', '12345 Saint-Exemple'],
  regieName: 'Régie périscolaire',
  contactEmail: 'regie@saint-exemple.fr',
  contactPhone: '01 23 45 67 89',
  siret: '212 345 678 00019',
};

const payer = { name: 'M. et Mme Martin', addressLines: ['12 rue des Écoles', 'Bâtiment B', '12345 Saint-Exemple'] };

function line(
  childName: string,
  activityName: string,
  quantity: number,
  unitPriceCents: number,
  basis: string,
  kind?: InvoiceLine['kind'],
): InvoiceLine {
  return { childName, activityName, quantity, unitPriceCents, amountCents: quantity * unitPriceCents, basis, kind };
}

/** A November invoice; `lineCount` repeats the children's lines to make long invoices. */
export function sampleInvoice(lineCount = 4): InvoiceDocument {
  const base = [
    line('Léa Martin', 'Restauration scolaire', 16, 235, 'Tarif QF 3 (640–859 €) : 2,35 €'),
    line('Léa Martin', 'Accueil du soir', 8, 180, 'Tarif QF 3 (640–859 €) : 1,80 €'),
    line('Tom Martin', 'Restauration scolaire', 15, 212, 'Tarif QF 3 (640–859 €), 2e enfant −10 % : 2,12 €'),
    line('Tom Martin', 'Restauration scolaire', 1, 435, 'Repas non réservé : 2,35 € + 2,00 €', 'surcharge'),
  ];
  const lines = Array.from({ length: lineCount }, (_, i) => base[i % base.length]);
  const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  return {
    issuer: sampleIssuer,
    kind: 'invoice',
    number: 'F-2026-000123',
    issueDate: '2026-12-01',
    month: '2026-11',
    period: { from: '2026-11-01', to: '2026-11-30' },
    payer,
    familyFileNumber: 'D-00042',
    children: [
      { name: 'Léa Martin', schoolLevel: 'CE1', siteName: 'École Jules-Ferry' },
      { name: 'Tom Martin', schoolLevel: 'CP', siteName: 'École Jules-Ferry' },
    ],
    lines,
    totalCents,
    creditsApplied: [{ label: 'Avoir n° A-2026-000004', amountCents: 500 }],
    paidCents: 0,
    amountDueCents: totalCents - 500,
    dueDate: '2026-12-15',
    payment: {
      methods: [
        'En ligne sur le portail famille, rubrique Facturation',
        'À la régie (espèces, chèque à l’ordre du Trésor public, CESU, carte)',
      ],
    },
  };
}

export const sampleAttestation: ChildcareAttestation = {
  issuer: sampleIssuer,
  year: 2026,
  number: 'AT-2026-000045',
  issueDate: '2027-01-15',
  payer,
  child: { name: 'Jules Martin', birthDate: '2021-05-14' },
  amountPaidCents: 61_250,
  months: [
    { month: '2026-09', amountPaidCents: 20_400 },
    { month: '2026-10', amountPaidCents: 19_650 },
    { month: '2026-11', amountPaidCents: 21_200 },
  ],
  signatory: 'Le régisseur, Jean Dupont',
};
