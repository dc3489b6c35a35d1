import type { ActivityOffer } from '../../../core/enrolments/model';
import { useT } from '../../i18n';

/** An activity's rules in plain words: days, booking and cancelling deadlines, billing, place, how enrolment works. */
export function ActivityRules({ offer, showMode = false }: { offer: ActivityOffer; showMode?: boolean }) {
  const t = useT();
  const r = t.dossier.rules;
  const { activity } = offer;
  return (
    <ul className="rules">
      <li>{r.daysAndPeriod(r.days(activity.weekdays), r.period[activity.period] ?? activity.period)}</li>
      <li>{r.book(r.deadline(activity.deadlines.add))}</li>
      <li>{r.cancel(r.deadline(activity.deadlines.cancel))}</li>
      <li>{r.billing[activity.billingMode]}</li>
      <li>{r.site(activity.siteName)}</li>
      {showMode ? <li>{offer.enrolmentMode === 'automatic' ? r.automatic : r.manual}</li> : null}
      {showMode && offer.requiredDocuments.length > 0 ? (
        <li>{r.required(offer.requiredDocuments.map((k) => t.dossier.documentKinds[k] ?? k).join(', '))}</li>
      ) : null}
    </ul>
  );
}

export function OfferPrice({ offer }: { offer: ActivityOffer }) {
  const t = useT();
  if (!offer.price) return <>{t.dossier.rules.noPrice}</>;
  return (
    <>
      <strong>{t.dossier.rules.unitPrice(t.dossier.euros(offer.price.cents))}</strong>
      <span className="muted block">{offer.price.label}</span>
    </>
  );
}
