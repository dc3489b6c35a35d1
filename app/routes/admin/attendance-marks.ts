/**
 * The attendance sync endpoint of the tablets' queue: POST { marks: [{ key, childId, activityId, day, status,
 * markedAt }] } → { results: [{ key, outcome, reason?, status? }] }. Each key is applied once (a queue sent again
 * answers « duplicate »). GET answers a short page saying what the address is for.
 */
import type { Route } from './+types/attendance-marks';
import type { IncomingMark } from '../../../core/backoffice/attendance';
import { requireResourcePermission, viewerOf } from '../../web/back-office';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });

/** A short page for a person who opens the address (the tablets only post to it). */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireResourcePermission(request, context, 'admin.attendance');
  return new Response(
    `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Synchronisation du pointage – Portail famille</title></head><body><main><h1>Synchronisation du pointage</h1><p>Cette adresse reçoit les pointages faits hors connexion. Heure du serveur : ${context.services.clock.now().toISOString()}.</p><p><a href="/admin/pointage">Pointage</a></p></main></body></html>`,
    { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireResourcePermission(request, context, 'admin.attendance');
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) return json({ error: 'json_expected' }, 415);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: 'invalid_json' }, 400);
  }
  const marks = (body as { marks?: unknown } | null)?.marks;
  if (!Array.isArray(marks)) return json({ error: 'marks_expected' }, 400);
  const results = await context.services.backOffice.applyMarks({ marks: marks.filter((m): m is IncomingMark => typeof m === 'object' && m !== null), viewer: viewerOf(session, context) });
  return json({ results });
}
