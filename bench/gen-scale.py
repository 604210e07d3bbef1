#!/usr/bin/env python3
"""Writes the inputs of issue 9 item 6 (findings about N items must stay O(N log N)).

Each kind is deterministic: same arguments, same bytes.

  same-cidr-vpcs  N VPCs that all have the block 10.0.0.0/16, one /24 subnet each
                  (main: 1,000 VPCs took 22 s; every pair was a vpc-overlap finding)
  same-subnets    one VPC 10.0.0.0/16 with N subnets that all are 10.0.1.0/24
                  (main: 4,000 took 57 s and 12 GB, then printed an empty document)
  tf-refs         a Terraform plan whose ECS service lists its subnets through one
                  expression of N references (main: 64k references took 30 s)
  many-vpcs       N subnets spread over M VPCs, every VPC with a public block (one
                  vpc-cidr-range warning each, each with a suggested block) and one pair of
                  identical subnets (main: 1M subnets in 10k VPCs, 3 s of 6.5 s re-sorting
                  every VPC block for each warning)

    python3 bench/gen-scale.py same-cidr-vpcs 1000 -o vpcs.json
    python3 bench/gen-scale.py tf-refs 65536 -o plan.json
    python3 bench/gen-scale.py many-vpcs 1000000 --vpcs 10000 -o big.json
"""
import argparse
import json
import sys

REGION = "us-east-1"
AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]


def model(name, vpcs):
    return {"ecsplan": 1, "name": name, "region": REGION, "vpcs": vpcs}


def same_cidr_vpcs(n, _args):
    vpcs = []
    for i in range(n):
        vpcs.append({
            "name": f"vpc-{i:06d}",
            "cidr": "10.0.0.0/16",
            "subnets": [{"name": f"s-{i:06d}", "cidr": "10.0.1.0/24", "az": AZS[i % 3],
                         "tier": "isolated"}],
        })
    return model("same-cidr-vpcs", vpcs)


def same_subnets(n, _args):
    subnets = [{"name": f"s-{i:06d}", "cidr": "10.0.1.0/24", "az": AZS[i % 3],
                "tier": "isolated"} for i in range(n)]
    return model("same-subnets", [{"name": "main", "cidr": "10.0.0.0/16", "subnets": subnets}])


def many_vpcs(n, args):
    m = args.vpcs
    per_vpc = max(2, n // m)
    vpcs = []
    for v in range(m):
        # a public /16 per VPC (11.x.y.0/16 ...): vpc-cidr-range suggests a private block for
        # each one, which is the hint that used to re-sort every VPC block per warning
        a, b = 11 + v // 256, v % 256
        subnets = []
        for s in range(per_vpc):
            # subnet 1 repeats subnet 0: one subnet-overlap per VPC
            j = 0 if s == 1 else s
            subnets.append({"name": f"s-{s:05d}", "cidr": f"{a}.{b}.{j // 16}.{(j % 16) * 16}/28",
                            "az": AZS[s % 3], "tier": "isolated"})
        vpcs.append({"name": f"vpc-{v:05d}", "cidr": f"{a}.{b}.0.0/16", "subnets": subnets})
    return model("many-vpcs", vpcs)


def resource(address, rtype, values, index=None):
    out = {"address": address, "mode": "managed", "type": rtype,
           "name": address.split(".")[1].split("[")[0],
           "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
           "values": values}
    if index is not None:
        out["index"] = index
    return out


def tf_refs(n, args):
    n_subnets = args.subnets
    planned = [resource("aws_vpc.main", "aws_vpc", {"cidr_block": "10.0.0.0/16"})]
    for i in range(n_subnets):
        planned.append(resource(f"aws_subnet.s[{i}]", "aws_subnet",
                                {"cidr_block": f"10.0.{i}.0/24", "availability_zone": AZS[i % 3]},
                                index=i))
    planned.append(resource("aws_ecs_cluster.main", "aws_ecs_cluster", {"name": "main"}))
    planned.append(resource("aws_ecs_task_definition.app", "aws_ecs_task_definition",
                            {"family": "app", "cpu": "256", "memory": "512",
                             "requires_compatibilities": ["FARGATE"], "network_mode": "awsvpc"}))
    planned.append(resource("aws_ecs_service.app", "aws_ecs_service",
                            {"name": "app", "launch_type": "FARGATE", "desired_count": 2,
                             "network_configuration": [{"assign_public_ip": False}]}))
    # n references: the instance and the instance's id of subnets 0, 1, 2, ... in turn, past
    # the last instance too (as a generated expression might), so every form is looked up
    references = []
    if args.form == "local":
        # one subnet, then n - 1 references to a local value: small per reference, for the
        # budget of references per import (PLAN_TF_MAX_REFERENCES)
        references = ["aws_subnet.s[0]"] + ["local.x"] * (n - 1)
    for i in range(n if args.form == "instances" else 0):
        k = i // 2
        references.append(f"aws_subnet.s[{k}].id" if i % 2 == 0 else f"aws_subnet.s[{k}]")
    config = [
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
         "expressions": {"cidr_block": {"constant_value": "10.0.0.0/16"}}},
        {"address": "aws_subnet.s", "mode": "managed", "type": "aws_subnet", "name": "s",
         "count_expression": {"constant_value": n_subnets},
         "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}},
        {"address": "aws_ecs_cluster.main", "mode": "managed", "type": "aws_ecs_cluster",
         "name": "main", "expressions": {}},
        {"address": "aws_ecs_task_definition.app", "mode": "managed",
         "type": "aws_ecs_task_definition", "name": "app", "expressions": {}},
        {"address": "aws_ecs_service.app", "mode": "managed", "type": "aws_ecs_service",
         "name": "app",
         "expressions": {
             "cluster": {"references": ["aws_ecs_cluster.main.id", "aws_ecs_cluster.main"]},
             "task_definition": {"references": ["aws_ecs_task_definition.app.arn",
                                                "aws_ecs_task_definition.app"]},
             "network_configuration": [{"subnets": {"references": references}}]}},
    ]
    return {"format_version": "1.2", "terraform_version": "1.6.0",
            "planned_values": {"root_module": {"resources": planned}},
            "configuration": {"root_module": {"resources": config}}}


KINDS = {"same-cidr-vpcs": same_cidr_vpcs, "same-subnets": same_subnets, "tf-refs": tf_refs,
         "many-vpcs": many_vpcs}


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("n", type=int, help="VPCs, subnets or references")
    parser.add_argument("--vpcs", type=int, default=10000, help="many-vpcs: how many VPCs")
    parser.add_argument("--subnets", type=int, default=256,
                        help="tf-refs: subnet instances in the plan")
    parser.add_argument("--form", choices=["instances", "local"], default="instances",
                        help="tf-refs: what the references name")
    parser.add_argument("-o", "--output", default="-")
    args = parser.parse_args()
    doc = KINDS[args.kind](args.n, args)
    text = json.dumps(doc, separators=(",", ":")) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
