/**
 * French texts of the SEPA direct-debit rules (mandate form, creditor settings, batch checks). Pages show them as
 * they are, next to the field concerned.
 */
export const SEPA_MESSAGES_FR = {
  holderRequired: 'Saisissez le nom du titulaire du compte.',
  holderTooLong: 'Le nom du titulaire ne doit pas dépasser 70 caractères.',
  ibanRequired: 'Saisissez l’IBAN.',
  ibanCountry: 'L’IBAN est invalide (il doit commencer par le code du pays, par exemple FR76).',
  ibanNotSepa: 'Ce compte n’est pas dans la zone SEPA : le prélèvement est impossible.',
  ibanFormat: 'L’IBAN est invalide (longueur ou format incorrect pour ce pays).',
  ibanChecksum: 'L’IBAN est invalide (clé de contrôle incorrecte).',
  bicFormat: 'Le BIC est invalide (8 ou 11 caractères, par exemple BNPAFRPPXXX).',
  bicCountry: 'Le BIC ne correspond pas au pays de l’IBAN.',
  signedOnRequired: 'Saisissez la date de signature du mandat.',
  signedOnInvalid: 'La date de signature est invalide (format AAAA-MM-JJ).',
  signedOnFuture: 'La date de signature ne peut pas être dans le futur.',
  rumInvalid:
    "La référence unique de mandat (RUM) est invalide : 1 à 35 caractères parmi les lettres sans accent, chiffres, espace et / - ? : ( ) . , ' +, sans « / » au début ni « // ».",
  creditorNameRequired: 'Saisissez le nom du créancier.',
  creditorNameTooLong: 'Le nom du créancier ne doit pas dépasser 70 caractères.',
  creditorIdRequired: 'Saisissez l’identifiant créancier SEPA (ICS).',
  creditorIdFormat:
    'L’identifiant créancier SEPA (ICS) est invalide (format attendu : FR, 2 chiffres, ZZZ puis 6 caractères, par exemple FR72ZZZ123456).',
  creditorIdChecksum: 'L’identifiant créancier SEPA (ICS) est invalide (clé de contrôle incorrecte).',
} as const;
