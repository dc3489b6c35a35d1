/**
 * Where a provider sends the parent's browser back (GET or POST, from the provider's site): nothing is decided here,
 * the browser is only sent on to the payment's result page (which needs the parent's session, not sent on a
 * cross-site POST).
 */
import { redirect } from 'react-router';
import type { Route } from './+types/payment-return';

async function handle(context: Route.LoaderArgs['context'], transactionId: string): Promise<Response> {
  const tx = /^[0-9a-f-]{36}$/.test(transactionId) ? await context.services.payments.transactionForReturn(transactionId) : null;
  if (!tx) throw new Response('Not Found', { status: 404 });
  return redirect(`/portail/paiement/${tx.id}`, 303);
}

export async function loader({ context, params }: Route.LoaderArgs) {
  return handle(context, params.transactionId);
}

export async function action({ context, params }: Route.ActionArgs) {
  return handle(context, params.transactionId);
}
