import { Link, NavLink } from 'react-router';
import { useT } from '../../i18n';

export const RECAP_PATH = '/portail/planning/recapitulatif';

/** The header's « Récapitulatif (N) » link, on every portal page (the tutorial shows it next to the planning). */
export function BasketLink({ count }: { count: number }) {
  const t = useT();
  return (
    <div className="basket-bar">
      <div className="basket-bar__inner">
        <NavLink to={RECAP_PATH} className="basket-bar__link">
          {t.planning.recapLink(count)}
        </NavLink>
      </div>
    </div>
  );
}

/**
 * While the basket holds lines, every portal page says so first (nothing is booked before « Terminer »): the
 * commonest way bookings got lost in earlier portals.
 */
export function BasketBanner({ count, prepaid }: { count: number; prepaid: boolean }) {
  const t = useT();
  const p = t.planning;
  if (count === 0) return null;
  return (
    <section className="basket-banner" aria-label={p.bannerLabel}>
      <p>
        <strong>{prepaid ? p.bannerPrepaid : p.banner}</strong>
      </p>
      <p>
        <Link to={RECAP_PATH}>{p.bannerLink(count)}</Link>
      </p>
    </section>
  );
}
