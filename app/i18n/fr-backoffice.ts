/**
 * Back office of issue 6 (part of the French source catalog): families, CSV import, parent accounts and their
 * activation, attendance (pointage), meal counts, exports, dashboard, staff ↔ sites.
 */

/** 1234 → '1 234' (narrow no-break space). */
const n = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
const s = (count: number, one: string, many: string) => `${n(count)} ${count > 1 ? many : one}`;

const FAMILY_FIELDS: Record<string, string> = {
  fileNumber: 'N° de dossier',
  familyName: 'Nom de famille',
  address: 'Adresse',
  postalCode: 'Code postal',
  city: 'Ville',
  familyEmail: 'E-mail de la famille',
  familyPhone: 'Téléphone de la famille',
  resident: 'Résident',
  qf: 'Quotient familial',
  qfValidUntil: 'QF valable jusqu’au',
};
const GUARDIAN_FIELDS: Record<string, string> = { firstName: 'prénom', lastName: 'nom', relationship: 'lien', email: 'e-mail', phone: 'téléphone' };
const CHILD_FIELDS: Record<string, string> = {
  firstName: 'prénom', lastName: 'nom', birthDate: 'date de naissance', school: 'école', level: 'classe', diet: 'régime', allergies: 'allergies', pai: 'PAI',
};

/** 'guardian2.email' → 'Responsable 2 – e-mail'. */
function fieldLabel(field: string): string {
  const [group, name] = field.split('.');
  if (!name) return FAMILY_FIELDS[group] ?? group;
  const number = group.replace(/\D/g, '');
  return group.startsWith('guardian') ? `Responsable ${number} – ${GUARDIAN_FIELDS[name] ?? name}` : `Enfant ${number} – ${CHILD_FIELDS[name] ?? name}`;
}

const FAMILY_CHANGE: Record<string, string> = {
  name: 'nom', addressLine: 'adresse', postalCode: 'code postal', city: 'ville', email: 'e-mail', phone: 'téléphone', resident: 'résidence',
  qf: 'QF', qfValidUntil: 'validité du QF',
};
const PERSON_CHANGE: Record<string, string> = {
  relationship: 'lien', email: 'e-mail', phone: 'téléphone', lastName: 'nom', siteId: 'école', level: 'classe', diet: 'régime', allergies: 'allergies',
  hasPai: 'PAI',
};

