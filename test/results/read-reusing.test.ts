// Files are read through two reused buffers (edges/files.ts readFileReusing) and pushed as
// transient chunks: whatever the format and the buffer size, the results are those of the whole
// file read at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createResultParser, parseResults } from '../../src/core/results/parse.ts';
import { writeJUnit } from '../../src/core/results/junit.ts';
import { readFileReusing } from '../../src/edges/files.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/subunit/', import.meta.url));

test('every fixture (subunit v2, v1, and JUnit made from them) reads the same through reused buffers of any size', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tg-reuse-'));
  try {
    const files = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.subunit'))
      .map((f) => join(FIXTURES, f));
    // JUnit input too: the JUnit we write for the first v2 fixture
    const xml = join(dir, 'run.xml');
    writeFileSync(xml, writeJUnit(parseResults(readFileSync(files.find((f) => !f.includes('.v1.'))!))));
    files.push(xml);
    const formats = new Set<string>();
    for (const file of files) {
      const whole = parseResults(readFileSync(file));
      formats.add(whole.format);
      for (const size of [13, 97, 4096, 1 << 20]) {
        const parser = createResultParser();
        await readFileReusing(file, (chunk) => parser.push(chunk, true), size);
        assert.deepEqual(parser.end(), whole, `${file} in ${size}-byte reads`);
      }
    }
    assert.deepEqual([...formats].sort(), ['junit', 'subunit-v1', 'subunit-v2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing file is a one-line error naming it', async () => {
  await assert.rejects(
    readFileReusing('/nonexistent/run.subunit', () => undefined),
    (err: Error) => {
      assert.equal(err.message, '/nonexistent/run.subunit: cannot read: no such file');
      return true;
    },
  );
});
