import type { AuditLog } from '../ports';

export interface NewsItem {
  id: string;
  title: string;
  bodyMarkdown: string;
  /** The date shown on the home page ('YYYY-MM-DD'). */
  newsDate: string;
  published: boolean;
  /** ISO UTC instant from which the home page shows it (when published); null: as soon as published. */
  publishAt: string | null;
  /** Place on the home page: 1 first; null: after the pinned items, newest date first. */
  homePosition: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewsInput {
  title: string;
  bodyMarkdown: string;
  newsDate: string;
  published: boolean;
  publishAt: string | null;
  homePosition: number | null;
}

export interface PublishedDocument {
  id: string;
  title: string;
  description: string;
  storageKey: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  published: boolean;
  createdAt: string;
}

export interface NewsRepository {
  /** What the home page shows at `now`: published and due, pinned first by position, then newest date first. */
  listPublished(limit: number, now: Date): Promise<NewsItem[]>;
  listAll(): Promise<NewsItem[]>;
  find(id: string): Promise<NewsItem | null>;
  create(input: NewsInput, createdBy: string | null, now: Date): Promise<NewsItem>;
  update(id: string, input: NewsInput, now: Date): Promise<boolean>;
  /** False when no such item. */
  setPublished(id: string, published: boolean, now: Date): Promise<boolean>;
}

export interface DocumentRepository {
  listPublished(): Promise<PublishedDocument[]>;
  listAll(): Promise<PublishedDocument[]>;
  find(id: string): Promise<PublishedDocument | null>;
  create(doc: Omit<PublishedDocument, 'id' | 'createdAt'>, createdBy: string | null, now: Date): Promise<PublishedDocument>;
  setPublished(id: string, published: boolean, now: Date): Promise<boolean>;
}

export interface Organisation {
  communeName: string;
  inseeCode: string;
  departement: string;
  holidayZone: string;
  regieName: string;
  contactEmail: string;
  accessibilityStatus: 'non' | 'partiellement' | 'totalement';
}

/** The content repositories, bound to one database connection or transaction. */
export interface ContentRepositories {
  news: NewsRepository;
  documents: DocumentRepository;
  audit: AuditLog;
}

export interface ContentStore extends ContentRepositories {
  transaction<T>(work: (repos: ContentRepositories) => Promise<T>): Promise<T>;
}
