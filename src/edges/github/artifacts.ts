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
