/**
 * The family's account (part of the French source catalog): menu Facturation of the tutorial — « Payer mes factures »,
 * « Consulter l'historique de mon compte », « Mes prélèvements » — and the invoice wording of the payment result page.
 */

export const frBilling = {
  restantDu: (amount: string) => `Restant dû : ${amount}`,
  credit: (amount: string) => `Avoir disponible : ${amount}. Il est déduit en premier de votre prochain paiement.`,
  columns: {
    select: 'Choisir',
    number: 'Facture',
    month: 'Mois',
    amount: 'Montant',
    remaining: 'Restant à payer',
    dueDate: 'Échéance',
    pdf: 'Document',
    paidOn: 'Réglée',
    date: 'Date',
    label: 'Opération',
    movement: 'Montant (+ dû, − réglé)',
    balance: 'Solde',
  },
  pay: {
    title: 'Payer mes factures',
    intro:
      'Cochez une ou plusieurs factures puis cliquez sur « Payer » : vous les réglez en une seule fois sur la page de paiement sécurisée.',
    caption: 'Factures à payer',
    empty: 'Vous n’avez aucune facture à payer.',
    selectLabel: (reference: string, month: string) => `Payer la facture ${reference} (${month})`,
    debitPlanned: (day: string) => `Prélèvement prévu le ${day}`,
    debitNote:
      'Les factures réglées par prélèvement ne se paient pas en ligne : le montant sera prélevé sur votre compte à la date indiquée.',
    submit: 'Payer',
    pdfLink: (reference: string) => `Télécharger la facture ${reference} (PDF)`,
    creditNoteLink: (reference: string) => `Télécharger l’avoir ${reference} (PDF)`,
    paidCaption: 'Factures réglées',
    paidEmpty: 'Aucune facture réglée pour le moment.',
    paidStatus: { paid: 'réglée', cancelled: 'annulée par avoir' } as Record<string, string>,
    runningTitle: 'Paiement en cours',
    running: (amount: string) => `Un paiement de ${amount} est en cours pour vos factures.`,
    runningLink: 'Voir ce paiement',
    historyLink: 'Consulter l’historique de mon compte',
  },
  payErrors: {
    none: 'Cochez au moins une facture à payer.',
    not_found: 'Paiement refusé : une des factures choisies n’existe pas ou n’est pas une facture de votre famille. Rien n’a été payé.',
    not_payable: 'Une des factures choisies est déjà réglée ou n’est plus à payer. Rien n’a été payé : actualisez la page.',
    payment_running: 'Un paiement est déjà en cours pour une de ces factures : terminez-le ou attendez la fin du délai.',
    amount_too_small: 'Le montant est inférieur au minimum accepté par le service de paiement. Payez à la régie.',
    amount_too_large: 'Le montant dépasse le maximum accepté par le service de paiement (100 000 €).',
    provider_refused: 'Le service de paiement a refusé de lancer le paiement. Rien n’a été débité.',
    provider_unavailable: 'Le service de paiement ne répond pas. Rien n’a été débité. Réessayez dans quelques minutes.',
    bad_request: 'La demande n’est pas valide. Rien n’a été payé.',
  } as Record<string, string>,
  attestation: {
    title: 'Attestation de frais de garde',
    intro:
      'Pour le crédit d’impôt des frais de garde des enfants de moins de 6 ans (au 1er janvier de l’année) : une attestation par enfant et par année, qui indique les frais de garde hors repas que vous avez payés (accueils périscolaires et du mercredi). Les repas n’ouvrent pas droit au crédit d’impôt.',
    link: (child: string, year: number) => `Attestation ${year} de ${child} (PDF)`,
    none: 'Aucun de vos enfants n’a moins de 6 ans : vous n’avez pas d’attestation de frais de garde.',
  },
  history: {
    title: 'Consulter l’historique de mon compte',
    intro:
      'Toutes les opérations de votre compte, de la plus ancienne à la plus récente : factures, paiements, avoirs et prélèvements. Le solde après la dernière ligne est votre restant dû.',
    caption: 'Historique du compte',
    empty: 'Aucune opération sur votre compte pour le moment.',
    finalBalance: 'Solde actuel (restant dû)',
    creditNote: 'Un solde négatif est un avoir en votre faveur.',
  },
  debits: {
    title: 'Mes prélèvements',
    mandateTitle: 'Mandat de prélèvement SEPA',
    mandate: { holder: 'Titulaire du compte', iban: 'IBAN', rum: 'Référence unique du mandat (RUM)', signedOn: 'Signé le' },
    noMandate:
      'Vous n’avez pas de mandat de prélèvement. Pour payer vos factures par prélèvement automatique, rendez-vous à la régie avec un RIB : vous y signerez le mandat SEPA, et vos prochaines factures seront prélevées à leur échéance.',
    revoked: (day: string) => `Mandat révoqué le ${day}.`,
    upcomingCaption: 'Prélèvements à venir',
    upcomingEmpty: 'Aucun prélèvement prévu.',
    pastCaption: 'Prélèvements passés',
    pastEmpty: 'Aucun prélèvement pour le moment.',
    columns: { date: 'Date', invoice: 'Facture', amount: 'Montant', status: 'État' },
    status: { submitted: 'prélevé', rejected: 'rejeté' } as Record<string, string>,
    rejected: (reason: string) => `rejeté : ${reason}`,
    rejectNote: 'Un prélèvement rejeté remet la facture à payer : réglez-la en ligne ou à la régie.',
  },
  result: {
    caption: 'Factures payées',
    captionPending: 'Factures qui seront payées une fois le paiement accepté',
    nothingPaid: 'Rien n’a été débité : vos factures restent à payer.',
    back: 'Retour à mes factures',
    /** Title when the family's credit paid the invoices (no card). */
    paidByCredit: 'Factures réglées par votre avoir',
  },
};
