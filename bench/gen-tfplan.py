#!/usr/bin/env python3
"""Writes a large `terraform show -json` plan for benchmarking `ecsplan import terraform`.

The plan is a first apply of N environments, each a for_each instance of one module
(module.env["e0001"]) that calls a VPC module laid out like terraform-aws-modules/vpc
(module.env["e0001"].module.vpc: VPC, 3 public and 3 private subnets, a NAT gateway per AZ,
route tables, routes, associations) and runs two Fargate services behind an ALB with
autoscaling. Ids are unknown, as in a real first apply, so every link goes through the
configuration's references: module outputs, count.index, for_each keys. Root-level S3
buckets (not modelled) make up the exact resource count.

Same arguments, same bytes: there is no randomness beyond --seed's CIDR offset.

    python3 bench/gen-tfplan.py --resources 20000 -o tfplan-20k.json
"""
import argparse
import json
import sys

AWS = "registry.terraform.io/hashicorp/aws"
AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]
SERVICES = ["api", "worker"]
PER_ENV = 48  # resource instances per environment (counted below)


def ref(*refs):
    return {"references": list(refs)}


def res_refs(address, attribute="id"):
    out = [f"{address}.{attribute}", address]
    if address.endswith("]"):
        out.append(address[: address.rindex("[")])
    return {"references": out}


def key(index):
    if index is None:
        return ""
    return f"[{index}]" if isinstance(index, int) else "[" + json.dumps(index) + "]"


class Plan:
    def __init__(self):
        self.changes = []
        self.modules = {}  # module instance -> list of resources (planned values)
        self.order = []
        self.config = {}   # config path -> list of resource configs
        self.seen = set()

    def add(self, module, type_, name, values, index=None, unknown=(), expressions=None, count=None,
            for_each=None):
        address = f"{module + '.' if module else ''}{type_}.{name}{key(index)}"
        resource = {"address": address, "mode": "managed", "type": type_, "name": name}
        if index is not None:
            resource["index"] = index
        resource.update({"provider_name": AWS, "schema_version": 0, "values": values, "sensitive_values": {}})
        if module not in self.modules:
            self.modules[module] = []
            self.order.append(module)
        self.modules[module].append(resource)
        change = {"address": address}
        if module:
            change["module_address"] = module
        change.update({"mode": "managed", "type": type_, "name": name})
        if index is not None:
            change["index"] = index
        after_unknown = {}
        for path in unknown:
            node = after_unknown
            parts = path.split(".")
            for i, part in enumerate(parts[:-1]):
                nxt = parts[i + 1]
                if part.isdigit():
                    while len(node) <= int(part):
                        node.append({})
                    node = node[int(part)]
                else:
                    node = node.setdefault(part, [] if nxt.isdigit() else {})
            node[parts[-1]] = True
        change.update({"provider_name": AWS, "change": {"actions": ["create"], "before": None, "after": values,
                       "after_unknown": after_unknown, "before_sensitive": False, "after_sensitive": {}}})
        self.changes.append(change)
        config_path = strip_keys(module)
        config_key = (config_path, f"{type_}.{name}")
        if expressions is not None and config_key not in self.seen:
            self.seen.add(config_key)
            rc = {"address": f"{type_}.{name}", "mode": "managed", "type": type_, "name": name,
                  "provider_config_key": "aws", "expressions": expressions, "schema_version": 0}
            if count is not None:
                rc["count_expression"] = count
            if for_each is not None:
                rc["for_each_expression"] = for_each
            self.config.setdefault(config_path, []).append(rc)

    def values_tree(self):
        root = {"resources": self.modules.get("", [])}
        envs = []
        for module in self.order:
            if module.startswith("module.env[") and ".module.vpc" not in module:
                envs.append({"resources": self.modules[module], "address": module,
                             "child_modules": [{"resources": self.modules[module + ".module.vpc"],
                                                "address": module + ".module.vpc"}]})
        root["child_modules"] = envs
        return root


def strip_keys(module):
    out = []
    depth = 0
    quoted = False
    for c in module:
        if depth:
            if c == '"':
                quoted = not quoted
            elif c == "]" and not quoted:
                depth -= 1
            continue
        if c == "[":
            depth += 1
        else:
            out.append(c)
    return "".join(out)


