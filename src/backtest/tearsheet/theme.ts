/** Shared look of the tearsheet: the colour palette and the chart width. */

export const GREEN = '#1a7f37';
export const RED = '#cf222e';
export const BLUE = '#0969da';
export const GREY = '#6e7781';

/** viewBox width of every chart (they scale with the page). */
export const CHART_WIDTH = 1120;

/** The benchmark's series. */
export const ORANGE = '#bc4c00';
