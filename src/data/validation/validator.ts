import { DataError } from '../../core/errors.js';
import type { Bar, MarketData, QuoteTick, TradeTick } from '../../model/data.js';
import type { Grid } from '../../model/grid.js';
import {
  RULE_NAMES,
  resolvePolicies,
  type ValidationPolicies,
  type ValidationPolicy,
  type ValidationRule,
} from './rules.js';

export interface ValidatorOptions {
  /** Tick grid of the stream's instrument: off-grid checks and tick-exact quote comparisons. */
  readonly grid?: Grid;
  readonly policies?: ValidationPolicies;
  /** Named in errors and the report. */
  readonly file?: string;
  /** Examples kept per rule in the report (default 5). */
  readonly maxExamples?: number;
}

/** One problem found: which rule, what was done, where. */
export interface ValidationIssue {
  readonly rule: ValidationRule;
  readonly policy: ValidationPolicy;
  /** Index of the record in the stream (0-based). */
  readonly index: number;
  readonly line?: number;
  readonly field: string;
  readonly detail: string;
}

export interface ValidationReport {
  readonly file?: string;
  readonly checked: number;
  /** Records passed on (clean, repaired or kept with an issue). */
  readonly kept: number;
  readonly rejected: number;
  readonly repaired: number;
  /** Records kept unchanged although a rule found a problem. */
  readonly flagged: number;
  /** Problems per rule (a record can break several). */
  readonly counts: Readonly<Record<ValidationRule, number>>;
  /** The first few problems of each rule. */
  readonly examples: readonly ValidationIssue[];
}

type Verdict = 'ok' | 'repaired' | 'flagged' | 'rejected';

/**
 * Checks one time-ordered stream of kernel data, record by record (no lookahead, constant memory
 * except the set of trade ids seen): each problem is counted under its rule and handled by that
 * rule's policy. `check` returns the record to keep (the same object, or a repaired copy) or
 * undefined when rejected; a `fail` policy throws a DataError naming file, line, field and value.
 */
export class StreamValidator {
  private readonly policies: Record<ValidationRule, ValidationPolicy>;
  private readonly grid: Grid | undefined;
  private readonly maxExamples: number;
  private readonly counts = Object.fromEntries(RULE_NAMES.map((r) => [r, 0])) as Record<
    ValidationRule,
    number
  >;
  private readonly examples: ValidationIssue[] = [];
  private readonly tradeIds = new Set<string>();
  /** Close time of the last bar kept, per bar type. */
  private readonly barTimes = new Map<string, number>();
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastSequence: number | undefined;
  private index = -1;
  private checked = 0;
  private kept = 0;
  private rejected = 0;
  private repaired = 0;
  private flagged = 0;
  private verdict: Verdict = 'ok';
  private line: number | undefined;

  constructor(private readonly options: ValidatorOptions = {}) {
    this.policies = resolvePolicies(options.policies);
    this.grid = options.grid;
    this.maxExamples = options.maxExamples ?? 5;
  }

  check(item: MarketData, line?: number): MarketData | undefined {
    this.index++;
    this.checked++;
    this.line = line;
    this.verdict = 'ok';
    let out: MarketData | undefined = item;
    switch (item.kind) {
      case 'trade':
        out = this.checkTrade(item);
        break;
      case 'quote':
        out = this.checkQuote(item);
        break;
      case 'bar':
        out = this.checkBar(item);
        break;
      default:
        out = this.checkBook(item);
        break;
    }
    if (out !== undefined) out = this.checkOrder(out);
    if (out === undefined) {
      this.rejected++;
      return undefined;
    }
    this.kept++;
    const verdict = this.verdict as Verdict; // set by the checks above
    if (verdict === 'repaired') this.repaired++;
    else if (verdict === 'flagged') this.flagged++;
    return out;
  }

  report(): ValidationReport {
    return {
      file: this.options.file,
      checked: this.checked,
      kept: this.kept,
      rejected: this.rejected,
      repaired: this.repaired,
      flagged: this.flagged,
      counts: { ...this.counts },
      examples: [...this.examples],
    };
  }

