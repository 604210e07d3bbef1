/* load balancers in the Terraform import: aws_lb / aws_alb (and data sources), classic ELBs,
 * and which load balancer each target group serves, through listeners' default actions and
 * listener rules (target_group_arn and forward blocks). Services reach their load balancer
 * through their target group (import-terraform-ecs.c). */
#include "import-terraform-private.h"

#include <string.h>

static const char *const target_group_types[] = {"aws_lb_target_group", "aws_alb_target_group",
						 NULL};
static const char *const listener_types[] = {"aws_lb_listener", "aws_alb_listener", NULL};
/* ---- load balancers -------------------------------------------------------------------------- */

static void
plan_tf_lb_add_subnets(PlanTfImport *import, PlanTfResource *resource, GPtrArray *found,
		       GPtrArray *subnets)
{
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) listed = tf_link(
	    import, resource, "subnets", tf_subnet_types, PLAN_TF_LINK_MANY, &status);
	guint n_mappings = tf_block_count(resource, import, "subnet_mapping");

	g_ptr_array_extend(found, listed, NULL, NULL);
	for (guint i = 0; i < n_mappings; i++) {
		g_autofree char *attribute = g_strdup_printf("subnet_mapping.%u.subnet_id", i);
		PlanTfResource *subnet =
		    tf_link_one(import, resource, attribute, tf_subnet_types, 0);
		if (subnet != NULL)
			g_ptr_array_add(found, subnet);
	}
	for (guint i = 0; i < found->len; i++) {
		PlanTfSubnet *subnet = tf_subnet_of(g_ptr_array_index(found, i));
		gboolean seen = FALSE;
		for (guint j = 0; subnet != NULL && j < subnets->len; j++)
			seen = seen || g_ptr_array_index(subnets, j) == subnet;
		if (subnet != NULL && !seen)
			g_ptr_array_add(subnets, subnet);
	}
}

static void
plan_tf_map_lb(PlanTfImport *import, PlanTfResource *resource)
{
	g_autoptr(GPtrArray) found = g_ptr_array_new();
	g_autoptr(GPtrArray) subnets = g_ptr_array_new();
	PlanTfLoadBalancer *record;
	PlanLoadBalancer *lb;
	PlanTfVpc *vpc;
	const char *type = NULL;
	gboolean internal = FALSE;
	gboolean classic = strcmp(resource->type, "aws_elb") == 0;

	if (tf_alias(import, resource) != NULL)
		return;
	if (tf_string(import, resource, "load_balancer_type", &type) &&
	    strcmp(type, "application") != 0 && strcmp(type, "network") != 0) {
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s is a %s load balancer, which ecsplan does not model",
				resource->source, type);
		return;
	}
	plan_tf_lb_add_subnets(import, resource, found, subnets);
	vpc = subnets->len > 0 ? ((PlanTfSubnet *)g_ptr_array_index(subnets, 0))->vpc
			       : tf_only_vpc(import);
	if (vpc == NULL) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s has no subnet in the model, so its VPC is unknown; it is left "
				"out",
				resource->source);
		return;
	}
	lb = plan_load_balancer_new();
	lb->name = tf_element_name(vpc->lb_names, resource);
	lb->type = classic ? PLAN_LB_CLASSIC
		   : type != NULL && strcmp(type, "network") == 0 ? PLAN_LB_NETWORK
								   : PLAN_LB_APPLICATION;
	if (tf_bool(import, resource, "internal", &internal) && internal)
		lb->scheme = PLAN_LB_INTERNAL;
	tf_set_origin(&lb->origin, resource,
			   g_strdup_printf("vpcs[%u].load_balancers[%u]", vpc->index,
					   vpc->vpc->load_balancers->len));
	g_ptr_array_add(vpc->vpc->load_balancers, lb);
	record = g_new0(PlanTfLoadBalancer, 1);
	record->lb = lb;
	record->vpc = vpc;
	record->resource = resource;
	resource->record = record;
	tf_add_record(import, record, g_free);
	for (guint i = 0; i < subnets->len; i++) {
		PlanTfSubnet *subnet = g_ptr_array_index(subnets, i);
		if (subnet->vpc == vpc)
			g_ptr_array_add(lb->subnets, g_strdup(subnet->subnet->name));
		else
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved",
					resource,
					"%s lists subnet %s of another VPC; it is left out",
					resource->source, subnet->resource->source);
	}
	if (subnets->len == 0)
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
		    "%s has no subnet in the model; it is placed in the only VPC with no "
		    "subnets",
		    resource->source);
}

