// The pull-request path of `select --pr`: a real Octokit client (@actions/github getOctokit) pages
// through GET /repos/{owner}/{repo}/pulls/{pull_number}/files on a local server that rejects any
// request, and checks every response, against GitHub's OpenAPI description (@octokit/openapi).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { OpenAPIBackend, type Context } from 'openapi-backend';
import { closeServer, githubSpecSubset, listenOnLoopback } from '../../scripts/lab/github-openapi.ts';
import { cliCommand } from '../helpers/cli.ts';
import { selectCommand } from '../../src/cli/commands/select.ts';
import type { SelectResult } from '../../src/core/select/select.ts';

const LIST = fileURLToPath(new URL('../fixtures/select/tempest-33.0.0-test-list.txt', import.meta.url));
const OPERATION = 'pulls/list-files';

type Json = Record<string, unknown>;
interface Fake {
  url: string;
  rejections: string[];
  pages: number[];
  close(): Promise<void>;
}

async function startServer(files: Json[]): Promise<Fake> {
  const rejections: string[] = [];
  const pages: number[] = [];
  const api = new OpenAPIBackend({ definition: githubSpecSubset([OPERATION]), strict: false, validate: true, quick: true, ajvOpts: { strict: false } });
  let base = '';
  api.register({
    notFound: () => ({ status: 404, body: { message: 'Not Found' }, reject: 'no such operation in the description' }),
    validationFail: (c: Context) => ({ status: 422, body: { message: 'Validation Failed' }, reject: JSON.stringify(c.validation.errors).slice(0, 300) }),
    [OPERATION]: (c: Context) => {
      const q = c.request.query as Record<string, string>;
      const per = Number(q.per_page ?? 30);
      const page = Number(q.page ?? 1);
      pages.push(page);
      const body = files.slice((page - 1) * per, page * per);
      const last = Math.ceil(files.length / per);
      const check = api.validateResponse(body, c.operation);
      if (check.errors?.length) rejections.push(`response does not match the description: ${JSON.stringify(check.errors).slice(0, 300)}`);
      const link =
        page < last
          ? `<${base}${c.request.path}?per_page=${per}&page=${page + 1}>; rel="next", <${base}${c.request.path}?per_page=${per}&page=${last}>; rel="last"`
          : undefined;
      return { status: 200, body, headers: link ? { link } : {} };
    },
  });
  await api.init();
  const { server, url: started } = await listenOnLoopback((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void (async () => {
      if (req.headers.authorization !== 'token test-token') rejections.push(`no token on ${req.url}`);
      const out = (await api.handleRequest({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers as Record<string, string>,
      })) as { status: number; body: unknown; headers?: Record<string, string>; reject?: string };
      if (out.reject) rejections.push(`${req.method} ${req.url}: ${out.reject}`);
      res.writeHead(out.status, { 'content-type': 'application/json', ...(out.headers ?? {}) });
      res.end(JSON.stringify(out.body));
    })();
  });
  base = started;
  return { url: base, rejections, pages, close: () => closeServer(server) };
}

function diffEntry(filename: string, extra: Json = {}): Json {
  return {
    sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
    filename,
    status: 'modified',
    additions: 1,
    deletions: 1,
    changes: 2,
    blob_url: `https://github.com/o/r/blob/1/${filename}`,
    raw_url: `https://github.com/o/r/raw/1/${filename}`,
    contents_url: `https://api.github.com/repos/o/r/contents/${filename}?ref=1`,
    patch: '@@ -1 +1 @@',
    ...extra,
  };
}

test('--pr pages through the pull request files; both paths of a rename count', async () => {
  const files = Array.from({ length: 230 }, (_, i) => diffEntry(`doc/source/page-${i}.rst`));
  files.push(diffEntry('nova/compute/api.py', { status: 'renamed', previous_filename: 'nova/compute/old_api.py' }));
  const fake = await startServer(files);
  try {
    const r = await cliCommand(selectCommand, ['--preset', 'nova', '--pr', 'o/r#7', '--test-list', LIST, '--json'], {
      env: { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: fake.url },
    });
    assert.deepEqual(fake.rejections, []);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fake.pages, [1, 2, 3]);
    const res = JSON.parse(r.stdout) as SelectResult;
    assert.equal(res.counts.changedFiles, 232);
    assert.equal(res.rules.find((x) => x.fired)?.file, 'nova/compute/api.py');
    assert.equal(res.counts.selected, 1211);
  } finally {
    await fake.close();
  }
});

test('--pr on a docs-only pull request is neutral', async () => {
  const fake = await startServer([diffEntry('doc/source/index.rst'), diffEntry('releasenotes/notes/a.yaml')]);
  try {
    const r = await cliCommand(selectCommand, ['--preset', 'nova', '--pr', 'o/r#7', '--test-list', LIST, '--json'], {
      env: { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: fake.url },
    });
    assert.deepEqual(fake.rejections, []);
    assert.equal((JSON.parse(r.stdout) as SelectResult).conclusion, 'skip');
  } finally {
    await fake.close();
  }
});

test('--pr failures are infrastructure errors (exit 4), one line', async () => {
  const fake = await startServer([]);
  try {
    const r = await cliCommand(selectCommand, ['--preset', 'nova', '--pr', 'o/r#x7', '--test-list', LIST], {
      env: { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: fake.url },
    });
    assert.equal(r.code, 2);
    const nf = await cliCommand(selectCommand, ['--preset', 'nova', '--pr', 'o/r#7', '--test-list', LIST], {
      env: { GITHUB_TOKEN: 'wrong', GITHUB_API_URL: `${fake.url}/nowhere` },
    });
    assert.equal(nf.code, 4, nf.stderr);
    assert.equal(nf.stderr.trim().split('\n').length, 1);
  } finally {
    await fake.close();
  }
});
