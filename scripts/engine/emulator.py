"""moto's server on a loopback port, with the few AWS behaviours moto lacks
that the stacks depend on, each written down in docs/engine.md ("Fidelity").

Usage: python emulator.py [--port N]   (N=0, the default: any free port)
Prints "listening <port>" on stdout once it accepts connections, then serves
until killed. Binds 127.0.0.1 only.
"""

import argparse
import os
import sys
import threading

from werkzeug.serving import make_server

from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import RouteBackend
from moto.ec2.models.vpc_peering_connections import VPCPeeringConnectionBackend
from moto.ec2.models.vpcs import VPCBackend
from moto.ec2.responses.vpcs import VPCs
from moto.moto_server.threaded_moto_server import MotoRequestHandler
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    create_backend_app,
)
from moto.route53.responses import Route53


def _allows(principals, account_id):
    """Whether a service's allowed principals admit an account (AWS: "*",
    the account's root, or any principal ARN of the account)."""
    for principal in principals:
        if principal == "*" or principal == account_id:
            return True
        if principal.startswith(f"arn:aws:iam::{account_id}:"):
            return True
    return False


_describe_services = VPCBackend.describe_vpc_endpoint_services
# The server is threaded: one lending at a time, so no call sees another's.
_lending = threading.Lock()


def _describe_services_shared(self, *args, **kwargs):
    """AWS lists an endpoint service to every account its owner allows, in
    the service's region; moto lists only the caller's own services. Lend the
    caller, for this one call, the services of other accounts that allow it."""
    with _lending:
        return _describe_with_lent_services(self, *args, **kwargs)


def _describe_with_lent_services(self, *args, **kwargs):
    lent = {}
    for account_id in list(ec2_backends.keys()):
        if account_id == self.account_id:
            continue
        regions = ec2_backends[account_id]
        if self.region_name not in regions:
            continue
        for service_id, config in regions[self.region_name].configurations.items():
            if _allows(config.principals, self.account_id):
                lent[service_id] = config
    if not lent:
        return _describe_services(self, *args, **kwargs)
    own = self.configurations
    self.configurations = {**own, **lent}
    try:
        return _describe_services(self, *args, **kwargs)
    finally:
        self.configurations = own


VPCBackend.describe_vpc_endpoint_services = _describe_services_shared


_create_hosted_zone = Route53.create_hosted_zone


def _create_hosted_zone_private_by_vpc(self):
    """AWS makes a zone private when CreateHostedZone names a VPC; moto only
    when HostedZoneConfig.PrivateZone is also sent (moto/route53/responses.py,
    create_hosted_zone), which the AWS provider does not send. Without this,
    moto drops the VPC and every re-plan wants to add it back."""
    if not self._get_param("VPC.VPCId"):
        return _create_hosted_zone(self)
    read_flag = self._get_bool_param

    def private_flag(name, if_none=None):
        if name == "HostedZoneConfig.PrivateZone":
            return True
        return read_flag(name, if_none)

    self._get_bool_param = private_flag
    try:
        return _create_hosted_zone(self)
    finally:
        del self._get_bool_param


Route53.create_hosted_zone = _create_hosted_zone_private_by_vpc


_create_vpc_endpoint = VPCs.create_vpc_endpoint


def _create_vpc_endpoint_keeping_service_region(self):
    """A cross-region interface endpoint names the service's region
    (ServiceRegion, AWS's cross-region PrivateLink of November 2024). moto
    ignores the parameter (moto/ec2/responses/vpcs.py, create_vpc_endpoint),
    so DescribeVpcEndpoints returns none and the provider plans to replace
    the endpoint on every plan. Keep it on the endpoint, as AWS does."""
    service_region = self._get_param("ServiceRegion")
    before = set(self.ec2_backend.vpc_end_points)
    result = _create_vpc_endpoint(self)
    if service_region:
        for endpoint_id in set(self.ec2_backend.vpc_end_points) - before:
            self.ec2_backend.vpc_end_points[endpoint_id].service_region = service_region
    return result


VPCs.create_vpc_endpoint = _create_vpc_endpoint_keeping_service_region


# AWS's default quotas that moto does not enforce, by Service Quotas code.
# (Inbound rules per security group, L-0EA8095F, moto enforces itself: 60,
# RulesPerSecurityGroupLimitExceeded.) PRIVATELINK_ENGINE_QUOTAS raises one
# as a quota request would, e.g. "L-93826ACB=100": a test-only knob.
QUOTAS = {"L-93826ACB": 50, "L-7E9ECCDB": 50}
for _raised in filter(None, os.environ.get("PRIVATELINK_ENGINE_QUOTAS", "").split(",")):
    _code, _value = _raised.split("=")
    QUOTAS[_code.strip()] = int(_value)


# The server is threaded: a count and the create it admits, one at a time.
_counting = threading.Lock()


class QuotaExceeded(EC2ClientError):
    def __init__(self, code, message):
        super().__init__(code, message)


_create_route = RouteBackend.create_route


def _create_route_within_quota(self, route_table_id, *args, **kwargs):
    """AWS refuses a route past the table's quota of routes (L-93826ACB,
    default 50) with RouteLimitExceeded; moto adds any number. The local
    route counts, as the config's quota check counts it (src/config/quotas.ts)."""
    with _counting:
        table = self.get_route_table(route_table_id)
        if len(table.routes) >= QUOTAS["L-93826ACB"]:
            raise QuotaExceeded(
                "RouteLimitExceeded",
                "The maximum number of routes has been reached.",
            )
        return _create_route(self, route_table_id, *args, **kwargs)


RouteBackend.create_route = _create_route_within_quota


def _active_peerings(backends, vpc_id):
    """The active peering connections of a VPC, across every account and
    region (a cross-region connection is held in both regions' backends)."""
    seen = {}
    for backend in backends:
        for pcx in backend.vpc_pcxs.values():
            if pcx._status.code == "active" and vpc_id in (pcx.vpc.id, pcx.peer_vpc.id):
                seen[pcx.id] = pcx
    return len(seen)


_accept_peering = VPCPeeringConnectionBackend.accept_vpc_peering_connection


def _accept_peering_within_quota(self, vpc_pcx_id):
    """AWS refuses to accept a peering connection that would take either of
    its VPCs past its quota of active peering connections (L-7E9ECCDB,
    default 50) with ActiveVpcPeeringConnectionPerVpcLimitExceeded; moto
    accepts any number."""
    with _counting:
        pcx = self.get_vpc_peering_connection(vpc_pcx_id)
        for vpc in (pcx.vpc, pcx.peer_vpc):
            if _active_peerings(self.get_vpc_pcx_refs(), vpc.id) >= QUOTAS["L-7E9ECCDB"]:
                raise QuotaExceeded(
                    "ActiveVpcPeeringConnectionPerVpcLimitExceeded",
                    f"The maximum number of active VPC peering connections for {vpc.id} has been reached.",
                )
        return _accept_peering(self, vpc_pcx_id)


VPCPeeringConnectionBackend.accept_vpc_peering_connection = _accept_peering_within_quota


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server(
        "127.0.0.1",
        args.port,
        app,
        threaded=True,
        request_handler=MotoRequestHandler,
    )
    print(f"listening {server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
