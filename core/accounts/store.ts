import type { AuditLog, ResetTokenRepository, SessionRepository, UserRepository } from '../ports';

/** The account repositories, bound to one database connection or transaction. */
export interface AccountRepositories {
  users: UserRepository;
  sessions: SessionRepository;
  resetTokens: ResetTokenRepository;
  audit: AuditLog;
}

export interface AccountStore extends AccountRepositories {
  transaction<T>(work: (repos: AccountRepositories) => Promise<T>): Promise<T>;
}