  // ---- per kind ----

  private checkTrade(trade: TradeTick): TradeTick | undefined {
    const price = this.checkPrice(trade.price, 'price');
    if (price === undefined || !this.checkSize(trade.size, 'size', true)) return undefined;
    if (this.tradeIds.has(trade.tradeId)) {
      if (
        this.problem('duplicate-trade-id', 'trade_id', `trade id ${trade.tradeId} was seen before`) === 'drop'
      )
        return undefined;
    } else this.tradeIds.add(trade.tradeId);
    return price === trade.price ? trade : { ...trade, price };
  }

  private checkQuote(quote: QuoteTick): QuoteTick | undefined {
    const bid = this.checkPrice(quote.bidPrice, 'bid_price');
    const ask = bid === undefined ? undefined : this.checkPrice(quote.askPrice, 'ask_price');
    if (bid === undefined || ask === undefined) return undefined;
    if (
      !this.checkSize(quote.bidSize, 'bid_size', false) ||
      !this.checkSize(quote.askSize, 'ask_size', false)
    )
      return undefined;
    const grid = this.grid;
    const b = grid ? grid.toTicks(bid) : bid;
    const a = grid ? grid.toTicks(ask) : ask;
    if (b > a && this.problem('crossed-quote', 'bid_price', `bid ${bid} > ask ${ask}`) === 'drop')
      return undefined;
    if (b === a && this.problem('locked-quote', 'bid_price', `bid ${bid} = ask ${ask}`) === 'drop')
      return undefined;
    return bid === quote.bidPrice && ask === quote.askPrice
      ? quote
      : { ...quote, bidPrice: bid, askPrice: ask };
  }

  private checkBar(bar: Bar): Bar | undefined {
    const open = this.checkPrice(bar.open, 'open');
    const high = open === undefined ? undefined : this.checkPrice(bar.high, 'high');
    const low = high === undefined ? undefined : this.checkPrice(bar.low, 'low');
    const close = low === undefined ? undefined : this.checkPrice(bar.close, 'close');
    if (open === undefined || high === undefined || low === undefined || close === undefined)
      return undefined;
    if (!this.checkSize(bar.volume, 'volume', false)) return undefined;
    if (open === bar.open && high === bar.high && low === bar.low && close === bar.close) return bar;
    return { ...bar, open, high, low, close };
  }

  /** Book data carries integer ticks: finite, positive (NaN allowed where a row has no price), sizes >= 0. */
  private checkBook(item: Exclude<MarketData, TradeTick | QuoteTick | Bar>): MarketData | undefined {
    if (item.kind === 'book' || item.kind === 'book-level') {
      if (!Number.isFinite(item.size) && this.problem('non-finite', 'size', `size ${item.size}`) === 'drop')
        return undefined;
      if (item.size < 0 && this.problem('non-positive-size', 'size', `size ${item.size}`) === 'drop')
        return undefined;
      const tick = item.priceTicks;
      if (item.kind === 'book-level' || !Number.isNaN(tick)) {
        if (!Number.isFinite(tick) && this.problem('non-finite', 'price', `price ticks ${tick}`) === 'drop')
          return undefined;
        if (!Number.isInteger(tick) && this.problem('off-grid', 'price', `price ticks ${tick}`) === 'drop')
          return undefined;
      }
    }
    return item;
  }

  // ---- shared checks ----

  /** The price to keep (repaired onto the grid), or undefined when the record is dropped. */
  private checkPrice(price: number, field: string): number | undefined {
    if (!Number.isFinite(price)) {
      this.problem('non-finite', field, `${field} ${price}`);
      return undefined; // non-finite allows reject or fail only
    }
    if (price <= 0 && this.problem('non-positive-price', field, `${field} ${price}`) === 'drop')
      return undefined;
    const grid = this.grid;
    if (grid === undefined || grid.contains(price)) return price;
    const action = this.problem(
      'off-grid',
      field,
      `${field} ${price} is not a multiple of ${grid.increment}`,
    );
    if (action === 'drop') return undefined;
    return grid.round(price);
  }

