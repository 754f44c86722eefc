/** JSON over fetch with the session cookie, the CSRF header and the API's error shape. */

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The whole response body, for answers that carry more than the error (a denied order). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
let unauthorizedListener: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request other than the login itself answers 401 (the session ended). */
export function onUnauthorized(listener: (() => void) | null): void {
  unauthorizedListener = listener;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    init.body = JSON.stringify(body ?? {});
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiRequestError(
      0,
      'NETWORK',
      `Network error: ${cause instanceof Error ? cause.message : cause}`,
    );
  }

  const payload = await readJson(response);
  if (response.ok) return payload as T;

  if (response.status === 401 && path !== '/api/login') unauthorizedListener?.();
  throw toRequestError(response, payload);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toRequestError(response: Response, payload: unknown): ApiRequestError {
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  const message =
    typeof error?.message === 'string' ? error.message : response.statusText || `HTTP ${response.status}`;
  const field = typeof error?.field === 'string' ? error.field : undefined;
  return new ApiRequestError(response.status, code, message, field, payload);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A user-facing message for anything a request (or other async work) threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
