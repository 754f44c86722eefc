/**
 * TWS API message ids, named from the gateway's (the simulator's) side of the socket:
 * `IncomingMessageId` = client → server requests (EClient "OUT" ids),
 * `OutgoingMessageId` = server → client messages (EDecoder "IN" ids).
 */
export const IncomingMessageId = {
  REQ_MKT_DATA: 1,
  CANCEL_MKT_DATA: 2,
  PLACE_ORDER: 3,
  CANCEL_ORDER: 4,
  REQ_OPEN_ORDERS: 5,
  REQ_ACCOUNT_UPDATES: 6,
  REQ_EXECUTIONS: 7,
  REQ_IDS: 8,
  REQ_CONTRACT_DETAILS: 9,
  REQ_MKT_DEPTH: 10,
  CANCEL_MKT_DEPTH: 11,
  REQ_AUTO_OPEN_ORDERS: 15,
  REQ_ALL_OPEN_ORDERS: 16,
  REQ_MANAGED_ACCTS: 17,
  REQ_HISTORICAL_DATA: 20,
  CANCEL_HISTORICAL_DATA: 25,
  REQ_CURRENT_TIME: 49,
  REQ_REAL_TIME_BARS: 50,
  CANCEL_REAL_TIME_BARS: 51,
  REQ_GLOBAL_CANCEL: 58,
  REQ_MARKET_DATA_TYPE: 59,
  REQ_POSITIONS: 61,
  REQ_ACCOUNT_SUMMARY: 62,
  CANCEL_ACCOUNT_SUMMARY: 63,
  CANCEL_POSITIONS: 64,
  START_API: 71,
  REQ_TICK_BY_TICK_DATA: 97,
  CANCEL_TICK_BY_TICK_DATA: 98,
} as const;
export type IncomingMessageId = (typeof IncomingMessageId)[keyof typeof IncomingMessageId];

export const OutgoingMessageId = {
  TICK_PRICE: 1,
  TICK_SIZE: 2,
  ORDER_STATUS: 3,
  ERROR: 4,
  OPEN_ORDER: 5,
  ACCOUNT_VALUE: 6,
  PORTFOLIO_VALUE: 7,
  ACCOUNT_UPDATE_TIME: 8,
  NEXT_VALID_ID: 9,
  CONTRACT_DATA: 10,
  EXECUTION_DATA: 11,
  MARKET_DEPTH: 12,
  MARKET_DEPTH_L2: 13,
  MANAGED_ACCTS: 15,
  HISTORICAL_DATA: 17,
  TICK_GENERIC: 45,
  TICK_STRING: 46,
  CURRENT_TIME: 49,
  REAL_TIME_BARS: 50,
  CONTRACT_DATA_END: 52,
  OPEN_ORDER_END: 53,
  ACCOUNT_DOWNLOAD_END: 54,
  EXECUTION_DATA_END: 55,
  TICK_SNAPSHOT_END: 57,
  MARKET_DATA_TYPE: 58,
  COMMISSION_REPORT: 59,
  POSITION: 61,
  POSITION_END: 62,
  ACCOUNT_SUMMARY: 63,
  ACCOUNT_SUMMARY_END: 64,
  TICK_REQ_PARAMS: 81,
  HISTORICAL_DATA_UPDATE: 90,
  TICK_BY_TICK: 99,
  HISTORICAL_DATA_END: 108,
} as const;
export type OutgoingMessageId = (typeof OutgoingMessageId)[keyof typeof OutgoingMessageId];

const incomingNames = new Map<number, string>(Object.entries(IncomingMessageId).map(([k, v]) => [v, k]));
const outgoingNames = new Map<number, string>(Object.entries(OutgoingMessageId).map(([k, v]) => [v, k]));

/** `REQ_CURRENT_TIME` for 49, or undefined for an id we do not know. */
export function incomingMessageName(id: number): string | undefined {
  return incomingNames.get(id);
}

export function outgoingMessageName(id: number): string | undefined {
  return outgoingNames.get(id);
}

/** TWS error / notice codes used by the simulator (see the research notes' table). */
export const TwsErrorCode = {
  PACING: 100,
  NO_SECURITY_DEFINITION: 200,
  VALIDATION: 321,
  CLIENT_ID_IN_USE: 326,
  CONNECT_FAIL: 502,
  UPDATE_TWS: 503,
  NOT_CONNECTED: 504,
  UNKNOWN_ID: 505,
  CONNECTIVITY_LOST: 1100,
  CONNECTIVITY_RESTORED_DATA_LOST: 1101,
  CONNECTIVITY_RESTORED_DATA_KEPT: 1102,
  MARKET_DATA_FARM_OK: 2104,
  HMDS_FARM_OK: 2106,
  SEC_DEF_FARM_OK: 2158,
  FARM_BROKEN: 2110,
} as const;

/** Server versions (MIN_SERVER_VER_* of the official client) that change a layout we speak. */
export const ServerVersion = {
  SIZE_RULES: 164,
  ADVANCED_ORDER_REJECT: 166,
  BOND_ISSUERID: 176,
} as const;
