/**
 * The staff's single inbox of démarches: filters (kind, status, site), the activities' waiting lists in order, and
 * « accepter depuis la liste d'attente » — the same decision as on the request's page (change applied, audit
 * event, e-mail), refused when the child is no longer waiting.
 */
import type { Actor } from '../accounts/manage-users';
import type { DossierDeps } from '../families/ports';
import { decideRequest } from './decide';
import { isRequestKind, type InboxRequest, type RequestKind } from './model';
import { refused, type Outcome } from './outcome';

/** 'waiting': submitted enrolment requests whose child is on the waiting list (a narrower view of 'submitted'). */
export const INBOX_STATUSES = ['submitted', 'waiting', 'accepted', 'refused', 'withdrawn'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export interface InboxFilter {
  kind: RequestKind | null;
  status: InboxStatus;
  siteId: string | null;
}

/** A request concerns a site through its activity, its child, or — for the family's own data — any of its children. */
export interface InboxSearch extends InboxFilter {
  limit: number;
}

export interface WaitingListEntry {
  activityId: string;
  activityName: string;
  siteId: string;
  siteName: string;
  /** 1 = next in line (order of request). */
  position: number;
  enrolmentId: string;
  /** The open enrolment request to accept (null only for an enrolment made without one). */
  requestId: string | null;
  childFirstName: string;
  childLastName: string;
  familyName: string;
  fileNumber: string;
  requestedAt: string;
}

export interface InboxRepository {
  search(filter: InboxSearch): Promise<InboxRequest[]>;
  /** Every waiting list (of one site, or all), by activity then position. */
  waitingLists(siteId: string | null): Promise<WaitingListEntry[]>;
}

/** Reads the filters from a query string; anything unknown falls back to « à traiter », every kind, every site. */
export function parseInboxFilter(params: URLSearchParams, siteIds: readonly string[]): InboxFilter {
  const kind = params.get('type');
  const status = params.get('etat');
  const site = params.get('site');
  return {
    kind: isRequestKind(kind) ? kind : null,
    status: (INBOX_STATUSES as readonly string[]).includes(status ?? '') ? (status as InboxStatus) : 'submitted',
    siteId: site && siteIds.includes(site) ? site : null,
  };
}

export type WaitingAcceptError = 'not_found' | 'not_waiting' | 'already_decided' | 'message_too_long';

export async function acceptFromWaitingList(
  input: { requestId: string; message: unknown; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<{ request: InboxRequest }, WaitingAcceptError>> {
  const request = await deps.store.requests.findAny(input.requestId);
  if (!request) return refused('not_found');
  const enrolment = request.kind === 'enrolment' && request.enrolmentId ? await deps.store.enrolments.find(request.enrolmentId) : null;
  if (request.status !== 'submitted' || enrolment?.status !== 'waiting') return refused('not_waiting');
  // The decision itself is conditional (requested or waiting → accepted): a concurrent decision changes nothing.
  const result = await decideRequest({ requestId: request.id, decision: 'accept', message: input.message, actor: input.actor }, deps);
  if (result.ok) return { ok: true, value: { request: result.value.request } };
  return refused(
    result.error === 'not_found' || result.error === 'already_decided' || result.error === 'message_too_long'
      ? result.error
      : 'not_waiting',
  );
}
