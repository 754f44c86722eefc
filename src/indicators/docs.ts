import type { IndicatorCategory, IndicatorDefinition } from './definition.js';

const CATEGORY_TITLES: Record<IndicatorCategory, string> = {
  average: 'Moving averages',
  momentum: 'Momentum',
  trend: 'Trend',
  volatility: 'Volatility',
  volume: 'Volume',
  statistics: 'Statistics',
  other: 'Other',
};

interface ParameterInfo {
  name: string;
  fallback: string;
  description: string;
}

function parameterInfo(definition: IndicatorDefinition): ParameterInfo[] {
  return Object.entries(definition.parameters.shape).map(([name, schema]) => {
    const info = schema as { description?: string; def?: { defaultValue?: unknown } };
    const fallback = info.def?.defaultValue;
    return {
      name,
      fallback: fallback === undefined ? '—' : `\`${String(fallback)}\``,
      description: info.description ?? '',
    };
  });
}

/** docs/indicators.md, generated from the registry (`npm run docs:indicators`; a test keeps it current). */
export function renderIndicatorDocs(definitions: readonly IndicatorDefinition[]): string {
  const out: string[] = [
    '# Indicators',
    '',
    '<!-- Generated from src/indicators by `npm run docs:indicators`; do not edit by hand. -->',
    '',
    'Every indicator is streaming: O(1) work per input (amortised; CCI, mean deviation and ALMA need',
    'the whole window by definition and cost O(period)) and no allocation on the hot path. It exposes',
    '`warmup` (inputs consumed before the first value) and `isReady`, keeps its outputs in number',
    'fields (`value` is the first output; NaN while warming up), and computes a whole array with',
    '`computeBatch`, which drives the same streaming code, so batch and streaming agree exactly.',
    '',
    'Conventions: the published definitions as TA-Lib and Wilder give them. Wilder smoothing',
    '(alpha = 1/period) for RSI, ATR and ADX; EMAs seeded with the simple average of their first',
    '`period` values; population standard deviation for Bollinger Bands; `stoch` is the slow',
    'stochastic. A value first appears on the bar where the definition allows it — never a made-up',
    'one during warm-up. Tests compare each indicator with TA-Lib 0.4.0 where TA-Lib has it, and',
    'otherwise with hand-computed examples and a direct implementation of the published formula.',
    '',
    'From a strategy: `this.registerIndicator(barType, new RelativeStrengthIndex(14))` — the engine',
    'updates it with each bar before `onBar`. Indicators of indicators: `new Chain(new',
    "RelativeStrengthIndex(14), 'value', new SimpleMovingAverage(5))` is an SMA of RSI. From the command line:",
    '`bourse indicator rsi --data data/2006-day-001.txt --param period=14 [--json]`;',
    '`bourse indicator --list` shows them all.',
    '',
  ];
  const categories = [...new Set(definitions.map((d) => d.category))];
  out.push('| category | indicators |', '|---|---|');
  for (const category of categories) {
    const names = definitions
      .filter((d) => d.category === category)
      .map((d) => `[\`${d.name}\`](#${d.name})`);
    out.push(`| ${CATEGORY_TITLES[category]} | ${names.join(' ')} |`);
  }
  out.push('');
  for (const category of categories) {
    out.push(`## ${CATEGORY_TITLES[category]}`, '');
    for (const d of definitions.filter((x) => x.category === category)) {
      out.push(
        `### ${d.name}`,
        '',
        `**${d.title}** — ${d.input} input; outputs: ${d.outputs.map((o) => `\`${o}\``).join(', ')}.`,
        '',
      );
      const params = parameterInfo(d);
      if (params.length > 0) {
        out.push('| parameter | default | meaning |', '|---|---|---|');
        for (const p of params) out.push(`| \`${p.name}\` | ${p.fallback} | ${p.description} |`);
        out.push('');
      }
      out.push(
        d.formula.trim(),
        '',
        `Warm-up: ${d.warmupText}.`,
        '',
        `Reference values in tests: ${d.reference}.`,
        '',
      );
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
