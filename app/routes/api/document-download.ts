import type { Route } from './+types/document-download';
import { can } from '../../../core/accounts/permissions';

/** Published documents for everyone; unpublished ones only for staff who manage documents. Always as attachment. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const { store, files } = context.services;
  const doc = /^[0-9a-f-]{36}$/.test(params.documentId) ? await store.documents.find(params.documentId) : null;
  if (!doc) throw new Response('Not Found', { status: 404 });
  if (!doc.published) {
    const session = await context.session();
    if (!session || !can(session.user.role, 'admin.documents')) throw new Response('Not Found', { status: 404 });
  }
  const bytes = await files.read(doc.storageKey);
  const ascii = doc.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': doc.mediaType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
      'Cache-Control': doc.published ? 'public, max-age=300' : 'no-store',
    },
  });
}
