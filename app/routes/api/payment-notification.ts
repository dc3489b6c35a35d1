/**
 * A payment provider's server-to-server notification (PayFiP's urlnotif, the demo bank's POST), GET or POST:
 * handed as received to the payment service, which trusts only what it can verify (a poll of the provider, a
 * signature). The Stripe webhook is an Express route (server/app.ts): it needs the raw body before any parsing.
 */
import type { Route } from './+types/payment-notification';

async function handle(request: Request, context: Route.LoaderArgs['context'], provider: string): Promise<Response> {
  const url = new URL(request.url);
  const rawBody = request.method === 'GET' || request.method === 'HEAD' ? '' : (await request.text()).slice(0, 64 * 1024);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const answer = await context.services.payments.notification(provider, { method: request.method, headers, query: url.searchParams, rawBody });
  return new Response(answer.body, { status: answer.status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  return handle(request, context, params.provider);
}

export async function action({ request, context, params }: Route.ActionArgs) {
  return handle(request, context, params.provider);
}
