/**
 * One `bench:live` session: the IB Gateway simulator replays the ESH4 MBO book on loopback; a
 * LiveNode runs the quote-answering strategy on the IB adapter (quote feed + execution, the real
 * @stoqey/ib client) with the given journal, probed at its edges (live-probe.ts). The replay is
 * stepped one quote at a time and the node is synced after each (closed loop): every quote finds
 * the node idle, so a sample is the node's own handling time, not queueing behind the last quote.
 */

import { IbConnection } from '../src/adapters/ib/client/connection.js';
import { ContractResolver } from '../src/adapters/ib/client/contracts.js';
import { IbExecution } from '../src/adapters/ib/client/execution.js';
import { IbRequests } from '../src/adapters/ib/client/requests.js';
import {
  type IbQuoteFeedKind,
  ibBroker,
  ibConnectionEvents,
  ibQuoteFeed,
} from '../src/adapters/ib/live/index.js';
import { IbGatewaySimulator } from '../src/adapters/ib/sim/gateway-sim.js';
import { LiveClock } from '../src/core/clock.js';
import type { SessionJournal } from '../src/live/journal.js';
import { LiveNode } from '../src/live/live-node.js';
import type { OrderBookEvent } from '../src/model/data.js';
import type { Instrument } from '../src/model/instruments.js';
import type { UnixMicros } from '../src/model/time.js';
import { LatencyProbe, TimedJournal } from './live-probe.js';
import { QuoteAnswerer } from './live-strategy.js';

export interface OpenedJournal {
  readonly journal: SessionJournal;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly events: readonly OrderBookEvent[];
  /** Replay up to here before the node connects (the reopen). */
  readonly start: UnixMicros;
  /** Replay items to step for each quote after `start` (the last one of each step makes the quote). */
  readonly steps: readonly number[];
  readonly kind: IbQuoteFeedKind;
  readonly openJournal: (instruments: readonly Instrument[]) => Promise<OpenedJournal>;
}

export interface SessionResult {
  /** Tick-to-order latencies, µs, in order. */
  readonly samples: number[];
  /** Journal append (commit) times, µs. */
  readonly appendMicros: number[];
  /** Quotes that reached the node, and those the strategy answered or found its order in flight. */
  readonly quotes: number;
  readonly answered: number;
  readonly skipped: number;
  readonly unpaired: number;
  readonly position: number;
  readonly errors: readonly string[];
  readonly seconds: number;
}

export async function runSession(options: SessionOptions): Promise<SessionResult> {
  // IB's 50 messages/s are not enforced by the simulator here: the bench sends far more.
  const sim = new IbGatewaySimulator({ data: options.events, pacing: false });
  await sim.start();
  await sim.replay.advanceTo(options.start);
  const clock = new LiveClock();
  // A command per quote is far more than IB's 45 messages/s: the adapter's pacing is lifted, as in
  // the live-parity test.
  const connection = new IbConnection({
    port: sim.port,
    clientId: 1,
    heartbeatIntervalMs: 60_000,
    pacing: { messagesPerSecond: 100_000, burst: 100 },
    clock,
  });
  let opened: OpenedJournal | undefined;
  try {
    await connection.connect();
    const requests = new IbRequests(connection);
    const resolver = new ContractResolver(requests, { clock });
    const contract = await resolver.resolve('ESH4');
    const execution = new IbExecution({ connection, requests, contracts: resolver, clock });
    const probe = new LatencyProbe();
    opened = await options.openJournal([contract.instrument]);
    const journal = new TimedJournal(opened.journal);
    const strategy = new QuoteAnswerer('BENCH-001', { instrumentId: contract.instrument.id }, (quote) =>
      probe.answer(quote),
    );
    const node = await LiveNode.start({
      instruments: [contract.instrument],
      strategies: [strategy],
      broker: probe.broker(ibBroker(execution)),
      data: probe.feed(
        ibQuoteFeed({ connection, requests, contracts: [contract], kind: options.kind, clock }),
      ),
      connection: ibConnectionEvents(connection),
      journal,
      account: { type: 'margin', balance: 1_000_000 },
      clock,
    });
    await node.sync(); // the subscription has reached the gateway before the first quote
    const started = performance.now();
    try {
      for (const step of options.steps) {
        await sim.replay.step(step);
        await node.sync();
      }
    } finally {
      await node.stop({ cancelOrders: true, timeoutMs: 2000 });
      execution.close();
      requests.close();
    }
    return {
      samples: probe.samples,
      appendMicros: journal.appendMicros,
      quotes: probe.quotes,
      answered: strategy.answered,
      skipped: strategy.skipped,
      unpaired: probe.unpaired,
      position: node.kernel.portfolio.netPosition(contract.instrument.id),
      errors: node.status.errors,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await connection.close();
    await sim.stop();
    await opened?.close();
  }
}
