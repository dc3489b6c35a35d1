import { Form } from 'react-router';
import type { SepaMandate } from '../../../core/invoicing/ports';
import { maskIban } from '../../../core/invoicing/sepa-mandate';
import { TextField, type FieldErrors } from '../form';
import { useT } from '../../i18n';

/** The family's SEPA mandate: the active one (IBAN masked), revoke it, or record a newly signed one. */
export function MandatePanel({
  mandates,
  today,
  payerName,
  errors,
  values,
}: {
  mandates: SepaMandate[];
  today: string;
  payerName: string;
  errors: FieldErrors | undefined;
  values: Record<string, string | string[]> | undefined;
}) {
  const t = useT();
  const f = t.regie.family;
  const m = f.mandate;
  const active = mandates.find((x) => x.status === 'active') ?? null;
  const revokedCount = mandates.filter((x) => x.status === 'revoked').length;
  const value = (name: string, fallback = '') => (typeof values?.[name] === 'string' ? (values[name] as string) : fallback);
  return (
    <section className="regie-section" aria-labelledby="mandat">
      <h2 id="mandat">{f.mandateTitle}</h2>
      {active ? (
        <>
          <dl className="figures">
            <div>
              <dt>{m.holder}</dt>
              <dd>{active.holderName}</dd>
            </div>
            <div>
              <dt>{m.iban}</dt>
              <dd className="mono">{maskIban(active.iban)}</dd>
            </div>
            <div>
              <dt>{m.rum}</dt>
              <dd className="mono">{active.rum}</dd>
            </div>
            <div>
              <dt>{m.signedOn}</dt>
              <dd>{active.signedOn}</dd>
            </div>
          </dl>
          <Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="mandateId" value={active.id} />
            <button type="submit" className="button button--secondary">
              {f.revoke}
            </button>
          </Form>
        </>
      ) : (
        <p>{f.noMandate}</p>
      )}
      {revokedCount > 0 ? <p>{f.pastMandates(revokedCount)}</p> : null}
      <h3>{f.newMandateTitle}</h3>
      <p>{f.newMandateHint}</p>
      <Form method="post" className="regie-form" noValidate>
        <input type="hidden" name="intent" value="mandate" />
        <TextField
          name="holderName"
          label={f.mandateFields.holderName}
          error={errors?.holderName}
          defaultValue={value('holderName', payerName)}
          maxLength={70}
          required
        />
        <TextField
          name="iban"
          label={f.mandateFields.iban}
          hint={f.ibanHint}
          error={errors?.iban}
          defaultValue={value('iban')}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          name="bic"
          label={f.mandateFields.bic}
          error={errors?.bic}
          defaultValue={value('bic')}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          name="signedOn"
          type="date"
          label={f.mandateFields.signedOn}
          error={errors?.signedOn}
          defaultValue={value('signedOn', today)}
          max={today}
          required
        />
        <button type="submit" className="button">
          {f.saveMandate}
        </button>
      </Form>
    </section>
  );
}
