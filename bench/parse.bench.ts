// Result engine speed: parse a generated 100,000-test Tempest-like stream with attachments (>100 MB)
// and compare with python-subunit's tools and cat on the same file, in the same run.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { encodePacket } from '../src/core/results/subunit-v2.ts';
import { BENCH_DATA, CLI, NODE, best, table } from './lib.ts';

const TESTS = 100_000;

/** A stream like a big Tempest run: 4 workers, REST-call logs on every test, tracebacks on 1%. */
async function generate(file: string, logBytes: number): Promise<void> {
  if (existsSync(file)) return;
  const out = createWriteStream(file);
  const log = Buffer.from(
    '2026-11-25 06:00:00.000 1234 INFO tempest.lib.common.rest_client [req-0] Request (T:test): 200 GET http://127.0.0.1:38774/v2.1/servers 0.042s\n'
      .repeat(Math.ceil(logBytes / 120))
      .slice(0, logBytes),
  );
  const tb = Buffer.from(
    'Traceback (most recent call last):\n  File "tempest/api/compute/x.py", line 42, in test\n    self.assertEqual(1, 2)\nAssertionError: 1 != 2\n',
  );
  let t = 1_764_000_000_000_000;
  for (let i = 0; i < TESTS; i++) {
    const id = `tempest.api.compute.servers.test_${i % 500}.ServersTest${i % 7}.test_case_${i}[id-${String(i).padStart(8, '0')}-1111-2222-3333-444444444444,smoke]`;
    const tags = [`worker-${i % 4}`];
    const fail = i % 100 === 0;
    const parts = [
      encodePacket({ testId: id, status: 'inprogress', tags, timestamp: t }),
      // Logs arrive in 64 KiB packets, as stestr chunks them.
      ...chunks(log, 65536).map((c) =>
        encodePacket({ testId: id, fileName: "pythonlogging:''", mimeType: 'text/plain; charset="utf8"', fileBytes: c, timestamp: t + 10 }),
      ),
      ...(fail
        ? [encodePacket({ testId: id, fileName: 'traceback', mimeType: 'text/x-traceback; charset="utf8"', fileBytes: tb, eof: true, timestamp: t + 20 })]
        : []),
      encodePacket({ testId: id, status: fail ? 'fail' : 'success', tags, timestamp: t + 30_000 }),
    ];
    t += 7_500;
    if (!out.write(Buffer.concat(parts))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function chunks(b: Buffer, size: number): Buffer[] {
  const r: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) r.push(b.subarray(i, i + size));
  return r;
}

export async function run(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
  const file = join(BENCH_DATA, 'parse-100k-1k.subunit');
  const fat = join(BENCH_DATA, 'parse-100k-10k.subunit');
  await generate(file, 1_100);
  await generate(fat, 11_000);
  const mb = statSync(file).size / 1e6;
  const fatMb = statSync(fat).size / 1e6;
  console.log(`input: ${TESTS} tests, ${mb.toFixed(0)} MB (and the same tests with 10x the log bytes: ${fatMb.toFixed(0)} MB)`);

  const runs: [string, string, number][] = [
    ['tempest-gate parse --to text', `${NODE} ${CLI} parse ${file} --to text > /dev/null`, 3],
    ['tempest-gate parse --to json', `${NODE} ${CLI} parse ${file} --to json > /dev/null`, 3],
    ['subunit2junitxml', `subunit2junitxml < ${file} > /dev/null`, 1],
    ['subunit-stats', `subunit-stats < ${file} > /dev/null`, 1],
    ['cat', `cat ${file} > /dev/null`, 3],
  ];
  const rows: (string | number)[][] = [['tool', 'seconds', 'tests/s', 'MB/s', 'peak RSS MiB', 'throughput vs subunit2junitxml']];
  const results = runs.map(([name, cmd, n]) => ({ name, m: best(cmd, n) }));
  const peer = results.find((r) => r.name === 'subunit2junitxml')!.m.seconds;
  for (const { name, m } of results) {
    rows.push([
      name,
      m.seconds.toFixed(2),
      Math.round(TESTS / m.seconds),
      (mb / m.seconds).toFixed(0),
      m.maxRssMiB.toFixed(0),
      `${(peer / m.seconds).toFixed(1)}x`,
    ]);
  }
  console.log(table(rows));
  const thin = results[0]!.m;
  const thick = best(`${NODE} ${CLI} parse ${fat} --to text > /dev/null`, 1);
  console.log(
    `memory vs attachment bytes: ${mb.toFixed(0)} MB -> ${thin.maxRssMiB.toFixed(0)} MiB peak; ${fatMb.toFixed(0)} MB -> ${thick.maxRssMiB.toFixed(0)} MiB peak ` +
      `(same ${TESTS} tests; ${(thick.maxRssMiB / thin.maxRssMiB).toFixed(2)}x memory for ${(fatMb / mb).toFixed(1)}x bytes)`,
  );
}
