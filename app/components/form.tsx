import { useEffect, useRef } from 'react';
import { useT } from '../i18n';

export type FieldErrors = Record<string, string | undefined>;

/**
 * The RGAA error pattern: a summary that takes focus and links to each field, the same message next to the field,
 * and aria-invalid on it.
 */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors | undefined; labels: Record<string, string> }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]));
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  });
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t.common.errorSummaryTitle}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === 'form' ? message : <a href={`#${field}`}>{`${labels[field] ?? field} : ${message}`}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FrameProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** Label, hint and inline error around a control, with the ids the control must point to. */
function FieldFrame({ name, label, hint, error, children }: FrameProps & { children: (aria: ControlAria) => React.ReactNode }) {
  const described = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {children({ id: name, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': described })}
    </div>
  );
}

interface ControlAria {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export function TextField({ name, label, hint, error, ...input }: FrameProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(aria) => <input {...aria} {...input} />}
    </FieldFrame>
  );
}

export function TextAreaField({ name, label, hint, error, ...area }: FrameProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(aria) => <textarea {...aria} {...area} />}
    </FieldFrame>
  );
}

export function SelectField({ name, label, hint, error, children, ...select }: FrameProps & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'>) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      {(aria) => (
        <select {...aria} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

export function CheckboxField({ name, label, ...input }: Omit<React.InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type'> & { name: string; label: string }) {
  return (
    <div className="field field--checkbox">
      <input type="checkbox" id={name} name={name} {...input} />
      <label htmlFor={name}>{label}</label>
    </div>
  );
}

/** A polite status message (confirmation after an action). */
export function Notice({ children, tone = 'info' }: { children: React.ReactNode; tone?: 'info' | 'success' }) {
  return (
    <div className={`notice notice--${tone}`} role="status">
      {children}
    </div>
  );
}
