/** The certificate of a justified absence, for staff of that site; always as an attachment. */
import type { Route } from './+types/attendance-certificate';
import { download, idParam, notFound, requireResourcePermission, viewerOf } from '../../web/back-office';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requireResourcePermission(request, context, 'admin.attendance');
  const attendanceId = idParam(params.attendanceId);
  const certificate = attendanceId ? await context.services.backOffice.certificate({ attendanceId, viewer: viewerOf(session, context) }) : null;
  if (!certificate) return notFound();
  const bytes = await context.services.files.read(certificate.storageKey);
  return download(new Uint8Array(bytes), certificate.fileName, certificate.mediaType);
}
