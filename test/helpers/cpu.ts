// Time bounds that hold on a loaded machine: the CPU time this process spent (all its threads), not
// the wall time, which grows with whatever else the shared two-core test machine is running.
export async function cpuMs<T>(f: () => Promise<T>): Promise<{ value: T; cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, cpu: (c.user + c.system) / 1000, wall: performance.now() - w0 };
}
