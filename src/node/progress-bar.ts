/**
 * Progress of long CLI runs on stderr: on a terminal a bar redrawn in place with rate and ETA;
 * otherwise (log files, batch systems) one plain line every `intervalSeconds`, so a Slurm log
 * shows how far a job got without megabytes of carriage returns.
 */

import type { RunHooks } from '../app/ports.ts';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBarOptions {
  stream?: ProgressStream;
  /** Work units in all (e.g. trials = samples × widths); the rate and ETA are in these. */
  totalUnits: number;
  unitName: string;
  /** Seconds between plain lines when not on a terminal (default 10). */
  intervalSeconds?: number;
  /** Clock in seconds (tests inject one). */
  now?: () => number;
  /** Force the terminal or plain style (default: stream.isTTY). */
  tty?: boolean;
}

/** 3725 → "1h02m05s", 65 → "1m05s", 4.2 → "4s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(s).padStart(2, '0')}s`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

export class ProgressBar {
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly started: number;
  private readonly intervalSeconds: number;
  private lastDrawn = -Infinity;
  private doneUnits = 0;
  private detail = '';
  private finished = false;

  constructor(private readonly options: ProgressBarOptions) {
    this.stream = options.stream ?? process.stderr;
    this.tty = options.tty ?? this.stream.isTTY === true;
    this.now = options.now ?? (() => performance.now() / 1000);
    this.started = this.now();
    this.intervalSeconds = options.intervalSeconds ?? 10;
  }

  /** Units done so far (this session) and a short note (current table and mass). */
  update(doneUnits: number, detail = this.detail): void {
    this.doneUnits = doneUnits;
    this.detail = detail;
    const now = this.now();
    const interval = this.tty ? 0.1 : this.intervalSeconds;
    if (now - this.lastDrawn < interval) return;
    this.lastDrawn = now;
    this.draw(now);
  }

  /** A message that must not be overwritten by the bar (e.g. "table written"). */
  log(line: string): void {
    if (this.tty) this.stream.write(`\r\x1b[2K${line}\n`);
    else this.stream.write(`${line}\n`);
    if (this.tty && !this.finished) this.draw(this.now());
  }

  finish(summary?: string): void {
    if (this.finished) return;
    this.draw(this.now());
    this.finished = true;
    if (this.tty) this.stream.write('\n');
    if (summary) this.stream.write(`${summary}\n`);
  }

  /** The status text without the bar: percentage, rate, ETA. */
  status(now = this.now()): string {
    const total = this.options.totalUnits;
    const fraction = total > 0 ? Math.min(1, this.doneUnits / total) : 1;
    const elapsed = now - this.started;
    const rate = elapsed > 0 ? this.doneUnits / elapsed : 0;
    const eta = rate > 0 ? (total - this.doneUnits) / rate : NaN;
    return (
      `${(100 * fraction).toFixed(1)}%  ${rate > 0 ? rate.toExponential(2) : '—'} ${this.options.unitName}/s  ` +
      `elapsed ${formatDuration(elapsed)}  ETA ${fraction >= 1 ? '0s' : formatDuration(eta)}`
    );
  }

  private draw(now: number): void {
    const status = this.status(now);
    if (!this.tty) {
      this.stream.write(`progress: ${status}${this.detail ? `  ${this.detail}` : ''}\n`);
      return;
    }
    const total = this.options.totalUnits;
    const fraction = total > 0 ? Math.min(1, this.doneUnits / total) : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    let line = `${bar} ${status}${this.detail ? `  ${this.detail}` : ''}`;
    const columns = this.stream.columns ?? 120;
    if (line.length > columns - 1) line = line.slice(0, columns - 1);
    this.stream.write(`\r\x1b[2K${line}`);
  }
}

/** RunHooks for the application layer that drive one progress bar (and print its log lines above it). */
export function progressBarHooks(
  options: { stream?: ProgressStream; intervalSeconds?: number; quiet?: boolean; signal?: AbortSignal } = {},
): RunHooks & { bar: ProgressBar | null } {
  if (options.quiet) return { bar: null, signal: options.signal, onLog: (line) => (options.stream ?? process.stderr).write(`alpenglow: ${line}\n`) };
  let bar: ProgressBar | null = null;
  let total = -1;
  const hooks: RunHooks & { bar: ProgressBar | null } = {
    bar: null,
    signal: options.signal,
    onProgress: (progress) => {
      if (!bar || progress.trialsTotal !== total) {
        bar?.finish();
        total = progress.trialsTotal;
        bar = new ProgressBar({
          stream: options.stream,
          totalUnits: Math.max(1, progress.trialsTotal),
          unitName: 'trials',
          intervalSeconds: options.intervalSeconds,
        });
        hooks.bar = bar;
      }
      bar.update(progress.trialsDone, progress.detail);
    },
    onLog: (line) => {
      if (bar) bar.log(`alpenglow: ${line}`);
      else (options.stream ?? process.stderr).write(`alpenglow: ${line}\n`);
    },
  };
  return hooks;
}
