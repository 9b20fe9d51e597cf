// A generated Tempest-shaped run for the shard planner's tests and bench: classes of 1-30 tests
// in modules of a few classes, heavy-tailed durations (Pareto per test, alpha 1.5, times a
// log-normal factor per class), and a serial group. Slow tests cluster as in real runs: by class
// (a class's tests share its servers and volumes) and by service (compute tests boot servers,
// identity tests are API calls), so name order is not duration-neutral. Seeded: every run sees
// the same input.

/** mulberry32: a small deterministic PRNG (the same sequence on every machine). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedRun {
  parallel: string[];
  serial: string[];
  /** Seconds by test name (ids carry no attributes here, so id = name). */
  durations: Map<string, number>;
}

/** `tests` tests; about `serialShare` of them in serial classes (a scenario module). */
export function generateRun(tests: number, seed = 1, serialShare = 0.01): GeneratedRun {
  const rand = prng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const parallel: string[] = [];
  const serial: string[] = [];
  const durations = new Map<string, number>();
  // Relative cost per service area, compute the slowest (it boots servers).
  const services: [string, number][] = [
    ['compute', 4],
    ['network', 1],
    ['volume', 1.5],
    ['image', 0.6],
    ['identity', 0.3],
    ['object_storage', 0.4],
  ];
  let made = 0;
  for (let m = 0; made < tests; m++) {
    const isSerial = rand() < serialShare;
    const [service, cost] = services[m % services.length] as [string, number];
    const area = isSerial ? 'scenario' : `api.${service}`;
    const classes = 1 + Math.floor(rand() * 5);
    for (let c = 0; c < classes && made < tests; c++) {
      const size = Math.min(tests - made, 1 + Math.floor(rand() * 30));
      const classFactor = (isSerial ? 3 : cost) * Math.exp(normal());
      const cls = `tempest.${area}.test_module_${m}.Test${c}Class`;
      for (let t = 0; t < size; t++) {
        const id = `${cls}.test_case_${t}`;
        const pareto = 0.5 / Math.pow(1 - rand(), 1 / 1.5);
        durations.set(id, Math.round(pareto * classFactor * 1000) / 1000);
        (isSerial ? serial : parallel).push(id);
        made++;
      }
    }
  }
  return { parallel, serial, durations };
}
