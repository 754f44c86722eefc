/**
 * `bourse surface fit`: fits SVI and/or SABR smiles per expiry to a bundled option chain and prints
 * per expiry the parameters, quotes used, fit errors and the arbitrage checks (docs/analytics/volatility.md).
 * ES futures options (`--format es-fop`): Black-76 on the future's mid, discounted at `--rate`
 * (default 1.55 %, the 3-month US T-bill yield in early January 2020), out-of-the-money quotes only
 * (the American early-exercise premium of OTM futures options is negligible). CBOE SPX dumps
 * (`--format cboe`): standard AM-settled SPX expiries only (SPXW weeklies and SPXPM PM-settled
 * quarterlies dropped), forward and discount factor per expiry from put–call parity.
 */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import {
  type ChainFit,
  type ExpiryQuotes,
  expirySmile,
  fitChain,
  type SmileModel,
} from '../analytics/volatility/index.js';
import {
  type OptionChain,
  type OptionChainFormat,
  readOptionChain,
  yearsToExpiry,
} from '../data/readers/option-chains.js';
import { renderSmileReport } from '../reports/smile-report.js';

interface SurfaceFitFlags {
  input: string;
  format: OptionChainFormat;
  asOf?: string;
  model: SmileModel;
  report?: string;
  json?: boolean;
  rate: string;
  beta: string;
}

/** Expiries with fewer quotes than this are left out (e.g. a single listed strike). */
export const MINIMUM_QUOTES_PER_EXPIRY = 10;

/** Groups a chain's usable quotes by expiry (see the module doc for what is kept). */
export function chainExpiries(chain: OptionChain, asOf: string, rate: number): ExpiryQuotes[] {
  const groups = new Map<string, OptionChain['quotes'][number][]>();
  for (const q of chain.quotes) {
    if (chain.format === 'cboe' && q.root !== 'SPX') continue;
    const group = groups.get(q.expiryDate) ?? [];
    group.push(q);
    groups.set(q.expiryDate, group);
  }
  return [...groups]
    .filter(([, quotes]) => quotes.length >= MINIMUM_QUOTES_PER_EXPIRY)
    .map(([label, quotes]) => {
      const first = quotes[0];
      const futureMid =
        first.underlyingBid !== undefined && first.underlyingAsk !== undefined
          ? (first.underlyingBid + first.underlyingAsk) / 2
          : undefined;
      return {
        label,
        time: yearsToExpiry(asOf, first.expiryUtc),
        quotes: quotes.map(({ type, strike, bid, ask }) => ({ type, strike, bid, ask })),
        ...(futureMid !== undefined ? { forward: futureMid, rate } : {}),
      };
    })
    .filter((e) => e.time > 0);
}

/** Reads, filters and fits a chain file. */
export async function fitChainFile(
  input: string,
  format: OptionChainFormat,
  options: { asOf?: string; model?: SmileModel; rate?: number; beta?: number } = {},
): Promise<{ chain: OptionChain; asOf: string; fit: ChainFit }> {
  const chain = await readOptionChain(input, format);
  const asOf = options.asOf ?? chain.asOf;
  if (!Number.isFinite(Date.parse(asOf))) throw new RangeError(`as-of must be an ISO-8601 time, got ${asOf}`);
  const smiles = chainExpiries(chain, asOf, options.rate ?? 0.0155).map((e) => expirySmile(e));
  const fit = fitChain(smiles, { model: options.model ?? 'both', sabrBeta: options.beta ?? 1 });
  return { chain, asOf, fit };
}

/** The JSON document of `--json`. */
export function surfaceJson(input: string, asOf: string, fit: ChainFit): unknown {
  return {
    input,
    asOf,
    expiries: fit.expiries.map((e) => ({
      expiry: e.smile.label,
      time: e.smile.time,
      forward: e.smile.forward,
      rate: e.smile.rate,
      forwardSource: e.smile.parity ? 'put-call parity' : 'future mid',
      quotesOffered: e.smile.quoteCount,
      quotesUsed: e.smile.points.length,
      dropped: e.smile.dropped,
      svi: e.svi,
      sabr: e.sabr,
    })),
    calendar: fit.calendar,
  };
}

