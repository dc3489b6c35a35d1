import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOutboxMailer, readOutbox, smtpMailer } from '../../adapters/mail/mailer';
import { fr } from '../../app/i18n/fr';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp';

describe('mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it('delivers the French reset mail over real SMTP, link intact', async () => {
    const mailer = smtpMailer(smtp.url, 'Portail famille <portail@saint-exemple.fr>');
    const link = 'https://portail.saint-exemple.fr/reinitialiser-mot-de-passe?token=Ab-_9xYz0123456789abcdefghijklmnopqrstuvwxyz==';
    await mailer.send({ to: 'famille.martin@example.fr', subject: fr.forgot.mailSubject, text: fr.forgot.mailText('Famille Martin', link, 'Saint-Exemple') });
    mailer.close();
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('famille.martin@example.fr'));
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe');
    expect(mail.envelope.from).toBe('portail@saint-exemple.fr');
    expect(mail.urls).toContain(link);
    expect(mail.text).toContain('portail famille de Saint-Exemple');
  });

  it('writes mails to the file outbox, newest first', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-outbox-'));
    const mailer = fileOutboxMailer(dir, 'portail@saint-exemple.fr');
    await mailer.send({ to: 'a@example.fr', subject: 'Premier', text: 'un' });
    await new Promise((r) => setTimeout(r, 5));
    await mailer.send({ to: 'b@example.fr', subject: 'Deuxième', text: 'deux' });
    const mails = await readOutbox(dir);
    expect(mails.map((m) => m.subject)).toEqual(['Deuxième', 'Premier']);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
