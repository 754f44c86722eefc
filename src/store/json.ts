/** A value that survives JSON (and JSONB) unchanged. `undefined` members are dropped on write. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };
