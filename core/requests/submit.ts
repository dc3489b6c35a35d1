/**
 * A family asks for a change staff must check: address, quotient familial, a child's diet / allergies / PAI,
 * the authorised pick-up persons, or the erasure of its data. The proof is a document the family already
 * uploaded (its id is checked against the family) or a new file sent with the request; the request, the new
 * document and the audit event are written in one transaction, and the file is removed if it does not commit.
 * One request of a kind (per child for health) may wait at a time: the database's unique index decides.
 */
import type { Actor } from '../accounts/manage-users';
import type { PlainDate } from '../calendar';
import { checkFile, insertUploads, quotaLeft, removeFiles, saveUploads, type SavedUpload, type UploadError } from '../documents/service';
import type { DocumentKind } from '../documents/kinds';
import type { PostedFile } from '../documents/upload';
import type { DossierDeps } from '../families/ports';
import type { Address, AuthorisedPerson, ChildHealth } from '../families/model';
import type { RequestPayload } from './model';
import { done, isRollback, refused, Rollback, type Outcome } from './outcome';

export type ChangeRequest =
  | { kind: 'address'; address: Address }
  | { kind: 'qf'; qf: number; validUntil: PlainDate }
  | { kind: 'child_health'; childId: string; health: ChildHealth }
  | { kind: 'authorised_persons'; persons: AuthorisedPerson[] }
  | { kind: 'erasure' };

export interface ProofInput {
  /** A document the family already uploaded (any id from the form: checked against the family). */
  existingId: string | null;
  /** Or a new file. */
  file: PostedFile | null;
}

export type SubmitError = 'not_found' | 'already_pending' | 'proof_required' | 'proof_refused' | 'nothing_changes' | UploadError;

/** The document kind a new proof gets, and whether a proof is required. */
export function proofRule(change: ChangeRequest, current: { hasPai: boolean } | null): { kind: DocumentKind; required: boolean } | null {
  switch (change.kind) {
    case 'address':
      return { kind: 'justificatif_domicile', required: true };
    case 'qf':
      return { kind: 'attestation_qf', required: true };
    case 'child_health':
      // A new PAI needs the signed plan; a diet or an allergy may come with a certificate.
      return change.health.hasPai && !current?.hasPai ? { kind: 'pai', required: true } : { kind: 'certificat_medical', required: false };
    case 'authorised_persons':
      return { kind: 'autre', required: false };
    case 'erasure':
      return null;
  }
}

export async function submitChangeRequest(
  input: { familyId: string; change: ChangeRequest; note: string; proof: ProofInput; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<{ requestId: string }, SubmitError>> {
  const { store } = deps;
  const { change, familyId } = input;
  const file = await store.familyFile.file(familyId);
  if (!file) return refused('not_found');
  const child = change.kind === 'child_health' ? file.children.find((c) => c.id === change.childId) : null;
  if (change.kind === 'child_health' && !child) return refused('not_found');
  const existing = input.proof.existingId ? await store.familyDocuments.find(familyId, input.proof.existingId) : null;
  if (input.proof.existingId && !existing) return refused('not_found');
  if (child && change.kind === 'child_health' && child.diet === change.health.diet && child.allergies === change.health.allergies && child.hasPai === change.health.hasPai) {
    return refused('nothing_changes');
  }
  const subject = change.kind === 'child_health' ? change.childId : '';
  if (await store.requests.findOpen(familyId, change.kind, subject)) return refused('already_pending');

  const rule = proofRule(change, child ? { hasPai: child.hasPai } : null);
  const documentIds: string[] = [];
  let upload: SavedUpload | null = null;
  if (rule && existing) {
    if (existing.status === 'refused') return refused('proof_refused');
    documentIds.push(existing.id);
  } else if (rule && input.proof.file && !(input.proof.file.size === 0 && !input.proof.file.name)) {
    const checked = await checkFile(input.proof.file, deps);
    if (!checked.ok) return refused(checked.error);
    if (checked.file.bytes.length > (await quotaLeft(familyId, deps))) return refused('quota_exceeded');
    [upload] = await saveUploads([{ kind: rule.kind, childId: child?.id ?? null, file: checked.file }], deps);
  } else if (rule?.required) {
    return refused('proof_required');
  }

  const payload: RequestPayload =
    change.kind === 'child_health' ? { kind: 'child_health', childId: change.childId, health: change.health } : change;
  const now = deps.clock.now();
  try {
    const requestId = await store.transaction(async (repos) => {
      const created = upload
        ? await insertUploads(repos, { familyId, saved: [upload], uploadedBy: input.actor.userId, quota: deps.settings.familyQuotaBytes }, now)
        : [];
      const request = await repos.requests.create(
        {
          familyId,
          kind: change.kind,
          subject,
          status: 'submitted',
          childId: child?.id ?? null,
          enrolmentId: null,
          documentId: null,
          payload,
          familyNote: input.note,
          createdBy: input.actor.userId,
        },
        now,
      );
      if (!request) throw new Rollback('already_pending');
      await repos.requests.attachDocuments(request.id, [...documentIds, ...created.map((d) => d.id)]);
      await repos.audit.record(
        {
          actorUserId: input.actor.userId,
          actorLabel: input.actor.label,
          action: 'request.submitted',
          target: `request:${request.id}`,
          ip: input.actor.ip,
          details: { familyId, kind: change.kind, documents: documentIds.length + created.length },
        },
        now,
      );
      return request.id;
    });
    return done({ requestId });
  } catch (error) {
    if (upload) await removeFiles([upload.storageKey], deps);
    if (isRollback(error)) return refused(error.error as SubmitError);
    throw error;
  }
}

/** The family takes back a request still waiting; an enrolment asked goes away with it. */
export async function withdrawRequest(
  input: { familyId: string; requestId: string; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<null, 'not_found' | 'not_open'>> {
  const now = deps.clock.now();
  try {
    await deps.store.transaction(async (repos) => {
      const request = await repos.requests.find(input.familyId, input.requestId);
      if (!request) throw new Rollback('not_found');
      if (request.status !== 'submitted') throw new Rollback('not_open');
      if (!(await repos.requests.close(request.id, { status: 'withdrawn', message: null, decidedBy: input.actor.userId, decidedByLabel: input.actor.label }, now))) {
        throw new Rollback('not_open');
      }
      if (request.kind === 'enrolment' && request.enrolmentId) await repos.enrolments.remove(request.enrolmentId);
      await repos.audit.record(
        {
          actorUserId: input.actor.userId,
          actorLabel: input.actor.label,
          action: 'request.withdrawn',
          target: `request:${request.id}`,
          ip: input.actor.ip,
          details: { familyId: input.familyId, kind: request.kind },
        },
        now,
      );
    });
    return done(null);
  } catch (error) {
    if (isRollback(error)) return refused(error.error as 'not_found' | 'not_open');
    throw error;
  }
}
