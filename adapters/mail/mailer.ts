import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../../core/ports';

export interface OutboxMessage extends Omit<MailMessage, 'attachments'> {
  id: string;
  from: string;
  date: string;
  /** Attachments are written next to the message, named `<id>-<n>-<filename>`. */
  attachments?: { filename: string; contentType: string; size: number; file: string }[];
}

/** Real SMTP delivery (any server nodemailer accepts as a URL: smtp://, smtps://). */
export function smtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      });
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
      const id = `${date.replace(/[:.]/g, '-')}-${randomUUID()}`;
      const { attachments, ...rest } = message;
      const entry: OutboxMessage = { id, from, date, ...rest };
      if (attachments && attachments.length > 0) {
        entry.attachments = [];
        for (const [index, attachment] of attachments.entries()) {
          const name = `${id}-${index + 1}-${attachment.filename.replace(/[^\w.-]/g, '_')}`;
          await fs.writeFile(path.join(dir, name), attachment.content);
          entry.attachments.push({
            filename: attachment.filename,
            contentType: attachment.contentType,
            size: attachment.content.byteLength,
            file: name,
          });
        }
      }
      const file = path.join(dir, `${entry.id}.json`);
      await fs.writeFile(`${file}.tmp`, JSON.stringify(entry, null, 2));
      await fs.rename(`${file}.tmp`, file);
    },
  };
}

export async function readOutbox(dir: string, limit = 100): Promise<OutboxMessage[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const latest = names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(latest.map(async (n) => JSON.parse(await fs.readFile(path.join(dir, n), 'utf8')) as OutboxMessage));
}
