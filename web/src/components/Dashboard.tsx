/** The signed-in page: one store per login, fed live, drawn by the panels. */
import { useState } from 'react';
import { DashboardStoreContext, useDashboard } from '../state/context';
import { createDashboardStore } from '../state/dashboard';
import { useLiveDashboard } from '../state/useLiveDashboard';
import { AccountPanel } from './AccountPanel';
import { AlertsFeed } from './AlertsFeed';
import { BacktestPanel } from './backtest/BacktestPanel';
import { ChartPanel } from './ChartPanel';
import { DepthLadder } from './DepthLadder';
import { FillsPanel } from './FillsPanel';
import { OrdersPanel } from './OrdersPanel';
import { PositionsPanel } from './PositionsPanel';
import { RiskPanel } from './RiskPanel';
import { SessionHeader } from './SessionHeader';
import { StrategiesPanel } from './StrategiesPanel';
import { OrderTicket } from './ticket/OrderTicket';

export function Dashboard() {
  const [store] = useState(createDashboardStore);
  useLiveDashboard(store);
  return (
    <DashboardStoreContext value={store}>
      <div className="app">
        <SessionHeader />
        <LoadError />
        <main className="dashboard-grid">
          <ChartPanel />
          <DepthLadder />
          <OrderTicket />
          <PositionsPanel />
          <AccountPanel />
          <RiskPanel />
          <OrdersPanel />
          <FillsPanel />
          <StrategiesPanel />
          <AlertsFeed />
          <BacktestPanel />
        </main>
      </div>
    </DashboardStoreContext>
  );
}

function LoadError() {
  const message = useDashboard((state) => state.loadError);
  return message ? (
    <p className="banner" role="alert">
      Could not load data: {message}
    </p>
  ) : null;
}
