/**
 * French e-mails of Mon dossier and Inscriptions, sent after the transaction that caused them commits (as the
 * booking domain's, core/booking/messages-fr.ts). Pages use the web catalog (app/i18n/fr-dossier.ts).
 */
import type { DocumentKind } from '../documents/kinds';
import type { RequestKind } from './model';

export interface MailText {
  subject: string;
  text: string;
}

const SIGNATURE = '\n\nCe message est envoyé automatiquement par le portail famille, merci de ne pas y répondre.';

export const DOCUMENT_KIND_FR: Record<DocumentKind, string> = {
  attestation_qf: 'Attestation de quotient familial (CAF ou MSA)',
  assurance: 'Attestation d’assurance (responsabilité civile, extrascolaire)',
  certificat_medical: 'Certificat médical',
  justificatif_domicile: 'Justificatif de domicile',
  pai: 'Projet d’accueil individualisé (PAI)',
  autre: 'Autre document',
};

/** « Votre demande … » */
const REQUEST_KIND_FR: Record<Exclude<RequestKind, 'enrolment'>, string> = {
  address: 'de changement d’adresse',
  qf: 'de mise à jour du quotient familial',
  child_health: 'de modification du régime, des allergies ou du PAI',
  authorised_persons: 'de modification des personnes autorisées à venir chercher les enfants',
  document_review: 'de vérification de document',
  erasure: 'd’effacement de vos données',
};

function withMessage(lines: string[], message: string | null, label: string): string[] {
  return message ? [...lines, '', `${label} :`, message] : lines;
}

/** A decision on a request other than an enrolment. */
export function requestDecisionMail(input: {
  kind: Exclude<RequestKind, 'enrolment'>;
  accepted: boolean;
  message: string | null;
  /** « Attestation d’assurance » for a document review. */
  detail?: string | null;
  dossierUrl: string;
}): MailText {
  const what = REQUEST_KIND_FR[input.kind] + (input.detail ? ` (${input.detail})` : '');
  const verdict = input.accepted ? 'acceptée' : 'refusée';
  const lines = ['Bonjour,', '', `Votre demande ${what} a été ${verdict} par le service enfance.`];
  if (input.accepted && input.kind === 'erasure') {
    lines.push(
      '',
      'Vos données personnelles ont été anonymisées et votre compte est fermé. Les réservations, factures et paiements ' +
        'sont conservés pendant la durée imposée par les règles de la comptabilité publique.',
    );
  } else if (input.accepted && input.kind !== 'document_review') {
    lines.push('', 'Votre dossier est à jour.');
  }
  const body = withMessage(lines, input.message, input.accepted ? 'Message du service enfance' : 'Motif');
  if (!(input.accepted && input.kind === 'erasure')) body.push('', `Votre dossier : ${input.dossierUrl}`);
  return { subject: `Votre demande ${REQUEST_KIND_FR[input.kind]} est ${verdict}`, text: body.join('\n') + SIGNATURE };
}

/** An enrolment accepted (by staff or at once), put on the waiting list, or refused. */
export function enrolmentDecisionMail(input: {
  childFirstName: string;
  activityName: string;
  outcome: 'accepted' | 'waiting' | 'refused';
  automatic?: boolean;
  waitingPosition?: number | null;
  message: string | null;
  inscriptionsUrl: string;
  planningUrl: string;
}): MailText {
  const who = `${input.childFirstName} – ${input.activityName}`;
  const lines = ['Bonjour,', ''];
  let subject: string;
  if (input.outcome === 'accepted') {
    subject = `Inscription acceptée : ${who}`;
    lines.push(
      `L’inscription de ${input.childFirstName} à « ${input.activityName} » est acceptée${input.automatic ? '' : ' par le service enfance'}.`,
      'Vous pouvez maintenant réserver ses jours dans le planning.',
    );
  } else if (input.outcome === 'waiting') {
    subject = `Inscription sur liste d’attente : ${who}`;
    lines.push(
      `La demande d’inscription de ${input.childFirstName} à « ${input.activityName} » est sur liste d’attente` +
        (input.waitingPosition ? ` (position ${input.waitingPosition}).` : '.'),
      'Vous recevrez un message dès qu’une place se libère.',
    );
  } else {
    subject = `Inscription refusée : ${who}`;
    lines.push(`La demande d’inscription de ${input.childFirstName} à « ${input.activityName} » n’a pas pu être acceptée.`);
  }
  const body = withMessage(lines, input.message, input.outcome === 'refused' ? 'Motif' : 'Message du service enfance');
  body.push('', `Les inscriptions de vos enfants : ${input.inscriptionsUrl}`);
  if (input.outcome === 'accepted') body.push(`Le planning : ${input.planningUrl}`);
  return { subject, text: body.join('\n') + SIGNATURE };
}

export function emailConfirmationMail(input: { link: string; commune: string; hours: number }): MailText {
  return {
    subject: 'Confirmez votre nouvelle adresse e-mail',
    text: [
      'Bonjour,',
      '',
      `Vous avez demandé à utiliser cette adresse pour votre compte du portail famille de ${input.commune}.`,
      `Pour la confirmer, ouvrez ce lien (valable ${input.hours} heures, utilisable une seule fois) puis cliquez sur « Confirmer » :`,
      input.link,
      '',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne change.',
    ].join('\n') + SIGNATURE,
  };
}

export function emailChangedMail(input: { newEmail: string; commune: string }): MailText {
  return {
    subject: 'Votre adresse e-mail a été modifiée',
    text: [
      'Bonjour,',
      '',
      `L’adresse e-mail de votre compte du portail famille de ${input.commune} est désormais ${input.newEmail}.`,
      'Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement le service enfance de la mairie.',
    ].join('\n') + SIGNATURE,
  };
}

export function passwordChangedMail(input: { commune: string; endedSessions: number }): MailText {
  return {
    subject: 'Votre mot de passe a été modifié',
    text: [
      'Bonjour,',
      '',
      `Le mot de passe de votre compte du portail famille de ${input.commune} vient d’être modifié.`,
      input.endedSessions > 0
        ? `Vos autres sessions ouvertes (${input.endedSessions}) ont été fermées.`
        : 'Aucune autre session n’était ouverte.',
      'Si vous n’êtes pas à l’origine de ce changement, utilisez « Mot de passe oublié ? » sur la page de connexion et contactez le service enfance.',
    ].join('\n') + SIGNATURE,
  };
}
