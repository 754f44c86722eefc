/** Feeds the store: the REST load, the WebSocket, chart history and a refresh of what isn't streamed. */
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { LiveSocket, socketUrl } from '../api/socket';
import { type DashboardStore, type RestSnapshot, selectFocusInstrumentId } from './dashboard';

/**
 * Strategy state has no stream channel, and the `session` channel only reports state changes (not
 * the advancing data time), so both are refreshed on a timer.
 */
const REFRESH_MS = 5_000;

export function useLiveDashboard(store: DashboardStore): void {
  useEffect(() => {
    let disposed = false;
    const isDisposed = () => disposed;
    let restRequested = false;
    // Loading after subscribing leaves no gap between the REST state and the stream.
    const loadEverything = () => {
      restRequested = true;
      loadRest(store, isDisposed);
      loadChartData(store, isDisposed);
    };
    const socket = new LiveSocket(socketUrl(), {
      onStatus: (status, attempt) => store.dispatch({ type: 'connection', status, attempt }),
      onMarket: (update) => store.dispatch({ type: 'market', update }),
      onEvent: (update) => store.dispatch({ type: 'event', update }),
      onReset: loadEverything,
      onSubscribed: (resumed) => (resumed ? loadChartData(store, isDisposed) : loadEverything()),
      onOpenFailed: () => {
        // Show what REST has even when the stream is down; a 401 here signs the user out.
        if (!restRequested) loadEverything();
        else api.me().catch(() => undefined);
      },
    });
    socket.start();

    const refreshTimer = setInterval(() => refreshUnstreamed(store, isDisposed), REFRESH_MS);

    return () => {
      disposed = true;
      socket.stop();
      clearInterval(refreshTimer);
    };
  }, [store]);

  const barType = useSyncExternalStore(store.subscribe, () => store.getState().chart.barType);
  const focusInstrumentId = useSyncExternalStore(store.subscribe, () =>
    selectFocusInstrumentId(store.getState()),
  );

  useEffect(() => {
    if (!barType) return;
    let disposed = false;
    loadBars(store, barType, () => disposed);
    return () => {
      disposed = true;
    };
  }, [store, barType]);

  useEffect(() => {
    if (!focusInstrumentId) return;
    let disposed = false;
    loadSnapshot(store, focusInstrumentId, () => disposed);
    return () => {
      disposed = true;
    };
  }, [store, focusInstrumentId]);
}

async function refreshUnstreamed(store: DashboardStore, isDisposed: () => boolean): Promise<void> {
  try {
    const [session, strategies] = await Promise.all([api.session(), api.strategies()]);
    if (isDisposed()) return;
    store.dispatch({ type: 'event', update: { channel: 'session', data: session } });
    store.dispatch({ type: 'strategies-loaded', strategies });
  } catch {
    // The next refresh tries again; a 401 has already signed the user out.
  }
}

async function loadRest(store: DashboardStore, isDisposed: () => boolean): Promise<void> {
  try {
    const [session, instruments, orders, fills, positions, accounts, strategies, risk] = await Promise.all([
      api.session(),
      api.instruments(),
      api.orders(),
      api.fills(),
      api.positions(),
      api.accounts(),
      api.strategies(),
      api.risk(),
    ]);
    const snapshot: RestSnapshot = {
      session,
      instruments,
      orders,
      fills,
      positions,
      accounts,
      strategies,
      risk,
    };
    if (!isDisposed()) store.dispatch({ type: 'rest-loaded', snapshot });
  } catch (error) {
    if (!isDisposed()) store.dispatch({ type: 'load-failed', message: errorMessage(error) });
  }
}

/** Market data is not resumable: after a drop, reload the chart's bars and the focus snapshot. */
function loadChartData(store: DashboardStore, isDisposed: () => boolean): void {
  const state = store.getState();
  if (state.chart.barType) loadBars(store, state.chart.barType, isDisposed);
  const focus = selectFocusInstrumentId(state);
  if (focus) loadSnapshot(store, focus, isDisposed);
}

async function loadBars(store: DashboardStore, barType: string, isDisposed: () => boolean): Promise<void> {
  try {
    const response = await api.bars(barType);
    if (!isDisposed()) store.dispatch({ type: 'bars-loaded', response });
  } catch (error) {
    if (!isDisposed()) store.dispatch({ type: 'load-failed', message: `Bars: ${errorMessage(error)}` });
  }
}

async function loadSnapshot(store: DashboardStore, instrumentId: string, isDisposed: () => boolean) {
  try {
    const snapshot = await api.snapshot(instrumentId);
    if (!isDisposed()) store.dispatch({ type: 'snapshot-loaded', snapshot });
  } catch {
    // The ladder simply waits for the stream.
  }
}
