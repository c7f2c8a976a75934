// A background pass that runs every interval after the previous one ends: passes never overlap (a
// slow pass delays the next one instead of racing it; `runOnce()` while one runs joins it), the
// timer never keeps the process alive, and `stop()` ends the timer, tells the running pass through
// its signal, and waits for it. The runtime's orphan sweeper, processing-outbox relay and virus
// rescanner are each one such pass over the tenants.

export interface PeriodicPass<T> {
  /** One pass now (also what the timer runs); joins a pass already running. */
  runOnce(): Promise<T>;
  /** Stops the timer and waits for a pass in progress (its failure is not rethrown). */
  stop(): Promise<void>;
}

/** `pass` should stop early once `signal` is aborted (between tenants, say). */
export function startPeriodicPass<T>(
  pass: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
): PeriodicPass<T> {
  const stopping = new AbortController();
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const runOnce = () => {
    running ??= pass(stopping.signal).finally(() => {
      running = undefined;
    });
    return running;
  };
  const schedule = () => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      void runOnce()
        .catch(() => {}) // the pass logs its own failures; the next one tries again
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    runOnce,
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
