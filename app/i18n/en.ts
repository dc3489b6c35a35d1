import { enAdmin } from './en-admin';
import { enDossier } from './en-dossier';
import { enBackoffice } from './en-backoffice';
import { enPlanning } from './en-planning';
import { enPayments } from './en-payments';
import { enRegie } from './en-regie';
import { enReferential } from './en-referential';
import { enOffice } from './en-office';
import { enBilling } from './en-billing';
import { enInvoicingAdmin } from './en-invoicing-admin';
import type { Catalog } from './fr';

export const en: Catalog = {
  lang: { code: 'en', name: 'English', switchTo: 'Français', switchLabel: 'Change language' },
  common: {
    portalName: 'Family portal',
    skipToContent: 'Skip to content',
    mainMenu: 'Main menu',
    logout: 'Sign out',
    save: 'Save',
    cancel: 'Cancel',
    back: 'Back',
    yes: 'Yes',
    no: 'No',
    errorTitlePrefix: 'Error: ',
    errorSummaryTitle: 'There is a problem with the form',
    required: 'This field is required.',
    signedInAs: (name) => `Signed in: ${name}`,
    accessibility: (status) => `Accessibility: ${status} compliant`,
    accessibilityStatus: { non: 'not', partiellement: 'partially', totalement: 'fully' },
    legalTerms: 'Terms of use',
    home: 'Home',
    download: 'Download',
    bytes: (size) => (size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1024))} KB`),
  },
  home: {
    title: 'Home',
    intro: 'On this page you will find the news and information the town hall wants to share with you.',
    news: 'News',
    noNews: 'No news yet.',
    documents: 'Documents',
    documentsIntro: 'Documents your town hall makes available for download.',
    noDocuments: 'No documents yet.',
  },
  login: {
    title: 'Sign in',
    username: 'Username',
    usernameHint: 'Your username or e-mail address',
    password: 'Password',
    remember: 'Remember me',
    forgot: 'Forgot your password?',
    submit: 'Sign in',
    invalid: 'Incorrect username or password.',
    tooMany: (minutes) =>
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes > 1 ? 's' : ''}, or reset your password with “Forgot your password?”.`,
    signedOut: 'You are signed out.',
    passwordChanged: 'Your password has been changed. You can sign in.',
  },
  forgot: {
    title: 'Forgotten password',
    intro: 'Enter your username or e-mail address: if an account matches, you will receive a link to choose a new password. The link is valid for one hour.',
    identifier: 'Username or e-mail address',
    submit: 'Send me the link',
    sent: 'If an account matches, an e-mail has just been sent. Check your spam folder too.',
    tooMany: 'Too many requests. Try again in a few minutes.',
    mailSubject: 'Reset your password',
    mailText: (name, link, commune) =>
      `Hello ${name},\n\nSomeone asked to reset the password of your ${commune} family portal account.\n\nTo choose a new password, open this link (valid for one hour, single use):\n${link}\n\nIf you did not ask for this, ignore this message: your password is unchanged.\n\nThe ${commune} children's services`,
  },
  reset: {
    title: 'Choose a new password',
    password: 'New password',
    confirm: 'Confirm the password',
    hint: 'At least 12 characters. A phrase of several words is easy to remember and hard to guess.',
    submit: 'Save the password',
    invalidToken: 'This link is no longer valid: it was already used or has expired. Ask for a new link.',
    newLink: 'Ask for a new link',
    mismatch: 'The two passwords are not the same.',
  },
  password: {
    too_short: 'The password must be at least 12 characters long.',
    too_long: 'The password cannot be longer than 256 characters.',
    too_weak: 'This password is too easy to guess. Choose an uncommon phrase of several words.',
  },
  accessibility: {
    title: 'Accessibility',
    statement: (commune, status) =>
      `The commune of ${commune} is committed to making its family portal accessible under article 47 of French law 2005-102 of 11 February 2005. This portal is ${status} compliant with the RGAA version 4.1.2.`,
    auditTitle: 'Compliance status',
    auditText: 'Pages are checked automatically (axe-core) in every release; a full manual audit is still to be done.',
    planTitle: 'Multi-year plan and action plan',
    planText: 'The multi-year accessibility plan and this year’s action plan are available from the town hall on request.',
    contactTitle: 'Feedback and contact',
    contactText: (email) => `If you cannot access some content or service, write to ${email}: we will answer and offer an alternative.`,
    remedyTitle: 'Remedies',
    remedyText: 'If you do not get a satisfactory answer, you can contact the Défenseur des droits: online form (defenseurdesdroits.fr), a regional delegate, or free post: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
  },
  portal: {
    menu: { home: 'Home', dossier: 'My file', inscriptions: 'Enrolments', planning: 'Planning', facturation: 'Billing' },
    sections: { dossier: 'My file', inscriptions: 'Enrolment', planning: 'Planning', facturation: 'Billing' },
    links: {
      dossierView: 'View my file and my requests',
      dossierEdit: 'Update my contact details',
      dossierDocuments: 'My online documents',
      inscriptionsView: 'My children’s activities',
      inscriptionsNew: 'Enrol my children in new activities',
      planningView: 'View my children’s planning',
      planningBook: 'Make new bookings',
      invoicesPay: 'Pay my invoices',
      accountHistory: 'My account history',
      directDebits: 'My direct debits',
    },
    welcome: (family) => `Welcome, ${family} family`,
    children: 'Your children',
    family: (name) => `${name} family`,
  },
  admin: enAdmin,
  planning: enPlanning,
  backoffice: enBackoffice,
  referential: enReferential,
  payments: enPayments,
  regie: enRegie,
  dossier: enDossier,
  office: enOffice,
  billing: enBilling,
  invoicingAdmin: enInvoicingAdmin,
  errors: {
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you asked for does not exist or is no longer available.',
    forbiddenTitle: 'Access denied',
    forbiddenText: 'Your account cannot access this page.',
    badRequestTitle: 'Request refused',
    badRequestText: 'Your request could not be processed. Go back and try again.',
    serverTitle: 'Something went wrong',
    serverText: 'The service has a problem. Try again in a moment; if it persists, contact the town hall.',
    reference: (id) => `Incident reference: ${id}`,
    tooLarge: 'The file is too large.',
  },
};
