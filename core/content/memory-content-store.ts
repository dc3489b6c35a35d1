import type { AuditEvent, AuditLog, AuditRecord } from '../ports';
import type { ContentRepositories, ContentStore, NewsItem, PublishedDocument } from './types';

/**
 * An in-memory ContentStore for unit tests of the content use cases (the real one is tested on both databases in
 * tests/integration/content.test.ts). A transaction restores its snapshot when the work throws, like a rollback.
 */
export function memoryContentStore(): ContentStore & { newsRows: NewsItem[]; documentRows: PublishedDocument[]; events: AuditEvent[] } {
  const state = { newsRows: [] as NewsItem[], documentRows: [] as PublishedDocument[], events: [] as AuditEvent[] };
  let next = 1;
  const audit: AuditLog = {
    async record(event) {
      state.events.push(event);
    },
    async list() {
      return [] as AuditRecord[];
    },
  };
  const repos: ContentRepositories = {
    audit,
    news: {
      async listPublished(limit) {
        return state.newsRows.filter((n) => n.published).slice(0, limit);
      },
      async listAll() {
        return [...state.newsRows];
      },
      async find(id) {
        return state.newsRows.find((n) => n.id === id) ?? null;
      },
      async create(input, _by, now) {
        const item = { id: `n-${next++}`, ...input, createdAt: now.toISOString(), updatedAt: now.toISOString() };
        state.newsRows.push(item);
        return item;
      },
      async update(id, input, now) {
        const i = state.newsRows.findIndex((n) => n.id === id);
        if (i < 0) return false;
        state.newsRows[i] = { ...state.newsRows[i], ...input, updatedAt: now.toISOString() };
        return true;
      },
      async setPublished(id, published) {
        const item = state.newsRows.find((n) => n.id === id);
        if (item) item.published = published;
        return Boolean(item);
      },
    },
    documents: {
      async listPublished() {
        return state.documentRows.filter((d) => d.published);
      },
      async listAll() {
        return [...state.documentRows];
      },
      async find(id) {
        return state.documentRows.find((d) => d.id === id) ?? null;
      },
      async create(doc, _by, now) {
        const row = { id: `d-${next++}`, ...doc, createdAt: now.toISOString() };
        state.documentRows.push(row);
        return row;
      },
      async setPublished(id, published) {
        const doc = state.documentRows.find((d) => d.id === id);
        if (doc) doc.published = published;
        return Boolean(doc);
      },
    },
  };
  return Object.assign(state, repos, {
    async transaction<T>(work: (r: ContentRepositories) => Promise<T>): Promise<T> {
      const snapshot = structuredClone({ newsRows: state.newsRows, documentRows: state.documentRows, events: state.events });
      try {
        return await work(repos);
      } catch (error) {
        state.newsRows.splice(0, Infinity, ...snapshot.newsRows);
        state.documentRows.splice(0, Infinity, ...snapshot.documentRows);
        state.events.splice(0, Infinity, ...snapshot.events);
        throw error;
      }
    },
  });
}
