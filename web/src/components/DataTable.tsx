/** The one table every blotter uses: columns described once, horizontal scroll inside its panel. */
import type { ReactNode } from 'react';

export interface Column<T> {
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

/** `data-*` attributes (test hooks, state) and a class for one row. */
export type RowAttributes = { readonly className?: string } & { readonly [data: `data-${string}`]: string };

interface DataTableProps<T> {
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T) => string;
  readonly rowAttributes?: (row: T) => RowAttributes;
  /** Shown in a single row when there are no rows. */
  readonly empty: string;
  readonly testId?: string;
  readonly caption?: string;
}

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowAttributes,
  empty,
  testId,
  caption,
}: DataTableProps<T>) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} className={column.numeric ? 'numeric' : undefined} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td className="empty" colSpan={columns.length}>
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} {...rowAttributes?.(row)}>
                {columns.map((column) => (
                  <td key={column.header} className={column.numeric ? 'numeric' : undefined}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
