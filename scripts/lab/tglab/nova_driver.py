"""Nova virt driver of the local OpenStack: nova's fake driver, except that a server booted from
a lab image (image property tg_lab=true) becomes a lab host (host.py): a network-namespace host
at its Neutron port's address, with a real sshd and the real cloud-init on its user-data
(tg_lab_sshd=false: no sshd, its port 22 refuses connections; its console shows the host keys).

Floating IPs: while lab hosts exist, the driver asks Neutron every few seconds for the floating
IPs of their ports and NATs each to its fixed IP on the root namespace (host.set_floating_ips),
as Neutron's L3 agent would in a router namespace (there is no agent here). With no lab host it
asks nothing, and the NAT table is gone.

nova.conf: compute_driver = tglab.nova_driver.LabDriver ([tglab] state_dir = ...). Nova imports
drivers from nova.virt only: scripts/local-openstack/lab.sh's nova-compute wrapper makes this
package importable as nova.virt.tglab. Every other server behaves exactly as with the fake driver.
"""
from oslo_config import cfg
from oslo_log import log as logging
from oslo_service import loopingcall

from nova import context as nova_context
from nova import exception
from nova.network import neutron
from nova.compute import power_state
from nova.virt import fake

from . import host as lab

LOG = logging.getLogger(__name__)
CONF = cfg.CONF
CONF.register_opts(
    [
        cfg.StrOpt('state_dir', default='/var/lib/tglab', help='state folders of the lab hosts'),
        cfg.StrOpt('default_user', default='ubuntu', help="cloud-init's default user when the image has no tg_lab_user"),
        cfg.FloatOpt('floating_ip_poll', default=2.0, help='seconds between two looks at the lab hosts\' floating IPs'),
    ],
    group='tglab',
)

LAB_PROPERTY = 'tg_lab'
# tg_lab_sshd=false: the host boots as usual (cloud-init, host keys on the console) but starts no
# sshd, so its port 22 refuses connections: the gate's "SSH refused" case, for real.
SSHD_PROPERTY = 'tg_lab_sshd'


def is_lab(instance):
    # Nova copies every image property into system_metadata as image_<name> (nova.utils), custom
    # ones too; ImageMetaProps only knows the standard ones.
    value = (instance.system_metadata or {}).get('image_' + LAB_PROPERTY, '')
    return str(value).lower() in ('true', '1', 'yes')


def _flag(instance, prop, default):
    value = (instance.system_metadata or {}).get('image_' + prop)
    return default if value is None or str(value) == '' else str(value).lower() in ('true', '1', 'yes')


def spec_for(instance, network_info):
    nics = []
    for vif in network_info or []:
        ips = []
        for subnet in vif['network']['subnets']:
            if subnet['version'] != 4:
                continue
            prefixlen = int(subnet['cidr'].split('/')[1])
            gateway = subnet['gateway']['address'] if subnet.get('gateway') else None
            for ip in subnet['ips']:
                ips.append({'address': ip['address'], 'prefixlen': prefixlen, 'gateway': gateway})
        nics.append({'port_id': vif['id'], 'mac': vif['address'], 'ips': ips})
    sm = instance.system_metadata or {}
    return {
        'id': instance.uuid,
        'name': instance.display_name,
        'hostname': instance.hostname or 'lab-' + lab.short_id(instance.uuid),
        'user_data': instance.user_data,  # base64, as the API took it
        'public_keys': [k for k in [(instance.key_data or '').strip()] if k],
        'default_user': sm.get('image_tg_lab_user') or CONF.tglab.default_user,
        'sshd': _flag(instance, SSHD_PROPERTY, True),
        'nics': nics,
        'flavor': {'vcpus': instance.flavor.vcpus, 'memory_mb': instance.flavor.memory_mb, 'root_gb': instance.flavor.root_gb},
    }


