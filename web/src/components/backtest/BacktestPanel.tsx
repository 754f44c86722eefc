/** Runs backtests on bundled data sets and shows their tearsheets. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { BacktestJobView, BacktestRequest } from '../../api/types';
import { useCanTrade } from '../../auth';
import { formatDateTime, formatPercent } from '../../format';
import { Badge } from '../Badge';
import { type Column, DataTable } from '../DataTable';
import { Panel } from '../Panel';
import { BacktestForm } from './BacktestForm';
import { Tearsheet } from './Tearsheet';
import { useBacktestJob } from './useBacktestJob';

const SHOWN_RUNS = 10;

export function BacktestPanel() {
  const canTrade = useCanTrade();
  const [jobId, setJobId] = useState<string | null>(null);
  const [runs, setRuns] = useState<readonly BacktestJobView[]>([]);

  const loadRuns = useCallback(() => {
    api
      .backtests()
      .then((jobs) => setRuns([...jobs].sort((a, b) => b.submitted - a.submitted).slice(0, SHOWN_RUNS)))
      .catch(() => undefined);
  }, []);
  useEffect(loadRuns, [loadRuns]);

  const { job, result, error } = useBacktestJob(jobId, loadRuns);
  const running = job?.status === 'queued' || job?.status === 'running';

  const submit = async (request: BacktestRequest) => {
    const { id } = await api.submitBacktest(request);
    setJobId(id);
  };

  const runColumns: readonly Column<BacktestJobView>[] = [
    { header: 'Submitted', cell: (r) => <span className="mono">{formatDateTime(r.submitted)}</span> },
    { header: 'Data set', cell: (r) => r.request.dataset },
    { header: 'Strategy', cell: (r) => `${r.request.strategy} ${(r.request.params ?? []).join(' ')}` },
    { header: 'Status', cell: (r) => <Badge>{r.status}</Badge> },
    { header: 'Return', numeric: true, cell: (r) => formatPercent(r.summary?.totalReturn) },
    {
      header: '',
      cell: (r) => (
        <button
          type="button"
          className="button small"
          disabled={r.id === jobId}
          onClick={() => setJobId(r.id)}
        >
          View
        </button>
      ),
    },
  ];

  return (
    <Panel area="area-backtest" title="Backtest">
      {canTrade ? (
        <BacktestForm disabled={running} onSubmit={submit} />
      ) : (
        <p className="note">Your role can view past runs but not start new ones.</p>
      )}
      {job && (
        <div className="backtest-status">
          <Badge>{job.status}</Badge>
          <progress data-testid="backtest-progress" max={1} value={job.progress} />
          <span className="mono">{formatPercent(job.progress, 0)}</span>
          {job.error && <span className="message error">{job.error}</span>}
        </div>
      )}
      {error && <p className="message error">{error}</p>}
      {result && job && <Tearsheet result={result} tearsheetUrl={api.tearsheetUrl(job.id)} />}
      <h3>Previous runs</h3>
      <DataTable rows={runs} columns={runColumns} rowKey={(r) => r.id} empty="No backtests yet" />
    </Panel>
  );
}
