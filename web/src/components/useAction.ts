/** Runs one API action at a time for a component, with its pending key and error message. */
import { useCallback, useState } from 'react';
import { errorMessage } from '../api/http';

export interface Action {
  /** The key of the action running now (a row id, a button name), or null. */
  readonly pending: string | null;
  readonly error: string | null;
  /** Resolves true when the task succeeded. */
  run(key: string, task: () => Promise<unknown>): Promise<boolean>;
}

export function useAction(): Action {
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (key: string, task: () => Promise<unknown>) => {
    setPending(key);
    setError(null);
    try {
      await task();
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    } finally {
      setPending(null);
    }
  }, []);

  return { pending, error, run };
}