def vpc_module(plan, env, base):
    m = f'module.env["{env}"].module.vpc'
    unknown_vpc = ["arn", "default_route_table_id", "id", "main_route_table_id", "owner_id"]
    plan.add(m, "aws_vpc", "this", {"cidr_block": f"{base}.0/20", "enable_dns_support": True, "tags": {"Name": env}},
             index=0, unknown=unknown_vpc, expressions={"cidr_block": ref("var.cidr")}, count=ref("var.create_vpc"))
    plan.add(m, "aws_internet_gateway", "this", {"tags": {"Name": env}}, index=0, unknown=["arn", "id", "vpc_id"],
             expressions={"vpc_id": ref("local.vpc_id")}, count=ref("var.create_vpc"))
    a, b = base.split(".")[1], base.split(".")[2]
    for kind, offset, public in (("public", 0, True), ("private", 8, False)):
        for i, az in enumerate(AZS):
            plan.add(m, "aws_subnet", kind, {"availability_zone": az, "cidr_block": f"10.{a}.{int(b) + offset + i}.0/24",
                     "map_public_ip_on_launch": public, "tags": {"Name": f"{env}-{kind}-{az}"}}, index=i,
                     unknown=["arn", "availability_zone_id", "id", "vpc_id"],
                     expressions={"availability_zone": ref("var.azs", "count.index"),
                                  "cidr_block": ref(f"var.{kind}_subnets", "count.index"), "vpc_id": ref("local.vpc_id")},
                     count=ref(f"var.{kind}_subnets"))
    for i in range(3):
        plan.add(m, "aws_eip", "nat", {"domain": "vpc"}, index=i, unknown=["allocation_id", "id", "public_ip"],
                 expressions={"domain": {"constant_value": "vpc"}}, count=ref("local.nat_gateway_count"))
        plan.add(m, "aws_nat_gateway", "this", {"connectivity_type": "public"}, index=i,
                 unknown=["allocation_id", "id", "subnet_id"],
                 expressions={"allocation_id": ref("local.nat_gateway_ips", "count.index"),
                              "subnet_id": ref("aws_subnet.public", "var.single_nat_gateway", "count.index")},
                 count=ref("local.nat_gateway_count"))
    plan.add(m, "aws_route_table", "public", {"tags": {"Name": f"{env}-public"}}, index=0,
             unknown=["arn", "id", "route", "vpc_id"], expressions={"vpc_id": ref("local.vpc_id")}, count=ref("var.create_vpc"))
    plan.add(m, "aws_route", "public_internet_gateway", {"destination_cidr_block": "0.0.0.0/0"}, index=0,
             unknown=["gateway_id", "id", "route_table_id"],
             expressions={"destination_cidr_block": {"constant_value": "0.0.0.0/0"},
                          "gateway_id": res_refs("aws_internet_gateway.this[0]"),
                          "route_table_id": res_refs("aws_route_table.public[0]")}, count=ref("var.create_igw"))
    for i in range(3):
        plan.add(m, "aws_route_table_association", "public", {}, index=i, unknown=["id", "route_table_id", "subnet_id"],
                 expressions={"route_table_id": res_refs("aws_route_table.public[0]"),
                              "subnet_id": ref("aws_subnet.public", "count.index")}, count=ref("var.public_subnets"))
    for i in range(3):
        plan.add(m, "aws_route_table", "private", {"tags": {"Name": f"{env}-private-{AZS[i]}"}}, index=i,
                 unknown=["arn", "id", "route", "vpc_id"], expressions={"vpc_id": ref("local.vpc_id")},
                 count=ref("local.max_subnet_length"))
        plan.add(m, "aws_route", "private_nat_gateway", {"destination_cidr_block": "0.0.0.0/0"}, index=i,
                 unknown=["id", "nat_gateway_id", "route_table_id"],
                 expressions={"destination_cidr_block": ref("var.nat_gateway_destination_cidr_block"),
                              "nat_gateway_id": ref("aws_nat_gateway.this", "count.index"),
                              "route_table_id": ref("aws_route_table.private", "count.index")},
                 count=ref("local.nat_gateway_count"))
        plan.add(m, "aws_route_table_association", "private", {}, index=i, unknown=["id", "route_table_id", "subnet_id"],
                 expressions={"route_table_id": ref("aws_route_table.private", "var.single_nat_gateway", "count.index"),
                              "subnet_id": ref("aws_subnet.private", "count.index")}, count=ref("var.private_subnets"))


