"""Lab hosts: servers of the local OpenStack that are real SSH hosts (docs/local-openstack.md).

host.py makes and removes them, boot.py is their PID 1, nova_driver.py is the Nova virt driver
that calls host.py and NATs their floating IPs, cli.py is scripts/lab/lab-host.
"""
