/**
 * « Mes données »: everything stored about the signed-in family, as JSON or as a readable HTML page (every value
 * escaped), always downloaded as an attachment. Another format is « not found ».
 */
import type { Route } from './+types/family-export';
import type { FamilyExportDocument } from '../../../core/families/export';
import { catalogFor, type Catalog } from '../../i18n';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requireFamily } from '../../web/guards';
import { guardResource } from '../../web/resource-access';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { session, familyId } = await guardResource(context, () => requireFamily(request, context));
  const format = params.format;
  if (format !== 'json' && format !== 'html') throw new Response('Not Found', { status: 404 });
  const commune = (await context.services.store.organisation.get())?.communeName ?? 'Tartine';
  const exported = await context.services.dossier.exportData({ familyId, commune, format, actor: actorOf(session, context) });
  if (!exported) throw new Response('Not Found', { status: 404 });
  const stamp = exported.generatedAt.slice(0, 10);
  const name = `mes-donnees-${exported.data.family.fileNumber.replace(/[^A-Za-z0-9-]/g, '')}-${stamp}.${format}`;
  const body = format === 'json' ? JSON.stringify(exported, null, 2) : renderHtml(exported, catalogFor(context.lang));
  return new Response(body, {
    headers: {
      'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}

const escape = (value: unknown): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function table(caption: string, rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return `<h2>${escape(caption)}</h2><p>—</p>`;
  const columns = Object.keys(rows[0]);
  const cell = (value: unknown) => escape(typeof value === 'object' && value !== null ? JSON.stringify(value) : value);
  return [
    `<h2>${escape(caption)}</h2><table><thead><tr>`,
    ...columns.map((c) => `<th scope="col">${escape(c)}</th>`),
    '</tr></thead><tbody>',
    ...rows.map((row) => `<tr>${columns.map((c) => `<td>${cell(row[c])}</td>`).join('')}</tr>`),
    '</tbody></table>',
  ].join('');
}

/** A standalone page (no script, inline style only): readable offline, printable. */
export function renderHtml(doc: FamilyExportDocument, t: Catalog): string {
  const { data } = doc;
  const d = t.dossier.dossier;
  const family = data.family;
  const title = t.dossier.data.htmlTitle(doc.commune);
  const facts: [string, unknown][] = [
    [d.fileNumber, family.fileNumber],
    [d.name, family.name],
    [d.address, `${family.address.addressLine}, ${family.address.postalCode} ${family.address.city}`],
    [d.resident, family.resident ? t.common.yes : t.common.no],
    [d.phone, family.phone],
    [d.email, family.email],
    [d.qfTitle, family.qf === null ? '—' : `${family.qf} (${family.qfValidUntil ?? ''})`],
  ];
  return [
    `<!DOCTYPE html><html lang="${t.lang.code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escape(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;line-height:1.5}table{border-collapse:collapse;width:100%;margin-bottom:1rem}th,td{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}</style>',
    `</head><body><main><h1>${escape(title)}</h1>`,
    `<p>${escape(t.dossier.data.generatedAt(formatParisDateTime(doc.generatedAt)))}</p><p>${escape(doc.notice)}</p>`,
    `<h2>${escape(d.family)}</h2><dl>${facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>`,
    table(d.guardians, data.guardians),
    table(d.children, data.children),
    table(d.persons, data.authorisedPersons),
    table(t.dossier.sections.account, data.accounts),
    table(t.dossier.inscriptions.title, data.enrolments),
    table(t.planning.title, data.bookings),
    table(d.requests, data.requests),
    table(t.dossier.documents.title, data.documents),
    table(t.admin.menu.audit, data.events ?? []),
    '</main></body></html>',
  ].join('\n');
}
