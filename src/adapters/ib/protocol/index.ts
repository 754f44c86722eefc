export { ProtocolError, type ProtocolErrorDetail } from './errors.js';
export {
  FieldReader,
  type FieldValue,
  FieldWriter,
  formatDouble,
  INFINITY_TEXT,
  UNSET_DOUBLE,
  UNSET_DOUBLE_TEXT,
  UNSET_INTEGER,
  UNSET_INTEGER_TEXT,
  UNSET_LONG,
  UNSET_LONG_TEXT,
} from './fields.js';
export {
  API_PREFIX,
  decodeFields,
  encodeClientHello,
  encodeFields,
  encodeMessage,
  encodeServerHello,
  FrameReader,
  type FrameReaderOptions,
  frame,
  MAX_FRAME_LENGTH,
  parseVersionMessage,
  type VersionRange,
} from './framing.js';
export {
  IncomingMessageId,
  incomingMessageName,
  OutgoingMessageId,
  outgoingMessageName,
  ServerVersion,
  TwsErrorCode,
} from './message-ids.js';
