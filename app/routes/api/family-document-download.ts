import type { Route } from './+types/family-document-download';
import { cleanUuid } from '../../../core/requests/outcome';
import { requireFamily } from '../../web/guards';
import { guardResource } from '../../web/resource-access';
import { attachment } from '../../web/attachment';

/** A document the family uploaded, for that family only (another family's id is « not found »); always as attachment. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { familyId } = await guardResource(context, () => requireFamily(request, context));
  const id = cleanUuid(params.documentId);
  const doc = id ? await context.services.store.familyDocuments.find(familyId, id) : null;
  if (!doc) throw new Response('Not Found', { status: 404 });
  const bytes = await context.services.files.read(doc.storageKey);
  return attachment(bytes, doc.fileName, doc.mediaType);
}
