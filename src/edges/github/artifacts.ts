// Artifacts through @actions/artifact (the runner's results service). Outside a runner the service
// is not there: report that instead of failing the gate.
import { DefaultArtifactClient } from '@actions/artifact';

export interface UploadOptions {
  name: string;
  /** Absolute paths of the files to upload. */
  files: string[];
  /** The files' common root (paths in the artifact are relative to it). */
  rootDirectory: string;
  retentionDays?: number;
}

export type UploadOutcome = { uploaded: true; id: number | null; size: number | null } | { uploaded: false; reason: string };

export async function uploadArtifact(o: UploadOptions): Promise<UploadOutcome> {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    return { uploaded: false, reason: 'the runner did not provide ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL (not running on GitHub Actions?)' };
  }
  const client = new DefaultArtifactClient();
  const r = await client.uploadArtifact(o.name, o.files, o.rootDirectory, o.retentionDays ? { retentionDays: o.retentionDays } : {});
  return { uploaded: true, id: r.id ?? null, size: r.size ?? null };
}

export interface DownloadedArtifact {
  name: string;
  id: number;
  /** Where it was unpacked. */
  dir: string;
}

/** `*` for any characters, everything else literal. */
export function namePattern(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/**
 * Download every artifact of this workflow run whose name matches `pattern` (the latest of each
 * name), each into `<path>/artifact-<id>` (never a directory named by the artifact, which another
 * job chose). Through the runner's artifact service, as actions/download-artifact does.
 */
export async function downloadMatchingArtifacts(o: { pattern: string; path: string; log: (line: string) => void }): Promise<DownloadedArtifact[]> {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL)
    throw new Error('the runner did not provide ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL (not running on GitHub Actions?)');
  const client = new DefaultArtifactClient();
  const re = namePattern(o.pattern);
  const { artifacts } = await client.listArtifacts({ latest: true });
  const out: DownloadedArtifact[] = [];
  for (const a of artifacts.filter((x) => re.test(x.name)).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    const dir = `${o.path}/artifact-${a.id}`;
    o.log(`downloading artifact '${a.name}' (id ${a.id}, ${a.size} bytes)`);
    await client.downloadArtifact(a.id, { path: dir });
    out.push({ name: a.name, id: a.id, dir });
  }
  return out;
}
