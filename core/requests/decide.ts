/**
 * Staff decide a démarche: accepting applies the change asked in the same transaction as the decision and its
 * audit event (address, QF, a child's health, the authorised persons, an enrolment, a document, the erasure);
 * refusing needs a message for the family. An enrolment may also go to the waiting list (the request stays
 * open). Only a submitted request can be decided: a second agent, or a request the family withdrew meanwhile,
 * changes nothing. The e-mail goes after commit, to the family's accounts that want it.
 */
import type { Actor } from '../accounts/manage-users';
import { isPlainDate, parisToday, type PlainDate } from '../calendar';
import { defaultValidity } from '../documents/kinds';
import { removeFiles } from '../documents/service';
import type { DossierDeps } from '../families/ports';
import { cleanText, LIMITS } from '../families/validation';
import { DOCUMENT_KIND_FR, enrolmentDecisionMail, requestDecisionMail, type MailText } from './messages-fr';
import type { InboxRequest } from './model';
import { DOSSIER_PATHS, linkTo, sendAll } from './notify';
import { done, isRollback, refused, Rollback, type Outcome } from './outcome';

export type Decision = 'accept' | 'refuse' | 'waiting';
export type DecideError = 'not_found' | 'already_decided' | 'message_required' | 'message_too_long' | 'invalid_date' | 'not_enrolment';

export interface DecideInput {
  requestId: string;
  decision: Decision;
  message: unknown;
  /** Expiry of the attached documents when accepted ('' or absent: the kind's default). */
  validUntil?: unknown;
  /** Address changes: whether the new address is in the commune (absent: unchanged). */
  resident?: boolean | null;
  actor: Actor;
}

