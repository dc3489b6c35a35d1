/** Conveniences that need JavaScript, shown only once the page is hydrated (without it, the page works as is). */
import { useEffect, useState } from 'react';

function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Ticks (or unticks, when all are ticked) every checkbox named `name` inside the form `formId`. */
export function SelectAllButton({ formId, name, label }: { formId: string; name: string; label: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  const toggle = () => {
    const boxes = [...document.querySelectorAll<HTMLInputElement>(`#${formId} input[type="checkbox"][name="${name}"]`)];
    const all = boxes.every((box) => box.checked);
    for (const box of boxes) box.checked = !all;
  };
  return (
    <button type="button" className="button button--secondary" onClick={toggle}>
      {label}
    </button>
  );
}

export function PrintButton({ label }: { label: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
