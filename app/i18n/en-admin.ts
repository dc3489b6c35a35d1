import type { Catalog } from './fr';

export const enAdmin: Catalog['admin'] = {
  title: 'Back office',
  home: 'Dashboard',
  welcome: (name) => `Hello ${name}`,
  roles: { parent: 'Parent', agent: 'Agent', regisseur: 'Cashier', animateur: 'Activity leader', admin: 'Administrator' },
  menu: {
    home: 'Dashboard',
    news: 'News',
    documents: 'Documents',
    users: 'Users',
    audit: 'Audit log',
    outbox: 'Outbox',
    portalHome: 'View the public site',
  },
};