class LabDriver(fake.FakeDriver):
    """The fake driver, with lab hosts for lab images."""

    def init_host(self, host):
        super().init_host(host)
        self._fips = None  # what the NAT table holds: None = not known yet
        why = lab.unavailable()
        if why:
            LOG.warning('lab hosts unavailable: %s', why)
            return
        # nova-compute restarted: the hosts kept running (their own session); know them again
        for h in lab.list_hosts(self._state):
            if not h['running']:
                LOG.info('lab host %s (%s) is not running: removing it', h['id'], h['name'])
                lab.destroy(self._state, h['id'])
                continue
            flavor = lab.read_spec(lab.host_dir(self._state, h['id'])).get('flavor', {})
            self.resources.claim(vcpus=flavor.get('vcpus', 0), mem=flavor.get('memory_mb', 0), disk=flavor.get('root_gb', 0))
            self.instances[h['id']] = fake.FakeInstance(h['name'], power_state.RUNNING, h['id'])
            LOG.info('lab host %s (%s) adopted', h['id'], h['name'])
        self._fip_loop = loopingcall.FixedIntervalLoopingCall(self._sync_floating_ips_safe)
        self._fip_loop.start(interval=CONF.tglab.floating_ip_poll, initial_delay=1)

    def _sync_floating_ips_safe(self):
        try:
            self.sync_floating_ips()
        except Exception:  # noqa: BLE001 - Neutron restarting, a slow answer: next round
            LOG.exception('lab floating IPs: sync failed')

    def sync_floating_ips(self):
        ports = [nic['port_id'] for h in lab.list_hosts(self._state)
                 for nic in (lab.read_spec_safe(self._state, h['id']) or {}).get('nics', []) if nic.get('port_id')]
        pairs, gateways = [], []
        if ports:
            client = neutron.get_client(nova_context.get_admin_context(), admin=True)
            fips = client.list_floatingips(port_id=ports).get('floatingips', [])
            pairs = sorted((f['floating_ip_address'], f['fixed_ip_address']) for f in fips if f.get('fixed_ip_address'))
            nets = sorted({f['floating_network_id'] for f in fips if f.get('fixed_ip_address')})
            if nets:
                for sn in client.list_subnets(network_id=nets, ip_version=4).get('subnets', []):
                    if sn.get('gateway_ip'):
                        gateways.append('%s/%s' % (sn['gateway_ip'], sn['cidr'].split('/')[1]))
        if (pairs, gateways) != self._fips:
            lab.set_floating_ips(pairs, gateways)
            self._fips = (pairs, gateways)
            LOG.info('lab floating IPs: %s', ', '.join('%s -> %s' % p for p in pairs) or 'none')

    @property
    def _state(self):
        return CONF.tglab.state_dir

    def _is_lab_host(self, instance):
        return lab.read_spec_safe(self._state, instance.uuid) is not None

    def spawn(self, context, instance, image_meta, injected_files, admin_password, allocations, network_info=None, block_device_info=None, power_on=True, accel_info=None):
        super().spawn(context, instance, image_meta, injected_files, admin_password, allocations, network_info, block_device_info, power_on, accel_info)
        if not is_lab(instance):
            return
        try:
            lab.create(self._state, spec_for(instance, network_info))
        except Exception as e:
            LOG.exception('lab host for %s failed', instance.uuid)
            super().destroy(context, instance, network_info)
            raise exception.NovaException('lab host: %s' % e)
        if not power_on:
            lab.stop(self._state, instance.uuid)

    def destroy(self, context, instance, network_info, block_device_info=None, destroy_disks=True, destroy_secrets=True):
        if self._is_lab_host(instance):
            lab.destroy(self._state, instance.uuid)
        super().destroy(context, instance, network_info, block_device_info, destroy_disks, destroy_secrets)

    def power_off(self, instance, timeout=0, retry_interval=0):
        super().power_off(instance, timeout, retry_interval)
        if self._is_lab_host(instance):
            lab.stop(self._state, instance.uuid)

    def power_on(self, context, instance, network_info, block_device_info=None, accel_info=None):
        super().power_on(context, instance, network_info, block_device_info, accel_info)
        if self._is_lab_host(instance):
            lab.start(self._state, instance.uuid)  # a reboot: the same disk, cloud-init's per-instance work done

    def reboot(self, context, instance, network_info, reboot_type, block_device_info=None, bad_volumes_callback=None, accel_info=None):
        if self._is_lab_host(instance):
            lab.stop(self._state, instance.uuid)
            lab.start(self._state, instance.uuid)
            return
        super().reboot(context, instance, network_info, reboot_type, block_device_info, bad_volumes_callback, accel_info)

    def get_info(self, instance, use_cache=True):
        info = super().get_info(instance, use_cache)
        if self._is_lab_host(instance) and info.state == power_state.RUNNING and not lab.running(lab.host_dir(self._state, instance.uuid)):
            info.state = power_state.SHUTDOWN  # its PID 1 died: the guest is off
        return info

    def get_console_output(self, context, instance):
        if self._is_lab_host(instance):
            return lab.console(self._state, instance.uuid)
        return super().get_console_output(context, instance)
