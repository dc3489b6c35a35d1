/** Mails and letters to families, in French (the commune's language, whatever the staff member's interface). */

export function activationMail(input: { commune: string; displayName: string; username: string; link: string; resent: boolean }): { subject: string; text: string } {
  return {
    subject: `Votre compte du portail famille de ${input.commune}`,
    text: [
      `Bonjour ${input.displayName},`,
      '',
      input.resent
        ? `Voici un nouveau lien pour activer votre compte du portail famille de ${input.commune} (le lien précédent ne fonctionne plus).`
        : `Le service enfance de ${input.commune} a créé votre compte du portail famille : vous pourrez y réserver la cantine et la garderie de vos enfants, suivre vos réservations et mettre à jour votre dossier.`,
      '',
      `Votre identifiant : ${input.username}`,
      '(vous pouvez aussi vous connecter avec cette adresse e-mail)',
      '',
      'Pour activer votre compte, choisissez votre mot de passe en ouvrant ce lien (valable 30 jours, utilisable une seule fois) :',
      input.link,
      '',
      'La mairie ne vous demandera jamais votre mot de passe.',
      '',
      `Le service enfance de ${input.commune}`,
    ].join('\n'),
  };
}
