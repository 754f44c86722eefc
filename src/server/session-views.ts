/** The session as a whole, as the API sends it: its state, its risk, its accounts. */
import type { Kernel } from '../kernel/kernel.js';
import type { AccountView, DenialView, RiskView, SessionView } from './api-types.js';
import type { SessionHost } from './host.js';
import { accountView, killView } from './views.js';

/** Time of the last data point the kernel handled (µs), or null before the first. */
export function dataTimeOf(kernel: Kernel): number | null {
  return kernel.portfolio.dataIndex > 0 ? kernel.clock.now() : null;
}

export function sessionView(host: SessionHost): SessionView {
  const { state, connected, error } = host.status();
  const { kernel } = host;
  const dataTime = dataTimeOf(kernel);
  return {
    kind: host.kind,
    name: host.name,
    state,
    connected,
    dataTime,
    instruments: kernel.cache.instruments().map((i) => i.id),
    barTypes: host.barTypes.map((b) => b.key),
    speed: host.speed,
    ...(error === undefined ? {} : { error }),
  };
}

export function riskView(
  kernel: Kernel,
  limits: Readonly<Record<string, unknown>>,
  denialCount = 50,
): RiskView {
  const denials: DenialView[] = [];
  for (const order of kernel.cache.orders())
    for (const event of order.events)
      if (event.kind === 'denied')
        denials.push({
          ts: event.tsEvent,
          clientOrderId: order.clientOrderId,
          strategyId: order.strategyId,
          code: event.reasonCode,
          reason: event.reason,
        });
  denials.sort((a, b) => a.ts - b.ts);
  return {
    tradingState: kernel.risk.tradingState,
    limits,
    deniedCount: kernel.risk.deniedCount,
    denials: denials.slice(-denialCount),
    kills: kernel.killSwitch.engagements.map(killView),
  };
}

/** One view per account of the session (an account may serve several instruments of a venue). */
export function accountViews(host: SessionHost): AccountView[] {
  const { kernel } = host;
  const seen = new Set<unknown>();
  const views: AccountView[] = [];
  for (const instrument of kernel.cache.instruments()) {
    const account = kernel.portfolio.accountFor(instrument);
    if (seen.has(account)) continue;
    seen.add(account);
    views.push(accountView(kernel, account, instrument.venue));
  }
  return views;
}
