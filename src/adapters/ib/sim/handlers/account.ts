/**
 * Account requests: reqPositions/cancelPositions, reqAccountUpdates, reqAccountSummary/cancel.
 * Updates after fills are sent by the gateway (`accountUpdateMessages`, `positionMessage`).
 */
import { IncomingMessageId } from '../../protocol/message-ids.js';
import {
  accountDownloadEndMessage,
  accountSummaryEndMessage,
  accountSummaryMessage,
  accountTimeMessage,
  accountValueMessage,
  accountValueRows,
  portfolioMessage,
  positionEndMessage,
  positionMessage,
} from '../account-messages.js';
import { errorMessage } from '../messages.js';
import { formatAccountTime } from '../time-format.js';
import type { SimAccountBook } from '../venue/account-book.js';
import { OrderErrorCode } from '../venue/types.js';
import type { RequestHandler, SimServer } from './types.js';

/** Account values, the portfolio (all positions, or those of one conId) and the update time. */
export function accountUpdateMessages(sim: SimServer, book: SimAccountBook, conId?: number): string[][] {
  const out = accountValueRows(book).map(([key, value, currency]) =>
    accountValueMessage(key, value, currency, book.account),
  );
  for (const p of book.positions())
    if (conId === undefined || p.contract.conId === conId) out.push(portfolioMessage(book, p));
  out.push(accountTimeMessage(formatAccountTime(sim.now())));
  return out;
}

const reqAccountUpdates: RequestHandler = (sim, c, r, version) => {
  r.int('version');
  const subscribe = r.bool('subscribe');
  const requested = r.optionalStr('acctCode');
  if (!subscribe) {
    c.accountUpdates = undefined;
    return;
  }
  const account = requested === '' ? sim.accounts[0] : requested;
  if (!sim.accounts.includes(account)) {
    sim.send(
      c,
      errorMessage(
        version,
        -1,
        OrderErrorCode.VALIDATION,
        `reqAccountUpdates: unknown account '${requested}'`,
      ),
    );
    return;
  }
  c.accountUpdates = account;
  for (const m of accountUpdateMessages(sim, sim.venue.account(account))) sim.send(c, m);
  sim.send(c, accountDownloadEndMessage(account));
};

const reqAccountSummary: RequestHandler = (sim, c, r) => {
  r.int('version');
  const reqId = r.int('reqId');
  r.str('group');
  const tags = new Set(
    r
      .str('tags')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  );
  for (const book of sim.venue.accounts())
    for (const [key, value, currency] of accountValueRows(book))
      if (tags.has(key) || (key === 'Currency' && tags.has('$LEDGER')))
        sim.send(c, accountSummaryMessage(reqId, book.account, key, value, currency));
  sim.send(c, accountSummaryEndMessage(reqId));
};

export const ACCOUNT_HANDLERS: Readonly<Record<number, RequestHandler>> = {
  [IncomingMessageId.REQ_POSITIONS]: (sim, c, r) => {
    r.int('version');
    c.positionUpdates = true;
    for (const book of sim.venue.accounts())
      for (const p of book.positions()) sim.send(c, positionMessage(book.account, p));
    sim.send(c, positionEndMessage());
  },
  [IncomingMessageId.CANCEL_POSITIONS]: (_sim, c, r) => {
    r.int('version');
    c.positionUpdates = false;
  },
  [IncomingMessageId.REQ_ACCOUNT_UPDATES]: reqAccountUpdates,
  [IncomingMessageId.REQ_ACCOUNT_SUMMARY]: reqAccountSummary,
  [IncomingMessageId.CANCEL_ACCOUNT_SUMMARY]: (_sim, _c, r) => {
    r.int('version');
    r.int('reqId');
  },
};
