/** Building blocks shared by the sections: the section box, notes, legends and small tables. */
import { escapeHtml } from '../format.js';

/** `<section data-section="id">` with a heading (`title` is plain text) and HTML `body` parts. */
export function section(id: string, title: string, ...body: readonly string[]): string {
  return `<section data-section="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>${body.join('')}</section>`;
}

/** A grey explanatory paragraph (plain text). */
export function note(text: string): string {
  return `<p class="note">${escapeHtml(text)}</p>`;
}

export interface LegendItem {
  readonly color: string;
  readonly label: string;
}

/** Colour swatches with labels, plus an optional trailing hint (plain text). */
export function legend(items: readonly LegendItem[], hint?: string): string {
  const swatches = items.map(
    (i) => `<span><i style="background:${escapeHtml(i.color)}"></i>${escapeHtml(i.label)}</span>`,
  );
  return `<div class="legend">${swatches.join('')}${hint ? `<span>${escapeHtml(hint)}</span>` : ''}</div>`;
}

/** A cell: `text` (plain) escaped; `attrs` is raw attribute text such as ` class="num"`. */
export function cell(text: string, attrs = ''): string {
  return `<td${attrs}>${escapeHtml(text)}</td>`;
}

/** A table with a header row of plain-text labels (`num` ones right-aligned) and HTML rows. */
export function table(
  className: string,
  headers: readonly { readonly label: string; readonly num?: boolean }[],
  rows: readonly string[],
): string {
  const head = headers.map((h) => `<th${h.num ? ' class="num"' : ''}>${escapeHtml(h.label)}</th>`).join('');
  return `<div class="scroll"><table class="${escapeHtml(className)}"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
