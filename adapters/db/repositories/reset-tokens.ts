import type { Kysely } from 'kysely';
import type { ResetTokenRepository } from '../../../core/ports';
import type { Database } from '../schema';

export function resetTokenRepository(db: Kysely<Database>): ResetTokenRepository {
  return {
    async create(token) {
      await db
        .insertInto('password_reset_tokens')
        .values({ token_hash: token.tokenHash, user_id: token.userId, created_at: token.createdAt, expires_at: token.expiresAt, used_at: null })
        .execute();
    },
    async consume(tokenHash, now) {
      // The conditional update is the single-use guarantee: two concurrent uses cannot both match.
      const result = await db
        .updateTable('password_reset_tokens')
        .set({ used_at: now.toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const row = await db.selectFrom('password_reset_tokens').select('user_id').where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
      return row.user_id;
    },
    async isUsable(tokenHash, now) {
      const row = await db
        .selectFrom('password_reset_tokens')
        .select('token_hash')
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
