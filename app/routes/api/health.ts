import { sql } from 'kysely';
import type { Route } from './+types/health';

/** For load balancers and monitoring: 200 when the database answers. */
export async function loader({ context }: Route.LoaderArgs) {
  try {
    await sql`select 1`.execute(context.services.store.db);
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return Response.json({ status: 'error' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
