/** Back-office words (part of the French source catalog). */
export const frAdmin = {
  title: 'Administration',
  home: 'Tableau de bord',
  welcome: (name: string) => `Bonjour ${name}`,
  roles: { parent: 'Parent', agent: 'Agent', regisseur: 'Régisseur', animateur: 'Animateur', admin: 'Administrateur' } as Record<string, string>,
  menu: {
    home: 'Tableau de bord',
    news: 'Actualités',
    documents: 'Documents',
    users: 'Utilisateurs',
    audit: 'Journal d’audit',
    outbox: 'Boîte d’envoi',
    portalHome: 'Voir le site public',
  },
};
