/** Closed-loop load: `clients` workers each run `task` back to back for `seconds`; exact percentiles. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

export async function runLoad(clients: number, seconds: number, task: (i: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const i = counter++;
        const t0 = performance.now();
        try {
          await task(i);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!) : NaN);
  return { requests: latencies.length, errors, seconds: round(elapsed), throughput: round(latencies.length / elapsed), p50: pct(50), p95: pct(95), p99: pct(99) };
}

export const round = (n: number) => Math.round(n * 100) / 100;

/** GET that fails on any non-2xx status, draining the body as a client would. */
export async function getOk(url: string): Promise<void> {
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${res.status} ${url}`);
}