  private checkSize(size: number, field: string, strict: boolean): boolean {
    if (!Number.isFinite(size)) {
      this.problem('non-finite', field, `${field} ${size}`);
      return false;
    }
    if (strict ? size <= 0 : size < 0)
      return this.problem('non-positive-size', field, `${field} ${size}`) !== 'drop';
    return true;
  }

  private checkOrder(item: MarketData): MarketData | undefined {
    let out = item;
    if (out.tsEvent < this.lastTime) {
      const action = this.problem(
        'out-of-order',
        'ts_event',
        `time ${out.tsEvent} is before the previous record's ${this.lastTime}`,
      );
      if (action === 'drop') return undefined;
      if (action === 'repair') out = { ...out, tsEvent: this.lastTime };
    }
    if (out.kind === 'bar') {
      const key = out.barType.key;
      if (
        this.barTimes.get(key) === out.tsEvent &&
        this.problem('duplicate-bar', 'ts_event', `${key} bar at ${out.tsEvent} was seen before`) === 'drop'
      )
        return undefined;
      this.barTimes.set(key, out.tsEvent);
    }
    const sequence = out.sequence;
    if (sequence !== undefined) {
      const last = this.lastSequence;
      if (last !== undefined && sequence !== last + 1)
        this.problem(
          'sequence-gap',
          'sequence',
          `sequence ${sequence} follows ${last} (expected ${last + 1})`,
        );
      this.lastSequence = sequence;
    }
    this.lastTime = out.tsEvent;
    return out;
  }

  /**
   * Counts a problem and applies its rule's policy: returns what the caller does with the record
   * (`drop`, `repair` or `keep`); `fail` throws.
   */
  private problem(rule: ValidationRule, field: string, detail: string): 'drop' | 'repair' | 'keep' {
    const policy = this.policies[rule];
    this.counts[rule]++;
    if (this.counts[rule] <= this.maxExamples)
      this.examples.push({ rule, policy, index: this.index, line: this.line, field, detail });
    if (policy === 'fail') {
      throw new DataError(
        `${rule}: ${detail}`,
        { file: this.options.file, line: this.line, field, value: detail },
        'VALIDATION_FAILED',
      );
    }
    if (policy === 'reject' || rule === 'non-finite') return 'drop';
    if (policy === 'repair') {
      if (this.verdict !== 'flagged') this.verdict = 'repaired';
      return 'repair';
    }
    this.verdict = 'flagged';
    return 'keep';
  }
}

/** Validates a whole stream: the records kept and the report. */
export function validateStream(
  items: Iterable<MarketData>,
  options: ValidatorOptions = {},
  lines?: ArrayLike<number>,
): { data: MarketData[]; report: ValidationReport } {
  const validator = new StreamValidator(options);
  const data: MarketData[] = [];
  let i = 0;
  for (const item of items) {
    const kept = validator.check(item, lines?.[i]);
    if (kept !== undefined) data.push(kept);
    i++;
  }
  return { data, report: validator.report() };
}

/** The report as text for a terminal: totals, then one line per rule that found something. */
export function formatReport(report: ValidationReport): string {
  const head = `${report.file ?? 'stream'}: ${report.checked} checked, ${report.kept} kept (${report.repaired} repaired, ${report.flagged} flagged), ${report.rejected} rejected`;
  const lines = [head];
  for (const rule of RULE_NAMES) {
    const n = report.counts[rule];
    if (n === 0) continue;
    const first = report.examples.find((e) => e.rule === rule);
    const where =
      first?.line !== undefined
        ? ` (first at line ${first.line}: ${first.detail})`
        : first
          ? ` (first: ${first.detail})`
          : '';
    lines.push(`  ${rule}: ${n}${where}`);
  }
  return lines.join('\n');
}
