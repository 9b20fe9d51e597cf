// What an existing cloud offers, for validate's tempest.conf: the catalog's services, the two
// smallest flavors, two active images, the external network and Neutron's extensions.
import { answerField } from './http.ts';
import type { Session } from './session.ts';
import { listFlavors, listNetworks, networkExtensions, type Image } from './api.ts';
import type { TempestCloud } from '../../core/run/tempest-conf.ts';

/** Neutron extensions that break Tempest on clouds without their agents (TEMPEST.md's pitfalls). */
const TROUBLESOME_EXTENSIONS = new Set(['dhcp_agent_scheduler', 'auto-allocated-topology']);

export async function discoverCloud(s: Session, options: { lockPath: string; computeNodes?: number }): Promise<TempestCloud> {
  const token = await s.keystone.current();
  const services = new Set(token.catalog.map((c) => c.type));
  const auth = s.cloud.auth;
  let flavors: string[] = [];
  let images: string[] = [];
  let publicNetworkId: string | null = null;
  let extensions: string[] = [];
  if (services.has('compute')) {
    flavors = (await listFlavors(s))
      .sort((a, b) => a.ram - b.ram || a.disk - b.disk || a.vcpus - b.vcpus)
      .slice(0, 2)
      .map((f) => f.id);
  }
  if (services.has('image')) {
    const res = await s.call('image', 'GET', '/v2/images?status=active&limit=100&sort=created_at:asc');
    images = answerField<Image[]>(res, 'images', 'list', [])
      .slice(0, 2)
      .map((i) => i.id);
  }
  if (services.has('network')) {
    publicNetworkId = (await listNetworks(s)).find((n) => n['router:external'] === true)?.id ?? null;
    extensions = [...(await networkExtensions(s))].filter((e) => !TROUBLESOME_EXTENSIONS.has(e)).sort();
  }
  return {
    authUrl: auth.auth_url ?? '',
    username: auth.username ?? '',
    password: auth.password ?? '',
    projectName: auth.project_name ?? '',
    userDomainName: auth.user_domain_name ?? auth.user_domain_id ?? 'Default',
    projectDomainName: auth.project_domain_name ?? auth.project_domain_id ?? 'Default',
    region: s.cloud.regionName,
    services,
    images,
    flavors,
    publicNetworkId,
    networkExtensions: extensions,
    computeNodes: options.computeNodes ?? 1,
    lockPath: options.lockPath,
  };
}
