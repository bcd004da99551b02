"""Creates in the emulator the world a stack assumes, and prints how the
configured ids map to the emulator's.

stdin: {"endpoint": URL, "services": [...], "vpcs": [...]} (see src/engine/world.ts)
stdout: {"ids": {"<configured id or service name>": "<the emulator's>", ...}}

What exists before the stack is applied, in real AWS, is made here:
- each consumer VPC, in its account and region, with its CIDRs, DNS support
  and DNS hostnames on, and its route tables or subnets (the subnets in
  distinct AZs, as a native endpoint needs);
- each endpoint service, in a service owner's account of its own, in the
  service's region, offered in the configured AZ IDs (through a network load
  balancer there), allowing every account that reads it;
- the IAM role of each account a stack assumes a role in.
Every call goes to the emulator's loopback endpoint; nothing else is reached.
"""

import ipaddress
import json
import math
import sys
import uuid

import boto3

# The account that offers the endpoint services, as a SaaS would: none of the
# stack's own accounts.
SERVICE_OWNER_ROLE = "arn:aws:iam::210987654321:role/engine-service-owner"
AMBIENT_ACCOUNT = "123456789012"  # moto's default account
TRUST_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{AMBIENT_ACCOUNT}:root"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def role_path(role_arn):
    """`arn:aws:iam::1:role/team/x` -> `/team/`."""
    name = role_arn.split(":role", 1)[1]
    return name[: name.rindex("/") + 1]


class World:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.sessions = {}
        self.ids = {}

    def session(self, role_arn):
        """Credentials of an account: the ambient ones, or an assumed role."""
        key = role_arn or ""
        if key not in self.sessions:
            if role_arn is None:
                self.sessions[key] = boto3.Session(
                    aws_access_key_id="engine",
                    aws_secret_access_key="engine",
                )
            else:
                sts = self.client(None, "sts", "us-east-1")
                creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="engine-world")[
                    "Credentials"
                ]
                self.sessions[key] = boto3.Session(
                    aws_access_key_id=creds["AccessKeyId"],
                    aws_secret_access_key=creds["SecretAccessKey"],
                    aws_session_token=creds["SessionToken"],
                )
                # The role itself, so the account holds what the stack assumes
                # (another world built at the same time may have made it).
                iam = self.client(role_arn, "iam", "us-east-1")
                try:
                    iam.create_role(
                        RoleName=role_arn.split("/")[-1],
                        Path=role_path(role_arn),
                        AssumeRolePolicyDocument=TRUST_POLICY,
                    )
                except iam.exceptions.EntityAlreadyExistsException:
                    pass
        return self.sessions[key]

    def client(self, role_arn, service, region):
        return self.session(role_arn).client(
            service, region_name=region, endpoint_url=self.endpoint
        )

    def zone_names(self, ec2):
        """AZ ID -> AZ name in the caller's view of a region."""
        zones = ec2.describe_availability_zones()["AvailabilityZones"]
        return {z["ZoneId"]: z["ZoneName"] for z in zones}

    def consumer_vpc(self, vpc):
        ec2 = self.client(vpc.get("role"), "ec2", vpc["region"])
        cidrs = vpc["cidrs"]
        made = ec2.create_vpc(CidrBlock=cidrs[0])["Vpc"]["VpcId"]
        for cidr in cidrs[1:]:
            ec2.associate_vpc_cidr_block(VpcId=made, CidrBlock=cidr)
        ec2.modify_vpc_attribute(VpcId=made, EnableDnsSupport={"Value": True})
        ec2.modify_vpc_attribute(VpcId=made, EnableDnsHostnames={"Value": True})
        self.ids[vpc["id"]] = made
        for rtb in vpc.get("routeTableIds", []):
            self.ids[rtb] = ec2.create_route_table(VpcId=made)["RouteTable"]["RouteTableId"]
        subnets = vpc.get("subnetIds", [])
        if subnets:
            zones = sorted(self.zone_names(ec2).values())
            if len(subnets) > len(zones):
                raise SystemExit(
                    f"{vpc['id']}: {len(subnets)} subnets, but {vpc['region']} has only {len(zones)} AZs"
                )
            for subnet, zone, cidr in zip(subnets, zones, carve(cidrs[0], len(subnets))):
                self.ids[subnet] = ec2.create_subnet(
                    VpcId=made, CidrBlock=cidr, AvailabilityZone=zone
                )["Subnet"]["SubnetId"]

    def endpoint_service(self, service):
        """An endpoint service in the owner's account, behind an NLB in the
        configured AZ IDs (else the region's first two AZs)."""
        region = service["region"]
        ec2 = self.client(SERVICE_OWNER_ROLE, "ec2", region)
        elb = self.client(SERVICE_OWNER_ROLE, "elbv2", region)
        names = self.zone_names(ec2)
        az_ids = service.get("azIds") or sorted(names)[:2]
        unknown = [a for a in az_ids if a not in names]
        if unknown:
            raise SystemExit(f"{service['name']}: AZ IDs {unknown} are not in {region}")
        vpc = ec2.create_vpc(CidrBlock="172.31.0.0/16")["Vpc"]["VpcId"]
        subnets = [
            ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=names[az])["Subnet"]["SubnetId"]
            for az, cidr in zip(az_ids, carve("172.31.0.0/16", len(az_ids)))
        ]
        nlb = elb.create_load_balancer(
            Name=f"svc-{uuid.uuid4().hex[:16]}", Subnets=subnets, Type="network", Scheme="internal"
        )["LoadBalancers"][0]["LoadBalancerArn"]
        args = {"NetworkLoadBalancerArns": [nlb], "AcceptanceRequired": False}
        if service.get("privateDnsName"):
            args["PrivateDnsName"] = service["privateDnsName"]
        made = ec2.create_vpc_endpoint_service_configuration(**args)["ServiceConfiguration"]
        ec2.modify_vpc_endpoint_service_permissions(
            ServiceId=made["ServiceId"], AddAllowedPrincipals=["*"]
        )
        self.ids[service["name"]] = made["ServiceName"]


def carve(cidr, count):
    """`count` equal subnets of a CIDR, each at most a /28 (AWS's smallest)."""
    network = ipaddress.ip_network(cidr)
    prefix = min(28, network.prefixlen + max(1, math.ceil(math.log2(max(count, 1)))))
    return [str(s) for s in list(network.subnets(new_prefix=prefix))[:count]]


def main():
    spec = json.load(sys.stdin)
    world = World(spec["endpoint"])
    for service in spec.get("services", []):
        if service["name"] not in world.ids:
            world.endpoint_service(service)
    for vpc in spec.get("vpcs", []):
        if vpc["id"] not in world.ids:
            world.consumer_vpc(vpc)
    for role in spec.get("roles", []):
        world.session(role)
    json.dump({"ids": world.ids}, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
