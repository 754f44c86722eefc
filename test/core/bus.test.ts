import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageBus } from '../../src/core/bus.js';

/** Subscribes a handler that records `label:message` into `log`. */
function recorder(
  bus: MessageBus,
  log: string[],
  pattern: string,
  label = pattern,
  priority?: number,
): () => void {
  return bus.subscribe<string>(pattern, (message) => log.push(`${label}:${message}`), priority);
}

describe('MessageBus topics', () => {
  test('an exact topic receives only its own messages', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    recorder(bus, log, 'data.bars.ESZ3.CME');
    bus.publish('data.bars.ESZ3.CME', 'a');
    bus.publish('data.bars.ESH4.CME', 'b');
    bus.publish('data.bars.ESZ3.CME.extra', 'c');
    bus.publish('data.bars.ESZ3.CM', 'd');
    assert.deepEqual(log, ['data.bars.ESZ3.CME:a']);
    assert.equal(bus.publishedCount, 4);
  });

  test('publishing to a topic without subscribers is a no-op', () => {
    const bus = new MessageBus();
    bus.publish('nobody.listens', 1);
    assert.equal(bus.hasSubscribers('nobody.listens'), false);
    assert.equal(bus.publishedCount, 1);
  });

  test('* matches any run of characters, dots included, and the empty run', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    recorder(bus, log, 'data.*', 'star');
    recorder(bus, log, 'data.bars.*.CME', 'mid');
    recorder(bus, log, '*', 'all');
    bus.publish('data.bars.ESZ3.CME', 1);
    bus.publish('data.', 2);
    bus.publish('events.order.S1', 3);
    assert.deepEqual(log, ['star:1', 'mid:1', 'all:1', 'star:2', 'all:2', 'all:3']);
  });

  test('* in the middle spans several dot-separated levels', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    recorder(bus, log, 'data.*.CME');
    bus.publish('data.bars.ESZ3.CME', 'x');
    bus.publish('data.quotes.CME', 'y');
    bus.publish('data.bars.ESZ3.CBOT', 'z');
    assert.deepEqual(log, ['data.*.CME:x', 'data.*.CME:y']);
  });

  test('? matches exactly one character, including a dot', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    recorder(bus, log, 'ES?3.CME');
    recorder(bus, log, 'a?b', 'dot');
    bus.publish('ESZ3.CME', 1);
    bus.publish('ESH3.CME', 2);
    bus.publish('ES3.CME', 3); // zero characters: no match
    bus.publish('ESZZ3.CME', 4); // two characters: no match
    bus.publish('a.b', 5);
    bus.publish('ab', 6);
    bus.publish('a..b', 7);
    assert.deepEqual(log, ['ES?3.CME:1', 'ES?3.CME:2', 'dot:5']);
  });

  test('dots and regex characters in a pattern are literal', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    recorder(bus, log, 'data.bars.*');
    recorder(bus, log, 'BTC/USDT+(x)*', 'regexy');
    bus.publish('dataXbars.ES', 1); // '.' must not act as a regex wildcard
    bus.publish('data.bars.ES', 2);
    bus.publish('BTC/USDT+(x).BINANCE', 3);
    bus.publish('BTC/USDTT(x).BINANCE', 4);
    assert.deepEqual(log, ['data.bars.*:2', 'regexy:3']);
  });

  test('an empty pattern is refused', () => {
    const bus = new MessageBus();
    assert.throws(() => bus.subscribe('', () => {}), RangeError);
  });

  test('hasSubscribers reflects exact and wildcard subscriptions', () => {
    const bus = new MessageBus();
    assert.equal(bus.hasSubscribers('a.b'), false);
    const off = bus.subscribe('a.*', () => {});
    assert.equal(bus.hasSubscribers('a.b'), true);
    assert.equal(bus.hasSubscribers('b.a'), false);
    off();
    assert.equal(bus.hasSubscribers('a.b'), false);
  });
});

describe('MessageBus ordering', () => {
  test('higher priority first, then subscription order, across exact and wildcard patterns', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    recorder(bus, log, 't.x', 'p0-first', 0);
    recorder(bus, log, 't.*', 'p5-wild', 5);
    recorder(bus, log, 't.x', 'p0-second', 0);
    recorder(bus, log, 't.?', 'p-1', -1);
    recorder(bus, log, 't.x', 'p5-exact', 5);
    recorder(bus, log, '*', 'p10', 10);
    bus.publish('t.x', 'm');
    assert.deepEqual(log, ['p10:m', 'p5-wild:m', 'p5-exact:m', 'p0-first:m', 'p0-second:m', 'p-1:m']);
  });

  test('the same handler subscribed twice is called twice', () => {
    const bus = new MessageBus();
    let calls = 0;
    const handler = (): void => {
      calls++;
    };
    bus.subscribe('t', handler);
    bus.subscribe('t', handler);
    bus.publish('t', null);
    assert.equal(calls, 2);
  });
});