export const frBackoffice = {
  menu: {
    families: 'Familles',
    attendance: 'Pointage',
    meals: 'Repas',
    exports: 'Exports',
    staffSites: 'Affectations',
  },
  common: {
    site: 'Site',
    allSites: 'Tous les sites',
    date: 'Date',
    from: 'Du',
    to: 'Au',
    show: 'Afficher',
    none: '—',
    comingWith: (what: string) => `Arrive avec ${what}.`,
    diet: { standard: 'Standard', sans_porc: 'Sans porc', vegetarien: 'Végétarien' } as Record<string, string>,
    yes: 'oui',
    no: 'non',
    badDate: 'Indiquez une date qui existe, par exemple 27/11/2026.',
    badRange: 'Indiquez une période valide : la date de fin après la date de début, deux mois au plus.',
    euros: (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')}\u00a0€`,
  },
  dashboard: {
    mealsTitle: 'Repas par jour et par site',
    mealsIntro: 'Repas réservés et enfants présents (pointés) sur les derniers jours d’ouverture.',
    mealsChart: (site: string) => `${site} : repas réservés et enfants présents par jour`,
    booked: 'Réservés',
    present: 'Présents',
    notTaken: 'non pointé',
    noMeals: 'Aucun repas sur les derniers jours.',
    occupancyTitle: 'Remplissage',
    occupancyIntro: (day: string) => `Places réservées par rapport à la capacité, le ${day}.`,
    occupancyChart: (day: string) => `Places réservées et capacité, le ${day}`,
    occupancyNone: 'Aucune activité ouverte dans les sept prochains jours.',
    activity: 'Activité',
    reserved: 'Réservées',
    capacity: 'Capacité',
    rate: 'Taux',
    waitingTitle: 'Listes d’attente',
    waitingIntro: 'Jours en liste d’attente à partir d’aujourd’hui, et inscriptions en attente de place.',
    waitingDays: 'Jours en attente',
    waitingEnrolments: 'Inscriptions en attente',
    waitingNone: 'Aucune liste d’attente.',
    waitingChart: 'Jours en liste d’attente par activité',
    revenueTitle: 'Facturé et encaissé',
    dataTable: (title: string) => `Données : ${title}`,
    animateurNoSite: 'Aucun site ne vous est encore affecté : demandez à un administrateur de vous affecter à votre école.',
  },
  families: {
    title: 'Familles',
    intro: 'Recherchez une famille par son nom, le prénom ou le nom d’un enfant, son numéro de dossier, une adresse e-mail ou une école.',
    search: 'Rechercher',
    query: 'Nom, enfant, n° de dossier, e-mail ou école',
    withoutAccount: 'Seulement les familles sans compte parent',
    caption: (total: number, page: number, pages: number) => `${s(total, 'famille', 'familles')}${pages > 1 ? `, page ${page} sur ${pages}` : ''}`,
    none: 'Aucune famille ne correspond à la recherche.',
    columns: { select: 'Sélection', name: 'Famille', fileNumber: 'N° de dossier', guardians: 'Responsables', children: 'Enfants', accounts: 'Comptes' },
    selectFamily: (name: string, fileNumber: string) => `Sélectionner la famille ${name} (${fileNumber})`,
    selectAll: 'Tout sélectionner sur cette page',
    accountsCell: (total: number, activated: number) => (total === 0 ? 'aucun' : `${n(activated)} activé${activated > 1 ? 's' : ''} sur ${n(total)}`),
    createAccounts: 'Créer les comptes des familles sélectionnées',
    createHint: 'Chaque responsable qui a une adresse e-mail reçoit un lien pour choisir son mot de passe ; pour une famille sans e-mail, un courrier avec un code d’activation est à imprimer.',
    noneSelected: 'Sélectionnez au moins une famille.',
    previous: 'Page précédente',
    next: 'Page suivante',
    pagination: 'Pages de résultats',
    importLink: 'Importer des familles (CSV)',
    lettersLink: 'Courriers d’activation à imprimer',
    created: (accounts: number, mailed: number) =>
      `${s(accounts, 'compte créé', 'comptes créés')}, ${s(mailed, 'lien d’activation envoyé', 'liens d’activation envoyés')} par e-mail.`,
    unchanged: (count: number) => `${s(count, 'famille avait', 'familles avaient')} déjà ${count > 1 ? 'leurs' : 'ses'} comptes.`,
    mailFailures: (count: number) => `${s(count, 'e-mail n’a', 'e-mails n’ont')} pas pu partir : renvoyez le lien depuis la fiche de la famille.`,
    skipped: 'Comptes non créés',
    skipReasons: {
      email_taken: 'cette adresse e-mail est déjà celle d’un autre compte',
      already_has_account: 'un compte vient d’être créé pour cette personne',
    } as Record<string, string>,
    needLetters: (count: number) => `${s(count, 'famille n’a', 'familles n’ont')} pas d’adresse e-mail : imprimez ${count > 1 ? 'leurs courriers' : 'son courrier'} d’activation.`,
    printLetters: 'Imprimer les courriers d’activation',
  },
  family: {
    title: (name: string) => `Famille ${name}`,
    fileNumber: (number: string) => `Dossier n° ${number}`,
    back: 'Retour à la recherche',
    contact: 'Coordonnées',
    address: 'Adresse',
    email: 'E-mail',
    phone: 'Téléphone',
    resident: 'Résident de la commune',
    income: 'Quotient familial',
    qf: 'QF',
    qfValidUntil: 'Valable jusqu’au',
    qfMissing: 'Aucune attestation',
    qfExpired: 'expiré',
    incomeHidden: 'Le quotient familial n’est visible que par les agents chargés de la facturation.',
    guardians: 'Responsables légaux',
    guardianColumns: { name: 'Nom', relationship: 'Lien', email: 'E-mail', phone: 'Téléphone', account: 'Compte', actions: 'Actions' },
    accountStates: {
      none: 'pas de compte',
      pending: 'en attente d’activation',
      active: 'activé',
      inactive: 'désactivé',
    } as Record<string, string>,
    accountOf: (username: string, state: string) => `${username} (${state})`,
    createAccounts: 'Créer les comptes',
    resend: 'Renvoyer le lien',
    letter: 'Imprimer un courrier',
    deactivate: 'Désactiver',
    reactivate: 'Réactiver',
    of: (name: string) => ` de ${name}`,
    children: 'Enfants',
    childColumns: { name: 'Prénom et nom', birthDate: 'Date de naissance', school: 'École', level: 'Classe', diet: 'Régime', allergies: 'Allergies', pai: 'PAI' },
    noSchool: 'non renseignée',
    healthHidden: 'Les données de santé (régime, allergies, PAI) ne sont visibles que par les personnes qui en ont besoin.',
    paiNotice: 'La consultation des PAI est enregistrée dans le journal.',
    authorised: 'Personnes autorisées à venir chercher les enfants',
    authorisedNone: 'Aucune personne autorisée.',
    bookings: 'Historique des réservations',
    bookingsCaption: (shown: number, total: number) => (shown < total ? `Les ${n(shown)} dernières réservations sur ${n(total)}` : `${s(total, 'réservation', 'réservations')}`),
    bookingColumns: { day: 'Date', child: 'Enfant', activity: 'Activité', status: 'État', price: 'Prix' },
    bookingStatus: { reserved: 'Réservé', cancelled: 'Annulé', waiting: 'Liste d’attente' } as Record<string, string>,
    noBookings: 'Aucune réservation.',
    requests: 'Démarches',
    requestsLater: 'les démarches (inscriptions et demandes des familles)',
    notices: {
      created: 'Les comptes ont été créés ; les liens d’activation sont partis par e-mail.',
      createdLetter: 'Le compte a été créé : imprimez le courrier d’activation (la famille n’a pas d’e-mail).',
      nothing: 'Tous les responsables ont déjà un compte (ou aucun n’a d’adresse e-mail utilisable).',
      resent: 'Un nouveau lien d’activation a été envoyé ; le précédent ne fonctionne plus.',
      deactivated: 'Le compte a été désactivé : ses sessions sont terminées.',
      reactivated: 'Le compte a été réactivé.',
    } as Record<string, string>,
    errors: {
      not_found: 'Ce compte n’appartient pas à cette famille.',
      not_pending: 'Ce compte est déjà activé : le parent peut utiliser « Mot de passe oublié ? ».',
      no_email: 'Ce compte n’a pas d’adresse e-mail : imprimez un courrier d’activation.',
      inactive: 'Ce compte est désactivé : réactivez-le d’abord.',
      mail_failed: 'L’e-mail n’a pas pu partir. Réessayez dans quelques minutes.',
    } as Record<string, string>,
  },
  import: {
    title: 'Importer des familles',
    intro:
      'Importez le questionnaire rempli par les familles, enregistré au format CSV (séparateur point-virgule ou virgule, UTF-8 ou Windows-1252). Une ligne par famille : responsables, adresse, quotient familial, et jusqu’à quatre enfants.',
    steps: ['1. Choisir le fichier', '2. Vérifier les colonnes et la simulation', '3. Importer'],
    file: 'Fichier CSV',
    fileHint: (max: string) => `Fichier .csv de ${max} au plus. Un classeur Excel doit d’abord être enregistré au format CSV.`,
    analyse: 'Analyser le fichier',
    anotherFile: 'Choisir un autre fichier',
    expectedTitle: 'Colonnes reconnues',
    expected:
      'Les colonnes sont reconnues par leur titre (par exemple « Nom de famille », « Code postal », « Responsable 1 prénom », « Enfant 2 date de naissance »). Vous pourrez corriger l’association avant l’import. Obligatoires : nom de famille, adresse, code postal, ville, prénom et nom du responsable 1, prénom et date de naissance du premier enfant, et la classe de chaque enfant.',
    rules:
      'Rien n’est supprimé : une case vide laisse la valeur enregistrée. Une famille déjà connue (même n° de dossier, même e-mail du responsable 1 ou même enfant) est mise à jour ; importer deux fois le même fichier ne change rien.',
    fileInfo: (name: string, lines: number, encoding: string, delimiter: string) =>
      `${name} : ${s(lines, 'ligne', 'lignes')}, encodage ${encoding}, séparateur « ${delimiter === '\t' ? 'tabulation' : delimiter} ».`,
    mappingTitle: 'Association des colonnes',
    mappingIntro: 'Pour chaque information, la colonne du fichier qui la contient. Les colonnes non associées sont ignorées.',
    mappingGroups: {
      family: 'Famille',
      guardian: (n: number) => `Responsable ${n}`,
      child: (n: number) => `Enfant ${n}`,
    },
    field: 'Information',
    column: 'Colonne du fichier',
    notInFile: '(absente du fichier)',
    required: 'obligatoire',
    fieldLabel,
    preview: 'Relancer la simulation',
    importButton: (count: number) => `Importer ${s(count, 'ligne', 'lignes')}`,
    reportTitle: 'Simulation : ce que l’import ferait',
    resultTitle: 'Import terminé',
    summary: (c: { create: number; update: number; unchanged: number; error: number; warnings: number }) =>
      [
        s(c.create, 'nouvelle famille', 'nouvelles familles'),
        s(c.update, 'famille mise à jour', 'familles mises à jour'),
        s(c.unchanged, 'famille identique', 'familles identiques'),
        s(c.error, 'ligne en erreur', 'lignes en erreur'),
        ...(c.warnings ? [s(c.warnings, 'avertissement', 'avertissements')] : []),
      ].join(', '),
    blocked: 'Le fichier contient des erreurs : rien ne sera importé tant qu’elles ne sont pas corrigées (corrigez le fichier puis analysez-le de nouveau).',
    importable: 'Aucune erreur : vous pouvez importer. L’import se fait en une seule fois : toutes les lignes, ou aucune.',
    imported: (c: { created: number; updated: number; unchanged: number }) =>
      `${s(c.created, 'famille créée', 'familles créées')}, ${s(c.updated, 'famille mise à jour', 'familles mises à jour')}, ${s(c.unchanged, 'famille inchangée', 'familles inchangées')}.`,
    nextSteps: 'Étape suivante : créez les comptes des familles depuis la liste des familles (filtre « sans compte parent »).',
    toFamilies: 'Voir les familles sans compte',
    reportCaption: 'Rapport ligne par ligne',
    reportColumns: { line: 'Ligne', family: 'Famille', result: 'Résultat', details: 'Détails' },
    actions: { create: 'Nouvelle famille', update: 'Mise à jour', unchanged: 'Identique', error: 'Erreur' } as Record<string, string>,
    onlyProblems: (shown: number, total: number) => `Les ${n(shown)} lignes à examiner sont affichées en premier ; ${n(total)} lignes en tout.`,
    change: (change: { kind: string; field?: string; name?: string; fields?: string[] }) => {
      if (change.kind === 'family') return `${FAMILY_CHANGE[change.field ?? ''] ?? change.field} modifié`;
      if (change.kind === 'guardian_added') return `responsable ajouté : ${change.name}`;
      if (change.kind === 'child_added') return `enfant ajouté : ${change.name}`;
      const fields = (change.fields ?? []).map((f) => PERSON_CHANGE[f] ?? f).join(', ');
      return `${change.kind === 'guardian_updated' ? 'responsable' : 'enfant'} ${change.name} : ${fields}`;
    },
    issue: (i: { code: string; field?: string; value?: string; otherLine?: number; other?: string; counts?: { got: number; expected: number } }) => {
      const f = i.field ? fieldLabel(i.field) : '';
      const v = i.value !== undefined ? ` « ${i.value} »` : '';
      switch (i.code) {
        case 'column_count':
          return `La ligne a ${n(i.counts?.got ?? 0)} colonnes au lieu de ${n(i.counts?.expected ?? 0)} (un point-virgule en trop ?).`;
        case 'required':
          return `${f} : valeur manquante.`;
        case 'too_long':
          return `${f} : texte trop long${v}.`;
        case 'invalid_date':
          return `${f} : date invalide${v} (attendu JJ/MM/AAAA, par exemple 14/05/2018).`;
        case 'implausible_birth_date':
          return `${f} : date de naissance impossible pour un enfant scolarisé${v}.`;
        case 'invalid_email':
          return `${f} : adresse e-mail invalide${v}.`;
        case 'invalid_phone':
          return `${f} : numéro de téléphone invalide${v}.`;
        case 'invalid_postal_code':
          return `${f} : code postal invalide${v} (5 chiffres).`;
        case 'postal_code_padded':
          return `${f} : le zéro initial perdu par le tableur a été rétabli${v}.`;
        case 'invalid_yes_no':
          return `${f} : répondez « oui » ou « non »${v}.`;
        case 'invalid_qf':
          return `${f} : montant invalide${v} (un nombre entier d’euros).`;
        case 'qf_without_date':
          return 'Quotient familial sans date de fin de validité : indiquez jusqu’à quand il est valable.';
        case 'date_without_qf':
          return 'Date de validité sans quotient familial : elle est ignorée.';
        case 'invalid_level':
          return `${f} : classe inconnue${v} (TPS, PS, MS, GS, CP, CE1, CE2, CM1 ou CM2).`;
        case 'invalid_diet':
          return `${f} : régime inconnu${v} (standard, sans porc ou végétarien).`;
        case 'unknown_school':
          return `${f} : aucune école de la commune ne porte ce nom${v}.`;
        case 'ambiguous_school':
          return `${f} : plusieurs écoles correspondent${v} ; écrivez le nom complet.`;
        case 'no_child':
          return 'Aucun enfant sur la ligne.';
        case 'duplicate_child_in_line':
          return `${f} : cet enfant figure deux fois sur la ligne${v}.`;
        case 'duplicate_family':
          return `Doublon : même famille que la ligne ${i.otherLine}${v}.`;
        case 'duplicate_child':
          return `Doublon : l’enfant${v} figure déjà ligne ${i.otherLine}.`;
        case 'child_in_other_family':
          return `L’enfant${v} appartient déjà au dossier ${i.other} : indiquez ce n° de dossier, ou corrigez la ligne.`;
        case 'family_matched_twice':
          return `Le dossier ${i.other} correspond déjà à la ligne ${i.otherLine}.`;
        default:
          return `${f} : valeur refusée${v}.`;
      }
    },
    errors: {
      empty: 'Le fichier est vide.',
      spreadsheet: 'C’est un classeur Excel ou LibreOffice : enregistrez-le au format CSV (Fichier › Enregistrer sous › CSV) puis importez le fichier CSV.',
      binary: 'Ce fichier n’est pas un fichier texte CSV.',
      unclosed_quote: (line: number) => `Ligne ${line} : un guillemet n’est pas refermé.`,
      no_data: 'Le fichier ne contient qu’une ligne d’en-tête, sans famille.',
      too_many_lines: 'Le fichier contient plus de 10 000 lignes : découpez-le en plusieurs fichiers.',
      too_large: (max: string) => `Le fichier dépasse ${max}.`,
      required: 'Choisissez un fichier CSV.',
      missing_columns: (fields: string[]) => `Colonnes obligatoires non associées : ${fields.join(', ')}.`,
      stale: 'Le formulaire a expiré : analysez de nouveau le fichier.',
    },
  },
  letters: {
    title: 'Courriers d’activation',
    intro:
      'Pour les familles sans adresse e-mail, un courrier donne l’identifiant et un code d’activation à usage unique (valable 90 jours) ; le parent choisit lui-même son mot de passe sur le portail. Imprimer un nouveau courrier annule le code du précédent.',
    caption: 'Comptes en attente d’un courrier',
    columns: { select: 'Sélection', family: 'Famille', fileNumber: 'N° de dossier', username: 'Identifiant' },
    select: (name: string) => `Imprimer le courrier de la famille ${name}`,
    none: 'Aucun compte n’attend de courrier.',
    generate: 'Générer les courriers',
    generated: (count: number) => `${s(count, 'courrier prêt', 'courriers prêts')} à imprimer. Les codes ne sont affichés qu’une fois : imprimez maintenant.`,
    print: 'Imprimer',
    printHint: 'Imprimez avec le menu de votre navigateur (Ctrl+P). Chaque courrier tient sur une page.',
    noneSelected: 'Sélectionnez au moins une famille.',
    nothing: 'Aucun des comptes sélectionnés n’attend de courrier (déjà activé, ou avec une adresse e-mail).',
    letter: {
      place: (commune: string) => `${commune}, le`,
      subject: 'Objet : votre compte du portail famille',
      greeting: (name: string) => `Madame, Monsieur ${name},`,
      body: (commune: string) =>
        `Le service enfance de ${commune} a créé votre compte du portail famille : vous pourrez y réserver la cantine et la garderie de vos enfants et mettre à jour votre dossier.`,
      how: (url: string) => `Pour l’activer, rendez-vous sur ${url} et indiquez :`,
      username: 'Identifiant',
      code: 'Code d’activation',
      then: 'Vous choisirez alors vous-même votre mot de passe. Ce code ne sert qu’une fois et reste valable 90 jours. La mairie ne vous demandera jamais votre mot de passe.',
      signature: (commune: string) => `Le service enfance de ${commune}`,
    },
  },
  activation: {
    title: 'Activer mon compte',
    intro: 'Choisissez le mot de passe de votre compte du portail famille.',
    codeIntro: 'Indiquez l’identifiant et le code d’activation reçus par courrier, puis choisissez votre mot de passe.',
    forAccount: (username: string) => `Compte : ${username}`,
    identifier: 'Identifiant',
    code: 'Code d’activation',
    codeHint: '12 caractères, par exemple K7QM-2XJ9-HT4P (les tirets sont facultatifs).',
    submit: 'Activer mon compte',
    invalidLink: 'Ce lien d’activation n’est plus valable (déjà utilisé, remplacé par un plus récent ou expiré). Demandez un nouveau lien au service enfance, ou utilisez « Mot de passe oublié ? » si votre compte est déjà activé.',
    invalidCode: 'Identifiant ou code d’activation incorrect, ou code déjà utilisé.',
    tooMany: 'Trop d’essais. Réessayez dans quelques minutes.',
    done: 'Votre compte est activé. Connectez-vous avec votre identifiant et votre nouveau mot de passe.',
  },
  attendance: {
    title: 'Pointage',
    intro: 'Choisissez l’activité : la liste des enfants réservés s’affiche, touchez « Présent » ou « Absent » pour chacun.',
    chooseDay: 'Jour',
    today: 'Aujourd’hui',
    previousDay: 'Jour précédent',
    nextDay: 'Jour suivant',
    activities: (day: string) => `Activités du ${day}`,
    noActivity: 'Aucune activité ouverte ce jour-là sur vos sites.',
    noSite: 'Aucun site ne vous est affecté : demandez à un administrateur de vous affecter à votre école.',
    sheetTitle: (activity: string, day: string) => `${activity} – ${day}`,
    counts: (c: { booked: number; present: number; absent: number; unmarked: number; unbooked: number }) =>
      `${s(c.booked, 'réservé', 'réservés')} : ${n(c.present)} présent${c.present > 1 ? 's' : ''}, ${n(c.absent)} absent${c.absent > 1 ? 's' : ''}, ${n(c.unmarked)} à pointer${c.unbooked ? ` ; ${s(c.unbooked, 'enfant sans réservation', 'enfants sans réservation')}` : ''}.`,
    listLabel: 'Enfants à pointer',
    empty: 'Aucun enfant réservé.',
    present: 'Présent',
    absent: 'Absent',
    named: (name: string) => ` : ${name}`,
    statusLabel: { null: 'à pointer', present: 'présent', absent: 'absent', present_unbooked: 'présent sans réservation' } as Record<string, string>,
    unbooked: 'sans réservation (tarif majoré)',
    pai: 'PAI',
    paiTitle: 'Projet d’accueil individualisé : suivre le protocole',
    justified: 'absence justifiée',
    certificate: 'certificat',
    justify: 'Justifier l’absence',
    justifyOf: (name: string) => `Justifier l’absence de ${name}`,
    certificateFile: 'Certificat (PDF, JPEG ou PNG)',
    justifySubmit: 'Enregistrer le justificatif',
    addTitle: 'Enfant présent sans réservation',
    addIntro: 'Un enfant de l’école présent sans avoir été réservé est ajouté à la liste (le tarif majoré s’appliquera).',
    addChild: 'Enfant',
    addSubmit: 'Ajouter présent',
    addNone: 'Tous les enfants de l’école sont déjà sur la liste.',
    choose: 'Choisir…',
    back: 'Autres activités du jour',
    pending: (count: number) => `${s(count, 'pointage', 'pointages')} en attente d’envoi : ${count > 1 ? 'ils partiront' : 'il partira'} dès le retour de la connexion.`,
    synced: 'Tous les pointages sont enregistrés.',
    offline: 'Connexion perdue : les pointages sont gardés sur cet appareil.',
    notices: {
      marked: 'Pointage enregistré.',
      added: 'Enfant ajouté, présent sans réservation.',
      justified: 'Absence justifiée, certificat enregistré.',
    } as Record<string, string>,
    errors: {
      invalid: 'Pointage refusé : donnée invalide.',
      not_found: 'Cet enfant ou cette activité n’existe pas sur vos sites.',
      bad_day: 'On ne pointe que le jour même ou un jour passé (deux mois au plus).',
      not_booked: 'Cet enfant n’est pas réservé ce jour-là.',
      not_absent: 'Seule une absence peut être justifiée.',
      required: 'Choisissez le certificat à déposer.',
      empty: 'Le fichier est vide.',
      too_large: (max: string) => `Le fichier dépasse ${max}.`,
      type_not_allowed: 'Seuls les fichiers PDF, JPEG et PNG sont acceptés.',
      chooseChild: 'Choisissez l’enfant à ajouter.',
    },
  },
  meals: {
    title: 'Repas pour la cuisine',
    intro:
      'Les repas à préparer par site et par jour, par régime. Ils sont figés à la date limite de réservation : après, les familles ne peuvent plus réserver et la cuisine sait quoi préparer. La colonne « Présents » et l’écart se remplissent avec le pointage.',
    caption: (from: string, to: string) => `Repas du ${from} au ${to}`,
    columns: {
      day: 'Jour', site: 'Site', activity: 'Activité', standard: 'Standard', sans_porc: 'Sans porc', vegetarien: 'Végétarien', total: 'Total',
      pai: 'Dont PAI', state: 'État', bookedNow: 'Réservés à ce jour', present: 'Présents', difference: 'Écart',
    },
    frozen: (at: string) => `Figé le ${at}`,
    frozenLate: (at: string, deadline: string) => `Figé le ${at} (date limite : ${deadline})`,
    forecast: (at: string) => `Prévision, figée le ${at}`,
    notTaken: 'non pointé',
    none: 'Aucun repas sur cette période.',
    csv: 'Télécharger (CSV)',
    xlsx: 'Télécharger (Excel)',
    print: 'Pour imprimer, utilisez le menu de votre navigateur (Ctrl+P) : le tableau seul est imprimé.',
    totalFor: (day: string) => `Total du ${day}`,
  },
  exports: {
    title: 'Exports',
    intro:
      'Téléchargez les données au format CSV (tableur, séparateur point-virgule, UTF-8) ou Excel. Les cellules commençant par = + - ou @ sont neutralisées (précédées d’une apostrophe) pour qu’aucun tableur ne les exécute comme des formules.',
    datasets: {
      familles: { title: 'Familles', text: 'Une ligne par famille, dans les colonnes du questionnaire : le fichier peut être corrigé puis importé de nouveau.' },
      enfants: { title: 'Enfants', text: 'Une ligne par enfant, avec régime, allergies et PAI (consultation enregistrée dans le journal).' },
      reservations: { title: 'Réservations', text: 'Une ligne par enfant, activité et jour sur la période, avec l’état et le prix unitaire.' },
      pointage: { title: 'Pointage', text: 'Présences, absences (justifiées ou non) et enfants présents sans réservation sur la période.' },
      repas: { title: 'Repas', text: 'Les repas par site, jour et régime, figés à la date limite, avec les présents et l’écart.' },
    } as Record<string, { title: string; text: string }>,
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    download: (format: string, title: string) => `Télécharger ${title} en ${format}`,
    badRange: 'Période invalide : la date de fin doit suivre la date de début, sur 400 jours au plus.',
  },
  staffSites: {
    title: 'Affectations des animateurs',
    intro: 'Un animateur ne voit que les sites auxquels il est affecté : pointage, repas, effectifs et tableau de bord. Les agents et administrateurs voient tous les sites.',
    caption: 'Sites de chaque membre du personnel',
    columns: { user: 'Personne', role: 'Rôle', sites: 'Sites' },
    sitesOf: (name: string) => `Sites de ${name}`,
    save: 'Enregistrer',
    saved: 'Affectations enregistrées.',
    allSites: 'tous les sites (rôle)',
    errors: { not_found: 'Ce compte n’existe pas.', unknown_site: 'Site inconnu.' } as Record<string, string>,
  },
};
