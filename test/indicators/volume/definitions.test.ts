import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { volumeDefinitions } from '../../../src/indicators/volume/index.js';
import { ORCL, stream } from '../support/data.js';
import { firstValueIndex } from '../trend/properties.js';

for (const definition of volumeDefinitions) {
  test(`definition ${definition.name}: defaults, described parameters, outputs, warm-up`, () => {
    assert.equal(definition.category, 'volume');
    assert.equal(definition.input, 'bar');
    assert.match(definition.name, /^[a-z]+$/);
    for (const [key, schema] of Object.entries(definition.parameters.shape)) {
      assert.ok((schema as { description?: string }).description, `${key} has no description`);
    }
    const params = definition.parameters.parse({}) as z.infer<typeof definition.parameters>;
    const indicator = definition.create(params);
    assert.deepEqual([...indicator.outputs], [...definition.outputs]);
    const primary = stream(indicator, ORCL.slice(0, 300))[definition.outputs[0]];
    assert.equal(firstValueIndex(primary), indicator.warmup);
    for (const text of [definition.title, definition.formula, definition.warmupText, definition.reference]) {
      assert.ok(text.length > 0);
    }
  });
}
