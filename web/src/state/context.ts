/** React access to the dashboard store: components select the slice they draw. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { InstrumentView } from '../api/types';
import type { DashboardAction, DashboardState, DashboardStore } from './dashboard';

export const DashboardStoreContext = createContext<DashboardStore | null>(null);

export function useDashboardStore(): DashboardStore {
  const store = useContext(DashboardStoreContext);
  if (!store) throw new Error('useDashboardStore needs a DashboardStoreContext provider');
  return store;
}

/** A slice of the state; `selector` must return stored references (derive new values with useMemo). */
export function useDashboard<T>(selector: (state: DashboardState) => T): T {
  const store = useDashboardStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

export function useDispatch(): (action: DashboardAction) => void {
  return useDashboardStore().dispatch;
}

export function useInstrument(instrumentId: string | null | undefined): InstrumentView | undefined {
  return useDashboard((state) => (instrumentId ? state.instruments[instrumentId] : undefined));
}
