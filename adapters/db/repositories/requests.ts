import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { isDocumentKind } from '../../../core/documents/kinds';
import {
  isRequestKind,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type FamilyRequest,
  type InboxRequest,
  type RequestDocumentRef,
  type RequestKind,
  type RequestPayload,
  type RequestRepository,
  type RequestStatus,
} from '../../../core/requests/model';
import type { Database } from '../schema';
import type { RequestTable } from '../schema';

type Row = Selectable<RequestTable> & { child_first_name: string | null; family_name: string; file_number: string };

function parsePayload(kind: RequestKind, text: string): RequestPayload {
  try {
    const value = JSON.parse(text) as RequestPayload;
    if (value && typeof value === 'object' && (value.kind === kind || value.kind === 'erased')) return value;
  } catch {
    // fall through
  }
  return { kind: 'erased' };
}

/** Requests with their family's name and the child's first name (the inbox's search adds its filters). */
export function requestRows(db: Kysely<Database>) {
  return db
      .selectFrom('requests')
      .innerJoin('families', 'families.id', 'requests.family_id')
      .leftJoin('children', 'children.id', 'requests.child_id')
      .selectAll('requests')
      .select(['children.first_name as child_first_name', 'families.name as family_name', 'families.file_number']);
}

/** Rows → requests, with their documents and activity names. */
export async function hydrateRequests(db: Kysely<Database>, rows: Row[]): Promise<InboxRequest[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const links = await db
      .selectFrom('request_documents')
      .innerJoin('family_documents', 'family_documents.id', 'request_documents.document_id')
      .select(['request_documents.request_id', 'family_documents.id', 'family_documents.kind', 'family_documents.file_name', 'family_documents.status', 'family_documents.deleted_at', 'family_documents.created_at'])
      .where('request_documents.request_id', 'in', ids)
      .orderBy('family_documents.created_at')
      .orderBy('family_documents.id')
      .execute();
    const payloads = new Map(rows.map((r) => [r.id, parsePayload(isRequestKind(r.kind) ? r.kind : 'erasure', r.payload)]));
    const activityIds = [...new Set([...payloads.values()].flatMap((p) => (p.kind === 'enrolment' ? [p.activityId] : [])))];
    const activities = activityIds.length ? await db.selectFrom('activities').select(['id', 'name']).where('id', 'in', activityIds).execute() : [];
    return rows.map((row) => {
      const payload = payloads.get(row.id) as RequestPayload;
      const documents: RequestDocumentRef[] = links
        .filter((l) => l.request_id === row.id)
        .map((l) => ({
          id: l.id,
          kind: isDocumentKind(l.kind) ? l.kind : 'autre',
          fileName: l.file_name,
          status: l.status === 'accepted' || l.status === 'refused' ? l.status : 'pending',
          deleted: l.deleted_at !== null,
        }));
      return {
        id: row.id,
        familyId: row.family_id,
        kind: isRequestKind(row.kind) ? row.kind : 'erasure',
        status: (REQUEST_STATUSES as readonly string[]).includes(row.status) ? (row.status as RequestStatus) : 'submitted',
        subject: row.subject,
        childId: row.child_id,
        enrolmentId: row.enrolment_id,
        documentId: row.document_id,
        payload,
        familyNote: row.family_note,
        message: row.message,
        createdAt: row.created_at,
        decidedAt: row.decided_at,
        decidedByLabel: row.decided_by_label,
        childFirstName: row.child_first_name,
        activityName: payload.kind === 'enrolment' ? (activities.find((a) => a.id === payload.activityId)?.name ?? null) : null,
        documents,
        familyName: row.family_name,
        fileNumber: row.file_number,
      };
    });
}