describe('MessageBus unsubscribe', () => {
  test('the returned function unsubscribes only that subscription, and is idempotent', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    const offA = recorder(bus, log, 't', 'a');
    recorder(bus, log, 't', 'b');
    bus.publish('t', 1);
    offA();
    offA();
    bus.publish('t', 2);
    assert.deepEqual(log, ['a:1', 'b:1', 'b:2']);
  });

  test('a handler unsubscribing itself during a publish does not make later handlers miss the message', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    const off = bus.subscribe<number>('t', (m) => {
      log.push(`self:${m}`);
      off();
    });
    recorder(bus, log, 't', 'b');
    recorder(bus, log, 't', 'c');
    bus.publish('t', 1);
    bus.publish('t', 2);
    assert.deepEqual(log, ['self:1', 'b:1', 'c:1', 'b:2', 'c:2']);
  });

  test('unsubscribing another handler during a publish: the message in flight goes to the handlers resolved at its start, later messages do not', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    let offC: () => void = () => {};
    bus.subscribe<number>('t', (m) => {
      log.push(`a:${m}`);
      offC();
    });
    recorder(bus, log, 't', 'b');
    offC = recorder(bus, log, 't', 'c');
    bus.publish('t', 1);
    bus.publish('t', 2);
    assert.deepEqual(log, ['a:1', 'b:1', 'c:1', 'a:2', 'b:2']);
  });

  test('subscribing during a publish takes effect from the next message', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    let added = false;
    bus.subscribe<number>('t', (m) => {
      log.push(`a:${m}`);
      if (!added) {
        added = true;
        recorder(bus, log, 't', 'late');
      }
    });
    bus.publish('t', 1);
    bus.publish('t', 2);
    assert.deepEqual(log, ['a:1', 'a:2', 'late:2']);
  });
});

describe('MessageBus resolution cache', () => {
  test('a new subscription is seen by a topic that was already resolved', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    recorder(bus, log, 'data.bars.ES', 'exact');
    bus.publish('data.bars.ES', 1); // resolves and caches the handler list
    recorder(bus, log, 'data.*', 'wild');
    bus.publish('data.bars.ES', 2);
    recorder(bus, log, 'data.bars.ES', 'first', 1);
    bus.publish('data.bars.ES', 3);
    assert.deepEqual(log, ['exact:1', 'exact:2', 'wild:2', 'first:3', 'exact:3', 'wild:3']);
  });

  test('a topic resolved with no subscribers picks up a later subscription', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    bus.publish('x.y', 0);
    assert.equal(bus.hasSubscribers('x.y'), false);
    recorder(bus, log, 'x.?');
    bus.publish('x.y', 1);
    assert.deepEqual(log, ['x.?:1']);
  });

  test('an unsubscribe is seen by a topic that was already resolved', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    const off = recorder(bus, log, 't.*');
    bus.publish('t.a', 1);
    off();
    bus.publish('t.a', 2);
    assert.deepEqual(log, ['t.*:1']);
  });

  test('many one-off topics stay correct after the cache bound is reached', () => {
    const bus = new MessageBus();
    let count = 0;
    bus.subscribe('one.*', () => {
      count++;
    });
    for (let i = 0; i < 12_000; i++) bus.publish(`one.${i}`, i);
    bus.publish('one.0', 0);
    assert.equal(count, 12_001);
  });
});

describe('MessageBus endpoints', () => {
  test('send delivers to the single registered handler', () => {
    const bus = new MessageBus();
    const received: number[] = [];
    bus.register<number>('exec.submit', (m) => received.push(m));
    bus.send('exec.submit', 7);
    bus.send('exec.submit', 8);
    assert.deepEqual(received, [7, 8]);
  });

  test('send to an unknown endpoint throws naming it', () => {
    const bus = new MessageBus();
    assert.throws(
      () => bus.send('exec.nowhere', 1),
      (e: unknown) => e instanceof RangeError && /exec\.nowhere/.test(e.message),
    );
  });

  test('registering an endpoint twice throws naming it; deregister frees it', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    bus.register('ep', () => log.push('first'));
    assert.throws(
      () => bus.register('ep', () => log.push('second')),
      (e: unknown) => e instanceof RangeError && /'ep'/.test(e.message),
    );
    bus.send('ep', null);
    bus.deregister('ep');
    assert.throws(() => bus.send('ep', null), RangeError);
    bus.register('ep', () => log.push('second'));
    bus.send('ep', null);
    assert.deepEqual(log, ['first', 'second']);
  });

  test('endpoints and topics are separate namespaces', () => {
    const bus = new MessageBus();
    const log: string[] = [];
    bus.register('same', () => log.push('endpoint'));
    bus.subscribe('same', () => log.push('topic'));
    bus.send('same', null);
    bus.publish('same', null);
    assert.deepEqual(log, ['endpoint', 'topic']);
  });
});

describe('MessageBus request/response', () => {
  test('request returns the responder result synchronously', () => {
    const bus = new MessageBus();
    bus.respond<{ a: number; b: number }, number>('math.add', ({ a, b }) => a + b);
    assert.equal(bus.request<{ a: number; b: number }, number>('math.add', { a: 2, b: 3 }), 5);
    assert.equal(bus.request<{ a: number; b: number }, number>('math.add', { a: -1, b: 1 }), 0);
  });

  test('request without a responder throws naming the endpoint', () => {
    const bus = new MessageBus();
    assert.throws(
      () => bus.request('cache.price', 'ES'),
      (e: unknown) => e instanceof RangeError && /cache\.price/.test(e.message),
    );
  });

  test('a second responder is refused; deregister removes it', () => {
    const bus = new MessageBus();
    bus.respond('r', () => 1);
    assert.throws(() => bus.respond('r', () => 2), RangeError);
    assert.equal(bus.request('r', null), 1);
    bus.deregister('r');
    assert.throws(() => bus.request('r', null), RangeError);
    bus.respond('r', () => 3);
    assert.equal(bus.request('r', null), 3);
  });

  test('an error thrown by a responder reaches the requester', () => {
    const bus = new MessageBus();
    bus.respond('boom', () => {
      throw new TypeError('responder failed');
    });
    assert.throws(() => bus.request('boom', null), { name: 'TypeError', message: 'responder failed' });
  });
});
