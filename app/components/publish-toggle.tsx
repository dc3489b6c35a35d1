import { Form } from 'react-router';
import { useT } from '../i18n';

/** « Publier » / « Dépublier » for one row, named after the item so each button is unique to a screen reader. */
export function PublishToggle({
  id,
  title,
  published,
  labels,
}: {
  id: string;
  title: string;
  published: boolean;
  labels: { publish: string; unpublish: string };
}) {
  const t = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="intent" value={published ? 'unpublish' : 'publish'} />
      <button type="submit" className="button button--secondary">
        {published ? labels.unpublish : labels.publish}
        <span className="visually-hidden">{t.admin.named(title)}</span>
      </button>
    </Form>
  );
}
