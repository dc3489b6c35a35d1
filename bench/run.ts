/**
 * `npm run bench -- <name> [options]`: runs one benchmark. Without a known name, lists them.
 *
 *   npm run bench -- booking-rush [--families 2500] [--concurrency 200] [--keep] …
 *   npm run bench -- invoicing [--families 74000] [--dialects sqlite,postgres] …
 */
const BENCHMARKS: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  'booking-rush': {
    summary:
      'Holiday-centre opening against the real server on SQLite: a generated commune of 2,500 families log in, open their planning, book next month for every child and confirm, all at once. Options: --families N, --concurrency N, --capacity N, --no-waiting-list, --timeout-ms N, --keep.',
    run: async (args) => (await import('./booking-rush')).main(args),
  },
  invoicing: {
    summary:
      'A Paris-size month (74,000 families, ≈ 2.2 million booking lines) invoiced by the real run on SQLite and PostgreSQL: dry run, issue, invoices per second, peak memory, PDF rendering. Options: --families N, --dialects sqlite,postgres, --pdf-sample N, --chunk N.',
    run: async (args) => (await import('./invoicing')).main(args),
  },
};

function list(): void {
  process.stdout.write('Benchmarks disponibles (npm run bench -- <nom> [options]) :\n');
  for (const [name, { summary }] of Object.entries(BENCHMARKS)) process.stdout.write(`  ${name.padEnd(14)} ${summary}\n`);
}

const [chosen, ...rest] = process.argv.slice(2);
const benchmark = chosen ? BENCHMARKS[chosen] : undefined;
if (!benchmark) {
  const help = !chosen || chosen === '--help' || chosen === '-h';
  if (!help) process.stderr.write(`Benchmark inconnu : ${chosen}\n\n`);
  list();
  process.exit(help ? 0 : 1);
}

benchmark
  .run(rest)
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });

export {};
