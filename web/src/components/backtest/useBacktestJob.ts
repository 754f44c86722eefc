/** Follows one backtest job: polls its progress every 500 ms, then loads its result. */
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/http';
import type { BacktestJobView, BacktestResultView } from '../../api/types';

const POLL_MS = 500;

export interface BacktestJobState {
  readonly job: BacktestJobView | null;
  readonly result: BacktestResultView | null;
  readonly error: string | null;
}

const idle: BacktestJobState = { job: null, result: null, error: null };

export function useBacktestJob(jobId: string | null, onFinished: () => void): BacktestJobState {
  const [state, setState] = useState<BacktestJobState>(idle);

  // biome-ignore lint/correctness/useExhaustiveDependencies: onFinished is a notification, not an input
  useEffect(() => {
    setState(idle);
    if (!jobId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      try {
        const job = await api.backtest(jobId);
        if (cancelled) return;
        setState((current) => ({ ...current, job, error: null }));
        if (job.status === 'queued' || job.status === 'running') {
          timer = setTimeout(poll, POLL_MS);
          return;
        }
        onFinished();
        if (job.status === 'completed') {
          const result = await api.backtestResult(jobId);
          if (!cancelled) setState((current) => ({ ...current, result }));
        }
      } catch (error) {
        if (!cancelled) setState((current) => ({ ...current, error: errorMessage(error) }));
      }
    };
    poll();

    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [jobId]);

  return state;
}