export async function decideRequest(input: DecideInput, deps: DossierDeps): Promise<Outcome<{ request: InboxRequest; outcome: 'accepted' | 'refused' | 'waiting' }, DecideError>> {
  const message = cleanText(input.message) || null;
  if (message && message.length > LIMITS.message) return refused('message_too_long');
  if (input.decision === 'refuse' && !message) return refused('message_required');
  const validText = typeof input.validUntil === 'string' ? input.validUntil.trim() : '';
  if (validText && !isPlainDate(validText)) return refused('invalid_date');
  const now = deps.clock.now();
  const today = parisToday(now);

  let storageKeys: string[] = [];
  let recipients: string[] = [];
  let waitingPosition: number | null = null;
  let decided: InboxRequest;
  try {
    decided = await deps.store.transaction(async (repos) => {
      const request = await repos.requests.findAny(input.requestId);
      if (!request) throw new Rollback('not_found');
      if (request.status !== 'submitted') throw new Rollback('already_decided');
      recipients = await repos.familyFile.recipients(request.familyId, request.kind === 'enrolment' ? 'enrolment' : 'request');
      const audit = (action: string, details: Record<string, unknown> = {}) =>
        repos.audit.record(
          {
            actorUserId: input.actor.userId,
            actorLabel: input.actor.label,
            action,
            target: `request:${request.id}`,
            ip: input.actor.ip,
            details: { familyId: request.familyId, kind: request.kind, message, ...details },
          },
          now,
        );

      if (input.decision === 'waiting') {
        if (request.kind !== 'enrolment' || !request.enrolmentId) throw new Rollback('not_enrolment');
        if (!(await repos.enrolments.decide(request.enrolmentId, ['requested', 'waiting'], 'waiting', message, now))) throw new Rollback('already_decided');
        await repos.requests.setMessage(request.id, message);
        waitingPosition = (await repos.enrolments.find(request.enrolmentId))?.waitingPosition ?? null;
        await audit('enrolment.waiting', { position: waitingPosition });
        return { ...request, message };
      }

      const accepted = input.decision === 'accept';
      const closed = await repos.requests.close(
        request.id,
        { status: accepted ? 'accepted' : 'refused', message, decidedBy: input.actor.userId, decidedByLabel: input.actor.label },
        now,
      );
      if (!closed) throw new Rollback('already_decided');

      const payload = request.payload;
      if (accepted) {
        switch (payload.kind) {
          case 'address':
            await repos.familyFile.updateAddress(request.familyId, payload.address, input.resident ?? null, now);
            break;
          case 'qf':
            await repos.familyFile.updateQf(request.familyId, payload.qf, payload.validUntil, now);
            break;
          case 'child_health':
            if (!(await repos.familyFile.updateChildHealth(request.familyId, payload.childId, payload.health))) throw new Rollback('not_found');
            break;
          case 'authorised_persons':
            await repos.familyFile.replaceAuthorisedPersons(request.familyId, payload.persons);
            break;
          case 'enrolment':
            if (!request.enrolmentId || !(await repos.enrolments.decide(request.enrolmentId, ['requested', 'waiting'], 'accepted', message, now))) {
              throw new Rollback('already_decided');
            }
            break;
          case 'document_review':
          case 'erasure':
          case 'erased':
            break;
        }
      } else if (payload.kind === 'enrolment' && request.enrolmentId) {
        await repos.enrolments.decide(request.enrolmentId, ['requested', 'waiting'], 'refused', message, now);
      }

      const pending = request.documents.filter((d) => d.status === 'pending' && !d.deleted).map((d) => d.id);
      if (pending.length > 0 && payload.kind !== 'erasure') {
        await repos.familyDocuments.review(
          pending,
          {
            status: accepted ? 'accepted' : 'refused',
            message: accepted ? null : message,
            reviewerId: input.actor.userId,
            validUntil: (doc) => (validText ? (validText as PlainDate) : payload.kind === 'qf' ? payload.validUntil : defaultValidity(doc.kind, today)),
          },
          now,
        );
        // A document reviewed with this request no longer waits for its own review.
        for (const documentId of pending) {
          const review = await repos.requests.findOpen(request.familyId, 'document_review', documentId);
          if (review && review.id !== request.id) {
            await repos.requests.close(review.id, { status: accepted ? 'accepted' : 'refused', message, decidedBy: input.actor.userId, decidedByLabel: input.actor.label }, now);
          }
        }
      }
      await audit(accepted ? 'request.accepted' : 'request.refused', { documents: pending.length });
      if (accepted && payload.kind === 'erasure') {
        storageKeys = (await repos.familyFile.anonymise(request.familyId, now)).storageKeys;
        await repos.requests.scrubForFamily(request.familyId);
        await audit('family.anonymised');
      }
      return { ...request, status: accepted ? ('accepted' as const) : ('refused' as const), message, decidedAt: now.toISOString(), decidedByLabel: input.actor.label };
    });
  } catch (error) {
    if (isRollback(error)) return refused(error.error as DecideError);
    throw error;
  }

  await removeFiles(storageKeys, deps);
  const outcome = input.decision === 'waiting' ? 'waiting' : input.decision === 'accept' ? 'accepted' : 'refused';
  await sendAll(recipients, decisionMail(decided, outcome, waitingPosition, deps), deps, `request ${decided.id} decision mail`);
  return done({ request: decided, outcome });
}

export function decisionMail(request: InboxRequest, outcome: 'accepted' | 'refused' | 'waiting', waitingPosition: number | null, deps: Pick<DossierDeps, 'settings'>): MailText {
  if (request.kind === 'enrolment') {
    return enrolmentDecisionMail({
      childFirstName: request.childFirstName ?? '',
      activityName: request.activityName ?? '',
      outcome,
      automatic: request.decidedByLabel === AUTOMATIC,
      waitingPosition,
      message: request.message,
      inscriptionsUrl: linkTo(deps, DOSSIER_PATHS.inscriptions),
      planningUrl: linkTo(deps, DOSSIER_PATHS.planning),
    });
  }
  const documentKind = request.payload.kind === 'document_review' ? request.payload.documentKind : null;
  return requestDecisionMail({
    kind: request.kind,
    accepted: outcome === 'accepted',
    message: request.message,
    detail: documentKind ? DOCUMENT_KIND_FR[documentKind] : null,
    dossierUrl: linkTo(deps, DOSSIER_PATHS.dossier),
  });
}

/** The decider's label of an enrolment accepted at once. */
export const AUTOMATIC = 'automatique';
