/**
 * Name lists for the demo commune: first names given in France over the last decades (children born 2015–2023,
 * parents born 1975–1995) and common surnames, chosen to reflect the diversity of a French town.
 * "Martin" is reserved for the tutorial's family and left out of the generated surnames.
 */

export const GIRL_FIRST_NAMES = [
  'Emma', 'Jade', 'Louise', 'Alice', 'Ambre', 'Lina', 'Rose', 'Anna', 'Mia', 'Léa', 'Inès', 'Julia', 'Zoé', 'Lou',
  'Agathe', 'Manon', 'Camille', 'Romy', 'Léna', 'Maëlys', 'Aya', 'Nour', 'Yasmine', 'Salomé', 'Victoire', 'Iris',
  'Jeanne', 'Margaux', 'Sofia', 'Mariam', 'Fatoumata', 'Assia', 'Lucie', 'Eva', 'Clémence', 'Maya', 'Elif', 'Hanna',
] as const;

export const BOY_FIRST_NAMES = [
  'Gabriel', 'Raphaël', 'Léo', 'Louis', 'Maël', 'Noah', 'Jules', 'Arthur', 'Adam', 'Lucas', 'Hugo', 'Sacha', 'Gabin',
  'Nathan', 'Tom', 'Théo', 'Ethan', 'Malo', 'Paul', 'Aaron', 'Mohamed', 'Ibrahim', 'Rayan', 'Ayoub', 'Yanis', 'Moussa',
  'Nolan', 'Timéo', 'Eden', 'Liam', 'Marius', 'Samuel', 'Isaac', 'Enzo', 'Kylian', 'Naël', 'Amir', 'Mathis',
] as const;

export const WOMAN_FIRST_NAMES = [
  'Julie', 'Sophie', 'Aurélie', 'Émilie', 'Céline', 'Élodie', 'Sandrine', 'Stéphanie', 'Marie', 'Laura', 'Anaïs',
  'Mélanie', 'Caroline', 'Nadia', 'Samira', 'Fatima', 'Karima', 'Aïcha', 'Leïla', 'Amina', 'Sarah', 'Claire',
  'Virginie', 'Audrey', 'Charlotte', 'Hélène', 'Mariama', 'Linh', 'Ana', 'Sabrina',
] as const;

export const MAN_FIRST_NAMES = [
  'Thomas', 'Nicolas', 'Julien', 'Maxime', 'Sébastien', 'Romain', 'Alexandre', 'Jérôme', 'Guillaume', 'Antoine',
  'Pierre', 'Olivier', 'David', 'Kévin', 'Mehdi', 'Karim', 'Yacine', 'Hakim', 'Mamadou', 'Sofiane', 'Cédric',
  'Fabien', 'Mathieu', 'Vincent', 'Benoît', 'João', 'Minh', 'Florian', 'Damien', 'Rachid',
] as const;

export const SURNAMES = [
  'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefebvre', 'Michel', 'Garcia', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau',
  'Vincent', 'Muller', 'Faure', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Chevalier', 'Roux', 'Perrin', 'Morel',
  'Gauthier', 'Barbier', 'Nguyen', 'Benali', 'Haddad', 'Diallo', 'Traoré', 'Mendes', 'Da Silva', 'Pereira',
  'Rodriguez', 'Yilmaz', 'Cohen', 'Bouzid', 'Ferreira', 'Tran', 'Keita', 'Lopez', 'Meyer', 'Colin', 'Brun',
] as const;

/** Streets of the fictitious commune of Saint-Exemple. */
export const STREETS = [
  'rue Victor-Hugo', 'avenue Jean-Moulin', 'rue de la République', "place de l'Église", 'chemin des Vignes',
  'rue Pasteur', 'allée des Tilleuls', 'impasse des Lilas', 'rue du Stade', 'route de Lyon', 'rue des Écoles',
  'montée des Roses', 'rue Jules-Ferry', 'avenue des Canuts', 'rue Lucie-Aubrac', 'chemin du Moulin',
  'rue Simone-Veil', 'place du Marché', 'rue des Acacias', 'boulevard Gambetta',
] as const;

/** Neighbouring towns, for the families who live outside Saint-Exemple (non-residents). */
export const OTHER_TOWNS = [
  { city: 'Villeurbanne', postalCode: '69100' },
  { city: 'Bron', postalCode: '69500' },
  { city: 'Vénissieux', postalCode: '69200' },
  { city: 'Écully', postalCode: '69130' },
  { city: 'Tassin-la-Demi-Lune', postalCode: '69160' },
] as const;

export const ALLERGIES = [
  'Arachide', 'Fruits à coque', 'Lait de vache (protéines)', 'Œuf', 'Gluten', 'Kiwi', 'Poisson', 'Moutarde',
] as const;
