/**
 * Fits of the two bundled real chains (data/PROVENANCE.md): ES futures options 2020-01-06 15:00Z
 * and the CBOE SPX dump of 2011-01-24 14:03 ET.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type ChainFit, expirySmile, fitChain } from '../../../src/analytics/volatility/index.js';
import { chainExpiries } from '../../../src/cli/surface-command.js';
import { readOptionChain } from '../../../src/data/readers/option-chains.js';

const root = new URL('../../../', import.meta.url).pathname;

async function fit(file: string, format: 'es-fop' | 'cboe'): Promise<ChainFit> {
  const chain = await readOptionChain(`${root}data/options/${file}`, format);
  return fitChain(chainExpiries(chain, chain.asOf, 0.0155).map((e) => expirySmile(e)));
}

describe('real chains: SVI and SABR fits', () => {
  let es: ChainFit;
  let spx: ChainFit;
  before(async () => {
    es = await fit('es_fop_quote_snapshot_2020-01-06T1500Z.csv', 'es-fop');
    spx = await fit('SPX-Options-24jan2011.csv', 'cboe');
  });

  it('ES: two expiries, OTM quotes, no butterfly arbitrage, RMSE below the bid/ask width', () => {
    assert.deepEqual(
      es.expiries.map((e) => [e.smile.label, e.smile.quoteCount]),
      [
        ['2020-03-20', 96],
        ['2020-06-19', 107],
      ],
    );
    for (const e of es.expiries) {
      assert.equal(e.svi?.butterfly.arbitrageFree, true);
      assert.equal(e.sabr?.butterfly.arbitrageFree, true);
      // The fit should sit inside the market: RMSE below half the mean bid/ask vol width.
      assert.ok((e.svi?.rmseVolPoints as number) < (e.svi?.meanSpreadVolPoints as number) / 2);
      assert.ok((e.sabr?.rmseVolPoints as number) < (e.sabr?.meanSpreadVolPoints as number) * 2);
    }
    assert.equal(es.calendar?.arbitrageFree, true);
  });

  it('ES March 2020 ATM vol ≈ 13.6–13.9 % (data notes: Black-76 on the future mid)', () => {
    const march = es.expiries[0];
    const atm = march.smile.points.filter((p) => p.strike >= 3220 && p.strike <= 3230);
    assert.ok(atm.length >= 2);
    for (const p of atm)
      assert.ok(p.midVolatility > 0.135 && p.midVolatility < 0.14, String(p.midVolatility));
  });

  it('ES put and call vols agree near the money (< 0.1 vol pt, data notes)', async () => {
    const chain = await readOptionChain(
      `${root}data/options/es_fop_quote_snapshot_2020-01-06T1500Z.csv`,
      'es-fop',
    );
    const march = chainExpiries(chain, chain.asOf, 0.0155)[0];
    const all = expirySmile(march, 'all').points.filter((p) => Math.abs(p.strike - 3225) <= 25);
    for (const call of all.filter((p) => p.type === 'call')) {
      const put = all.find((p) => p.type === 'put' && p.strike === call.strike);
      if (put) assert.ok(Math.abs(put.midVolatility - call.midVolatility) < 0.001, `${call.strike}`);
    }
  });

  it('SPX: standard expiries, parity forwards, no butterfly arbitrage, RMSE below the bid/ask width', () => {
    assert.equal(spx.expiries.length, 10);
    for (const e of spx.expiries) {
      const s = e.smile;
      assert.ok(s.parity !== undefined);
      // Forwards below spot 1290.59 (dividend yield above the 2011 short rate), rates in (−2 %, 10 %).
      assert.ok(s.forward > 1240 && s.forward < 1291, `${s.label}: F = ${s.forward}`);
      assert.ok((s.parity?.rate as number) > -0.02 && (s.parity?.rate as number) < 0.1);
      assert.equal(e.svi?.butterfly.arbitrageFree, true, `${s.label}`);
      assert.equal(e.sabr?.butterfly.arbitrageFree, true, `${s.label}`);
      assert.ok((e.svi?.rmseVolPoints as number) < (e.svi?.meanSpreadVolPoints as number), `${s.label}`);
    }
  });

  it("SPX parity forwards agree with pyql's implied forwards (data/options/df_options_SPX_24jan2011.csv)", () => {
    // pyql's column Fwd per expiry; its dtExpiry labels are one month early (2011-03-16 = April).
    const pyql: Record<string, number> = {
      '2011-04-16': 1286.5085088981216,
      '2011-05-21': 1284.2543018757258,
      '2011-06-18': 1282.55305675057,
      '2011-09-17': 1277.641484671015,
      '2011-12-17': 1272.6152049071952,
      '2012-06-16': 1264.1578873557955,
      '2012-12-22': 1259.150210576202,
      '2013-12-21': 1255.1813895442197,
    };
    for (const [label, forward] of Object.entries(pyql)) {
      const e = spx.expiries.find((x) => x.smile.label === label);
      assert.ok(
        e && Math.abs(e.smile.forward - forward) < 0.3,
        `${label}: ${e?.smile.forward} vs ${forward}`,
      );
    }
  });

  it('SPX put and call vols agree near the parity forward (within the bid/ask vol width)', async () => {
    const chain = await readOptionChain(`${root}data/options/SPX-Options-24jan2011.csv`, 'cboe');
    let compared = 0;
    for (const expiry of chainExpiries(chain, chain.asOf, 0)) {
      const smile = expirySmile(expiry, 'all');
      const near = smile.points.filter((p) => Math.abs(p.strike - smile.forward) <= 30);
      for (const call of near.filter((p) => p.type === 'call')) {
        const put = near.find((p) => p.type === 'put' && p.strike === call.strike);
        if (!put || call.bidVolatility === null || call.askVolatility === null) continue;
        compared++;
        const width = call.askVolatility - call.bidVolatility;
        assert.ok(Math.abs(put.midVolatility - call.midVolatility) < width, `${expiry.label} ${call.strike}`);
      }
    }
    assert.ok(compared >= 30, String(compared));
  });
});
