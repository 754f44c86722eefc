/** Splitting CSV text into lines, and lines into field boundaries. */

/**
 * Lines of a CSV text: strips a UTF-8 BOM, accepts LF, CRLF (and bare CR) endings, drops trailing blank
 * lines; a missing final newline makes no difference. Element `i` of the result is file line `i + 1`.
 */
export function splitLines(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const separator = text.indexOf('\n') === -1 && text.indexOf('\r') !== -1 ? '\r' : '\n';
  const lines = text.split(separator);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  lines.length = end;
  return lines;
}

/**
 * The fields of one line as `[start, end)` offsets into `text`, reused from row to row so that reading
 * a row allocates no substrings. Fields may be double-quoted (RFC 4180, `""` for a quote inside); a
 * quoted line is unquoted into a fresh `text` first.
 */
export class LineFields {
  text = '';
  count = 0;
  private bounds = new Int32Array(64);

  /** Splits `line` on commas; false for a quote that is never closed or text after a closing quote. */
  set(line: string): boolean {
    if (line.indexOf('"') !== -1) {
      const fields = unquote(line);
      if (fields === undefined) return false;
      this.text = fields.join('\u0000');
      this.count = 0;
      let start = 0;
      for (const field of fields) {
        this.push(start, start + field.length);
        start += field.length + 1;
      }
      return true;
    }
    this.text = line;
    this.count = 0;
    let start = 0;
    for (;;) {
      const comma = line.indexOf(',', start);
      if (comma === -1) {
        this.push(start, line.length);
        return true;
      }
      this.push(start, comma);
      start = comma + 1;
    }
  }

  start(index: number): number {
    return this.bounds[2 * index];
  }

  end(index: number): number {
    return this.bounds[2 * index + 1];
  }

  /** The text of field `index` (allocates; for messages and non-numeric fields). */
  get(index: number): string {
    return this.text.slice(this.bounds[2 * index], this.bounds[2 * index + 1]);
  }

  /** All fields as strings. */
  toArray(): string[] {
    return Array.from({ length: this.count }, (_, i) => this.get(i));
  }

  private push(start: number, end: number): void {
    if (2 * this.count + 2 > this.bounds.length) {
      const grown = new Int32Array(this.bounds.length * 2);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    this.bounds[2 * this.count] = start;
    this.bounds[2 * this.count + 1] = end;
    this.count++;
  }
}

function unquote(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const quote = line.indexOf('"', j);
        if (quote === -1) return undefined;
        value += line.slice(j, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          j = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (line.charCodeAt(i) !== 44) return undefined;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      const value = line.slice(i, end);
      if (value.indexOf('"') !== -1) return undefined;
      fields.push(value);
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}
