import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wassersteinDistance } from '../../src/analytics/drift/index.js';
import { readLogReturns } from '../../src/cli/regime-command.js';
import { bourse } from '../support/cli.js';

describe('bourse regime', () => {
  it('fits the HMM, CUSUM and BOCPD on the S&P 500 file and prints JSON with dated regimes', () => {
    const run = bourse('regime', '--data', 'data/sp500-2000.csv', '--json');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.returns, 5104);
    assert.equal(report.hmm.states.length, 2);
    const [calm, turbulent] = report.hmm.states;
    assert.ok(calm.annualisedVol < 0.14 && turbulent.annualisedVol > 0.27);
    for (const row of report.hmm.transition) assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-12);
    const crisis = report.hmm.periods.find(
      (p: { state: number; start: string; end: string }) =>
        p.state === 1 && p.start <= '2008-10-01' && p.end >= '2008-12-31',
    );
    assert.ok(crisis, 'a high-vol period covering Q4 2008');
    assert.ok(report.cusum.alarms.some((a: { alarm: string }) => a.alarm.startsWith('2008-10')));
    assert.ok(report.bocpd.changePoints.some((d: string) => d.startsWith('2020-02')));
  });

  it('drift --split prints KS, chi-square, PSI and Wasserstein between the two periods', () => {
    const run = bourse('regime', 'drift', '--data', 'data/sp500-2000.csv', '--split', '2008-01-01', '--json');
    assert.equal(run.code, 0, run.stderr);
    const drift = JSON.parse(run.stdout);
    assert.deepEqual(drift.reference, { from: '2000-01-04', to: '2007-12-31', returns: 2009 });
    assert.equal(drift.current.returns, 3095);
    assert.ok(drift.kolmogorovSmirnov.pValue < 0.01 && drift.kolmogorovSmirnov.statistic > 0);
    assert.equal(drift.chiSquare.degreesOfFreedom, 9);
    assert.equal(drift.psi.band, 'stable');
    const all = readLogReturns('data/sp500-2000.csv', 'adjclose');
    const expected = wassersteinDistance(all.returns.slice(0, 2009), all.returns.slice(2009));
    assert.ok(Math.abs(drift.wasserstein - expected) < 1e-15);
  });

  it('exits 2 naming the bad flag', () => {
    const run = bourse('regime', '--data', 'data/sp500-2000.csv', '--states', '0');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--states must be an integer >= 1, got 0/);
  });
});
