/** The optimisation heatmap: its grid (aggregation, axis order, missing cells), colours and page. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BourseError } from '../../src/core/errors.js';
import { colourScale } from '../../src/reports/colour-scale.js';
import { heatmapGrid } from '../../src/reports/heatmap-grid.js';
import { renderOptimizationHeatmap } from '../../src/reports/optimization-heatmap.js';
import { combination } from './support.js';

/** fast × slow × quantity, objective = slow/10 - fast/100 + quantity/1000; (fast 20, slow 10) not run. */
function threeParameterResults() {
  const results = [];
  for (const quantity of [1, 2, 3])
    for (const slow of [50, 10, 30])
      for (const fast of [20, 5, 10]) {
        if (fast === 20 && slow === 10) continue;
        results.push(
          combination({ fast, slow, quantity, mode: 'long' }, slow / 10 - fast / 100 + quantity / 1000),
        );
      }
  return results;
}

const cellValue = (grid: ReturnType<typeof heatmapGrid>, row: number, column: number) =>
  grid.cells[row][column]?.best.objective;

describe('heatmapGrid', () => {
  test('sorts numeric axes and takes the best over the other parameters', () => {
    const grid = heatmapGrid(threeParameterResults(), 'fast', 'slow');
    assert.deepEqual(grid.xValues, ['5', '10', '20']);
    assert.deepEqual(grid.yValues, ['10', '30', '50']);
    assert.deepEqual(grid.otherParams, ['quantity']);
    assert.deepEqual(grid.fixedParams, { mode: 'long' });
    // Best over quantity 1..3: quantity 3.
    assert.equal(cellValue(grid, 0, 0), 10 / 10 - 5 / 100 + 3 / 1000);
    assert.equal(cellValue(grid, 2, 1), 50 / 10 - 10 / 100 + 3 / 1000);
    assert.equal(grid.cells[0][0]?.best.params.quantity, 3);
    assert.equal(grid.cells[0][0]?.combinations, 3);
    assert.equal(grid.cells[0][2], undefined, 'fast 20, slow 10 was not run');
    assert.deepEqual(grid.best, { row: 2, column: 0 });
    assert.deepEqual(grid.range, { min: 1 - 0.1 + 0.003, max: 5 - 0.05 + 0.003 });
  });

  test('a combination meeting the constraints beats a higher objective that breaks them', () => {
    const results = [
      combination({ a: 1, b: 1, c: 1 }, 9, false),
      combination({ a: 1, b: 1, c: 2 }, 2, true),
      combination({ a: 2, b: 1, c: 1 }, 7, false),
      combination({ a: 2, b: 1, c: 2 }, null, false),
    ];
    const grid = heatmapGrid(results, 'a', 'b');
    assert.equal(cellValue(grid, 0, 0), 2);
    assert.equal(grid.cells[0][0]?.best.constraintsMet, true);
    assert.equal(cellValue(grid, 0, 1), 7, 'both break: the higher objective; null ranks last');
    assert.deepEqual(grid.best, { row: 0, column: 0 });
    assert.deepEqual(grid.range, { min: 2, max: 2 }, 'colours span only the cells that meet them');
  });

  test('text values keep the given order, then the order first seen', () => {
    const results = [
      combination({ mode: 'b', side: 'short', n: 1 }, 1),
      combination({ mode: 'c', side: 'long', n: 1 }, 2),
      combination({ mode: 'a', side: 'short', n: 1 }, 3),
    ];
    const seen = heatmapGrid(results, 'mode', 'side');
    assert.deepEqual(seen.xValues, ['b', 'c', 'a']);
    assert.deepEqual(seen.yValues, ['short', 'long']);
    const given = heatmapGrid(results, 'mode', 'side', { x: ['a', 'b'], y: ['long', 'short'] });
    assert.deepEqual(given.xValues, ['a', 'b', 'c']);
    assert.deepEqual(given.yValues, ['long', 'short']);
    assert.equal(cellValue(given, 1, 0), 3);
    assert.equal(given.cells[0][0], undefined);
  });

  test('an unknown parameter or the same one twice is an error naming it', () => {
    const results = threeParameterResults();
    assert.throws(
      () => heatmapGrid(results, 'fast', 'slwo'),
      (e: unknown) =>
        e instanceof BourseError && /no parameter 'slwo'.*fast, slow, quantity, mode/.test(e.message),
    );
    assert.throws(() => heatmapGrid(results, 'fast', 'fast'), /x and y are both 'fast'/);
  });

  test('no results: no parameter to place, an error', () => {
    assert.throws(() => heatmapGrid([], 'a', 'b'), /no parameter 'a' in the results \(parameters: none\)/);
  });
});

