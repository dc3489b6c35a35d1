import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, dialects } from '../harness/databases';
import { startSmtpServer, type TestSmtpServer } from '../harness/smtp';

const organisation = {
  id: 'org-1',
  commune_name: 'Saint-Étienne-de-Tinée',
  insee_code: '06120',
  departement: '06',
  holiday_zone: 'B',
  regie_name: 'Régie périscolaire',
  contact_email: 'mairie@example.org',
  accessibility_status: 'non conforme',
  created_at: '2025-09-01T08:00:00.000Z',
  updated_at: '2025-09-01T08:00:00.000Z',
};

describe('harness', () => {
  it('runs on PostgreSQL in CI (never silently SQLite only)', () => {
    if (process.env.CI === 'true') expect(dialects).toContain('postgres');
    expect(dialects).toContain('sqlite');
  });
});

describeEachDialect('harness databases', (getHandle, dialect) => {
  it('opens a migrated database of the right dialect', async () => {
    const { db, dialect: actual } = getHandle();
    expect(actual).toBe(dialect);
    await db.insertInto('organisation').values(organisation).execute();
    const rows = await db.selectFrom('organisation').selectAll().execute();
    // Columns added by later migrations keep their defaults.
    expect(rows).toEqual([{ ...organisation, address: '', sepa_creditor_id: null, sepa_iban: null, sepa_bic: null }]);
  });

  it('gives each test its own database (the previous test left no row)', async () => {
    const { db } = getHandle();
    const { count } = await db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(0);
  });
});

describe('harness SMTP server', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  it('receives a nodemailer message and decodes subject, recipient and body exactly', async () => {
    const subject = 'Réinitialisation de votre mot de passe';
    const link =
      'http://127.0.0.1:3000/mot-de-passe/nouveau?jeton=aGVsbG8gd29ybGQ=&suite=%2Fportail%2Fr%C3%A9capitulatif&x==y==';
    const text = [
      'Bonjour Hélène,',
      '',
      'Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure) :',
      link,
      '',
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message. Ça ne change rien à votre accès — « merci ».",
      'Une ligne très longue pour forcer le repli quoted-printable : ' + 'éàçù '.repeat(30),
    ].join('\n');

    const transport = nodemailer.createTransport(smtp.url);
    await transport.sendMail({
      from: 'Portail famille <portail-famille@localhost>',
      to: 'Hélène Dupré <helene@example.org>',
      subject,
      text,
      textEncoding: 'quoted-printable',
    });
    transport.close();

    const mail = await smtp.waitFor((m) => m.envelope.to.includes('helene@example.org'));
    expect(mail.subject).toBe(subject);
    expect(mail.to).toBe('Hélène Dupré <helene@example.org>');
    expect(mail.envelope.from).toBe('portail-famille@localhost');
    expect(mail.text.replace(/\n$/, '')).toBe(text);
    expect(mail.urls).toEqual([link]);
    // It really was encoded on the wire: encoded-word subject, quoted-printable body with soft line breaks.
    expect(mail.raw).not.toContain(subject);
    expect(mail.raw).toMatch(/^Content-Transfer-Encoding: quoted-printable$/im);
    expect(mail.raw).toContain('=3D');
  });

  it('decodes HTML alternatives and base64 bodies', async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await transport.sendMail({
      from: 'portail-famille@localhost',
      to: 'parent@example.org',
      subject: 'Facture n° 2025-0042 — été',
      text: 'Votre facture de 42,50 € est disponible.',
      html: '<p>Votre facture de <strong>42,50 €</strong> est disponible.</p>',
      textEncoding: 'base64',
    });
    transport.close();

    const mail = await smtp.waitFor((m) => m.subject.startsWith('Facture'));
    expect(mail.subject).toBe('Facture n° 2025-0042 — été');
    expect(mail.text).toBe('Votre facture de 42,50 € est disponible.');
    expect(mail.html).toBe('<p>Votre facture de <strong>42,50 €</strong> est disponible.</p>');
    expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/im);
    expect(mail.raw).toMatch(/^Content-Transfer-Encoding: base64$/im);
  });

  it('reports what it received when the expected mail does not arrive', async () => {
    await expect(smtp.waitFor((m) => m.subject === 'jamais', 50)).rejects.toThrow(/No matching e-mail/);
  });
});
