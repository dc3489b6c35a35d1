import type { CurrentSession } from '../../core/accounts/current-session';
import type { AppServices } from '../../server/services';
import type { Lang } from '../i18n';

export interface RequestContext {
  services: AppServices;
  nonce: string;
  requestId: string;
  ip: string;
  lang: Lang;
  sessionToken: string | null;
  /** Resolved once per request, on first use. */
  session(): Promise<CurrentSession | null>;
}

declare module 'react-router' {
  interface AppLoadContext extends RequestContext {}
}
