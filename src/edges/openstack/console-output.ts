// Nova's console output of a server (os-getConsoleOutput): where cloud-init prints the SSH host
// keys, so the run step can verify them without trusting the network.
import { EXIT, UserError } from '../../core/errors.ts';
import { parseConsoleHostKeys, type HostTrust } from '../../core/run/host-keys.ts';
import type { Session } from './session.ts';

export async function getConsoleOutput(s: Session, serverId: string): Promise<string> {
  const res = await s.call('compute', 'POST', `/servers/${encodeURIComponent(serverId)}/action`, { json: { 'os-getConsoleOutput': { length: null } } });
  return (res.json as { output?: string }).output ?? '';
}

/**
 * Poll the console until cloud-init has printed a whole host key block (it does so at the end of
 * its final stage), then return the trust it gives.
 */
export async function waitForConsoleHostKeys(
  s: Session,
  server: { id: string; name: string },
  options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
): Promise<HostTrust> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const trust = parseConsoleHostKeys(await getConsoleOutput(s, server.id));
    if (trust.keys.length || trust.fingerprints.length) return trust;
    if (Date.now() > deadline) {
      throw new UserError(
        `no SSH host key block in the console output of ${server.name} after ${Math.round(options.timeoutMs / 1000)} s: cannot verify its host key (give --known-hosts instead)`,
        { exitCode: EXIT.infra },
      );
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 5000));
    if (options.signal?.aborted) throw new UserError(`cancelled while waiting for ${server.name}'s console`, { exitCode: EXIT.infra });
  }
}
