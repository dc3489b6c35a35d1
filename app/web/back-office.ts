/** Web helpers of the back office (issue 6): the viewer of a session, resource-route guards, downloads. */
import { redirect, type AppLoadContext } from 'react-router';
import type { CurrentSession } from '../../core/accounts/current-session';
import { can, type Permission } from '../../core/accounts/permissions';
import type { Viewer } from '../../core/backoffice/model';
import { isPlainDate, type PlainDate } from '../../core/calendar/plain-date';

export function viewerOf(session: CurrentSession, context: AppLoadContext): Viewer {
  return { userId: session.user.id, label: session.user.username, role: session.user.role, ip: context.ip };
}

/**
 * The guard of resource routes (downloads, the attendance sync endpoint): anonymous visitors go to the login page,
 * a signed-in user without the right gets a small « Accès refusé » page (resource routes have no error boundary).
 */
export async function requireResourcePermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<CurrentSession> {
  const session = await context.session();
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (!can(session.user.role, permission)) {
    throw new Response(
      '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Accès refusé – Portail famille</title></head><body><main><h1>Accès refusé</h1><p>Votre compte ne permet pas d’accéder à cette page.</p><p><a href="/">Accueil</a></p></main></body></html>',
      { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
    );
  }
  return session;
}

export const notFound = () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** A file download (never rendered inline), not cached. */
export function download(bytes: Uint8Array | string, fileName: string, mediaType: string): Response {
  const body = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(body as BodyInit, {
    headers: {
      'Content-Type': mediaType,
      'Content-Length': String(body.length),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'no-store',
    },
  });
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A 'YYYY-MM-DD' query value, the fallback when absent, null when present but not a real day. */
export function dayParam(value: string | null, fallback: PlainDate): PlainDate | null {
  if (value === null || value === '') return fallback;
  return isPlainDate(value) ? value : null;
}

/** Ids are opaque text: anything longer or stranger cannot be one. */
export function idParam(value: FormDataEntryValue | string | null | undefined): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,80}$/.test(value) ? value : null;
}

/** Every staff download of personal or financial data is an audit event (« Export téléchargé »). */
export async function auditDownload(
  context: AppLoadContext,
  session: CurrentSession,
  target: string,
  details: Record<string, unknown>,
  now: Date,
) {
  await context.services.store.audit.record(
    {
      actorUserId: session.user.id,
      actorLabel: session.user.username,
      action: 'export.downloaded',
      target: `export:${target}`,
      ip: context.ip,
      details,
    },
    now,
  );
}
