import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../../core/ports';

export interface OutboxMessage extends MailMessage {
  id: string;
  from: string;
  date: string;
}

/** Real SMTP delivery (any server nodemailer accepts as a URL: smtp://, smtps://). */
export function smtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

/**
 * Without SMTP, mails are written as JSON files that staff read at /admin/outbox: the demo's password reset works
 * offline. Names start with the timestamp so a directory listing is chronological.
 */
export function fileOutboxMailer(dir: string, from: string): Mailer {
  return {
    async send(message) {
      await fs.mkdir(dir, { recursive: true });
      const date = new Date().toISOString();
      const entry: OutboxMessage = { id: `${date.replace(/[:.]/g, '-')}-${randomUUID()}`, from, date, ...message };
      const file = path.join(dir, `${entry.id}.json`);
      await fs.writeFile(`${file}.tmp`, JSON.stringify(entry, null, 2));
      await fs.rename(`${file}.tmp`, file);
    },
  };
}

export async function readOutbox(dir: string, limit = 100): Promise<OutboxMessage[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const latest = names.filter((n) => n.endsWith('.json')).sort().reverse().slice(0, limit);
  return Promise.all(latest.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), 'utf8')) as OutboxMessage));
}
