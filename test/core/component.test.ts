import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Component, type ComponentState } from '../../src/core/component.js';
import { InvalidStateTransition } from '../../src/core/errors.js';

type Hook = 'start' | 'stop' | 'dispose';

/** Records each hook call and the state seen inside it; optionally throws from one hook. */
class Probe extends Component {
  readonly calls: string[] = [];
  throwIn: Hook | undefined;

  protected override onStart(): void {
    this.calls.push(`start(${this.state})`);
    if (this.throwIn === 'start') throw new Error('start failed');
  }

  protected override onStop(): void {
    this.calls.push(`stop(${this.state})`);
    if (this.throwIn === 'stop') throw new Error('stop failed');
  }

  protected override onDispose(): void {
    this.calls.push(`dispose(${this.state})`);
    if (this.throwIn === 'dispose') throw new Error('dispose failed');
  }
}

/** Builds a probe in the given state through the public lifecycle. */
function probeIn(state: ComponentState): Probe {
  const p = new Probe('P');
  switch (state) {
    case 'ready':
      break;
    case 'running':
      p.start();
      break;
    case 'stopped':
      p.start();
      p.stop();
      break;
    case 'disposed':
      p.dispose();
      break;
    case 'faulted':
      p.throwIn = 'start';
      assert.throws(() => p.start());
      p.throwIn = undefined;
      break;
    default:
      throw new Error(`cannot reach ${state} from outside`);
  }
  assert.equal(p.state, state);
  p.calls.length = 0;
  return p;
}

const isTransitionError = (from: ComponentState, to: ComponentState) => (e: unknown) =>
  e instanceof InvalidStateTransition &&
  e.code === 'INVALID_STATE_TRANSITION' &&
  e.message.includes('component P') &&
  e.message.includes(from) &&
  e.message.includes(to);

describe('Component lifecycle: allowed transitions', () => {
  test('a new component is ready and not running', () => {
    const p = new Probe('P');
    assert.equal(p.state, 'ready');
    assert.equal(p.isRunning, false);
    assert.equal(p.componentId, 'P');
  });

  test('ready → start → running (onStart sees starting)', () => {
    const p = probeIn('ready');
    p.start();
    assert.equal(p.state, 'running');
    assert.equal(p.isRunning, true);
    assert.deepEqual(p.calls, ['start(starting)']);
  });

  test('running → stop → stopped (onStop sees stopping)', () => {
    const p = probeIn('running');
    p.stop();
    assert.equal(p.state, 'stopped');
    assert.equal(p.isRunning, false);
    assert.deepEqual(p.calls, ['stop(stopping)']);
  });

  test('stopped → start → running again', () => {
    const p = probeIn('stopped');
    p.start();
    assert.equal(p.state, 'running');
    assert.deepEqual(p.calls, ['start(starting)']);
  });

  test('ready → dispose → disposed', () => {
    const p = probeIn('ready');
    p.dispose();
    assert.equal(p.state, 'disposed');
    assert.deepEqual(p.calls, ['dispose(disposed)']);
  });

  test('stopped → dispose → disposed', () => {
    const p = probeIn('stopped');
    p.dispose();
    assert.equal(p.state, 'disposed');
    assert.deepEqual(p.calls, ['dispose(disposed)']);
  });

  test('running → dispose stops first, then disposes', () => {
    const p = probeIn('running');
    p.dispose();
    assert.equal(p.state, 'disposed');
    assert.deepEqual(p.calls, ['stop(stopping)', 'dispose(disposed)']);
  });

  test('faulted → dispose → disposed', () => {
    const p = probeIn('faulted');
    p.dispose();
    assert.equal(p.state, 'disposed');
    assert.deepEqual(p.calls, ['dispose(disposed)']);
  });

  test('several start/stop cycles', () => {
    const p = new Probe('P');
    for (let i = 0; i < 3; i++) {
      p.start();
      p.stop();
    }
    assert.equal(p.state, 'stopped');
    assert.equal(p.calls.length, 6);
  });
});

describe('Component lifecycle: forbidden transitions', () => {
  const cases: Array<[ComponentState, 'start' | 'stop' | 'dispose', ComponentState]> = [
    ['ready', 'stop', 'stopping'],
    ['running', 'start', 'starting'],
    ['stopped', 'stop', 'stopping'],
    ['disposed', 'start', 'starting'],
    ['disposed', 'stop', 'stopping'],
    ['disposed', 'dispose', 'disposed'],
    ['faulted', 'start', 'starting'],
    ['faulted', 'stop', 'stopping'],
  ];
  for (const [from, action, to] of cases) {
    test(`${action}() in ${from} throws and leaves the state and hooks untouched`, () => {
      const p = probeIn(from);
      assert.throws(() => p[action](), isTransitionError(from, to));
      assert.equal(p.state, from);
      assert.deepEqual(p.calls, []);
    });
  }
});

describe('Component lifecycle: hooks that throw', () => {
  test('a throwing onStart leaves it faulted and rethrows the original error', () => {
    const p = new Probe('P');
    p.throwIn = 'start';
    assert.throws(() => p.start(), { message: 'start failed' });
    assert.equal(p.state, 'faulted');
    assert.equal(p.isRunning, false);
    assert.deepEqual(p.calls, ['start(starting)']);
  });

  test('a throwing onStart on restart (from stopped) also faults', () => {
    const p = probeIn('stopped');
    p.throwIn = 'start';
    assert.throws(() => p.start(), { message: 'start failed' });
    assert.equal(p.state, 'faulted');
  });

  test('a throwing onStop leaves it faulted', () => {
    const p = probeIn('running');
    p.throwIn = 'stop';
    assert.throws(() => p.stop(), { message: 'stop failed' });
    assert.equal(p.state, 'faulted');
    p.throwIn = undefined;
    p.dispose();
    assert.equal(p.state, 'disposed');
  });

  test('dispose of a running component whose onStop throws: faulted, not disposed, error rethrown', () => {
    const p = probeIn('running');
    p.throwIn = 'stop';
    assert.throws(() => p.dispose(), { message: 'stop failed' });
    assert.equal(p.state, 'faulted');
    assert.deepEqual(p.calls, ['stop(stopping)']);
  });

  test('a throwing onDispose rethrows; the component is disposed', () => {
    const p = probeIn('ready');
    p.throwIn = 'dispose';
    assert.throws(() => p.dispose(), { message: 'dispose failed' });
    assert.equal(p.state, 'disposed');
  });
});
