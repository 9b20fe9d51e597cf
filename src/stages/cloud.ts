// The cloud every OpenStack stage takes: a ResolvedCloud (credentials resolved once, the way
// openstacksdk does, by the entry point) and the session over it whose retries show up as
// progress lines (never with a token: URLs only).
import type { HttpEvent } from '../edges/openstack/http.ts';
import { Session } from '../edges/openstack/session.ts';
import type { ResolvedCloud } from '../edges/openstack/cloud-config.ts';

export type { ResolvedCloud };

/** `signal` cancels the session's requests and waits until `http.ignoreCancel()` (the cleanup after a cancel). */
export function openSession(cloud: ResolvedCloud, say: (line: string) => void, signal?: AbortSignal): Session {
  return new Session({
    cloud,
    signal,
    onEvent: (e: HttpEvent) => say(`retry ${e.attempt}: ${e.method} ${e.url}: ${e.reason} (waiting ${(e.waitMs / 1000).toFixed(1)} s)`),
  });
}
