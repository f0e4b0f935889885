import type { Changes } from '../api/types';
import { TableHead } from './TableHead';

/** A personal value erased at its data subject's request: the API shows {"$erased": true} (docs/personal-data.md). */
export function isErased(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)['$erased'] === true;
}

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (isErased(value)) {
    return 'erased';
  }
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value, null, 2);
}

function Cell({ value, side }: { value: unknown; side: 'old' | 'new' }) {
  if (isErased(value)) {
    return (
      <td className={`diff-${side} diff-erased`}>
        <span className="muted" title="Erased at the data subject's request; the entry still verifies">
          erased
        </span>
      </td>
    );
  }
  const text = formatValue(value);
  if (!text) {
    return (
      <td className={`diff-${side} diff-none`}>
        <span className="muted">{value === null ? 'null' : 'not set'}</span>
      </td>
    );
  }
  return (
    <td className={`diff-${side}`}>
      <span className="sr-only">{side === 'old' ? 'Old value: ' : 'New value: '}</span>
      <span className="diff-text">{text}</span>
    </td>
  );
}

/** Field-by-field diff (old → new) of one change; fields sorted so two entries compare at a glance. */
export function DiffView({ changes }: { changes: Changes | null | undefined }) {
  const fields = Object.keys(changes ?? {}).sort();
  if (!changes || fields.length === 0) {
    return <p className="muted diff-empty">No field changes recorded.</p>;
  }
  return (
    <table className="diff">
      <caption className="sr-only">Field changes</caption>
      <TableHead columns={['Field', 'Old', { className: 'diff-arrow-col', decorative: true }, 'New']} />
      <tbody>
        {fields.map((field) => {
          const change = changes[field] ?? {};
          return (
            <tr key={field}>
              <th scope="row" className="diff-field">
                {field}
              </th>
              <Cell value={change.old} side="old" />
              <td className="diff-arrow" aria-hidden="true">
                →
              </td>
              <Cell value={change.new} side="new" />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
