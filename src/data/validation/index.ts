export {
  RULE_NAMES,
  type RuleSpec,
  resolvePolicies,
  VALIDATION_RULES,
  type ValidationPolicies,
  type ValidationPolicy,
  type ValidationRule,
} from './rules.js';
export {
  formatReport,
  StreamValidator,
  type ValidationIssue,
  type ValidationReport,
  type ValidatorOptions,
  validateStream,
} from './validator.js';
