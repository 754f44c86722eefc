import { BourseError } from '../../../core/errors.js';

/** A request got no (complete) answer in time. */
export class IbRequestTimeout extends BourseError {
  constructor(
    readonly request: string,
    readonly reqId: number,
    readonly timeoutMs: number,
  ) {
    super(
      'IB_REQUEST_TIMEOUT',
      `IB request ${request} (reqId ${reqId}) got no answer within ${timeoutMs} ms`,
    );
  }
}

/** IB answered a request with an error message (`error(reqId, code, message)`). */
export class IbRequestError extends BourseError {
  constructor(
    readonly request: string,
    readonly reqId: number,
    readonly ibCode: number,
    readonly ibMessage: string,
  ) {
    super('IB_REQUEST_ERROR', `IB request ${request} (reqId ${reqId}) failed: error ${ibCode}: ${ibMessage}`);
  }
}

/** A request could not be sent or answered because the connection is down or closed. */
export class IbNotConnected extends BourseError {
  constructor(what: string, why: string) {
    super('IB_NOT_CONNECTED', `${what}: not connected to IB (${why})`);
  }
}

/** A symbol or contract spec IB does not know, or that is ambiguous. */
export class IbContractError extends BourseError {
  constructor(message: string) {
    super('IB_CONTRACT', message);
  }
}

/**
 * Codes IB sends with a request id that are notices, not failures of the request
 * (farm status 2100–2199, 399 order warning, 10167 delayed market data, 10197 competing session).
 */
export function isIbWarningCode(code: number): boolean {
  return (code >= 2100 && code < 2200) || code === 399 || code === 10167 || code === 10197;
}
