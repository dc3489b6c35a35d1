import { Link } from 'react-router';
import { REQUEST_KINDS, type RequestKind } from '../../core/requests/model';
import { useT } from '../i18n';

/** The admin home's summary of the démarches to handle, per kind, each a link to the filtered inbox. */
export function InboxCounts({ counts }: { counts: Record<RequestKind, number> }) {
  const t = useT();
  const o = t.office.inbox;
  const total = REQUEST_KINDS.reduce((sum, k) => sum + counts[k], 0);
  return (
    <section aria-labelledby="demarches-a-traiter" className="card">
      <h2 id="demarches-a-traiter">{o.homeTitle}</h2>
      <p>{o.pendingCount(total)}</p>
      <ul>
        {REQUEST_KINDS.filter((k) => counts[k] > 0).map((k) => (
          <li key={k}>
            <Link to={`/admin/demarches?type=${k}`}>{`${t.dossier.requestKinds[k]} : ${o.pendingCount(counts[k])}`}</Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/admin/demarches">{o.homeLink}</Link>
      </p>
    </section>
  );
}
