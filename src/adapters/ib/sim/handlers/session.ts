/** Session requests: startApi, reqCurrentTime, reqIds, reqManagedAccts. */
import { IncomingMessageId, TwsErrorCode } from '../../protocol/message-ids.js';
import {
  currentTimeMessage,
  DEFAULT_ERROR_TEXT,
  errorMessage,
  managedAccountsMessage,
  nextValidIdMessage,
} from '../messages.js';
import type { RequestHandler } from './types.js';

const FARM_NOTICES = [
  TwsErrorCode.MARKET_DATA_FARM_OK,
  TwsErrorCode.HMDS_FARM_OK,
  TwsErrorCode.SEC_DEF_FARM_OK,
];

const startApi: RequestHandler = (sim, c, r, version) => {
  r.int('version');
  const clientId = r.int('clientId');
  r.optionalStr('optionalCapabilities');
  if (c.clientId !== undefined) {
    sim.send(c, errorMessage(version, -1, TwsErrorCode.VALIDATION, 'startApi was already received'));
    return;
  }
  const taken = [...sim.connections()].some((o) => o !== c && o.clientId === clientId);
  if (taken) {
    sim.send(
      c,
      errorMessage(
        version,
        -1,
        TwsErrorCode.CLIENT_ID_IN_USE,
        'Unable to connect as the client id is already in use. Retry with a unique client id.',
      ),
    );
    sim.close(c, `client id ${clientId} is already in use`);
    return;
  }
  c.clientId = clientId;
  sim.log.info(`ib-gateway-sim: #${c.id} started API as client ${clientId}`);
  sim.send(c, managedAccountsMessage(sim.accounts));
  sim.send(c, nextValidIdMessage(sim.nextOrderId()));
  if (sim.farmNotices)
    for (const code of FARM_NOTICES) sim.send(c, errorMessage(version, -1, code, DEFAULT_ERROR_TEXT[code]));
};

export const SESSION_HANDLERS: Readonly<Record<number, RequestHandler>> = {
  [IncomingMessageId.START_API]: startApi,
  [IncomingMessageId.REQ_CURRENT_TIME]: (sim, c) => {
    sim.send(c, currentTimeMessage(Math.floor(sim.now() / 1_000_000)));
  },
  [IncomingMessageId.REQ_IDS]: (sim, c, r) => {
    r.int('version');
    r.int('numIds');
    sim.send(c, nextValidIdMessage(sim.nextOrderId()));
  },
  [IncomingMessageId.REQ_MANAGED_ACCTS]: (sim, c) => {
    sim.send(c, managedAccountsMessage(sim.accounts));
  },
};
