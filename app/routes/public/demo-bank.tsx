/**
 * The built-in demo bank (PAYMENT_PROVIDER=demo): the page a real bank would show, with Payer / Refuser / Abandonner.
 * Like a real bank it knows nothing of the portal's session; its decision is stored, notified to the portal
 * server-to-server, then the browser goes back to the return URL (a full page navigation, as from another site).
 */
import { Form, redirect } from 'react-router';
import type { Route } from './+types/demo-bank';
import { PageShell } from '../../components/page-shell';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';

export async function loader({ params, context }: Route.LoaderArgs) {
  const bank = context.services.demoBank;
  const session = bank ? await bank.session(params.sessionId, context.services.clock.now()) : null;
  if (!session) throw new Response('Not Found', { status: 404 });
  const organisation = await context.services.store.organisation.get();
  return {
    commune: organisation?.communeName ?? '',
    session: {
      amountCents: session.amountCents,
      reference: session.reference,
      description: session.description,
      status: session.status,
      expired: session.expired,
      returnUrl: session.returnUrl,
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const bank = context.services.demoBank;
  if (!bank) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const decision = form.get('decision');
  if (decision !== 'pay' && decision !== 'refuse' && decision !== 'abandon') throw new Response('Bad Request', { status: 400 });
  const outcome = await bank.decide(params.sessionId, decision, context.services.clock.now());
  if (!outcome) throw new Response('Not Found', { status: 404 });
  return redirect(outcome.returnUrl, 303);
}

export default function DemoBank({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = t.payments.demoBank;
  const { session, commune } = loaderData;
  const open = session.status === 'open' && !session.expired;
  return (
    <PageShell>
      <PageTitle title={d.title} />
      <div className="demo-bank">
        <h1>{d.title}</h1>
        <p className="notice notice--warning">{d.warning}</p>
        <ul className="demo-bank__details">
          <li>{d.merchant(commune)}</li>
          <li>
            <strong>{d.amount(t.planning.money(session.amountCents))}</strong>
          </li>
          <li>{d.reference(session.reference)}</li>
          <li>{d.description(session.description)}</li>
        </ul>
        {open ? (
          <Form method="post" reloadDocument className="demo-bank__form">
            <p id="demo-bank-choice">{d.choose}</p>
            <div className="actions" role="group" aria-labelledby="demo-bank-choice">
              <button type="submit" name="decision" value="pay" className="button">
                {d.pay}
              </button>
              <button type="submit" name="decision" value="refuse" className="button button--danger">
                {d.refuse}
              </button>
              <button type="submit" name="decision" value="abandon" className="button button--secondary">
                {d.abandon}
              </button>
            </div>
          </Form>
        ) : (
          <div className="card">
            <p>{session.expired || session.status === 'expired' ? d.expired : d.decided}</p>
            <p>
              <a href={session.returnUrl}>{d.back}</a>
            </p>
          </div>
        )}
      </div>
    </PageShell>
  );
}