describe('colourScale', () => {
  test('one sign: sequential from pale to dark', () => {
    const scale = colourScale(1, 3);
    assert.equal(scale.kind, 'sequential');
    assert.equal(scale.colour(1), 'rgb(255, 255, 204)');
    assert.equal(scale.colour(3), 'rgb(37, 52, 148)');
    assert.equal(scale.colour(99), scale.colour(3), 'clamped');
    assert.equal(scale.textColour(1), '#1f2328');
    assert.equal(scale.textColour(3), '#ffffff');
  });

  test('both signs: diverging with 0 in the middle colour, wherever it falls', () => {
    const scale = colourScale(-1, 3);
    assert.equal(scale.kind, 'diverging');
    assert.equal(scale.colour(-1), 'rgb(215, 48, 39)');
    assert.equal(scale.colour(0), 'rgb(254, 224, 139)');
    assert.equal(scale.colour(3), 'rgb(26, 152, 80)');
    assert.deepEqual(
      scale.stops.map((s) => s.offset),
      [0, 0.125, 0.25, 0.625, 1],
    );
  });
});

describe('heatmap page', () => {
  const html = renderOptimizationHeatmap(
    [
      ...threeParameterResults(),
      combination({ fast: 5, slow: 30, quantity: 9, mode: 'long' }, 8, false),
      combination({ fast: 10, slow: 30, quantity: 9, mode: 'long' }, 99, false),
    ],
    { x: 'fast', y: 'slow', objective: 'Sharpe ratio', subtitle: 'test' },
  );
  const count = (re: RegExp) => (html.match(re) ?? []).length;

  test('one cell per x and y, the best outlined, missing and broken ones marked', () => {
    assert.equal(count(/<td class="cell/g), 9);
    assert.equal(count(/<td class="cell missing"/g), 1);
    assert.equal(count(/class="cell best"/g), 1);
    assert.equal(count(/class="cell failed"/g), 0, 'a cell with a combination meeting them shows that one');
    assert.match(html, /<th class="row">50<\/th><td class="cell best"/);
    assert.match(html, /best Sharpe ratio over quantity/);
    assert.match(html, /Fixed: mode=long/);
    assert.doesNotMatch(html, /<script/i);
  });

  test('top 10 ranked, those meeting the constraints first', () => {
    const top = html.slice(html.indexOf('<table class="top">'));
    assert.equal((top.match(/<tr><td class="num">/g) ?? []).length, 10);
    assert.match(html, /Top 10 of 26 combinations/);
    assert.doesNotMatch(top.slice(0, top.indexOf('</tbody>')), /broken/);
  });

  test('cells whose every combination breaks the constraints are hatched, not coloured', () => {
    const page = renderOptimizationHeatmap(
      [combination({ a: 1, b: 1 }, 1, true), combination({ a: 2, b: 1 }, 5, false)],
      { x: 'a', y: 'b' },
    );
    assert.match(
      page,
      /<td class="cell failed" title="a=2 b=1: objective 5.00, constraints broken \(best of 1\)">5.00</,
    );
    assert.match(page, /<td class="cell best" style="background:rgb\(/);
  });
});
