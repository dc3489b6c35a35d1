/**
 * Pieces shared by the Mon dossier, Inscriptions and démarches pages: the Dossier sub-navigation, status badges,
 * a request's summary in words, the proof fields (a new file or a document already uploaded), and the reading
 * of posted files and error codes.
 */
import type { FamilyRequest, RequestPayload } from '../../../core/requests/model';
import type { PostedFile } from '../../../core/documents/upload';
import { useT, type Catalog } from '../../i18n';
import { PortalSectionNav } from '../portal-nav';
import { SelectField, TextField } from '../form';

/** The Dossier section's pages (the tutorial's three, Mon compte, Mes données) as a sub-menu. */
export function DossierNav() {
  const t = useT();
  return <PortalSectionNav section="dossier" label={t.dossier.dossier.moreLinks} />;
}

export function StatusBadge({ tone, children }: { tone: string; children: React.ReactNode }) {
  return <span className={`status status--${tone}`}>{children}</span>;
}

type SummaryRequest = Pick<FamilyRequest, 'kind' | 'payload' | 'childFirstName' | 'activityName' | 'documents'>;

/** What the request asks, in a line. */
export function requestSummary(t: Catalog, request: SummaryRequest, childName?: (id: string) => string | null): string {
  const s = t.dossier.summaries;
  const payload: RequestPayload = request.payload;
  switch (payload.kind) {
    case 'address':
      return s.address(payload.address.addressLine, payload.address.postalCode, payload.address.city);
    case 'qf':
      return s.qf(payload.qf, payload.validUntil);
    case 'child_health':
      return s.health(
        request.childFirstName ?? childName?.(payload.childId) ?? '',
        t.dossier.diets[payload.health.diet] ?? payload.health.diet,
        payload.health.allergies,
        payload.health.hasPai,
      );
    case 'authorised_persons':
      return s.persons(payload.persons.map((p) => s.person(p.fullName, p.relationship, p.phone)));
    case 'enrolment':
      return s.enrolment(request.childFirstName ?? '', request.activityName ?? '');
    case 'document_review': {
      const doc = request.documents.find((d) => d.id === payload.documentId);
      return s.document(t.dossier.documentKinds[payload.documentKind] ?? payload.documentKind, doc?.fileName ?? '');
    }
    case 'erasure':
      return s.erasure;
    case 'erased':
      return s.erased;
  }
}

export interface DocumentOption {
  id: string;
  kind: string;
  fileName: string;
}

/** A new file, or a document the family already uploaded (refused and deleted ones are not offered). */
export function ProofFields({
  prefix,
  documents,
  maxBytes,
  hint,
  required,
  errors,
  existingLabel,
}: {
  prefix: string;
  documents: DocumentOption[];
  maxBytes: number;
  hint?: string;
  required: boolean;
  errors?: Record<string, string | undefined>;
  existingLabel?: string;
}) {
  const t = useT();
  const p = t.dossier.proof;
  return (
    <fieldset className="fieldset">
      <legend>{`${p.legend}${required ? '' : ` ${p.optional}`}`}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <TextField
        name={`${prefix}-file`}
        type="file"
        label={p.file}
        hint={p.fileHint(t.common.bytes(maxBytes))}
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        error={errors?.[`${prefix}-file`]}
      />
      {documents.length > 0 ? (
        <SelectField name={`${prefix}-existing`} label={existingLabel ?? p.existing} defaultValue="" error={errors?.[`${prefix}-existing`]}>
          <option value="">{p.existingNone}</option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {`${t.dossier.documentKinds[d.kind] ?? d.kind} – ${d.fileName}`}
            </option>
          ))}
        </SelectField>
      ) : null}
    </fieldset>
  );
}

/** A posted file field (browsers post an empty nameless part when nothing is chosen). */
export function postedFile(value: FormDataEntryValue | null): PostedFile | null {
  if (value === null || typeof value === 'string') return null;
  if (!value.name && value.size === 0) return null;
  return { name: value.name, size: value.size, read: async () => new Uint8Array(await value.arrayBuffer()) };
}

/** The message of an upload / proof problem code. */
export function fileErrorText(t: Catalog, code: string, limits: { maxBytes: number; quotaBytes: number }): string {
  const e = t.dossier.fileErrors;
  switch (code) {
    case 'too_large':
      return e.too_large(t.common.bytes(limits.maxBytes));
    case 'quota_exceeded':
      return e.quota_exceeded(t.common.bytes(limits.quotaBytes));
    case 'required':
    case 'empty':
    case 'type_not_allowed':
    case 'extension_mismatch':
    case 'proof_required':
    case 'proof_refused':
    case 'document_required':
    case 'document_refused':
      return e[code];
    default:
      return t.dossier.errors[code] ?? t.errors.badRequestText;
  }
}

export const FILE_PROBLEMS = new Set([
  'required',
  'empty',
  'too_large',
  'type_not_allowed',
  'extension_mismatch',
  'quota_exceeded',
  'proof_required',
  'proof_refused',
  'document_required',
  'document_refused',
]);

/** A notice key from ?ok=, if the catalog knows it. */
export function noticeFrom(request: Request, notices: Record<string, string>): string | null {
  const ok = new URL(request.url).searchParams.get('ok');
  return ok && Object.hasOwn(notices, ok) ? ok : null;
}
