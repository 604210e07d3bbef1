#!/usr/bin/env python3
"""A straightforward Python peer of `ecsplan validate`'s address rules, for benchmarks.

It loads the same JSON with the json module and runs the same checks with the standard
ipaddress module: strict CIDR parsing (cidr-invalid, cidr-host-bits), VPC and subnet sizes,
containment of subnets in their VPC's blocks, subnet overlaps per VPC and VPC overlaps by sort
and sweep (never pairwise), grouped as the rules group them, AZs in the region, and the peak address arithmetic behind
ip-exhaustion and ip-headroom. It prints how many findings of each code it found.

It is meant to be a fair, ordinary implementation: one pass to parse, one sort per sweep,
dictionaries for name lookups. It does not build the per-subnet table or the messages that
ecsplan renders, so it does less work than ecsplan does.
"""

import argparse
import collections
import ipaddress
import json
import sys

# AZ letters per region, as in planner/regions.c (standard AZs only)
REGION_AZS = {
    "af-south-1": "abc", "ap-east-1": "abc", "ap-east-2": "abc", "ap-northeast-1": "abcd",
    "ap-northeast-2": "abcd", "ap-northeast-3": "abc", "ap-south-1": "abc",
    "ap-south-2": "abc", "ap-southeast-1": "abc", "ap-southeast-2": "abc",
    "ap-southeast-3": "abc", "ap-southeast-4": "abc", "ap-southeast-5": "abc",
    "ap-southeast-6": "abc", "ap-southeast-7": "abc", "ca-central-1": "abcd",
    "ca-west-1": "abc", "eu-central-1": "abc", "eu-central-2": "abc", "eu-north-1": "abc",
    "eu-south-1": "abc", "eu-south-2": "abc", "eu-west-1": "abc", "eu-west-2": "abc",
    "eu-west-3": "abc", "il-central-1": "abc", "me-central-1": "abc", "me-south-1": "abc",
    "mx-central-1": "abc", "sa-east-1": "abc", "us-east-1": "abcdef", "us-east-2": "abc",
    "us-west-1": "abc", "us-west-2": "abcd",
}

RESERVED_PER_SUBNET = 5
ALB_ADDRESSES = 8
HEADROOM_PERCENT = 80


class Findings:
    def __init__(self):
        self.counts = collections.Counter()

    def add(self, severity, code):
        self.counts[(code, severity)] += 1


def parse_cidr(text, version, findings):
    """returns the network (canonical even when host bits are set) or None"""
    if not isinstance(text, str) or text == "auto":
        return None
    if "/" not in text:
        findings.add("error", "cidr-invalid")
        return None
    try:
        net = ipaddress.ip_network(text, strict=True)
    except ValueError:
        try:
            net = ipaddress.ip_network(text, strict=False)
        except ValueError:
            findings.add("error", "cidr-invalid")
            return None
        findings.add("error", "cidr-host-bits")
    if net.version != version:
        findings.add("error", "cidr-invalid")
        return None
    return net


def check_vpcs(model, findings):
    """parses every block; returns per VPC (v4 blocks, v6 blocks, subnet networks)"""
    region_letters = REGION_AZS.get(model.get("region"))
    region = model.get("region", "")
    parsed = []
    for vpc in model.get("vpcs", []):
        blocks4 = []
        blocks6 = []
        for text in [vpc.get("cidr")] + list(vpc.get("secondary_cidrs", [])):
            net = parse_cidr(text, 4, findings)
            if net is None:
                continue
            if not 16 <= net.prefixlen <= 28:
                findings.add("error", "vpc-cidr-size")
            blocks4.append(net)
        if "ipv6_cidr" in vpc:
            net = parse_cidr(vpc["ipv6_cidr"], 6, findings)
            if net is not None:
                if net.prefixlen != 56:
                    findings.add("error", "vpc-cidr-size")
                blocks6.append(net)
        subnets4 = []
        subnets6 = []
        for subnet in vpc.get("subnets", []):
            net = parse_cidr(subnet.get("cidr"), 4, findings)
            subnets4.append(net)
            if net is not None:
                if not 16 <= net.prefixlen <= 28:
                    findings.add("error", "subnet-size")
                if blocks4 and not any(net.subnet_of(block) for block in blocks4):
                    findings.add("error", "subnet-outside-vpc")
            net6 = None
            if "ipv6_cidr" in subnet:
                net6 = parse_cidr(subnet["ipv6_cidr"], 6, findings)
                if net6 is not None:
                    if net6.prefixlen != 64:
                        findings.add("error", "subnet-size")
                    if blocks6 and not any(net6.subnet_of(block) for block in blocks6):
                        findings.add("error", "subnet-outside-vpc")
            subnets6.append(net6)
            az = subnet.get("az", "")
            if region_letters is not None and not (
                az.startswith(region) and len(az) == len(region) + 1
                and az[-1] in region_letters
            ):
                findings.add("error", "az-unknown")
        for family in (subnets4, subnets6):
            items = [(net, i) for i, net in enumerate(family) if net is not None]
            # one finding per group (a pair's or a shared block's), as the rule reports them
            for _ in overlap_groups(items):
                findings.add("error", "subnet-overlap")
        parsed.append((blocks4, blocks6, subnets4))
    return parsed


def outer_blocks(blocks):
    """a VPC's blocks without those inside (or repeating) another of its own blocks"""
    ordered = sorted(set(blocks), key=lambda net: (net.network_address, net.prefixlen))
    outer = []
    for net in ordered:
        if outer and net.subnet_of(outer[-1]):
            continue
        outer.append(net)
    return outer


