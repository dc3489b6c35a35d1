import { parseArgs } from 'node:util';
import { issueResetToken } from '../core/accounts/password-reset';
import { createUser } from '../core/accounts/manage-users';
import { migrateToLatest } from '../adapters/db/create-db';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { createServices } from '../server/services';
import { seedDemoIfEmpty } from '../server/demo/seed-demo';
import { invoicesRun } from './invoices-run';

const USAGE = `Usage : npm run tartine -- <commande> [options]

Commandes :
  migrate                                   applique les migrations de la base
  seed-demo                                 crée la commune de démonstration si la base est vide
  create-admin --username U --email E [--name N]
                                            crée un administrateur et affiche son lien pour choisir le mot de passe
  reset-password --username U               affiche un lien de réinitialisation (valable 1 heure)
  invoices:run --month AAAA-MM [--dry-run] [--due-date AAAA-MM-JJ]
                                            facture le mois (une facture par famille) ; --dry-run montre sans émettre
`;

const CLI_ACTOR = { userId: null, label: 'cli', ip: null };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      month: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'due-date': { type: 'string' },
    },
    allowPositionals: false,
  });
  const config = loadConfig(process.env);
  const { services, handle, close } = createServices(config, createLogger('warn'));
  const resetLink = (token: string) => `${config.publicUrl}/reinitialiser-mot-de-passe?token=${encodeURIComponent(token)}`;
  try {
    await migrateToLatest(handle.db);
    switch (command) {
      case 'migrate':
        process.stdout.write(`Base à jour (${handle.dialect}).\n`);
        return 0;
      case 'seed-demo': {
        const seeded = await seedDemoIfEmpty(services.store, services.hasher, services.clock.now());
        process.stdout.write(seeded ? 'Commune de démonstration créée.\n' : 'La base contient déjà une commune : rien n’a été modifié.\n');
        return 0;
      }
      case 'create-admin': {
        if (!values.username || !values.email) {
          process.stderr.write('create-admin demande --username et --email.\n');
          return 2;
        }
        const result = await createUser(
          {
            username: values.username,
            email: values.email,
            displayName: values.name ?? values.username,
            role: 'admin',
            password: null,
            actor: CLI_ACTOR,
          },
          services,
        );
        if (!result.ok) {
          process.stderr.write(
            `Impossible de créer le compte : ${result.error === 'username_taken' ? 'ce nom d’utilisateur existe déjà' : result.error === 'email_taken' ? 'cette adresse e-mail est déjà utilisée' : result.error}.\n`,
          );
          return 1;
        }
        const token = await issueResetToken(result.user, { actorUserId: null, actorLabel: 'cli', ip: 'cli' }, services);
        process.stdout.write(
          `Administrateur « ${result.user.username} » créé.\nLien pour choisir son mot de passe (valable 1 heure) :\n${resetLink(token)}\n`,
        );
        return 0;
      }
      case 'reset-password': {
        const user = values.username ? await services.store.users.findByIdentifier(values.username) : null;
        if (!user) {
          process.stderr.write('Compte introuvable (--username).\n');
          return 1;
        }
        const token = await issueResetToken(user, { actorUserId: null, actorLabel: 'cli', ip: 'cli' }, services);
        process.stdout.write(`Lien de réinitialisation pour « ${user.username} » (valable 1 heure) :\n${resetLink(token)}\n`);
        return 0;
      }
      case 'invoices:run':
        return await invoicesRun(services, { month: values.month, dryRun: values['dry-run'] === true, dueDate: values['due-date'] });
      default:
        process.stderr.write(`Commande inconnue : ${command}\n\n${USAGE}`);
        return 2;
    }
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
