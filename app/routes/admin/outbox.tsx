import type { Route } from './+types/outbox';
import { readOutbox } from '../../../adapters/mail/mailer';
import { Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import { formatParisDateTime } from '../../web/format';
import { requirePermission } from '../../web/guards';
import { DataTable } from '../../components/data-table';

const LIMIT = 100;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.outbox');
  const { config } = context.services;
  if (config.smtpUrl) return { smtp: true, messages: [] };
  const messages = await readOutbox(config.outboxDir, LIMIT);
  return {
    smtp: false,
    messages: messages.map((m) => ({ id: m.id, date: m.date, to: m.to, subject: m.subject, text: m.text })),
  };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const o = t.admin.outbox;
  const { smtp, messages } = loaderData;
  return (
    <>
      <PageTitle title={o.title} />
      <h1>{o.title}</h1>
      {smtp ? (
        <Notice>{o.smtp}</Notice>
      ) : (
        <>
          <p>{o.intro}</p>
          <p>{o.warning}</p>
          {messages.length === 0 ? (
            <p>{o.empty}</p>
          ) : (
            <DataTable caption={o.caption} columns={[o.columns.date, o.columns.to, o.columns.subject, o.columns.text]}>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>
                    <time dateTime={m.date}>{formatParisDateTime(m.date)}</time>
                  </td>
                  <td>{m.to}</td>
                  <th scope="row">{m.subject}</th>
                  <td>
                    <details>
                      <summary>
                        {o.show}
                        <span className="visually-hidden">{`${t.admin.named(m.subject)}, ${m.to}, ${formatParisDateTime(m.date)}`}</span>
                      </summary>
                      <pre className="mail-text">{m.text}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </>
  );
}
