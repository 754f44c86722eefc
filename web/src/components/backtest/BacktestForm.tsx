/** Dataset, strategy and parameters for a new backtest. */
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/http';
import type { BacktestRequest, DatasetView } from '../../api/types';

interface BacktestFormProps {
  readonly disabled: boolean;
  readonly onSubmit: (request: BacktestRequest) => Promise<void>;
}

/** `fast=10 slow=30` → `['fast=10', 'slow=30']`. */
export function splitParams(text: string): string[] {
  return text.split(/\s+/).filter((part) => part.length > 0);
}

export function BacktestForm({ disabled, onSubmit }: BacktestFormProps) {
  const [datasets, setDatasets] = useState<readonly DatasetView[]>([]);
  const [dataset, setDataset] = useState('');
  const [strategy, setStrategy] = useState('sma-cross');
  const [params, setParams] = useState('fast=10 slow=30');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .datasets()
      .then(setDatasets)
      .catch((failure) => setError(`Data sets: ${errorMessage(failure)}`));
  }, []);

  const chosenDataset = dataset || datasets[0]?.name || '';
  const description = datasets.find((d) => d.name === chosenDataset)?.description;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosenDataset || !strategy.trim()) return;
    setError(null);
    try {
      await onSubmit({ dataset: chosenDataset, strategy: strategy.trim(), params: splitParams(params) });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <form className="form backtest-form" onSubmit={submit}>
      <label>
        Data set
        <select
          data-testid="backtest-dataset"
          value={chosenDataset}
          onChange={(e) => setDataset(e.target.value)}
        >
          {datasets.map((d) => (
            <option key={d.name} value={d.name} title={d.description}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Strategy
        <input
          data-testid="backtest-strategy"
          value={strategy}
          onChange={(e) => setStrategy(e.target.value)}
        />
      </label>
      <label className="grow">
        Parameters
        <input
          data-testid="backtest-params"
          value={params}
          onChange={(e) => setParams(e.target.value)}
          placeholder="key=value key=value"
        />
      </label>
      <button
        type="submit"
        className="button primary"
        data-testid="backtest-submit"
        disabled={disabled || !chosenDataset || !strategy.trim()}
      >
        Run backtest
      </button>
      {description && <p className="muted small full">{description}</p>}
      {error && <p className="message error full">{error}</p>}
    </form>
  );
}
