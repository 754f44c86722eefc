import cliProgress from 'cli-progress';

/** A terminal progress bar with ETA on stderr, or nothing when stderr is not a terminal. */
export function progressBar(
  label: string,
  enabled: boolean,
): { update: (done: number, total: number) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      } else if (total !== bar.getTotal()) bar.setTotal(total); // a total that grows (walk-forward)
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
