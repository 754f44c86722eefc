import { InvalidStateTransition } from './errors.js';

export type ComponentState =
  | 'ready'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'disposed'
  | 'faulted';

const ALLOWED: Readonly<Record<ComponentState, readonly ComponentState[]>> = {
  ready: ['starting', 'disposed'],
  starting: ['running', 'faulted'],
  running: ['stopping', 'faulted'],
  stopping: ['stopped', 'faulted'],
  stopped: ['starting', 'disposed'],
  disposed: [],
  faulted: ['disposed'],
};

/**
 * Lifecycle of every kernel component: ready → running → stopped (→ running again) → disposed.
 * A hook that throws leaves the component `faulted` and rethrows: nothing is swallowed.
 */
export abstract class Component {
  private currentState: ComponentState = 'ready';

  constructor(readonly componentId: string) {}

  get state(): ComponentState {
    return this.currentState;
  }

  get isRunning(): boolean {
    return this.currentState === 'running';
  }

  start(): void {
    this.runTransition('starting', 'running', () => this.onStart());
  }

  stop(): void {
    this.runTransition('stopping', 'stopped', () => this.onStop());
  }

  dispose(): void {
    if (this.currentState === 'running') this.stop();
    this.move('disposed');
    this.onDispose();
  }

  protected onStart(): void {}
  protected onStop(): void {}
  protected onDispose(): void {}

  private runTransition(during: ComponentState, after: ComponentState, hook: () => void): void {
    this.move(during);
    try {
      hook();
    } catch (error) {
      this.currentState = 'faulted';
      throw error;
    }
    this.move(after);
  }

  private move(to: ComponentState): void {
    if (!ALLOWED[this.currentState].includes(to)) {
      throw new InvalidStateTransition(`component ${this.componentId}`, this.currentState, to);
    }
    this.currentState = to;
  }
}
