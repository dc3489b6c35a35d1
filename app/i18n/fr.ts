import { frAdmin } from './fr-admin';
import { frDossier } from './fr-dossier';
import { frBackoffice } from './fr-backoffice';
import { frPlanning } from './fr-planning';
import { frPayments } from './fr-payments';
import { frRegie } from './fr-regie';
import { frReferential } from './fr-referential';
import { frOffice } from './fr-office';
import { frBilling } from './fr-billing';
import { frInvoicingAdmin } from './fr-invoicing-admin';

/** The source catalog: every word of the interface. `en.ts` must have the same shape (checked by the compiler). */
export const fr = {
  lang: { code: 'fr', name: 'Français', switchTo: 'English', switchLabel: 'Changer de langue' },
  common: {
    portalName: 'Portail famille',
    skipToContent: 'Aller au contenu',
    mainMenu: 'Menu principal',
    logout: 'Se déconnecter',
    save: 'Enregistrer',
    cancel: 'Annuler',
    back: 'Retour',
    yes: 'Oui',
    no: 'Non',
    errorTitlePrefix: 'Erreur : ',
    errorSummaryTitle: 'Le formulaire contient des erreurs',
    required: 'Ce champ est obligatoire.',
    signedInAs: (name: string) => `Connecté : ${name}`,
    accessibility: (status: string) => `Accessibilité : ${status} conforme`,
    accessibilityStatus: { non: 'non', partiellement: 'partiellement', totalement: 'totalement' } as Record<string, string>,
    legalTerms: 'Conditions générales d’utilisation',
    home: 'Accueil',
    download: 'Télécharger',
    bytes: (size: number) =>
      size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1).replace('.', ',')} Mo` : `${Math.max(1, Math.round(size / 1024))} Ko`,
  },
  home: {
    title: 'Accueil',
    intro: 'Vous trouverez sur cette page toutes les actualités et informations que la mairie souhaite vous communiquer.',
    news: 'Actualités',
    noNews: 'Aucune actualité pour le moment.',
    documents: 'Documents',
    documentsIntro: 'Retrouvez ici les différents documents mis à disposition en téléchargement par votre commune.',
    noDocuments: 'Aucun document pour le moment.',
  },
  login: {
    title: 'Connectez-vous',
    username: 'Nom d’utilisateur',
    usernameHint: 'Votre identifiant ou votre adresse e-mail',
    password: 'Mot de passe',
    remember: 'Se rappeler de moi',
    forgot: 'Mot de passe oublié ?',
    submit: 'Se connecter',
    invalid: 'Identifiant ou mot de passe incorrect.',
    tooMany: (minutes: number) =>
      `Trop de tentatives de connexion. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou réinitialisez votre mot de passe avec « Mot de passe oublié ? ».`,
    signedOut: 'Vous êtes déconnecté.',
    passwordChanged: 'Votre mot de passe a été modifié. Vous pouvez vous connecter.',
  },
  forgot: {
    title: 'Mot de passe oublié',
    intro: 'Indiquez votre nom d’utilisateur ou votre adresse e-mail : si un compte correspond, vous recevrez un lien pour choisir un nouveau mot de passe. Ce lien est valable une heure.',
    identifier: 'Nom d’utilisateur ou adresse e-mail',
    submit: 'Recevoir le lien',
    sent: 'Si un compte correspond, un e-mail vient de vous être envoyé. Pensez à vérifier vos courriers indésirables.',
    tooMany: 'Trop de demandes. Réessayez dans quelques minutes.',
    mailSubject: 'Réinitialisation de votre mot de passe',
    mailText: (name: string, link: string, commune: string) =>
      `Bonjour ${name},\n\nUne demande de réinitialisation du mot de passe de votre compte du portail famille de ${commune} a été faite.\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, utilisable une seule fois) :\n${link}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.\n\nLe service enfance de ${commune}`,
  },
  reset: {
    title: 'Choisir un nouveau mot de passe',
    password: 'Nouveau mot de passe',
    confirm: 'Confirmez le mot de passe',
    hint: 'Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.',
    submit: 'Enregistrer le mot de passe',
    invalidToken: 'Ce lien n’est plus valable : il a déjà été utilisé ou a expiré. Demandez un nouveau lien.',
    newLink: 'Demander un nouveau lien',
    mismatch: 'Les deux mots de passe ne sont pas identiques.',
  },
  password: {
    too_short: 'Le mot de passe doit contenir au moins 12 caractères.',
    too_long: 'Le mot de passe ne peut pas dépasser 256 caractères.',
    too_weak: 'Ce mot de passe est trop facile à deviner. Choisissez une phrase de plusieurs mots peu courante.',
  },
  accessibility: {
    title: 'Accessibilité',
    statement: (commune: string, status: string) =>
      `La commune de ${commune} s’engage à rendre son portail famille accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Ce portail est ${status} conforme au référentiel général d’amélioration de l’accessibilité (RGAA) version 4.1.2.`,
    auditTitle: 'État de conformité',
    auditText: 'Les pages sont vérifiées automatiquement (axe-core) à chaque version ; un audit manuel complet reste à réaliser.',
    planTitle: 'Schéma pluriannuel et plan d’action',
    planText: 'Le schéma pluriannuel de mise en accessibilité et le plan d’action de l’année en cours sont disponibles sur demande auprès de la mairie.',
    contactTitle: 'Retour d’information et contact',
    contactText: (email: string) => `Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez-nous à ${email} : nous vous répondrons et vous proposerons une alternative.`,
    remedyTitle: 'Voies de recours',
    remedyText: 'Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : par le formulaire en ligne (defenseurdesdroits.fr), par un délégué de votre région, ou par courrier gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
  },
  portal: {
    menu: {
      home: 'Accueil',
      dossier: 'Dossier',
      inscriptions: 'Inscriptions',
      planning: 'Planning',
      facturation: 'Facturation',
    },
    sections: {
      dossier: 'Mon dossier',
      inscriptions: 'Inscription',
      planning: 'Planning',
      facturation: 'Facturation',
    },
    links: {
      dossierView: 'Consulter mon dossier et mes démarches',
      dossierEdit: 'Modifier mes coordonnées',
      dossierDocuments: 'Accéder à mes documents dématérialisés',
      inscriptionsView: 'Visualiser les activités de mes enfants',
      inscriptionsNew: 'Inscrire les enfants à de nouvelles activités',
      planningView: 'Visualiser le planning de mes enfants',
      planningBook: 'Effectuer de nouvelles réservations',
      invoicesPay: 'Payer mes factures',
      accountHistory: 'Consulter l’historique de mon compte',
      directDebits: 'Mes prélèvements',
    },
    welcome: (family: string) => `Bienvenue, famille ${family}`,
    children: 'Vos enfants',
    family: (name: string) => `Famille ${name}`,
  },
  admin: frAdmin,
  planning: frPlanning,
  backoffice: frBackoffice,
  referential: frReferential,
  payments: frPayments,
  regie: frRegie,
  dossier: frDossier,
  office: frOffice,
  billing: frBilling,
  invoicingAdmin: frInvoicingAdmin,
  errors: {
    notFoundTitle: 'Page introuvable',
    notFoundText: 'La page demandée n’existe pas ou n’est plus disponible.',
    forbiddenTitle: 'Accès refusé',
    forbiddenText: 'Votre compte ne permet pas d’accéder à cette page.',
    badRequestTitle: 'Requête refusée',
    badRequestText: 'Votre demande n’a pas pu être traitée. Revenez à la page précédente et réessayez.',
    serverTitle: 'Une erreur est survenue',
    serverText: 'Le service rencontre un problème. Réessayez dans quelques instants ; si le problème persiste, contactez la mairie.',
    reference: (id: string) => `Référence de l’incident : ${id}`,
    tooLarge: 'Le fichier est trop volumineux.',
  },
};

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends Record<string, unknown>
      ? { [K in keyof T]: Widen<T[K]> }
      : T;

export type Catalog = Widen<typeof fr>;
