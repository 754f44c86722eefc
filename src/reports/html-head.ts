/** Adding a stylesheet to a finished HTML document (one of `renderPage`'s, or any other). */
import { BourseError } from '../core/errors.js';

/**
 * `html` with `<style>css</style>` inserted just before its first `</head>`, so the rules follow
 * (and, at equal specificity, win over) the document's own stylesheet.
 */
export function withHeadStyle(html: string, css: string): string {
  const at = html.search(/<\/head>/i);
  if (at < 0)
    throw new BourseError('REPORT_INVALID', 'the HTML document has no </head> to add a stylesheet to');
  return `${html.slice(0, at)}<style>${css}</style>\n${html.slice(at)}`;
}
