import { useT } from '../i18n';
import { TextField } from './form';

/** « Nouveau mot de passe » and its confirmation, as the reset, activation and account pages ask for them. */
export function NewPasswordFields({ errors }: { errors?: { password?: string; confirm?: string } }) {
  const t = useT();
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={t.reset.password}
        hint={t.reset.hint}
        autoComplete="new-password"
        required
        minLength={12}
        maxLength={256}
        error={errors?.password}
      />
      <TextField name="confirm" type="password" label={t.reset.confirm} autoComplete="new-password" required error={errors?.confirm} />
    </>
  );
}
