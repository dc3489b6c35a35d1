/**
 * The SEPA character set (EPC Implementation Guidelines: Latin letters without accents, digits, space and
 * / - ? : ( ) . , ' +). French banks refuse anything else, so free text is converted and identifiers are checked.
 */
const SEPA_CHARS = /^[A-Za-z0-9/\-?:().,'+ ]*$/;
// Letters Unicode does not decompose into a base letter and an accent.
const SPECIAL_LETTERS: Record<string, string> = {
  Œ: 'OE',
  œ: 'oe',
  Æ: 'AE',
  æ: 'ae',
  ß: 'ss',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
};

/** An identifier (RUM, end-to-end id, message id): SEPA characters only, no leading « / », no « // ». */
export function isSepaIdentifier(value: string, maxLength: number): boolean {
  return value.length >= 1 && value.length <= maxLength && SEPA_CHARS.test(value) && !value.startsWith('/') && !value.includes('//');
}

/** Free text (names, remittance information): accents removed, other characters become spaces, spaces collapsed. */
export function toSepaText(value: string): string {
  return value
    .replace(/[ŒœÆæßØøŁłĐđ]/g, (letter) => SPECIAL_LETTERS[letter])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
