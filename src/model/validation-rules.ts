/**
 * Data validation rules and what may be done about each (docs/data.md, "Validation").
 *
 * Policies: `reject` drops the record (counted), `repair` fixes it where a fix exists, `keep`
 * keeps it unchanged and lists it in the report, `fail` stops the import with a DataError naming
 * the file and line. Each rule allows the policies that make sense for it.
 */
export type ValidationRule =
  | 'out-of-order'
  | 'crossed-quote'
  | 'locked-quote'
  | 'non-finite'
  | 'non-positive-price'
  | 'non-positive-size'
  | 'off-grid'
  | 'duplicate-trade-id'
  | 'duplicate-bar'
  | 'sequence-gap';

export type ValidationPolicy = 'reject' | 'repair' | 'keep' | 'fail';

export interface RuleSpec {
  readonly description: string;
  readonly allowed: readonly ValidationPolicy[];
  readonly defaultPolicy: ValidationPolicy;
  /** What `repair` does, when allowed. */
  readonly repair?: string;
}

export const VALIDATION_RULES: Readonly<Record<ValidationRule, RuleSpec>> = {
  'out-of-order': {
    description: 'timestamp earlier than the previous record of the stream',
    allowed: ['reject', 'repair', 'keep', 'fail'],
    defaultPolicy: 'fail',
    repair: 'the timestamp is raised to the previous one (order kept, time clamped)',
  },
  'crossed-quote': {
    description: 'bid above ask',
    allowed: ['reject', 'keep', 'fail'],
    defaultPolicy: 'reject',
  },
  'locked-quote': {
    description: 'bid equal to ask',
    allowed: ['reject', 'keep', 'fail'],
    defaultPolicy: 'keep',
  },
  'non-finite': {
    description: 'a price or size that is NaN or infinite',
    allowed: ['reject', 'fail'],
    defaultPolicy: 'fail',
  },
  'non-positive-price': {
    description: 'a price <= 0',
    allowed: ['reject', 'keep', 'fail'],
    defaultPolicy: 'fail',
  },
  'non-positive-size': {
    description: 'a trade or bar volume < 0, a trade size <= 0, or a quote size < 0',
    allowed: ['reject', 'keep', 'fail'],
    defaultPolicy: 'reject',
  },
  'off-grid': {
    description: "a price that is not a multiple of the instrument's tick size",
    allowed: ['reject', 'repair', 'fail'],
    defaultPolicy: 'fail',
    repair: 'the price is rounded to the nearest tick',
  },
  'duplicate-trade-id': {
    description: 'a trade id already seen in this stream',
    allowed: ['reject', 'keep', 'fail'],
    defaultPolicy: 'reject',
  },
  'duplicate-bar': {
    description: 'a bar at the same time as the previous bar of its bar type (one bar per time)',
    allowed: ['reject', 'keep', 'fail'],
    defaultPolicy: 'reject',
  },
  'sequence-gap': {
    description: 'a feed sequence number that skips (or repeats) numbers',
    allowed: ['keep', 'fail'],
    defaultPolicy: 'keep',
  },
};

export const RULE_NAMES = Object.keys(VALIDATION_RULES) as ValidationRule[];

export type ValidationPolicies = Partial<Record<ValidationRule, ValidationPolicy>>;

/** The policy of every rule: defaults overridden by `policies`; a policy a rule does not allow throws. */
export function resolvePolicies(policies: ValidationPolicies = {}): Record<ValidationRule, ValidationPolicy> {
  const out = {} as Record<ValidationRule, ValidationPolicy>;
  for (const rule of RULE_NAMES) {
    const spec = VALIDATION_RULES[rule];
    const policy = policies[rule] ?? spec.defaultPolicy;
    if (!spec.allowed.includes(policy)) {
      throw new RangeError(
        `validation rule '${rule}' does not allow policy '${policy}' (allowed: ${spec.allowed.join(', ')})`,
      );
    }
    out[rule] = policy;
  }
  for (const key of Object.keys(policies)) {
    if (!(key in VALIDATION_RULES))
      throw new RangeError(`unknown validation rule '${key}' (known: ${RULE_NAMES.join(', ')})`);
  }
  return out;
}
