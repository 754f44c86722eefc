/**
 * Typed errors: each has a stable `code` a program can switch on and a message a person can act on.
 */
export class BourseError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Invalid configuration; `path` is the dotted key that is wrong (e.g. `risk.maxOrderQuantity`). */
export class ConfigError extends BourseError {
  readonly path: string;
  constructor(path: string, message: string) {
    super('CONFIG_INVALID', path ? `${path}: ${message}` : message);
    this.path = path;
  }
}

export interface DataErrorLocation {
  file?: string;
  line?: number;
  field?: string;
  value?: string;
}

/** Bad market data input, naming the file, line, field and value where known. */
export class DataError extends BourseError {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly value?: string;
  constructor(message: string, where: DataErrorLocation = {}, code = 'DATA_INVALID') {
    const parts: string[] = [];
    if (where.file !== undefined)
      parts.push(where.line !== undefined ? `${where.file}:${where.line}` : where.file);
    if (where.field !== undefined) parts.push(`field '${where.field}'`);
    if (where.value !== undefined) parts.push(`value '${where.value}'`);
    super(code, parts.length > 0 ? `${parts.join(', ')}: ${message}` : message);
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
    this.value = where.value;
  }
}

/** An order event that its current state does not allow. */
export class InvalidStateTransition extends BourseError {
  constructor(what: string, from: string, event: string, detail?: string) {
    super(
      'INVALID_STATE_TRANSITION',
      `${what}: event ${event} is not allowed in state ${from}${detail ? ` (${detail})` : ''}`,
    );
  }
}

/** A lookup of something the kernel does not know (instrument, order, strategy…). */
export class NotFoundError extends BourseError {
  constructor(kind: string, id: string) {
    super('NOT_FOUND', `unknown ${kind} '${id}'`);
  }
}