def overlap_groups(items):
    """items: (network, owner); yields (block, members) for each distinct block with at least
    one other block equal to it or inside it: members are that block's copies and everything
    inside. Groups nest (a block inside another is also the head of its own group); prefixes
    nest or are disjoint, so one sorted pass with a stack finds where each group ends."""
    items = sorted(items, key=lambda item: (item[0].network_address, item[0].prefixlen))
    n = len(items)
    end = [n] * n
    stack = []
    for i, (net, _) in enumerate(items):
        while stack and not net.subnet_of(items[stack[-1]][0]):
            end[stack.pop()] = i
        stack.append(i)
    i = 0
    while i < n:
        j = i + 1
        while j < n and items[j][0] == items[i][0]:
            j += 1
        if end[i] - i >= 2:
            yield items[i][0], items[i:end[i]]
        i = j


def check_vpc_overlaps(model, parsed, findings):
    """vpc-overlap as docs/rules.md states it: a block with one other block on it is a pair's
    finding (error when the VPCs are peered); with more, one grouped warning, plus an error for
    each peered pair in the group (a VPC holding the group's block and another), once a pair"""
    names = [vpc.get("name") for vpc in model.get("vpcs", [])]
    peered = set()
    for pair in model.get("peerings", []):
        if isinstance(pair, list) and len(pair) == 2:
            peered.add(frozenset(pair))
    for family in (0, 1):
        items = [(net, v) for v, blocks in enumerate(parsed) for net in outer_blocks(blocks[family])]
        for outer, members in overlap_groups(items):
            if len(members) == 2:
                a, b = members[0][1], members[1][1]
                severity = "error" if frozenset((names[a], names[b])) in peered else "warning"
                findings.add(severity, "vpc-overlap")
                continue
            vpcs = {owner for _, owner in members}
            if len(vpcs) < 2:
                continue
            holders = {owner for net, owner in members if net == outer}
            reported = set()
            for v in holders:
                for w in vpcs:
                    key = frozenset((v, w))
                    if v != w and key not in reported and frozenset((names[v], names[w])) in peered:
                        reported.add(key)
                        findings.add("error", "vpc-overlap")
            findings.add("warning", "vpc-overlap")


def service_vpc_index(service, vpc_index, n_vpcs):
    if "vpc" in service:
        return vpc_index.get(service["vpc"])
    return 0 if n_vpcs == 1 else None


def check_addresses(model, parsed, findings):
    """peak addresses per subnet, then ip-exhaustion and ip-headroom"""
    vpcs = model.get("vpcs", [])
    vpc_index = {vpc.get("name"): v for v, vpc in enumerate(vpcs)}
    subnet_index = [{s.get("name"): i for i, s in enumerate(vpc.get("subnets", []))}
                    for vpc in vpcs]
    peaks = [[0] * len(vpc.get("subnets", [])) for vpc in vpcs]

    for service in model.get("services", []):
        if service.get("network_mode", "awsvpc") != "awsvpc":
            continue
        v = service_vpc_index(service, vpc_index, len(vpcs))
        if v is None:
            continue
        indices = [subnet_index[v][name] for name in service.get("subnets", [])
                   if name in subnet_index[v]]
        if not indices:
            continue
        tasks = service.get("desired_count", 0)
        autoscaling = service.get("autoscaling")
        if autoscaling is not None and autoscaling.get("max", 0) > tasks:
            tasks = autoscaling["max"]
        maximum_percent = service.get("deployment", {}).get("maximum_percent", 200)
        per_subnet = -(-tasks * maximum_percent // (100 * len(indices)))
        for i in indices:
            peaks[v][i] += per_subnet

    for v, vpc in enumerate(vpcs):
        names = subnet_index[v]
        for lb in vpc.get("load_balancers", []):
            if lb.get("type", "application") == "application":
                for name in lb.get("subnets", []):
                    if name in names:
                        peaks[v][names[name]] += ALB_ADDRESSES
        for nat in vpc.get("nat_gateways", []):
            if nat.get("subnet") in names:
                peaks[v][names[nat["subnet"]]] += 1
        for endpoint in vpc.get("endpoints", []):
            if endpoint.get("type", "interface") == "interface":
                for name in endpoint.get("subnets", []):
                    if name in names:
                        peaks[v][names[name]] += 1

    for v, (_, _, subnets4) in enumerate(parsed):
        for i, net in enumerate(subnets4):
            if net is None:
                continue
            usable = net.num_addresses - RESERVED_PER_SUBNET
            peak = peaks[v][i]
            if peak > usable:
                findings.add("error", "ip-exhaustion")
            elif peak * 100 > usable * HEADROOM_PERCENT:
                findings.add("warning", "ip-headroom")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--json", action="store_true",
                        help="print {code: count} as JSON instead of a table")
    args = parser.parse_args()
    with open(args.model, encoding="utf-8") as f:
        model = json.load(f)
    findings = Findings()
    parsed = check_vpcs(model, findings)
    check_vpc_overlaps(model, parsed, findings)
    check_addresses(model, parsed, findings)

    by_code = collections.Counter()
    for (code, _), count in findings.counts.items():
        by_code[code] += count
    if args.json:
        json.dump(dict(sorted(by_code.items())), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    for (code, severity), count in sorted(findings.counts.items()):
        print(f"{code:20} {severity:8} {count}")
    print(f"{'total':20} {'':8} {sum(by_code.values())}")


if __name__ == "__main__":
    main()
