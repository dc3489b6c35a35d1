/**
 * Issue 6 follow-ups (part of the French source catalog): news scheduling and home page order, the single
 * démarches inbox (filters, waiting lists), and the progress of a family CSV import.
 */

/** 1234 → '1 234' (narrow no-break space). */
const n = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

export const frOffice = {
  news: {
    publishAt: 'Publier le',
    publishAtHint: 'Date et heure de Paris à partir desquelles l’actualité publiée apparaît sur l’accueil. Vide : dès l’enregistrement.',
    homePosition: 'Position sur l’accueil',
    homePositionHint: (max: number) =>
      `De 1 (en premier) à ${max} pour épingler l’actualité ; vide : après les épinglées, de la plus récente à la plus ancienne.`,
    publishAtInvalid: 'Indiquez une date et une heure qui existent, par exemple 2026-03-02 à 08:00.',
    positionInvalid: (max: number) => `Indiquez une position entre 1 et ${max}, ou laissez vide.`,
    columns: { publishAt: 'Publication', position: 'Position' },
    scheduled: 'Programmée',
    scheduledFor: (when: string) => `à partir du ${when}`,
    notPinned: '—',
  },
  inbox: {
    intro:
      'Toutes les démarches des familles : inscriptions aux activités, changements d’adresse ou de quotient familial, santé, personnes autorisées, justificatifs à vérifier, effacement. Chaque décision est envoyée par e-mail à la famille et inscrite au journal.',
    filtersTitle: 'Filtrer',
    kind: 'Type',
    status: 'État',
    site: 'Site',
    allKinds: 'Tous les types',
    allSites: 'Tous les sites',
    statuses: {
      submitted: 'À traiter',
      waiting: 'En liste d’attente',
      accepted: 'Acceptées',
      refused: 'Refusées',
      withdrawn: 'Retirées',
    } as Record<string, string>,
    filter: 'Filtrer',
    resultsCaption: (count: number) => `Démarches correspondant aux filtres : ${n(count)}`,
    none: 'Aucune démarche ne correspond à ces filtres.',
    pendingCount: (count: number) =>
      count === 0 ? 'aucune démarche à traiter' : count === 1 ? '1 démarche à traiter' : `${n(count)} démarches à traiter`,
    homeTitle: 'Démarches à traiter',
    homeLink: 'Ouvrir les démarches',
    waitingTitle: 'Listes d’attente',
    waitingIntro:
      'Les enfants en liste d’attente, par activité, dans l’ordre des demandes. Accepter depuis la liste inscrit l’enfant et prévient la famille par e-mail.',
    waitingNone: 'Aucun enfant en liste d’attente.',
    waitingCaption: (activity: string, site: string) => `Liste d’attente – ${activity} (${site})`,
    waitingColumns: { position: 'Rang', child: 'Enfant', family: 'Famille', since: 'Demandée le', action: 'Décision' },
    acceptFromList: 'Accepter depuis la liste d’attente',
    notWaiting: 'Cet enfant n’est plus sur la liste d’attente : son inscription a déjà été décidée ou retirée.',
  },
  importRun: {
    progressTitle: 'Import en cours',
    progress: (done: number, total: number) => `${n(done)} / ${n(total)} lignes`,
    progressLabel: 'Avancement de l’import',
    checking: 'Vérification du fichier dans la base…',
    applying: 'Enregistrement des familles…',
    refresh: 'Actualiser',
    autoRefresh: 'Cette page s’actualise toute seule toutes les 2 secondes.',
    refusedTitle: 'Import refusé',
    refused:
      'Rien n’a été importé : le fichier contient des erreurs (ou a changé depuis la simulation). Analysez-le de nouveau pour voir le rapport ligne par ligne.',
    failedTitle: 'Import interrompu',
    failed:
      'Une erreur inattendue a interrompu l’import : rien n’a été importé. Réessayez ; si le problème persiste, contactez l’administrateur.',
    fileLine: (name: string) => `Fichier : ${name}`,
    newImport: 'Importer un autre fichier',
    notFound: 'Cet import n’existe pas.',
  },
};
