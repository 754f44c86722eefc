import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LiveClock, TestClock, type TimeEvent } from '../../src/core/clock.js';

const T0 = 1_700_000_000_000_000; // 2023-11-14T22:13:20Z in micros
const SEC = 1_000_000;

interface Firing {
  name: string;
  tsEvent: number;
  now: number;
}

/** A handler that records each firing with the clock's time while it runs. */
function recordInto(clock: TestClock, log: Firing[]): (event: TimeEvent) => void {
  return (event) => log.push({ name: event.name, tsEvent: event.tsEvent, now: clock.now() });
}

describe('TestClock', () => {
  test('starts at the given time and only moves when told', () => {
    const clock = new TestClock(T0);
    assert.equal(clock.now(), T0);
    assert.equal(clock.now(), T0);
    assert.equal(new TestClock().now(), 0);
    clock.setTime(T0 + 5);
    assert.equal(clock.now(), T0 + 5);
  });

  test('timers fire in time order with now() equal to each due time, then the clock lands on the target', () => {
    const clock = new TestClock(T0);
    const log: Firing[] = [];
    clock.setTimeAlert('c', T0 + 30, recordInto(clock, log));
    clock.setTimeAlert('a', T0 + 10, recordInto(clock, log));
    clock.setTimeAlert('b', T0 + 20, recordInto(clock, log));
    assert.equal(clock.nextDue, T0 + 10);
    const fired = clock.advanceTo(T0 + 100);
    assert.equal(fired, 3);
    assert.deepEqual(log, [
      { name: 'a', tsEvent: T0 + 10, now: T0 + 10 },
      { name: 'b', tsEvent: T0 + 20, now: T0 + 20 },
      { name: 'c', tsEvent: T0 + 30, now: T0 + 30 },
    ]);
    assert.equal(clock.now(), T0 + 100);
    assert.equal(clock.nextDue, Number.POSITIVE_INFINITY);
    assert.deepEqual(clock.timerNames(), []);
  });

  test('timers due at the same time fire in creation order', () => {
    const clock = new TestClock(T0);
    const log: Firing[] = [];
    for (const name of ['z', 'y', 'x']) clock.setTimeAlert(name, T0 + 50, recordInto(clock, log));
    clock.advanceTo(T0 + 50);
    assert.deepEqual(
      log.map((f) => f.name),
      ['z', 'y', 'x'],
    );
  });

  test('advanceTo fires timers due exactly at the target, but not after it', () => {
    const clock = new TestClock(T0);
    const log: Firing[] = [];
    clock.setTimeAlert('at', T0 + 10, recordInto(clock, log));
    clock.setTimeAlert('after', T0 + 11, recordInto(clock, log));
    assert.equal(clock.advanceTo(T0 + 10), 1);
    assert.deepEqual(
      log.map((f) => f.name),
      ['at'],
    );
    assert.equal(clock.nextDue, T0 + 11);
    assert.deepEqual(clock.timerNames(), ['after']);
  });

  test('a repeating timer fires every interval from now + interval by default', () => {
    const clock = new TestClock(T0);
    const log: Firing[] = [];
    clock.setTimer('tick', 10 * SEC, recordInto(clock, log));
    assert.equal(clock.nextDue, T0 + 10 * SEC);
    assert.equal(clock.advanceTo(T0 + 35 * SEC), 3);
    assert.deepEqual(
      log.map((f) => f.tsEvent - T0),
      [10 * SEC, 20 * SEC, 30 * SEC],
    );
    assert.ok(log.every((f) => f.now === f.tsEvent));
    assert.equal(clock.nextDue, T0 + 40 * SEC);
    assert.deepEqual(clock.timerNames(), ['tick']);
  });

  test('a repeating timer honours start and stop (stop inclusive) and is then removed', () => {
    const clock = new TestClock(T0);
    const log: Firing[] = [];
    clock.setTimer('w', 5, recordInto(clock, log), { start: T0 + 2, stop: T0 + 17 });
    assert.equal(clock.nextDue, T0 + 2);
    clock.advanceTo(T0 + 1000);
    assert.deepEqual(
      log.map((f) => f.tsEvent - T0),
      [2, 7, 12, 17],
    );
    assert.deepEqual(clock.timerNames(), []);
    assert.equal(clock.nextDue, Number.POSITIVE_INFINITY);

    const exact: Firing[] = [];
    clock.setTimer('e', 10, recordInto(clock, exact), { start: clock.now() + 10, stop: clock.now() + 30 });
    clock.advanceTo(clock.now() + 100);
    assert.deepEqual(
      exact.map((f) => f.tsEvent - (T0 + 1000)),
      [10, 20, 30],
    );
  });

  test('repeating timers and alerts interleave in time order', () => {
    const clock = new TestClock(0);
    const log: Firing[] = [];
    clock.setTimer('every3', 3, recordInto(clock, log));
    clock.setTimer('every5', 5, recordInto(clock, log));
    clock.setTimeAlert('once7', 7, recordInto(clock, log));
    clock.advanceTo(10);
    assert.deepEqual(
      log.map((f) => `${f.name}@${f.tsEvent}`),
      ['every3@3', 'every5@5', 'every3@6', 'once7@7', 'every3@9', 'every5@10'],
    );
    assert.ok(log.every((f) => f.now === f.tsEvent));
  });

  test('cancelTimer stops a timer and updates nextDue; canceling an unknown name is harmless', () => {
    const clock = new TestClock(T0);
    const log: Firing[] = [];
    clock.setTimer('rep', 10, recordInto(clock, log));
    clock.setTimeAlert('alert', T0 + 5, recordInto(clock, log));
    assert.equal(clock.nextDue, T0 + 5);
    clock.cancelTimer('alert');
    assert.equal(clock.nextDue, T0 + 10);
    clock.advanceTo(T0 + 25);
    clock.cancelTimer('rep');
    clock.cancelTimer('does-not-exist');
    assert.equal(clock.nextDue, Number.POSITIVE_INFINITY);
    clock.advanceTo(T0 + 100);
    assert.deepEqual(
      log.map((f) => `${f.name}@${f.tsEvent - T0}`),
      ['rep@10', 'rep@20'],
    );
  });

  test('a handler may cancel its own repeating timer, cancel others, or add new ones', () => {
    const clock = new TestClock(0);
    const log: string[] = [];
    let fires = 0;
    clock.setTimer('self', 10, (e) => {
      log.push(`${e.name}@${e.tsEvent}`);
      if (++fires === 2) clock.cancelTimer('self');
    });
    clock.setTimeAlert('victim', 25, (e) => log.push(`${e.name}@${e.tsEvent}`));
    clock.setTimeAlert('killer', 15, (e) => {
      log.push(`${e.name}@${e.tsEvent}`);
      clock.cancelTimer('victim');
      clock.setTimeAlert('spawned', clock.now() + 1, (s) =>
        log.push(`${s.name}@${s.tsEvent}@now${clock.now()}`),
      );
    });
    clock.advanceTo(100);
    assert.deepEqual(log, ['self@10', 'killer@15', 'spawned@16@now16', 'self@20']);
    assert.deepEqual(clock.timerNames(), []);
  });

  test('timer names are unique and intervals must be positive', () => {
    const clock = new TestClock(T0);
    clock.setTimer('t', 10, () => {});
    assert.throws(() => clock.setTimer('t', 10, () => {}), /'t' already exists/);
    assert.throws(() => clock.setTimeAlert('t', T0 + 1, () => {}), /'t' already exists/);
    assert.throws(() => clock.setTimer('zero', 0, () => {}), RangeError);
    assert.throws(() => clock.setTimer('neg', -5, () => {}), RangeError);
    assert.throws(() => clock.setTimer('nan', Number.NaN, () => {}), RangeError);
    assert.deepEqual(clock.timerNames(), ['t']);
  });

  test('a name can be reused once its alert has fired or been canceled', () => {
    const clock = new TestClock(0);
    clock.setTimeAlert('n', 1, () => {});
    clock.advanceTo(1);
    clock.setTimeAlert('n', 2, () => {});
    clock.cancelTimer('n');
    clock.setTimer('n', 3, () => {});
    assert.deepEqual(clock.timerNames(), ['n']);
  });

  test('cannot go backwards with setTime or advanceTo', () => {
    const clock = new TestClock(T0);
    assert.throws(() => clock.setTime(T0 - 1), /cannot go back/);
    assert.throws(() => clock.advanceTo(T0 - 1), /cannot go back/);
    assert.equal(clock.now(), T0);
    clock.setTime(T0); // same time is fine
    assert.equal(clock.advanceTo(T0), 0);
  });

  test('setTime does not fire timers; a later advanceTo fires those already due', () => {
    const clock = new TestClock(0);
    const log: Firing[] = [];
    clock.setTimeAlert('a', 5, recordInto(clock, log));
    clock.setTime(10);
    assert.equal(log.length, 0);
    assert.equal(clock.nextDue, 5);
    clock.advanceTo(10);
    assert.equal(log.length, 1);
    assert.equal(log[0].tsEvent, 5);
  });

  test('nextDue lets a driver skip advanceTo when nothing is due', () => {
    const clock = new TestClock(0);
    assert.equal(clock.nextDue, Number.POSITIVE_INFINITY);
    clock.setTimer('t', 100, () => {});
    assert.equal(clock.nextDue, 100);
    clock.advanceTo(150);
    assert.equal(clock.nextDue, 200);
    clock.setTimeAlert('soon', 160, () => {});
    assert.equal(clock.nextDue, 160);
  });
});

