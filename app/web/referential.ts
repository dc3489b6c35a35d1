/** Web helpers of the referential pages: the form's text fields, French dates. */
export function textValues(form: FormData, max = 300): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string' && !(key in values)) values[key] = value.slice(0, max);
  return values;
}

/** '2026-12-09' → '09/12/2026'. */
export const frenchDate = (day: string) => day.split('-').reverse().join('/');
