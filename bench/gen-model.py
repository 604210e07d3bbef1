#!/usr/bin/env python3
"""Generate a large ecsplan model for benchmarks.

The output is deterministic for a given set of arguments (same seed, same bytes), so figures
from two machines or two commits are comparable.

Layout (see bench/README.md):
  - region us-east-1, AZs us-east-1a..f;
  - every VPC is a /16 taken round-robin from a pool of 335 private /16 blocks: 10.0.0.0/8
    (256), 172.16.0.0/12 without 172.17.0.0/16 (15; 172.17 is Docker's bridge and draws a
    vpc-cidr-range warning) and 100.64.0.0/10 (64). A thousand VPCs of /24 subnets cannot fit in
    private space without reuse (100,000 /24s are 25.6 M addresses; RFC 1918 + RFC 6598 hold
    22 M), so blocks are reused, as they are in a multi-account estate: VPCs that share a block
    are never peered and draw vpc-overlap warnings (one per shared /16: 335 for 1,000 VPCs);
  - subnet j of a VPC is the j-th /24 of its block, in AZ j mod 6: subnets 0-5 are public (one
    NAT gateway each, and the VPC's internet-facing ALB spans all six), the next 64 are private
    (each routed to the NAT of its own AZ), the rest isolated;
  - each VPC has interface endpoints for ecr.api, ecr.dkr and logs in its first three private
    subnets and an s3 gateway endpoint;
  - services are Fargate, spread over three consecutive private subnets (three AZs), behind the
    ALB; about 2% scale far enough to draw ip-headroom or ip-exhaustion;
  - peerings chain the first VPCs, whose blocks are distinct (no findings);
  - --overlaps K turns K pairs of isolated subnets into duplicates (one subnet-overlap each).
"""

import argparse
import json
import random
import sys

AZ_LETTERS = "abcdef"
PUBLIC_SUBNETS = 6
PRIVATE_SUBNETS = 64
MAX_SUBNETS_PER_VPC = 256  # /24s in a /16
FIRST_ISOLATED = PUBLIC_SUBNETS + PRIVATE_SUBNETS
MAX_OVERLAPS_PER_VPC = (MAX_SUBNETS_PER_VPC - FIRST_ISOLATED) // 2


def vpc_blocks():
    """the pool of distinct private /16 blocks, as (first octet, second octet)"""
    blocks = [(10, b) for b in range(256)]
    blocks += [(172, b) for b in range(16, 32) if b != 17]
    blocks += [(100, b) for b in range(64, 128)]
    return blocks


def make_subnets(vpc_index, first, second, count, region):
    subnets = []
    for j in range(count):
        letter = AZ_LETTERS[j % len(AZ_LETTERS)]
        if j < PUBLIC_SUBNETS:
            tier = "public"
        elif j < FIRST_ISOLATED:
            tier = "private"
        else:
            tier = "isolated"
        subnet = {
            "name": f"{tier}-{j:03d}",
            "cidr": f"{first}.{second}.{j}.0/24",
            "az": f"{region}{letter}",
            "tier": tier,
        }
        if tier == "private":
            subnet["nat_gateway"] = f"nat-{letter}"
        subnets.append(subnet)
    return subnets


