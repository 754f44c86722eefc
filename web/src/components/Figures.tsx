import type { ReactNode } from 'react';

/** Label/value pairs in a responsive grid (account balances, risk limits). */
export function Figures({
  items,
}: {
  readonly items: readonly (readonly [label: string, value: ReactNode])[];
}) {
  return (
    <dl className="figures">
      {items.map(([label, value]) => (
        <div key={label} className="figure">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
