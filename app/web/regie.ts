/** Web helpers of the régie pages (issue 5): the family paid for, the month asked, the desk's upload limit. */
import type { AppLoadContext } from 'react-router';
import { parisToday } from '../../core/calendar';
import { isMonth, monthOf, type Month } from '../../core/invoicing/month';
import { idParam } from './back-office';

/** A pain.002 report of a few thousand rejects stays far below this. */
export const REJECT_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** The family as invoices name it (payer, file number); null when the id names no family. */
export async function regieFamily(context: AppLoadContext, rawId: string | undefined) {
  const familyId = idParam(rawId);
  if (!familyId) return null;
  const family = await context.services.invoicing.family(familyId);
  return family ? { id: family.id, name: family.name, fileNumber: family.fileNumber, payerName: family.payerName } : null;
}

/** ?mois=YYYY-MM, the current month (Paris) when absent, null when present but invalid. */
export function monthParam(value: string | null): Month | null {
  if (value === null || value === '') return monthOf(parisToday(new Date()));
  return isMonth(value) ? value : null;
}

export const notFoundPage = () => new Response('Not Found', { status: 404 });

/** 'YYYY-MM-DD' → 'DD/MM/YYYY' for French readers. */
export const shortDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