def inject_overlaps(vpcs, overlaps):
    """makes subnet 71+2t a copy of subnet 70+2t: one subnet-overlap per pair"""
    capacity = sum(
        max(0, (len(vpc["subnets"]) - FIRST_ISOLATED) // 2) for vpc in vpcs
    )
    if overlaps > capacity:
        sys.exit(f"gen-model: --overlaps {overlaps} needs more isolated subnets "
                 f"(at most {capacity} with this layout)")
    placed = 0
    for t in range(MAX_OVERLAPS_PER_VPC):
        for vpc in vpcs:
            if placed == overlaps:
                return
            a = FIRST_ISOLATED + 2 * t
            if a + 1 >= len(vpc["subnets"]):
                continue
            vpc["subnets"][a + 1]["cidr"] = vpc["subnets"][a]["cidr"]
            placed += 1


def make_service(rng, vpc_name, index, private_count):
    # three consecutive private subnets: three different AZs
    start = rng.randrange(0, max(1, private_count - 2))
    subnets = [f"private-{PUBLIC_SUBNETS + start + k:03d}"
               for k in range(min(3, private_count))]
    desired = rng.randint(1, 6)
    if rng.random() < 0.02:
        peak = rng.randint(300, 450)  # ~200-300 addresses per subnet at 200%: headroom/exhaustion
    else:
        peak = desired * rng.randint(2, 8)
    # a valid Fargate pair (fargate-task-size): 2, 4 or 8 MiB per CPU unit fits the 256, 512 and
    # 1024 rows; one draw each, as before, so the rest of the model does not change
    cpu = rng.choice([256, 512, 1024])
    memory = cpu * rng.choice([2, 4, 8])
    service = {
        "name": f"{vpc_name}-svc{index:03d}",
        "vpc": vpc_name,
        "launch_type": "FARGATE",
        "cpu": cpu,
        "memory": memory,
        "desired_count": desired,
        "subnets": subnets,
        "assign_public_ip": False,
        "load_balancer": "alb",
        "deployment": {"maximum_percent": 200, "minimum_healthy_percent": 100},
        "autoscaling": {"min": desired, "max": max(desired, peak)},
    }
    return service


def generate(args):
    rng = random.Random(args.seed)
    region = "us-east-1"
    blocks = vpc_blocks()
    vpcs = []
    services = []
    for i in range(args.vpcs):
        first, second = blocks[i % len(blocks)]
        name = f"vpc{i:04d}"
        subnets = make_subnets(i, first, second, args.subnets_per_vpc, region)
        public = [s["name"] for s in subnets if s["tier"] == "public"]
        private = [s["name"] for s in subnets if s["tier"] == "private"]
        vpc = {
            "name": name,
            "cidr": f"{first}.{second}.0.0/16",
            "internet_gateway": True,
            "subnets": subnets,
            "nat_gateways": [{"name": f"nat-{s['az'][-1]}", "subnet": s["name"]}
                             for s in subnets if s["tier"] == "public"],
            "endpoints": [{"service": svc, "type": "interface", "subnets": private[k:k + 1]}
                          for k, svc in enumerate(["ecr.api", "ecr.dkr", "logs"])
                          if private[k:k + 1]]
                         + [{"service": "s3", "type": "gateway"}],
            "load_balancers": [],
        }
        if len(public) >= 2:
            vpc["load_balancers"].append({"name": "alb", "type": "application",
                                          "scheme": "internet-facing", "subnets": public})
        vpcs.append(vpc)
        if private and vpc["load_balancers"]:
            for s in range(args.services_per_vpc):
                services.append(make_service(rng, name, s, len(private)))
    inject_overlaps(vpcs, args.overlaps)
    peerings = [[vpcs[i]["name"], vpcs[i + 1]["name"]]
                for i in range(min(args.peerings, len(blocks) - 1, len(vpcs) - 1))]
    return {
        "ecsplan": 1,
        "name": f"bench-{args.vpcs}x{args.subnets_per_vpc}",
        "region": region,
        "notes": [
            f"generated by bench/gen-model.py --vpcs {args.vpcs} --subnets-per-vpc "
            f"{args.subnets_per_vpc} --services-per-vpc {args.services_per_vpc} "
            f"--seed {args.seed} --overlaps {args.overlaps} --peerings {args.peerings}",
            "VPC /16 blocks are reused round-robin from 335 private blocks: VPCs sharing one "
            "are not peered (vpc-overlap warnings)",
        ],
        "vpcs": vpcs,
        "peerings": peerings,
        "services": services,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vpcs", type=int, default=1000)
    parser.add_argument("--subnets-per-vpc", type=int, default=100)
    parser.add_argument("--services-per-vpc", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--overlaps", type=int, default=0,
                        help="inject K overlapping subnet pairs (one subnet-overlap each)")
    parser.add_argument("--peerings", type=int, default=100,
                        help="peer the first N+1 VPCs in a chain (their blocks are distinct)")
    parser.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    args = parser.parse_args()
    if not 1 <= args.subnets_per_vpc <= MAX_SUBNETS_PER_VPC:
        parser.error(f"--subnets-per-vpc must be 1..{MAX_SUBNETS_PER_VPC} (/24s in a /16)")
    if args.vpcs < 1 or args.services_per_vpc < 0 or args.overlaps < 0 or args.peerings < 0:
        parser.error("counts must not be negative (and --vpcs at least 1)")
    model = generate(args)
    text = json.dumps(model, indent=1, separators=(",", ": ")) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
