import path from 'node:path';
import { z } from 'zod';
import { parsePaymentConfig, type PaymentConfig } from './config-payments';

/** Every environment variable Tartine reads, checked once at start (the README's configuration table mirrors this). */
const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  TARTINE_DATA_DIR: z.string().min(1).default('./data'),
  TARTINE_PUBLIC_URL: z.string().url().optional(),
  TARTINE_DEMO: z.enum(['0', '1']).default('1'),
  TARTINE_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  TARTINE_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
  TARTINE_FAMILY_QUOTA_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Portail famille <portail-famille@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type DatabaseConfig =
  | { dialect: 'sqlite'; filename: string }
  | { dialect: 'postgres'; connectionString: string };

export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  database: DatabaseConfig;
  dataDir: string;
  uploadsDir: string;
  outboxDir: string;
  demo: boolean;
  trustProxy: boolean;
  uploadMaxBytes: number;
  /** Total size of the documents one family may store (Mon dossier). */
  familyQuotaBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  /** Online payment: PAYMENT_PROVIDER and the provider's settings (server/config-payments.ts). */
  payment: PaymentConfig;
}

export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { dialect: 'sqlite', filename: path.resolve(dataDir, 'tartine.sqlite') };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', connectionString: url };
  const filename = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { dialect: 'sqlite', filename: filename === ':memory:' ? filename : path.resolve(filename) };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`SMTP_URL=`) means unset, as shells and .env files commonly write it.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  const payment = parsePaymentConfig(present);
  if (!parsed.success || !payment.ok) {
    const lines = parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    if (!payment.ok) lines.push(...payment.issues);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.TARTINE_DATA_DIR);
  const publicUrl = (env.TARTINE_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    dataDir,
    uploadsDir: path.join(dataDir, 'uploads'),
    outboxDir: path.join(dataDir, 'outbox'),
    demo: env.TARTINE_DEMO === '1',
    trustProxy: env.TARTINE_TRUST_PROXY === '1',
    uploadMaxBytes: env.TARTINE_UPLOAD_MAX_BYTES,
    familyQuotaBytes: env.TARTINE_FAMILY_QUOTA_BYTES,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    logLevel: env.LOG_LEVEL,
    payment: payment.config,
  };
}
