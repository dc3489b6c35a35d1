import type { Route } from './+types/admin-family-document';
import { cleanUuid } from '../../../core/requests/outcome';
import { requirePermission } from '../../web/guards';
import { guardResource } from '../../web/resource-access';
import { attachment } from '../../web/attachment';

/** Staff reviewing démarches download a family's document (always as attachment). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  await guardResource(context, () => requirePermission(request, context, 'admin.requests'));
  const id = cleanUuid(params.documentId);
  const doc = id ? await context.services.store.familyDocuments.findAny(id) : null;
  if (!doc) throw new Response('Not Found', { status: 404 });
  const bytes = await context.services.files.read(doc.storageKey);
  return attachment(bytes, doc.fileName, doc.mediaType);
}
