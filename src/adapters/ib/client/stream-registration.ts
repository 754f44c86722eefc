/**
 * A market-data stream registered with the connection: listeners attached to every new client,
 * the request (re-)issued with a fresh request id after every reconnect (and 1101), and cancelled
 * at IB on stop. Bars, real-time bars, ticks and depth all use it.
 */
import type { IBApi } from '@stoqey/ib';
import type { IbConnection, IbSubscription } from './connection.js';
import type { IbRequests } from './requests.js';

export interface StreamHandlers {
  /** Adds the stream's listeners to a new client (they filter on `reqId`). */
  attach(api: IBApi): void;
  /** Sends the request with this issue's id. */
  issue(api: IBApi, reqId: number): void;
  /** Cancels the request at IB. */
  cancel(api: IBApi, reqId: number): void;
}

export class StreamRegistration {
  private subscription: IbSubscription | undefined;
  private detachApi: (() => void) | undefined;
  private current: number | undefined;

  constructor(
    private readonly connection: IbConnection,
    private readonly requests: IbRequests,
    /** Names the stream in the connection's registry and in errors (`bars:ESZ5.CME-1-MINUTE-LAST`). */
    readonly key: string,
    private readonly handlers: StreamHandlers,
  ) {}

  /** Request id of the current issue (changes with every re-issue; undefined when stopped). */
  get reqId(): number | undefined {
    return this.current;
  }

  start(): void {
    if (this.subscription !== undefined) throw new Error(`${this.key} already started`);
    this.detachApi = this.connection.onApi((api) => this.handlers.attach(api));
    this.subscription = this.connection.subscribe(this.key, (api) => {
      this.current = this.requests.nextRequestId();
      this.handlers.issue(api, this.current);
    });
  }

  /** Cancels at IB and removes the registration; nothing is delivered afterwards. */
  stop(): void {
    const reqId = this.current;
    this.subscription?.cancel();
    this.detachApi?.();
    this.subscription = this.detachApi = this.current = undefined;
    if (reqId !== undefined && this.connection.ready)
      this.connection
        .send(`cancel ${this.key}`, (api) => this.handlers.cancel(api, reqId))
        .catch(() => undefined);
  }
}
