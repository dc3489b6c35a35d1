import type { AuditLog } from '../ports';

export interface NewsItem {
  id: string;
  title: string;
  bodyMarkdown: string;
  /** The date shown on the home page ('YYYY-MM-DD'). */
  newsDate: string;
  published: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewsInput {
  title: string;
  bodyMarkdown: string;
  newsDate: string;
  published: boolean;
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
  listPublished(limit: number): Promise<NewsItem[]>;
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
