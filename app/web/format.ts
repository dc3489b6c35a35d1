const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** '2026-11-27' → '27 novembre 2026' without Date or Intl, so server and browser print the same. */
export function formatLongDate(day: string, lang: string = 'fr'): string {
  const [y, m, d] = day.split('-').map(Number);
  const month = MONTHS[lang === 'en' ? 'en' : 'fr'][m - 1];
  return lang === 'fr' ? `${d === 1 ? '1er' : d} ${month} ${y}` : `${d} ${month} ${y}`;
}

/** An ISO instant shown in Paris time: '27/11/2026 10:05'. */
export function formatParisDateTime(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
