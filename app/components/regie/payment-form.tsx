import { Form } from 'react-router';
import { SelectField, TextField, type FieldErrors } from '../form';
import { useT } from '../../i18n';

const METHODS = ['especes', 'cheque', 'cesu', 'carte'] as const;

/** « Enregistrer un paiement » at the desk: a plain form (works without JavaScript), phone-sized. */
export function PaymentForm({
  today,
  payerName,
  invoices,
  errors,
  values,
}: {
  today: string;
  payerName: string;
  invoices: { id: string; reference: string; month: string; openCents: number }[];
  errors: FieldErrors | undefined;
  values: Record<string, string | string[]> | undefined;
}) {
  const t = useT();
  const f = t.regie.family;
  const money = t.planning.money;
  const value = (name: string, fallback = '') => (typeof values?.[name] === 'string' ? (values[name] as string) : fallback);
  const chosen = new Set(Array.isArray(values?.invoices) ? values.invoices : []);
  return (
    <section className="regie-section" aria-labelledby="paiement">
      <h2 id="paiement">{f.payTitle}</h2>
      <Form method="post" className="regie-form" noValidate>
        <input type="hidden" name="intent" value="pay" />
        <SelectField name="method" label={f.fields.method} error={errors?.method} defaultValue={value('method', 'cheque')}>
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {t.regie.methods[method]}
            </option>
          ))}
        </SelectField>
        <TextField
          name="amount"
          label={f.fields.amount}
          hint={f.fields.amountHint}
          error={errors?.amount}
          defaultValue={value('amount')}
          inputMode="decimal"
          autoComplete="off"
          required
        />
        <TextField
          name="receivedOn"
          type="date"
          label={f.fields.receivedOn}
          error={errors?.receivedOn}
          defaultValue={value('receivedOn', today)}
          max={today}
          required
        />
        <TextField
          name="reference"
          label={f.fields.reference}
          hint={f.fields.referenceHint}
          error={errors?.reference}
          defaultValue={value('reference')}
          maxLength={100}
          autoComplete="off"
        />
        <TextField
          name="payerName"
          label={f.fields.payerName}
          error={errors?.payerName}
          defaultValue={value('payerName', payerName)}
          maxLength={200}
          required
        />
        {invoices.length > 0 ? (
          <fieldset id="invoices" aria-describedby={errors?.invoices ? 'invoices-hint invoices-error' : 'invoices-hint'}>
            <legend>{f.fields.invoices}</legend>
            <p className="field__hint" id="invoices-hint">
              {f.fields.invoicesHint}
            </p>
            {errors?.invoices ? (
              <p className="field__error" id="invoices-error">
                {errors.invoices}
              </p>
            ) : null}
            {invoices.map((invoice) => (
              <div className="field field--checkbox" key={invoice.id}>
                <input
                  type="checkbox"
                  id={`invoice-${invoice.id}`}
                  name="invoice"
                  value={invoice.id}
                  defaultChecked={chosen.has(invoice.id)}
                />
                <label htmlFor={`invoice-${invoice.id}`}>
                  {f.fields.invoice(invoice.reference, invoice.month, money(invoice.openCents))}
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <button type="submit" className="button">
          {f.submit}
        </button>
      </Form>
    </section>
  );
}