/* the target groups an action list forwards to ("default_action" or "action") */
static void
plan_tf_action_groups(PlanTfImport *import, PlanTfResource *resource, const char *actions,
		      GPtrArray *out)
{
	guint n_actions = tf_block_count(resource, import, actions);

	for (guint i = 0; i < n_actions; i++) {
		g_autofree char *direct = g_strdup_printf("%s.%u.target_group_arn", actions, i);
		g_autofree char *forward = g_strdup_printf("%s.%u.forward", actions, i);
		PlanTfResource *group =
		    tf_link_one(import, resource, direct, target_group_types, 0);
		guint n_forward = tf_block_count(resource, import, forward);
		if (group != NULL)
			g_ptr_array_add(out, group);
		for (guint j = 0; j < n_forward; j++) {
			g_autofree char *groups = g_strdup_printf("%s.%u.target_group", forward, j);
			guint n_groups = tf_block_count(resource, import, groups);
			for (guint k = 0; k < n_groups; k++) {
				g_autofree char *arn = g_strdup_printf("%s.%u.arn", groups, k);
				group =
				    tf_link_one(import, resource, arn, target_group_types, 0);
				if (group != NULL)
					g_ptr_array_add(out, group);
			}
		}
	}
}

/* a target group's record is the load balancer whose listener first forwards to it */
static void
plan_tf_map_listener(PlanTfImport *import, PlanTfResource *resource)
{
	g_autoptr(GPtrArray) groups = g_ptr_array_new();
	PlanTfLoadBalancer *lb = NULL;
	gboolean rule = strcmp(resource->type, "aws_lb_listener_rule") == 0 ||
			strcmp(resource->type, "aws_alb_listener_rule") == 0;

	if (rule) {
		PlanTfResource *listener =
		    tf_link_one(import, resource, "listener_arn", listener_types, 0);
		lb = listener != NULL ? listener->record : NULL;
		plan_tf_action_groups(import, resource, "action", groups);
	} else {
		PlanTfResource *target =
		    tf_link_one(import, resource, "load_balancer_arn", tf_lb_types, 0);
		lb = target != NULL ? target->record : NULL;
		resource->record = lb;
		plan_tf_action_groups(import, resource, "default_action", groups);
	}
	for (guint i = 0; lb != NULL && i < groups->len; i++) {
		PlanTfResource *group = g_ptr_array_index(groups, i);
		if (group->record == NULL)
			group->record = lb;
	}
}

PlanTfLoadBalancer *
tf_target_group_lb(PlanTfImport *import, PlanTfResource *group)
{
	return group != NULL && tf_is_type(group, target_group_types) ? group->record : NULL;
}

/* load balancers first, then listeners (which name them), then rules (which name listeners) */
void
tf_map_load_balancers(PlanTfImport *import)
{
	static const char *const rule_types[] = {"aws_lb_listener_rule", "aws_alb_listener_rule",
						 NULL};
	g_autoptr(GPtrArray) lbs = tf_of_types(import, tf_lb_types);
	g_autoptr(GPtrArray) listeners = tf_of_types(import, listener_types);
	g_autoptr(GPtrArray) rules = tf_of_types(import, rule_types);

	for (guint i = 0; i < lbs->len; i++)
		plan_tf_map_lb(import, g_ptr_array_index(lbs, i));
	for (guint i = 0; i < listeners->len; i++)
		plan_tf_map_listener(import, g_ptr_array_index(listeners, i));
	for (guint i = 0; i < rules->len; i++)
		plan_tf_map_listener(import, g_ptr_array_index(rules, i));
}