describe('LiveClock', () => {
  test('now() is in microseconds, close to Date.now() * 1000, and never decreases', () => {
    const clock = new LiveClock();
    const before = Date.now() * 1000;
    const first = clock.now();
    assert.ok(Number.isInteger(first));
    assert.ok(Math.abs(first - before) < 50_000, `now ${first} vs Date.now ${before}`);
    let last = first;
    for (let i = 0; i < 100_000; i++) {
      const t = clock.now();
      assert.ok(t >= last, `time went backwards: ${last} then ${t}`);
      last = t;
    }
    assert.ok(Math.abs(clock.now() - Date.now() * 1000) < 50_000);
  });

  test('a time alert fires at about its time with tsEvent equal to the requested time', async () => {
    const clock = new LiveClock();
    const due = clock.now() + 30_000; // 30 ms
    const event = await new Promise<{ event: TimeEvent; firedAt: number }>((resolve) =>
      clock.setTimeAlert('alert', due, (e) => resolve({ event: e, firedAt: clock.now() })),
    );
    assert.deepEqual(event.event, { name: 'alert', tsEvent: due });
    assert.ok(event.firedAt >= due - 2_000, `fired ${due - event.firedAt} µs early`);
    assert.ok(event.firedAt < due + 150_000, `fired ${event.firedAt - due} µs late`);
    assert.deepEqual(clock.timerNames(), []);
  });

  test('a repeating timer with a stop fires a bounded number of times, then removes itself', async () => {
    const clock = new LiveClock();
    const start = clock.now() + 10_000;
    const times: number[] = [];
    await new Promise<void>((resolve) => {
      clock.setTimer(
        'rep',
        20_000,
        (e) => {
          times.push(e.tsEvent);
          if (times.length === 3) resolve();
        },
        { start, stop: start + 40_000 },
      );
    });
    assert.deepEqual(times, [start, start + 20_000, start + 40_000]);
    assert.deepEqual(clock.timerNames(), []);
  });

  test('cancelTimer prevents a pending alert from firing', async () => {
    const clock = new LiveClock();
    let fired = false;
    clock.setTimeAlert('x', clock.now() + 20_000, () => {
      fired = true;
    });
    clock.cancelTimer('x');
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(fired, false);
    assert.deepEqual(clock.timerNames(), []);
  });

  test('duplicate names are refused', () => {
    const clock = new LiveClock();
    clock.setTimeAlert('d', clock.now() + 60 * SEC, () => {});
    try {
      assert.throws(() => clock.setTimeAlert('d', clock.now() + SEC, () => {}), /already exists/);
      assert.throws(() => clock.setTimer('d', SEC, () => {}), /already exists/);
    } finally {
      clock.cancelAll();
    }
  });

  test('an alert far in the future (beyond setTimeout’s 24.8-day limit) does not fire at once', async () => {
    const clock = new LiveClock();
    let fired = false;
    clock.setTimeAlert('far', clock.now() + 30 * 86_400 * SEC, () => {
      fired = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    clock.cancelAll();
    assert.equal(fired, false, 'a 30-day alert fired within 50 ms');
  });

  test('cancelAll lets the process exit while timers were pending', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-clock-'));
    try {
      const clockModule = fileURLToPath(new URL('../../src/core/clock.ts', import.meta.url));
      const script = join(dir, 'exit.ts');
      writeFileSync(
        script,
        [
          `import { LiveClock } from ${JSON.stringify(clockModule)};`,
          'const clock = new LiveClock();',
          "clock.setTimer('rep', 60_000_000, () => console.log('rep fired'));",
          "clock.setTimeAlert('alert', clock.now() + 60_000_000, () => console.log('alert fired'));",
          "console.log('names', clock.timerNames().join(','));",
          'clock.cancelAll();',
          "console.log('after', clock.timerNames().length);",
        ].join('\n'),
      );
      const started = Date.now();
      const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 20_000,
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      });
      assert.equal(result.error, undefined, 'child process did not exit on its own');
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, 'names rep,alert\nafter 0\n');
      assert.ok(Date.now() - started < 20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
