/** The rules table lives in the model (the config schema reads it too); re-exported here. */
export * from '../../model/validation-rules.js';