def environment(plan, env, base):
    vpc_module(plan, env, base)
    m = f'module.env["{env}"]'
    plan.add(m, "aws_ecs_cluster", "this", {"name": env}, unknown=["arn", "id"], expressions={"name": ref("each.key")})
    plan.add(m, "aws_cloudwatch_log_group", "this", {"name": f"/ecs/{env}", "retention_in_days": 14}, unknown=["arn", "id"],
             expressions={"name": ref("each.key")})
    plan.add(m, "aws_lb", "this", {"internal": False, "load_balancer_type": "application", "name": env},
             unknown=["arn", "dns_name", "id", "subnets", "vpc_id"],
             expressions={"name": ref("each.key"), "subnets": ref("module.vpc.public_subnets", "module.vpc")})
    plan.add(m, "aws_lb_listener", "https", {"port": 443, "protocol": "HTTPS",
             "default_action": [{"fixed_response": [{"content_type": "text/plain", "status_code": "404"}], "type": "fixed-response"}]},
             unknown=["arn", "id", "load_balancer_arn"],
             expressions={"load_balancer_arn": res_refs("aws_lb.this", "arn"), "port": {"constant_value": 443}})
    for service in SERVICES:
        plan.add(m, "aws_lb_target_group", "this", {"name": f"{env}-{service}", "port": 8080, "protocol": "HTTP", "target_type": "ip"},
                 index=service, unknown=["arn", "id", "vpc_id"],
                 expressions={"vpc_id": ref("module.vpc.vpc_id", "module.vpc")}, for_each=ref("local.services"))
        plan.add(m, "aws_lb_listener_rule", "this", {"priority": 100 + SERVICES.index(service),
                 "action": [{"type": "forward"}], "condition": [{"host_header": [{"values": [f"{service}.{env}.example.com"]}]}]},
                 index=service, unknown=["action.0.target_group_arn", "arn", "id", "listener_arn"],
                 expressions={"action": [{"target_group_arn": ref("aws_lb_target_group.this", "each.key"),
                                          "type": {"constant_value": "forward"}}],
                              "listener_arn": res_refs("aws_lb_listener.https", "arn")}, for_each=ref("local.services"))
        containers = json.dumps([{"name": service, "image": f"registry.example.com/{service}:1", "essential": True,
                                  "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}], separators=(",", ":"))
        plan.add(m, "aws_ecs_task_definition", "this", {"container_definitions": containers, "cpu": "512", "family": f"{env}-{service}",
                 "memory": "1024", "network_mode": "awsvpc", "requires_compatibilities": ["FARGATE"]}, index=service,
                 unknown=["arn", "id", "revision"], expressions={"family": ref("each.key")}, for_each=ref("local.services"))
        plan.add(m, "aws_security_group", "this", {"name": f"{env}-{service}"}, index=service, unknown=["arn", "id", "vpc_id"],
                 expressions={"vpc_id": ref("module.vpc.vpc_id", "module.vpc")}, for_each=ref("local.services"))
        plan.add(m, "aws_ecs_service", "this", {"name": service, "desired_count": 3, "launch_type": "FARGATE",
                 "deployment_maximum_percent": 200, "deployment_minimum_healthy_percent": 100,
                 "load_balancer": [{"container_name": service, "container_port": 8080}],
                 "network_configuration": [{"assign_public_ip": False}]}, index=service,
                 unknown=["cluster", "id", "load_balancer.0.target_group_arn", "network_configuration.0.security_groups",
                          "network_configuration.0.subnets", "task_definition"],
                 expressions={"cluster": res_refs("aws_ecs_cluster.this", "arn"), "desired_count": {"constant_value": 3},
                              "load_balancer": [{"target_group_arn": ref("aws_lb_target_group.this", "each.key")}],
                              "network_configuration": [{"security_groups": ref("aws_security_group.this", "each.key"),
                                                         "subnets": ref("module.vpc.private_subnets", "module.vpc")}],
                              "task_definition": ref("aws_ecs_task_definition.this", "each.key")},
                 for_each=ref("local.services"))
        plan.add(m, "aws_appautoscaling_target", "this", {"max_capacity": 12, "min_capacity": 3,
                 "resource_id": f"service/{env}/{service}", "scalable_dimension": "ecs:service:DesiredCount",
                 "service_namespace": "ecs"}, index=service, unknown=["arn", "id"],
                 expressions={"resource_id": ref("aws_ecs_cluster.this.name", "aws_ecs_cluster.this", "aws_ecs_service.this", "each.key")},
                 for_each=ref("local.services"))
        plan.add(m, "aws_appautoscaling_policy", "cpu", {"name": f"{env}-{service}-cpu", "policy_type": "TargetTrackingScaling",
                 "resource_id": f"service/{env}/{service}", "scalable_dimension": "ecs:service:DesiredCount",
                 "service_namespace": "ecs", "step_scaling_policy_configuration": [],
                 "target_tracking_scaling_policy_configuration": [{
                     "customized_metric_specification": [], "disable_scale_in": False,
                     "predefined_metric_specification": [{"predefined_metric_type": "ECSServiceAverageCPUUtilization",
                                                          "resource_label": ""}],
                     "scale_in_cooldown": 300, "scale_out_cooldown": 60, "target_value": 60}]}, index=service, unknown=["arn", "id"],
                 expressions={"resource_id": ref("aws_appautoscaling_target.this", "each.key")}, for_each=ref("local.services"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=20000, help="resource instances in the plan (default 20000)")
    parser.add_argument("--seed", type=int, default=1, help="offsets the VPC blocks (default 1)")
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    args = parser.parse_args()
    n_envs = args.resources // PER_ENV
    if n_envs > 4000:
        parser.error("at most 4000 environments fit in 10.0.0.0/8 as /20 VPCs")
    plan = Plan()
    for i in range(n_envs):
        block = (i + args.seed) % 4096
        environment(plan, f"e{i:04d}", f"10.{block // 16}.{(block % 16) * 16}")
    while len(plan.changes) < args.resources:
        n = len(plan.changes)
        plan.add("", "aws_s3_bucket", "artifacts", {"bucket": f"artifacts-{n}", "force_destroy": False}, index=n,
                 unknown=["arn", "id"], expressions={"bucket": ref("count.index")}, count={"constant_value": 1})
    vpc_config = {"outputs": {"vpc_id": {"expression": ref("aws_vpc.this")},
                              "public_subnets": {"expression": ref("aws_subnet.public")},
                              "private_subnets": {"expression": ref("aws_subnet.private")}},
                  "resources": plan.config.get("module.env.module.vpc", [])}
    env_config = {"resources": plan.config.get("module.env", []),
                  "module_calls": {"vpc": {"source": "terraform-aws-modules/vpc/aws", "version_constraint": "~> 5.0",
                                           "expressions": {"cidr": ref("each.value.cidr", "each.value")},
                                           "module": vpc_config}}}
    doc = {"format_version": "1.2", "terraform_version": "1.6.6",
           "planned_values": {"root_module": plan.values_tree()},
           "resource_changes": plan.changes,
           "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": AWS,
                                                         "expressions": {"region": {"constant_value": "us-east-1"}}}},
                             "root_module": {"resources": plan.config.get("", []),
                                             "module_calls": {"env": {"source": "./modules/env",
                                                                      "for_each_expression": ref("local.environments"),
                                                                      "module": env_config}}}},
           "timestamp": "2024-01-01T00:00:00Z", "applyable": True, "complete": True, "errored": False}
    out = open(args.output, "w") if args.output else sys.stdout
    json.dump(doc, out, separators=(",", ":"))
    out.write("\n")
    if args.output:
        out.close()
    print(f"gen-tfplan: {len(plan.changes)} resources in {n_envs} environments", file=sys.stderr)


if __name__ == "__main__":
    main()
