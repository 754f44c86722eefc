import type { ReactNode } from 'react';

interface PanelProps {
  readonly title: ReactNode;
  /** Grid placement class (`area-chart`…). */
  readonly area: string;
  readonly testId?: string;
  /** Controls shown at the right of the title bar. */
  readonly actions?: ReactNode;
  readonly children: ReactNode;
}

export function Panel({ title, area, testId, actions, children }: PanelProps) {
  return (
    <section className={`panel ${area}`} data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
