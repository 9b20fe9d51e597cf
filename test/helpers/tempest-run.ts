// Synthetic Tempest-shaped subunit v2 runs for the action's tests and benchmark, written with the
// project's subunit v2 encoder (checked against python-subunit in test/results/).
import { encodePacket } from '../../src/core/results/subunit-v2.ts';

export interface RunShape {
  tests: number;
  failures: number;
  /** Put this text into the first failure's traceback (a leaked credential, for redaction tests). */
  secretInTraceback?: string;
  /** Length of each traceback line (long lines make a report that must be cut). */
  tracebackLineLength?: number;
}

const T0 = Date.UTC(2026, 10, 25, 6, 0, 0) * 1000;
const enc = new TextEncoder();

export function testId(i: number): string {
  const area = ['compute.servers', 'network', 'volume', 'identity.v3', 'image.v2'][i % 5];
  const uuid = `${(i + 1).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return `tempest.api.${area}.test_area_${i % 40}.AreaTest${i % 40}.test_case_${i}[id-${uuid}]`;
}

export function makeRun(shape: RunShape): Uint8Array {
  const out: Uint8Array[] = [];
  for (let i = 0; i < shape.tests; i++) {
    const id = testId(i);
    const failing = i < shape.failures;
    const start = T0 + i * 1_000_000;
    const tags = [`worker-${i % 4}`];
    out.push(encodePacket({ testId: id, status: 'inprogress', tags, timestamp: start }));
    if (failing) {
      const file = `tempest/api/${['compute/servers', 'network', 'volume', 'identity/v3', 'image/v2'][i % 5]}/test_area_${i % 40}.py`;
      const pad = shape.tracebackLineLength ? ` ${'x'.repeat(shape.tracebackLineLength)}` : '';
      const lines = [
        'Traceback (most recent call last):',
        `  File "/opt/stack/tempest/${file}", line ${100 + (i % 50)}, in test_case_${i}`,
        `    self.assertEqual(201, resp.status)${pad}`,
        ...Array.from({ length: 8 }, (_, k) => `  frame ${k}${pad}`),
        `testtools.matchers._impl.MismatchError: 201 != 500${i === 0 && shape.secretInTraceback ? ` (auth with password ${shape.secretInTraceback})` : ''}`,
      ];
      out.push(
        encodePacket({
          testId: id,
          fileName: 'traceback',
          mimeType: 'text/x-traceback; charset="utf8"; language="python"',
          fileBytes: enc.encode(lines.join('\n')),
          eof: true,
          timestamp: start,
        }),
      );
    }
    out.push(encodePacket({ testId: id, status: failing ? 'fail' : i % 17 === 5 ? 'skip' : 'success', tags, timestamp: start + 500_000 + (i % 7) * 100_000 }));
  }
  return Buffer.concat(out);
}
