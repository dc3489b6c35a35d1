import type { Role } from './accounts/roles';

/** Interfaces the adapters implement. Core code depends on these, never on a driver. */

export interface Clock {
  now(): Date;
}

export interface UserRecord {
  id: string;
  username: string;
  email: string | null;
  displayName: string;
  passwordHash: string | null;
  role: Role;
  familyId: string | null;
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface NewUser {
  username: string;
  email: string | null;
  displayName: string;
  passwordHash: string | null;
  role: Role;
  familyId: string | null;
}

export interface UserRepository {
  findById(id: string): Promise<UserRecord | null>;
  /** By username or e-mail, case-insensitively. */
  findByIdentifier(identifier: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  create(user: NewUser, now: Date): Promise<UserRecord>;
  setPasswordHash(userId: string, hash: string, now: Date): Promise<void>;
  setActive(userId: string, active: boolean, now: Date): Promise<void>;
  setRole(userId: string, role: Role, now: Date): Promise<void>;
  recordLogin(userId: string, now: Date): Promise<void>;
  count(): Promise<number>;
}

export interface SessionRecord {
  idHash: string;
  userId: string;
  remember: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SessionRepository {
  create(session: SessionRecord & { ip: string | null; userAgent: string | null }): Promise<void>;
  find(idHash: string): Promise<SessionRecord | null>;
  touch(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForUser(userId: string, exceptIdHash?: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

export interface ResetTokenRepository {
  create(token: { tokenHash: string; userId: string; createdAt: string; expiresAt: string }): Promise<void>;
  /** Marks the token used if it is unused and unexpired; returns its user, or null. Atomic. */
  consume(tokenHash: string, now: Date): Promise<string | null>;
  /** Whether the token would be accepted now, without using it (to show the form). */
  isUsable(tokenHash: string, now: Date): Promise<boolean>;
}

export interface AuditEvent {
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEvent, 'details'>> {
  id: string;
  at: string;
  details: Record<string, unknown> | null;
}

export interface AuditLog {
  record(event: AuditEvent, now: Date): Promise<void>;
  list(options: { limit: number; offset: number }): Promise<AuditRecord[]>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Invoices as PDF. */
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  check(ip: string, account: string): Promise<ThrottleVerdict>;
  recordFailure(ip: string, account: string): Promise<void>;
  clearAccount(account: string): Promise<void>;
}
