/**
 * Staff: import the families' questionnaire (CSV). Upload → automatic column mapping and dry run with a
 * line-by-line report → (mapping corrected, dry run again) → import in one transaction, or nothing when a line has
 * an error. Works without JavaScript: the file's text travels in a hidden field between the steps; the import runs
 * in the background and ?suivi=<run> shows its progress (the page refreshes itself) and then its result.
 */
import { data, Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/family-import';
import { CHILD_FIELDS, FAMILY_FIELDS, GUARDIAN_FIELDS, MAX_CHILDREN, MAX_GUARDIANS, mappingFromEntries, REQUIRED_FIELDS, type ColumnMapping, type ImportField } from '../../../core/backoffice/family-import/fields';
import { analyseText, type AnalyseError } from '../../../core/backoffice/family-import/service';
import type { ImportPlan } from '../../../core/backoffice/family-import/plan';
import type { TextEncodingName } from '../../../core/backoffice/encoding';
import { ErrorSummary, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT, type Catalog } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { viewerOf } from '../../web/back-office';
import { requirePermission } from '../../web/guards';
import { ImportRunPanel } from '../../components/import-run-panel';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

/** The text of the file travels between the steps; anything larger than an upload cannot be one. */
const MAX_TEXT = 6 * 1024 * 1024;
const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.families.manage');
  const runId = new URL(request.url).searchParams.get('suivi');
  const run = runId !== null && UUID.test(runId) ? await context.services.backOffice.importRun(runId) : null;
  if (runId !== null && !run) throw new Response('Not Found', { status: 404 });
  return { maxBytes: context.services.config.uploadMaxBytes, run };
}

interface PlanStage {
  stage: 'plan';
  text: string;
  fileName: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  lineCount: number;
  mapping: ColumnMapping;
  plan: ImportPlan | null;
  missing: ImportField[];
}

function analyseError(t: Catalog, error: AnalyseError | 'too_large' | 'required', line: number | undefined, maxBytes: number): string {
  const e = t.backoffice.import.errors;
  if (error === 'unclosed_quote') return e.unclosed_quote(line ?? 1);
  if (error === 'too_large') return e.too_large(t.common.bytes(maxBytes));
  return e[error];
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.families.manage');
  const t = catalogFor(context.lang);
  const { services } = context;
  const maxBytes = services.config.uploadMaxBytes;
  const form = await request.formData();
  const intent = form.get('intent');
  const refuse = (message: string, status = 400) => data({ stage: 'error' as const, errors: { file: message } as Record<string, string> }, { status });

  let text: string;
  let fileName: string;
  let encoding: string;
  let mapping: ColumnMapping | null = null;
  if (intent === 'analyse') {
    const file = form.get('file');
    if (!file || typeof file === 'string' || (file.size === 0 && !file.name)) return refuse(analyseError(t, 'required', undefined, maxBytes));
    if (file.size > maxBytes) return refuse(analyseError(t, 'too_large', undefined, maxBytes), 413);
    const analysis = services.backOffice.analyseImport(new Uint8Array(await file.arrayBuffer()));
    if (!analysis.ok) return refuse(analyseError(t, analysis.error, analysis.line, maxBytes));
    text = analysis.value.text;
    fileName = file.name.split(/[\\/]/).pop()?.slice(0, 120) || 'familles.csv';
    encoding = analysis.value.encoding;
  } else if (intent === 'preview' || intent === 'import') {
    const raw = form.get('text');
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_TEXT) return refuse(t.backoffice.import.errors.stale);
    text = raw;
    fileName = String(form.get('fileName') ?? 'familles.csv').slice(0, 120);
    encoding = String(form.get('encoding') ?? 'utf-8').slice(0, 20);
  } else {
    throw new Response('Bad Request', { status: 400 });
  }

  const analysis = analyseText(text, ENCODINGS.find((e) => e === encoding) ?? 'utf-8');
  if (!analysis.ok) return refuse(analyseError(t, analysis.error, analysis.line, maxBytes));
  const headers = analysis.value.headers;
  if (intent !== 'analyse') mapping = mappingFromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'), headers.length);
  const effective = mapping ?? analysis.value.mapping;
  const base: Omit<PlanStage, 'plan' | 'missing'> = {
    stage: 'plan',
    text,
    fileName,
    encoding,
    delimiter: analysis.value.delimiter,
    headers,
    lineCount: analysis.value.lineCount,
    mapping: effective,
  };

  const result = await services.backOffice.previewImport({ text, mapping: effective });
  if (intent === 'import' && result.ok && result.plan.importable) {
    // The run plans again in its own transaction: what changed since this check is caught there.
    const { runId } = await services.backOffice.startImport({ text, mapping: effective, fileName, encoding, lineCount: base.lineCount, viewer: viewerOf(session, context) });
    return redirect(`/admin/familles/import?suivi=${runId}`);
  }
  if (!result.ok) {
    if (result.error === 'missing_columns') {
      const stage: PlanStage = { ...base, plan: null, missing: result.missing };
      return data(stage, { status: 400 });
    }
    return refuse(analyseError(t, result.error, 'line' in result ? result.line : undefined, maxBytes));
  }
  const stage: PlanStage = { ...base, plan: result.plan, missing: [] };
  return data(stage, { status: intent === 'import' ? 400 : 200 });
}

