import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServerBuild } from 'react-router';
import { migrateToLatest } from '../adapters/db/create-db';
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from './demo/seed-demo';
import { createApp } from './app';
import { buildIfNeeded } from './build-if-needed';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { createServices } from './services';
import { startJobs } from './jobs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const say = (message: string) => process.stdout.write(`${message}\n`);

  const { services, handle, close } = createServices(config, logger);
  const applied = await migrateToLatest(handle.db);
  if (applied.length) say(`Migrations appliquées : ${applied.join(', ')}`);

  const seeded = config.demo ? await seedDemoIfEmpty(services.store, services.hasher, services.clock.now()) : false;
  if (!config.demo && (await services.store.users.count()) === 0) {
    say('Aucun compte : créez le premier administrateur avec « npm run tartine -- create-admin --username … --email … ».');
  }

  let app;
  if (dev) {
    const vite = await import('vite');
    const server = await vite.createServer({ root, server: { middlewareMode: true }, appType: 'custom' });
    app = createApp({
      services,
      dev: true,
      extraMiddleware: server.middlewares,
      build: () => server.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>,
    });
  } else {
    buildIfNeeded(root, say);
    const build = (await import(pathToFileURL(path.join(root, 'build', 'server', 'index.js')).href)) as ServerBuild;
    app = createApp({ services, build, clientDir: path.join(root, 'build', 'client') });
  }

  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${port}` : `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    say(`Tartine est prêt : ${url} (base ${handle.dialect}${seeded ? ', commune de démonstration créée' : ''})`);
    if (config.demo) {
      say('Comptes de démonstration :');
      for (const account of DEMO_ACCOUNTS) say(`  ${account.role.padEnd(10)} ${account.username.padEnd(16)} ${account.password}`);
    }
  });

  const stopJobs = startJobs(services);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} reçu : arrêt après les requêtes en cours…`);
    // Keep-alive connections are closed as soon as their request in flight is answered; after 10 s, all of them.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    server.close(async () => {
      clearInterval(sweep);
      await stopJobs();
      await close();
      say('Arrêt terminé.');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
