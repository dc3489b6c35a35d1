import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { NewsItem, NewsRepository } from '../../../core/content/types';
import type { Database, NewsTable } from '../schema';

function toNews(row: Selectable<NewsTable>): NewsItem {
  return {
    id: row.id,
    title: row.title,
    bodyMarkdown: row.body_markdown,
    newsDate: row.news_date,
    published: row.published === 1,
    publishAt: row.publish_at,
    homePosition: row.home_position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function newsRepository(db: Kysely<Database>): NewsRepository {
  return {
    async listPublished(limit, now) {
      const rows = await db
        .selectFrom('news')
        .selectAll()
        .where('published', '=', 1)
        // ISO-8601 UTC text of one fixed format sorts as the instants do.
        .where((eb) => eb.or([eb('publish_at', 'is', null), eb('publish_at', '<=', now.toISOString())]))
        // Pinned first (SQLite and PostgreSQL disagree on where NULLs sort, hence the explicit flag).
        .orderBy(sql`case when home_position is null then 1 else 0 end`)
        .orderBy('home_position', 'asc')
        .orderBy('news_date', 'desc')
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toNews);
    },
    async listAll() {
      const rows = await db.selectFrom('news').selectAll().orderBy('news_date', 'desc').orderBy('created_at', 'desc').execute();
      return rows.map(toNews);
    },
    async find(id) {
      const row = await db.selectFrom('news').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toNews(row) : null;
    },
    async create(input, createdBy, now) {
      const row = {
        id: randomUUID(),
        title: input.title,
        body_markdown: input.bodyMarkdown,
        news_date: input.newsDate,
        published: input.published ? 1 : 0,
        publish_at: input.publishAt,
        home_position: input.homePosition,
        created_by: createdBy,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await db.insertInto('news').values(row).execute();
      return toNews(row);
    },
    async update(id, input, now) {
      const result = await db
        .updateTable('news')
        .set({
          title: input.title,
          body_markdown: input.bodyMarkdown,
          news_date: input.newsDate,
          published: input.published ? 1 : 0,
          publish_at: input.publishAt,
          home_position: input.homePosition,
          updated_at: now.toISOString(),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setPublished(id, published, now) {
      const result = await db
        .updateTable('news')
        .set({ published: published ? 1 : 0, updated_at: now.toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
