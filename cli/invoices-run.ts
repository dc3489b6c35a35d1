/** `tartine invoices:run`: the month's dry run (totals, anomalies) or the issue of its invoices, with progress. */
import { ANOMALY_FR, RUN_ERRORS_FR } from '../core/invoicing/messages-fr';
import { parisToday } from '../core/calendar';
import { monthLabel, monthOf, type Month } from '../core/invoicing/month';
import { formatEuros } from '../core/pricing';
import type { AppServices } from '../server/services';

const out = (line: string) => process.stdout.write(`${line}\n`);
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

export async function invoicesRun(services: AppServices, options: { month?: string; dryRun: boolean; dueDate?: string }): Promise<number> {
  if (!options.month) {
    process.stderr.write('invoices:run demande --month AAAA-MM.\n');
    return 2;
  }
  const actor = { userId: null, label: 'cli', ip: null };
  if (options.dryRun) {
    const plan = await services.invoicing.plan(options.month);
    if (!plan.ok) {
      process.stderr.write(`${RUN_ERRORS_FR[plan.error]}\n`);
      return 1;
    }
    const report = plan.value;
    out(`Simulation de la facturation de ${monthLabel(report.month)} (rien n’est émis)`);
    out(`Familles concernées : ${report.families} ; factures à émettre : ${report.invoices} ; déjà facturées : ${report.alreadyInvoiced}`);
    out(plain(`Total : ${formatEuros(report.totalCents)}`));
    for (const row of report.totals)
      out(plain(`  ${row.siteName} – ${row.activityName} : ${row.quantity} unités, ${formatEuros(row.totalCents)}`));
    if (report.month === monthOf(parisToday(new Date()))) {
      out(
        'Attention : ce mois n’est pas terminé. Un mois ne se facture qu’une fois : les réservations ajoutées ou annulées après l’émission ne changeront plus ses factures.',
      );
    }
    out(`Anomalies : ${report.anomalyCount}`);
    for (const a of report.anomalies.slice(0, 50)) out(`  ${a.fileNumber} ${a.familyName} : ${ANOMALY_FR[a.kind]} (${a.detail})`);
    return 0;
  }
  let last = 0;
  const result = await services.invoicing.runToEnd({
    month: options.month,
    dueDate: options.dueDate,
    actor,
    onProgress: (p) => {
      const now = Date.now();
      if (now - last > 1000 || p.familiesDone === p.familiesTotal) {
        last = now;
        out(`  ${p.familiesDone} / ${p.familiesTotal} familles, ${p.invoicesIssued} factures émises`);
      }
    },
  });
  if (!result.ok) {
    process.stderr.write(`${RUN_ERRORS_FR[result.error]}\n`);
    return 1;
  }
  const run = result.value;
  out(`Facturation de ${monthLabel(run.month as Month)} terminée : ${run.invoicesIssued} factures émises (échéance ${run.dueDate}).`);
  return 0;
}
