/** What the browser tests ask a page about its SVG charts (sent as text: see CHARTS). */

export interface ChartReport {
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly plotWidth: number;
  readonly series: readonly { readonly name: string; readonly width: number }[];
}

/** Sent as text: tsx would wrap a function literal's helpers in a `__name` the page does not have. */
export const CHARTS = `(() => [...document.querySelectorAll('svg.chart')].map((svg) => {
  const box = svg.getBoundingClientRect();
  const frame = svg.querySelector('rect.frame');
  return {
    label: svg.getAttribute('aria-label'),
    width: box.width,
    height: box.height,
    plotWidth: frame ? frame.getBBox().width : 0,
    series: [...svg.querySelectorAll('path[class$="-line"]')].map((p) => ({
      name: p.getAttribute('class'),
      width: p.getBBox().width,
    })),
  };
}))()`;