/** Démarches and their attached documents. */
export function requestRepository(db: Kysely<Database>): RequestRepository {
  const base = () => requestRows(db);
  const hydrate = (rows: Row[]) => hydrateRequests(db, rows);

  const familyOnly = ({ familyName: _n, fileNumber: _f, ...request }: InboxRequest): FamilyRequest => request;

  return {
    async create(request, now) {
      const id = randomUUID();
      const at = now.toISOString();
      const result = await db
        .insertInto('requests')
        .values({
          id,
          family_id: request.familyId,
          kind: request.kind,
          subject: request.subject,
          status: request.status,
          child_id: request.childId,
          enrolment_id: request.enrolmentId,
          document_id: request.documentId,
          payload: JSON.stringify(request.payload),
          family_note: request.familyNote,
          message: null,
          created_by: request.createdBy,
          created_at: at,
          decided_at: request.status === 'accepted' ? at : null,
          decided_by: null,
          decided_by_label: request.status === 'accepted' ? (request.decidedByLabel ?? null) : null,
        })
        // The partial unique index (one submitted request per family, kind and subject) is the only one a random
        // id can meet.
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return result ? { id } : null;
    },

    async attachDocuments(requestId, documentIds) {
      const unique = [...new Set(documentIds)];
      if (unique.length === 0) return;
      await db.insertInto('request_documents').values(unique.map((document_id) => ({ request_id: requestId, document_id }))).execute();
    },

    async find(familyId, requestId) {
      const row = await base().where('requests.id', '=', requestId).where('requests.family_id', '=', familyId).executeTakeFirst();
      if (!row) return null;
      const [request] = await hydrate([row]);
      return familyOnly(request);
    },

    async findAny(requestId) {
      const row = await base().where('requests.id', '=', requestId).executeTakeFirst();
      return row ? ((await hydrate([row]))[0] ?? null) : null;
    },

    async list(familyId, limit) {
      const rows = await base().where('requests.family_id', '=', familyId).orderBy('requests.created_at', 'desc').orderBy('requests.id').limit(limit).execute();
      return (await hydrate(rows)).map(familyOnly);
    },

    async listSubmitted({ kind, limit }) {
      let query = base().where('requests.status', '=', 'submitted');
      if (kind) query = query.where('requests.kind', '=', kind);
      return hydrate(await query.orderBy('requests.created_at').orderBy('requests.id').limit(limit).execute());
    },

    async countSubmitted() {
      const rows = await db
        .selectFrom('requests')
        .select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('status', '=', 'submitted')
        .groupBy('kind')
        .execute();
      const counts = Object.fromEntries(REQUEST_KINDS.map((k) => [k, 0])) as Record<RequestKind, number>;
      for (const row of rows) if (isRequestKind(row.kind)) counts[row.kind] = Number(row.n);
      return counts;
    },

    async listDecided(limit) {
      const rows = await base()
        .where('requests.status', 'in', ['accepted', 'refused'])
        .where('requests.decided_by', 'is not', null)
        .orderBy('requests.decided_at', 'desc')
        .orderBy('requests.id')
        .limit(limit)
        .execute();
      return hydrate(rows);
    },

    async findOpen(familyId, kind, subject) {
      const row = await base()
        .where('requests.family_id', '=', familyId)
        .where('requests.kind', '=', kind)
        .where('requests.subject', '=', subject)
        .where('requests.status', '=', 'submitted')
        .executeTakeFirst();
      if (!row) return null;
      const [request] = await hydrate([row]);
      return familyOnly(request);
    },

    async openRequestsWithDocument(documentId) {
      const rows = await db
        .selectFrom('request_documents')
        .innerJoin('requests', 'requests.id', 'request_documents.request_id')
        .select(['requests.id', 'requests.kind'])
        .where('request_documents.document_id', '=', documentId)
        .where('requests.status', '=', 'submitted')
        .execute();
      return rows.map((r) => ({ id: r.id, kind: isRequestKind(r.kind) ? r.kind : 'erasure' }));
    },

    async close(requestId, outcome, now) {
      const result = await db
        .updateTable('requests')
        .set({ status: outcome.status, message: outcome.message, decided_at: now.toISOString(), decided_by: outcome.decidedBy, decided_by_label: outcome.decidedByLabel })
        .where('id', '=', requestId)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setMessage(requestId, message) {
      await db.updateTable('requests').set({ message }).where('id', '=', requestId).execute();
    },

    async scrubForFamily(familyId) {
      await db
        .updateTable('requests')
        .set({ status: 'withdrawn', decided_by_label: 'effacement' })
        .where('family_id', '=', familyId)
        .where('status', '=', 'submitted')
        .execute();
      await db.updateTable('requests').set({ payload: JSON.stringify({ kind: 'erased' }), family_note: '', message: null }).where('family_id', '=', familyId).execute();
    },
  };
}
