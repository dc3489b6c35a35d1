import type { Catalog } from './fr';

const n = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const enOffice: Catalog['office'] = {
  news: {
    publishAt: 'Publish on',
    publishAtHint: 'Paris date and time from which the published item appears on the home page. Empty: as soon as it is saved.',
    homePosition: 'Position on the home page',
    homePositionHint: (max) => `From 1 (first) to ${max} to pin the item; empty: after the pinned ones, newest first.`,
    publishAtInvalid: 'Enter a date and time that exist, for example 2026-03-02 at 08:00.',
    positionInvalid: (max) => `Enter a position between 1 and ${max}, or leave it empty.`,
    columns: { publishAt: 'Publication', position: 'Position' },
    scheduled: 'Scheduled',
    scheduledFor: (when) => `from ${when}`,
    notPinned: '—',
  },
  inbox: {
    intro:
      'Everything families asked: enrolments in activities, changes of address or family quotient, health, authorised persons, documents to review, erasure. Each decision is e-mailed to the family and recorded in the log.',
    filtersTitle: 'Filter',
    kind: 'Type',
    status: 'Status',
    site: 'Site',
    allKinds: 'All types',
    allSites: 'All sites',
    statuses: { submitted: 'To handle', waiting: 'On the waiting list', accepted: 'Accepted', refused: 'Refused', withdrawn: 'Withdrawn' },
    filter: 'Filter',
    resultsCaption: (count) => `Requests matching the filters: ${n(count)}`,
    none: 'No request matches these filters.',
    pendingCount: (count) =>
      count === 0 ? 'no request to handle' : count === 1 ? '1 request to handle' : `${n(count)} requests to handle`,
    homeTitle: 'Requests to handle',
    homeLink: 'Open the requests',
    waitingTitle: 'Waiting lists',
    waitingIntro:
      'Children on a waiting list, by activity, in the order of the requests. Accepting from the list enrols the child and e-mails the family.',
    waitingNone: 'No child on a waiting list.',
    waitingCaption: (activity, site) => `Waiting list – ${activity} (${site})`,
    waitingColumns: { position: 'Rank', child: 'Child', family: 'Family', since: 'Requested on', action: 'Decision' },
    acceptFromList: 'Accept from the waiting list',
    notWaiting: 'This child is no longer on the waiting list: the enrolment was already decided or withdrawn.',
  },
  importRun: {
    progressTitle: 'Import in progress',
    progress: (done, total) => `${n(done)} / ${n(total)} lines`,
    progressLabel: 'Import progress',
    checking: 'Checking the file against the database…',
    applying: 'Saving the families…',
    refresh: 'Refresh',
    autoRefresh: 'This page refreshes itself every 2 seconds.',
    refusedTitle: 'Import refused',
    refused: 'Nothing was imported: the file has errors (or changed since the dry run). Analyse it again to see the line-by-line report.',
    failedTitle: 'Import interrupted',
    failed: 'An unexpected error interrupted the import: nothing was imported. Try again; if it persists, contact the administrator.',
    fileLine: (name) => `File: ${name}`,
    newImport: 'Import another file',
    notFound: 'This import does not exist.',
  },
};
