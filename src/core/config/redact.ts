/** Secret redaction for logging a config: secret-like keys become `'***'`, URL passwords are masked. */
import { isPlainObject } from './key-path.js';

const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'password',
  'passwd',
  'pwd',
  'token',
  'credential',
  'credentials',
]);

/** True for keys that hold secrets: secret, password, token, apiKey, privateKey, key, api_key, … */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0);
  if (words.length === 0) return false;
  if (words.some((w) => SECRET_WORDS.has(w) || w === 'apikey')) return true;
  return words[words.length - 1] === 'key';
}

/** Hides the password in `scheme://user:password@host` strings. */
function redactUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/?#\s]*@/i, '$1:***@');
}

/**
 * A deep copy of `config` for logging, with the value of every secret-like key (see {@link isSecretKey})
 * replaced by `'***'` and passwords inside URLs masked. The input is not modified.
 */
export function redactSecrets<T>(config: T): T {
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (key !== undefined && isSecretKey(key) && value !== undefined && value !== null) return '***';
    if (typeof value === 'string') return redactUrlCredentials(value);
    if (Array.isArray(value)) return value.map((item) => visit(item, undefined));
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = visit(v, k);
      return out;
    }
    return value;
  };
  return visit(config, undefined) as T;
}
