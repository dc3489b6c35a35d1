import { Link } from 'react-router';
import type { ImportRun } from '../../core/backoffice/family-import/runs';
import { useT } from '../i18n';

/**
 * A family CSV import run: while it works, « 120 / 200 lignes » with a <progress> and a meta refresh (no JavaScript
 * needed; React hoists the <meta> into <head>); then its result.
 */
export function ImportRunPanel({ run }: { run: ImportRun }) {
  const t = useT();
  const i = t.backoffice.import;
  const r = t.office.importRun;
  const self = `/admin/familles/import?suivi=${run.id}`;
  if (run.status === 'running') {
    return (
      <section aria-labelledby="progression" className="card">
        <meta httpEquiv="refresh" content="2" />
        <h2 id="progression">{r.progressTitle}</h2>
        <p>{r.fileLine(run.fileName)}</p>
        <p>
          <progress id="import-progress" max={run.linesTotal} value={run.linesDone} aria-label={r.progressLabel} />
        </p>
        <p role="status">
          {r.progress(run.linesDone, run.linesTotal)} – {run.linesDone === 0 ? r.checking : r.applying}
        </p>
        <p>
          {r.autoRefresh}{' '}
          <Link to={self} reloadDocument>
            {r.refresh}
          </Link>
        </p>
      </section>
    );
  }
  if (run.status === 'done' && run.result) {
    return (
      <section aria-labelledby="resultat" className="card">
        <h2 id="resultat">{i.resultTitle}</h2>
        <p>{r.fileLine(run.fileName)}</p>
        <div className="notice notice--success" role="status">
          <p>{i.imported(run.result)}</p>
          <p>{r.progress(run.linesDone, run.linesTotal)}</p>
        </div>
        <p>{i.nextSteps}</p>
        <p>
          <Link className="button" to="/admin/familles?sans-compte=1">
            {i.toFamilies}
          </Link>
        </p>
      </section>
    );
  }
  const refused = run.status === 'refused';
  return (
    <section aria-labelledby="resultat" className="card">
      <h2 id="resultat">{refused ? r.refusedTitle : r.failedTitle}</h2>
      <p>{r.fileLine(run.fileName)}</p>
      <div className="error-summary" role="alert">
        <p>{refused ? r.refused : r.failed}</p>
      </div>
    </section>
  );
}
