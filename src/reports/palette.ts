/**
 * Line colours of overlaid runs: the Okabe–Ito colour-blind-safe set (yellow left out: too pale on
 * white) and two darker tones; after eight runs the colours repeat.
 */
export const RUN_COLOURS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#6a3d9a',
  '#3b3b3b',
] as const;

/** The colour of the `index`-th run. */
export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length];
}
