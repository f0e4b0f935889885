import type { ReactNode } from 'react';

/** A header cell with more than a name: its own content (e.g. an sr-only label) or a class; `decorative` hides it from screen readers. */
export interface Column {
  label?: ReactNode;
  className?: string;
  decorative?: boolean;
}

/** The header row of a data table: one `<th scope="col">` per column, a plain name or a {@link Column}. */
export function TableHead({ columns }: { columns: (string | Column)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => {
          const { label, className, decorative } = typeof column === 'string' ? { label: column } : column;
          return (
            <th key={index} scope="col" className={className} aria-hidden={decorative ? 'true' : undefined}>
              {label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
