import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataError } from '../../../src/core/errors.js';
import {
  parseCboeChain,
  parseEsFopSnapshot,
  readOptionChain,
  yearsToExpiry,
} from '../../../src/data/readers/option-chains.js';

const root = new URL('../../../', import.meta.url).pathname;
const ES = `${root}data/options/es_fop_quote_snapshot_2020-01-06T1500Z.csv`;
const SPX = `${root}data/options/SPX-Options-24jan2011.csv`;

const count = (quotes: readonly { expiryDate: string; type: string; root: string }[]) => {
  const counts: Record<string, number> = {};
  for (const q of quotes)
    counts[`${q.root} ${q.expiryDate} ${q.type}`] = (counts[`${q.root} ${q.expiryDate} ${q.type}`] ?? 0) + 1;
  return counts;
};

describe('ES futures-option snapshot reader', () => {
  it('reads 203 quotes: 52 C / 44 P for March, 56 C / 51 P for June (data notes)', async () => {
    const chain = await readOptionChain(ES, 'es-fop');
    assert.equal(chain.asOf, '2020-01-06T15:00:00.000Z');
    assert.deepEqual(count(chain.quotes), {
      'ES 2020-03-20 call': 52,
      'ES 2020-03-20 put': 44,
      'ES 2020-06-19 call': 56,
      'ES 2020-06-19 put': 51,
    });
    const first = chain.quotes[0];
    assert.deepEqual(
      [first.strike, first.bid, first.ask, first.underlyingBid, first.underlyingAsk, first.expiryUtc],
      [3000, 252.75, 254.25, 3224.75, 3225, '2020-03-20T13:30:00.000Z'], // 09:30 EDT
    );
  });

  it('names file:line and field of a bad row', () => {
    const text = `snapshot_utc,root,underlying_contract_month,underlying_bid,underlying_ask,expiry,right,strike,bid,ask,last_bid_size,last_ask_size,source_bar_start_utc
2020-01-06T15:00:00Z,ES,202003,3224.75,3225.0,20200320,C,3000.0,252.75,254.25,1,1,2020-01-06T15:00:00Z
2020-01-06T15:00:00Z,ES,202003,3224.75,3225.0,20200320,C,3010.0,abc,245.5,1,1,2020-01-06T15:00:00Z
`;
    assert.throws(
      () => parseEsFopSnapshot(text, 'es.csv'),
      (e: unknown) => e instanceof DataError && /^es\.csv:3, field 'bid', value 'abc'/.test(e.message),
    );
  });
});

describe('CBOE chain dump reader', () => {
  it('reads spot, quote time and the expiry of each option code', async () => {
    const chain = await readOptionChain(SPX, 'cboe');
    assert.equal(chain.spot, 1290.59);
    assert.equal(chain.asOf, '2011-01-24T19:03:00.000Z'); // 14:03 EST
    assert.equal(chain.quotes.length, 2 * 960);
    const feb = chain.quotes.find((q) => q.code === 'SPX1119B1290-E');
    assert.ok(feb);
    // SPX + 11 + 19 + B (February call): 2011-02-19, a Saturday; AM settlement at Friday's open.
    assert.deepEqual(
      [feb.type, feb.strike, feb.expiryDate, feb.expiryUtc],
      ['call', 1290, '2011-02-19', '2011-02-18T14:30:00.000Z'],
    );
    const put = chain.quotes.find((q) => q.code === 'SPX1119N1290-E');
    assert.deepEqual([put?.type, put?.expiryDate], ['put', '2011-02-19']);
    const counts = count(chain.quotes);
    assert.equal(counts['SPX 2011-03-19 call'], 160);
    assert.equal(counts['SPXW 2011-01-28 put'], 34);
    const weekly = chain.quotes.find((q) => q.root === 'SPXW');
    assert.deepEqual([weekly?.settlement, weekly?.expiryUtc], ['PM', '2011-01-28T21:00:00.000Z']);
    // 2011-02-18 09:30 EST − 2011-01-24 14:03 EST = 24 days 19 h 27 min.
    assert.ok(
      Math.abs(yearsToExpiry(chain.asOf, feb.expiryUtc) - (24 + (19 * 60 + 27) / 1440) / 365) < 1e-12,
    );
  });

  it('names file:line of a bad row', () => {
    const text = [
      'SPX (S&P 500 INDEX),1290.59,+7.24,',
      'Jan 24 2011 @ 14:03 ET,',
      'Calls,Last Sale,Net,Bid,Ask,Vol,Open Int,Puts,Last Sale,Net,Bid,Ask,Vol,Open Int,',
      '11 Feb 1290.00 (SPX1119B1290-E),17.9,0.0,17.00,18.90,0,0,11 Feb 1290.00 (SPX1119N1290-E),19.0,0.0,18.2,19.9,0,0,',
      '11 Feb 1300.00 (SPX1119N1300-E),0.0,0.0,1,2,0,0,11 Feb 1300.00 (SPX1119N1300-E),0.0,0.0,1,2,0,0,',
    ].join('\n');
    assert.throws(
      () => parseCboeChain(text, 'spx.csv'),
      (e: unknown) => e instanceof DataError && /^spx\.csv:5, field 'call description'/.test(e.message),
    );
  });
});
