/**
 * Colour scales for the heatmap: sequential (yellow → green → blue, YlGnBu) when the values have one
 * sign, diverging (red → pale yellow → green, RdYlGn, centred on 0) when they straddle zero.
 */

type Rgb = readonly [number, number, number];

export interface ColourStop {
  /** Position in [0, 1] along the scale. */
  readonly offset: number;
  readonly colour: string;
}

export interface ColourScale {
  readonly kind: 'sequential' | 'diverging';
  readonly min: number;
  readonly max: number;
  /** The fill colour of `value` (clamped to [min, max]), as `rgb(r, g, b)`. */
  colour(value: number): string;
  /** Black or white, whichever reads better on `colour(value)`. */
  textColour(value: number): string;
  /** Stops of a CSS gradient drawing the scale from min (offset 0) to max (offset 1). */
  readonly stops: readonly ColourStop[];
}

const SEQUENTIAL: readonly Rgb[] = [
  [255, 255, 204],
  [161, 218, 180],
  [65, 182, 196],
  [44, 127, 184],
  [37, 52, 148],
];
const DIVERGING: readonly Rgb[] = [
  [215, 48, 39],
  [252, 141, 89],
  [254, 224, 139],
  [145, 207, 96],
  [26, 152, 80],
];

function interpolate(ramp: readonly Rgb[], t: number): Rgb {
  const at = Math.min(1, Math.max(0, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(at));
  const f = at - i;
  const mix = (k: 0 | 1 | 2) => Math.round(ramp[i][k] + (ramp[i + 1][k] - ramp[i][k]) * f);
  return [mix(0), mix(1), mix(2)];
}

const css = ([r, g, b]: Rgb) => `rgb(${r}, ${g}, ${b})`;

/** Relative luminance (sRGB, WCAG). */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The scale over [min, max] (see the module comment). */
export function colourScale(min: number, max: number): ColourScale {
  const diverging = min < 0 && max > 0;
  const ramp = diverging ? DIVERGING : SEQUENTIAL;
  // Position on the ramp: diverging puts 0 in the middle, each side stretched to its own extreme.
  const position = (v: number): number => {
    if (diverging) return v < 0 ? 0.5 - 0.5 * (v / min) : 0.5 + 0.5 * (v / max);
    return max > min ? (v - min) / (max - min) : 1;
  };
  const rgb = (v: number) => interpolate(ramp, position(Math.min(max, Math.max(min, v))));
  // Diverging: the middle colour sits where 0 is on the legend.
  const zero = diverging ? -min / (max - min) : 0.5;
  const stops = ramp.map((c, i) => {
    const t = i / (ramp.length - 1);
    const offset = !diverging ? t : t <= 0.5 ? 2 * t * zero : zero + (2 * t - 1) * (1 - zero);
    return { offset, colour: css(c) };
  });
  return {
    kind: diverging ? 'diverging' : 'sequential',
    min,
    max,
    colour: (v) => css(rgb(v)),
    textColour: (v) => (luminance(rgb(v)) > 0.35 ? '#1f2328' : '#ffffff'),
    stops,
  };
}
