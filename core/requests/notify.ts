/** E-mails after commit: a failure is reported, never thrown (the change is done and stays done). */
import type { DossierDeps } from '../families/ports';
import type { MailText } from './messages-fr';

export async function sendAll(recipients: readonly string[], mail: MailText, deps: Pick<DossierDeps, 'mailer' | 'onError'>, context: string): Promise<void> {
  for (const to of recipients) {
    try {
      await deps.mailer.send({ to, subject: mail.subject, text: mail.text });
    } catch (error) {
      deps.onError?.(error, context);
    }
  }
}

export const DOSSIER_PATHS = {
  dossier: '/portail/dossier',
  inscriptions: '/portail/inscriptions',
  planning: '/portail/planning',
  confirmEmail: '/portail/dossier/confirmer-email',
} as const;

export function linkTo(deps: Pick<DossierDeps, 'settings'>, path: string): string {
  return `${deps.settings.publicUrl}${path}`;
}
