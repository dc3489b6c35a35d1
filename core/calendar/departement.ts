/** Département codes as INSEE writes them: '01'…'95' (Corse '2A', '2B'), overseas '971'…'988'. */

const VALID = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-8]|98[4-9])$/;

/** Canonical code ('1' → '01', '2a' → '2A'), or null when it is not a département code. */
export function normalizeDepartementCode(code: string): string | null {
  let value = code.trim().toUpperCase();
  if (/^\d$/.test(value)) value = `0${value}`;
  return VALID.test(value) ? value : null;
}

/** The département of a commune from its INSEE code ('75056' → '75', '97411' → '974', '2A004' → '2A'). */
export function departementFromInseeCode(inseeCode: string): string | null {
  const value = inseeCode.trim().toUpperCase();
  if (!/^(\d{5}|2[AB]\d{3})$/.test(value)) return null;
  return normalizeDepartementCode(value.startsWith('97') || value.startsWith('98') ? value.slice(0, 3) : value.slice(0, 2));
}
