/** Writes docs/indicators.md from the indicator registry. */
import { writeFileSync } from 'node:fs';
import { renderIndicatorDocs } from '../src/indicators/docs.js';
import { indicatorDefinitions } from '../src/indicators/registry.js';

const target = new URL('../docs/indicators.md', import.meta.url);
writeFileSync(target, renderIndicatorDocs(indicatorDefinitions()));
process.stdout.write(`wrote ${target.pathname} (${indicatorDefinitions().length} indicators)\n`);