function groups(): { key: string; fields: ImportField[]; label: (t: Catalog) => string }[] {
  const out: { key: string; fields: ImportField[]; label: (t: Catalog) => string }[] = [
    { key: 'family', fields: [...FAMILY_FIELDS], label: (t) => t.backoffice.import.mappingGroups.family },
  ];
  for (let g = 1; g <= MAX_GUARDIANS; g++) {
    out.push({ key: `guardian${g}`, fields: GUARDIAN_FIELDS.map((f) => `guardian${g}.${f}` as ImportField), label: (t) => t.backoffice.import.mappingGroups.guardian(g) });
  }
  for (let c = 1; c <= MAX_CHILDREN; c++) {
    out.push({ key: `child${c}`, fields: CHILD_FIELDS.map((f) => `child${c}.${f}` as ImportField), label: (t) => t.backoffice.import.mappingGroups.child(c) });
  }
  return out;
}

function Report({ stage }: { stage: PlanStage }) {
  const t = useT();
  const i = t.backoffice.import;
  const plan = stage.plan!;
  const weight = (l: ImportPlan['lines'][number]) => (l.action === 'error' ? 0 : l.issues.length > 0 ? 1 : 2);
  const lines = [...plan.lines].sort((a, b) => weight(a) - weight(b) || a.line - b.line);
  const problems = plan.lines.filter((l) => weight(l) < 2).length;
  return (
    <div className="table-wrapper" tabIndex={0}>
      <table className="table">
        <caption>
          {i.reportCaption}
          {problems > 0 ? <span className="visually-hidden">{` – ${i.onlyProblems(problems, plan.lines.length)}`}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{i.reportColumns.line}</th>
            <th scope="col">{i.reportColumns.family}</th>
            <th scope="col">{i.reportColumns.result}</th>
            <th scope="col">{i.reportColumns.details}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.line} className={`report-row--${line.action}`}>
              <th scope="row">{line.line}</th>
              <td>
                {line.label}
                {line.fileNumber && !line.label.includes(line.fileNumber) ? ` (${line.fileNumber})` : null}
              </td>
              <td className={line.action === 'error' ? 'status-error' : undefined}>{i.actions[line.action]}</td>
              <td>
                {line.issues.length > 0 || line.changes.length > 0 ? (
                  <ul className="report-details">
                    {line.issues.map((issue, k) => (
                      <li key={`i${k}`}>{i.issue(issue)}</li>
                    ))}
                    {line.changes.map((change, k) => (
                      <li key={`c${k}`}>{i.change(change)}</li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function FamilyImport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const i = t.backoffice.import;
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const stage = actionData && actionData.stage === 'plan' ? (actionData as PlanStage) : null;
  const uploadErrors = actionData && actionData.stage === 'error' ? actionData.errors : undefined;
  const missing = stage?.missing ?? [];
  const run = stage || uploadErrors ? null : loaderData.run;
  const step = run ? 3 : stage ? 2 : 1;
  const hasErrors = Boolean(uploadErrors) || missing.length > 0 || Boolean(stage?.plan && !stage.plan.importable);
  return (
    <>
      <PageTitle title={i.title} hasErrors={hasErrors} />
      <p>
        <Link to="/admin/familles">{t.backoffice.family.back}</Link>
      </p>
      <h1>{i.title}</h1>
      <ol className="import-steps">
        {i.steps.map((label, index) => (
          <li key={label} aria-current={index + 1 === step ? 'step' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      <ErrorSummary errors={uploadErrors} labels={{ file: i.file }} />

      {run ? <ImportRunPanel run={run} /> : null}

      {!stage && run?.status !== 'running' ? (
        <section aria-labelledby="fichier" className="card">
          <h2 id="fichier">{i.steps[0]}</h2>
          <p>{i.intro}</p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="analyse" />
            <TextField
              name="file"
              type="file"
              label={i.file}
              hint={i.fileHint(t.common.bytes(loaderData.maxBytes))}
              accept=".csv,text/csv,text/plain"
              required
              error={uploadErrors?.file}
            />
            <button type="submit" className="button" disabled={busy}>
              {i.analyse}
            </button>
          </Form>
          <h3>{i.expectedTitle}</h3>
          <p>{i.expected}</p>
          <p>{i.rules}</p>
        </section>
      ) : null}

      {stage ? (
        <Form method="post" className="import-form">
          <input type="hidden" name="text" value={stage.text} />
          <input type="hidden" name="fileName" value={stage.fileName} />
          <input type="hidden" name="encoding" value={stage.encoding} />
          <p className="lead">{i.fileInfo(stage.fileName, stage.lineCount, stage.encoding, stage.delimiter)}</p>
          <p>
            <a href="/admin/familles/import">{i.anotherFile}</a>
          </p>

          {stage.plan ? (
            <section aria-labelledby="simulation" className="card">
              <h2 id="simulation">{i.reportTitle}</h2>
              <div className={`notice ${stage.plan.importable ? 'notice--success' : 'notice--info'}`} role="status">
                <p>{i.summary(stage.plan.counts)}</p>
                <p>{stage.plan.importable ? i.importable : i.blocked}</p>
              </div>
              {stage.plan.importable ? (
                <p>
                  <button type="submit" name="intent" value="import" className="button" disabled={busy}>
                    {i.importButton(stage.plan.lines.length)}
                  </button>
                </p>
              ) : null}
              <Report stage={stage} />
            </section>
          ) : (
            <div className="error-summary" role="alert">
              <p>{i.errors.missing_columns(missing.map((f) => i.fieldLabel(f)))}</p>
            </div>
          )}

          <section aria-labelledby="colonnes" className="card">
            <h2 id="colonnes">{i.mappingTitle}</h2>
            <p>{i.mappingIntro}</p>
            {groups().map((group) => (
              <fieldset key={group.key} className="mapping-group">
                <legend>{group.label(t)}</legend>
                <div className="mapping-grid">
                  {group.fields.map((field) => {
                    const required = REQUIRED_FIELDS.includes(field);
                    const id = `map-${field.replace('.', '-')}`;
                    return (
                      <div className={`field${missing.includes(field) ? ' field--error' : ''}`} key={field}>
                        <label htmlFor={id}>
                          {i.fieldLabel(field)}
                          {required ? ` (${i.required})` : ''}
                        </label>
                        <select id={id} name={`map.${field}`} defaultValue={stage.mapping[field] === undefined ? '' : String(stage.mapping[field])} aria-invalid={missing.includes(field) || undefined}>
                          <option value="">{i.notInFile}</option>
                          {stage.headers.map((header, index) => (
                            <option key={index} value={String(index)}>
                              {`${index + 1}. ${header || '—'}`}
                            </option>
                          ))}
                        </select>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            ))}
            <button type="submit" name="intent" value="preview" className="button button--secondary" disabled={busy}>
              {i.preview}
            </button>
          </section>
        </Form>
      ) : null}
    </>
  );
}
