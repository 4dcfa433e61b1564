import type { ReactNode } from 'react';

/**
 * A USWDS stacked table that scrolls sideways when it is too wide: a caption
 * read by screen readers, a header row of the given columns, and the rows
 * given as children. On a narrow screen each row stacks, and each cell shows
 * the `data-label` the row gives it (its column's heading).
 */
export function StackedTable({
  caption,
  columns,
  className,
  children,
}: {
  caption: string;
  /** The columns' headings, in order (an actions column's heading is a usa-sr-only span). */
  columns: ReactNode[];
  /** Extra classes of the table. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="usa-table-container--scrollable">
      <table
        className={`usa-table usa-table--stacked usa-table--borderless width-full${className ? ` ${className}` : ''}`}
      >
        <caption className="usa-sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, n) => (
              <th key={n} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
