import type { Clock, LoginThrottle, Mailer, PasswordHasher } from '../core/ports';
import { createDb, type DatabaseHandle } from '../adapters/db/create-db';
import { createStore, type Store } from '../adapters/db/store';
import { fileStore, type FileStore, sniffMediaType } from '../adapters/files/file-store';
import { fileOutboxMailer, smtpMailer } from '../adapters/mail/mailer';
import { renderMarkdown } from '../adapters/markdown/render';
import { argon2Hasher } from '../adapters/security/password-hasher';
import { databaseLoginThrottle, databaseRateLimit, type RateLimit } from '../adapters/security/login-throttle';
import type { Config } from './config';
import type { Logger } from './logger';

/** Everything a route may use, built once per process and handed to routes through the load context. */
export interface AppServices {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: Store;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  limits: { resetRequests: RateLimit; uploads: RateLimit };
  mailer: Mailer;
  files: FileStore;
  sniffMediaType: (bytes: Uint8Array) => Promise<string | null>;
  renderMarkdown: (markdown: string) => string;
}

export const systemClock: Clock = { now: () => new Date() };

export function createServices(config: Config, logger: Logger, handle: DatabaseHandle = createDb(config.database)) {
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : fileOutboxMailer(config.outboxDir, config.mailFrom);
  const services: AppServices = {
    config,
    logger,
    clock: systemClock,
    store: createStore(handle.db),
    hasher: argon2Hasher(),
    throttle: databaseLoginThrottle(handle),
    limits: {
      resetRequests: databaseRateLimit(handle, 'reset_ip', 5, 15 * 60),
      uploads: databaseRateLimit(handle, 'upload_user', 30, 60 * 60),
    },
    mailer,
    files: fileStore(config.uploadsDir),
    sniffMediaType,
    renderMarkdown,
  };
  return {
    services,
    handle,
    async close() {
      if ('close' in mailer && typeof mailer.close === 'function') mailer.close();
      await handle.destroy();
    },
  };
}