function printText(input: string, asOf: string, fit: ChainFit): void {
  const lines = [`${input} as of ${asOf}`];
  for (const e of fit.expiries) {
    const s = e.smile;
    const dropped = Object.entries(s.dropped)
      .filter(([, c]) => c > 0)
      .map(([r, c]) => `${c} ${r}`)
      .join(', ');
    lines.push(
      `expiry ${s.label}  T=${s.time.toFixed(4)}  F=${s.forward.toFixed(2)} (${s.parity ? 'parity' : 'future mid'})  quotes ${s.points.length}/${s.quoteCount}${dropped ? ` (dropped ${dropped})` : ''}`,
    );
    if (e.svi) {
      const p = e.svi.parameters;
      lines.push(
        `  SVI   a=${p.a.toFixed(6)} b=${p.b.toFixed(6)} rho=${p.rho.toFixed(4)} m=${p.m.toFixed(5)} sigma=${p.sigma.toFixed(5)}  RMSE ${e.svi.rmseVolPoints.toFixed(3)} vol pts, max ${e.svi.maxAbsErrorVolPoints.toFixed(3)}  butterfly ${e.svi.butterfly.arbitrageFree ? 'none' : 'ARBITRAGE'} (min g ${e.svi.butterfly.minimumG.toFixed(4)} at k=${e.svi.butterfly.atLogMoneyness.toFixed(3)}${e.svi.repaired ? ', repaired' : ''})`,
      );
    }
    if (e.sabr) {
      const p = e.sabr.parameters;
      lines.push(
        `  SABR  alpha=${p.alpha.toFixed(5)} beta=${p.beta} rho=${p.rho.toFixed(4)} nu=${p.nu.toFixed(4)}  RMSE ${e.sabr.rmseVolPoints.toFixed(3)} vol pts, max ${e.sabr.maxAbsErrorVolPoints.toFixed(3)}  butterfly ${e.sabr.butterfly.arbitrageFree ? 'none' : 'ARBITRAGE'}`,
      );
    }
  }
  if (fit.calendar) {
    const c = fit.calendar;
    const withSvi = fit.expiries.filter((e) => e.svi !== undefined);
    const pair = `${withSvi[c.pairIndex]?.smile.label} → ${withSvi[c.pairIndex + 1]?.smile.label}`;
    lines.push(
      `calendar (SVI, over each pair's common quoted k range): ${c.arbitrageFree ? 'no arbitrage' : `${c.violations} violations, worst decrease ${c.minimumIncrease.toExponential(2)} of total variance at k=${c.atLogMoneyness.toFixed(3)} (${pair})`}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Registers `bourse surface fit`. */
export function addSurfaceCommand(program: Command): void {
  const surface = program.command('surface').description('implied volatility surfaces (SVI, SABR)');
  surface
    .command('fit')
    .description('fit SVI and/or SABR smiles per expiry to an option chain, with arbitrage checks')
    .requiredOption('--input <file>', 'option chain file')
    .addOption(
      new Option('--format <format>', 'chain layout').choices(['es-fop', 'cboe']).makeOptionMandatory(),
    )
    .option('--as-of <iso>', 'valuation time (default: the chain’s quote time)')
    .addOption(
      new Option('--model <model>', 'models to fit').choices(['svi', 'sabr', 'both']).default('both'),
    )
    .option('--rate <decimal>', 'discount rate of futures options (es-fop)', '0.0155')
    .option('--beta <decimal>', 'SABR beta (fixed)', '1')
    .option('--report <file.html>', 'write the smile report (HTML with SVG charts)')
    .option('--json', 'print JSON instead of text')
    .action(async (flags: SurfaceFitFlags) => {
      const rate = Number(flags.rate);
      if (!Number.isFinite(rate)) throw new RangeError(`rate must be a finite number, got ${flags.rate}`);
      const beta = Number(flags.beta);
      const { asOf, fit } = await fitChainFile(flags.input, flags.format, {
        asOf: flags.asOf,
        model: flags.model,
        rate,
        beta,
      });
      if (flags.report) {
        const html = renderSmileReport(fit, {
          title: `Volatility smiles — ${flags.input}`,
          subtitle: `as of ${asOf}`,
        });
        await writeFile(flags.report, html);
      }
      if (flags.json)
        process.stdout.write(`${JSON.stringify(surfaceJson(flags.input, asOf, fit), null, 2)}\n`);
      else printText(flags.input, asOf, fit);
    });
}
