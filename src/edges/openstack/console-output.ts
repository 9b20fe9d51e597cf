// Nova's console output of a server (os-getConsoleOutput): where cloud-init prints the SSH host
// keys, so the run step can verify them without trusting the network.
import { EXIT, UserError } from '../../core/errors.ts';
import { parseConsoleHostKeys, type HostTrust } from '../../core/run/host-keys.ts';
import { badAnswer, defaultSleep } from './http.ts';
import type { Session } from './session.ts';

export async function getConsoleOutput(s: Session, serverId: string): Promise<string> {
  const res = await s.call('compute', 'POST', `/servers/${encodeURIComponent(serverId)}/action`, { json: { 'os-getConsoleOutput': { length: null } } });
  const output = (res.json as { output?: unknown } | null | undefined)?.output;
  if (output !== undefined && output !== null && typeof output !== 'string') throw badAnswer(res, "'output' is not text");
  return output ?? '';
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
    // The wait ends at once on a cancel (SIGINT/SIGTERM), not at the next poll.
    await defaultSleep(options.pollMs ?? 5000, options.signal).catch(() => undefined);
    if (options.signal?.aborted) throw new UserError(`cancelled while waiting for ${server.name}'s console`, { exitCode: EXIT.infra });
  }
}
