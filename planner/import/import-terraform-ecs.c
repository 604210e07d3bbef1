/* the ECS half of the Terraform import: services (with their task definitions, containers,
 * load balancers and capacity provider strategies) and EC2 clusters
 * (ECS cluster -> capacity provider -> Auto Scaling group -> launch template or launch
 * configuration). Also the table of resource types the importer reads. */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

#include "loader.h"

static const char *const cluster_types[] = {"aws_ecs_cluster", NULL};
static const char *const task_types[] = {"aws_ecs_task_definition", NULL};
static const char *const provider_types[] = {"aws_ecs_capacity_provider", NULL};
static const char *const group_types[] = {"aws_autoscaling_group", NULL};
static const char *const template_types[] = {"aws_launch_template", NULL};
static const char *const configuration_types[] = {"aws_launch_configuration", NULL};
static const char *const target_group_types[] = {"aws_lb_target_group", "aws_alb_target_group",
						 NULL};
static const char *const classic_types[] = {"aws_elb", NULL};

/* ---- records --------------------------------------------------------------------------------- */

typedef struct {
	PlanTfResource *resource;
	gint64 min;
	gint64 max;
	gboolean has_max;
	GPtrArray *subnets; /* PlanTfSubnet* */
	const char *instance_type;
	gboolean public_ip;
	PlanTfResource *launch; /* launch template or launch configuration */
	/* EBS: the GB of every volume each instance is given (0: the plan gives none, the AMI
	 * decides), and the first volume's type */
	gint64 ebs_gb;
	gboolean ebs_type_set;
	PlanStorageType ebs_type;
	/* a mixed instances policy */
	gboolean mixed;
	gint64 on_demand_base;
	gint64 on_demand_percentage;
	GPtrArray *overrides; /* PlanInstanceOverride, owned */
} PlanTfGroup;

typedef struct {
	PlanTfResource *resource;
	PlanTfGroup *group;
	gint64 target_capacity; /* 0 unless managed scaling is on */
	gboolean protect_set;	/* managed_termination_protection is in the plan */
	gboolean protect;
	guint set; /* PlanClusterField: the managed scaling settings the plan gives */
	gint64 min_step;
	gint64 max_step;
	gint64 warmup_s;
} PlanTfProvider;

typedef struct {
	PlanTfResource *resource;
	GPtrArray *groups;	     /* PlanTfGroup*: instances that join the cluster */
	GPtrArray *providers;	     /* PlanTfProvider* */
	GPtrArray *default_strategy; /* PlanStrategyItem, owned */
	PlanCluster *cluster;	     /* owned by the model; NULL for Fargate-only clusters */
	PlanTfVpc *vpc;
} PlanTfCluster;

static void
plan_tf_group_free(PlanTfGroup *group)
{
	g_ptr_array_unref(group->subnets);
	g_ptr_array_unref(group->overrides);
	g_free(group);
}

static void
plan_tf_cluster_free(PlanTfCluster *cluster)
{
	g_ptr_array_unref(cluster->groups);
	g_ptr_array_unref(cluster->providers);
	g_ptr_array_unref(cluster->default_strategy);
	g_free(cluster);
}

static gpointer
plan_tf_record_of(PlanTfResource *resource, const char *const *types)
{
	return resource != NULL && tf_is_type(resource, types) ? resource->record : NULL;
}

static void
plan_tf_add_unique_pointer(GPtrArray *array, gpointer pointer)
{
	for (guint i = 0; i < array->len; i++) {
		if (g_ptr_array_index(array, i) == pointer)
			return;
	}
	g_ptr_array_add(array, pointer);
}

/* the subnets of @types links, as PlanTfSubnet records */
static GPtrArray *
plan_tf_subnets(PlanTfImport *import, PlanTfResource *resource, const char *attribute)
{
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) found = tf_link(import, resource, attribute, tf_subnet_types,
						  PLAN_TF_LINK_MANY, &status);
	GPtrArray *subnets = g_ptr_array_new();

	for (guint i = 0; i < found->len; i++) {
		PlanTfSubnet *subnet =
		    plan_tf_record_of(g_ptr_array_index(found, i), tf_subnet_types);
		if (subnet != NULL)
			plan_tf_add_unique_pointer(subnets, subnet);
	}
	return subnets;
}

/* ---- EC2 capacity ---------------------------------------------------------------------------- */

/* one EBS volume of a launch template or configuration: its size added to the group's, the
 * first one's type kept (gp2, gp3, io1; another type is a warning and leaves the default) */
static void
plan_tf_read_volume(PlanTfImport *import, PlanTfGroup *group, PlanTfResource *launch,
		    const char *prefix)
{
	g_autofree char *size_path = g_strdup_printf("%svolume_size", prefix);
	g_autofree char *type_path = g_strdup_printf("%svolume_type", prefix);
	gint64 size = 0;
	const char *type = NULL;

	if (tf_integer(import, launch, size_path, 0, 65536, &size))
		group->ebs_gb = MIN(group->ebs_gb + size, 65536);
	if (group->ebs_type_set || !tf_string(import, launch, type_path, &type) ||
	    type[0] == '\0')
		return;
	if (strcmp(type, "gp2") == 0 || strcmp(type, "gp3") == 0 || strcmp(type, "io1") == 0) {
		group->ebs_type = strcmp(type, "gp2") == 0   ? PLAN_STORAGE_GP2
				  : strcmp(type, "gp3") == 0 ? PLAN_STORAGE_GP3
							     : PLAN_STORAGE_IO1;
		group->ebs_type_set = TRUE;
	} else {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", launch,
				"volume type '%s' of %s is not modelled; the cluster's ebs_type "
				"stays gp3",
				type, launch->source);
	}
}

static void
plan_tf_read_launch(PlanTfImport *import, PlanTfGroup *group, PlanTfResource *launch)
{
	const cJSON *public_ip;

	group->launch = launch;
	tf_string(import, launch, "instance_type", &group->instance_type);
	if (strcmp(launch->type, "aws_launch_configuration") == 0) {
		guint n = tf_block_count(launch, import, "ebs_block_device");
		tf_bool(import, launch, "associate_public_ip_address", &group->public_ip);
		if (tf_block_count(launch, import, "root_block_device") > 0)
			plan_tf_read_volume(import, group, launch, "root_block_device.0.");
		for (guint i = 0; i < n; i++) {
			g_autofree char *prefix = g_strdup_printf("ebs_block_device.%u.", i);
			plan_tf_read_volume(import, group, launch, prefix);
		}
		return;
	}
	/* a launch template's block_device_mappings: each mapping's ebs block */
	for (guint i = 0, n = tf_block_count(launch, import, "block_device_mappings"); i < n;
	     i++) {
		g_autofree char *prefix = g_strdup_printf("block_device_mappings.%u.ebs.0.", i);
		plan_tf_read_volume(import, group, launch, prefix);
	}
	/* a launch template's network interface says it as a string ("true") or a bool */
	public_ip = tf_value(launch, "network_interfaces.0.associate_public_ip_address");
	group->public_ip = cJSON_IsTrue(public_ip) || (cJSON_IsString(public_ip) &&
						       strcmp(public_ip->valuestring, "true") == 0);
}

#define MIXED "mixed_instances_policy.0."

/* the distribution (on-demand base, percentage above it) and every override with its weight */
static void
plan_tf_read_mixed(PlanTfImport *import, PlanTfGroup *group)
{
	PlanTfResource *resource = group->resource;
	guint n = tf_block_count(resource, import, MIXED "launch_template.0.override");

	if (tf_block_count(resource, import, "mixed_instances_policy") == 0)
		return;
	group->mixed = TRUE;
	tf_integer(import, resource,
			MIXED "instances_distribution.0.on_demand_base_capacity", 0,
			PLAN_MODEL_MAX_COUNT, &group->on_demand_base);
	tf_integer(import, resource,
			MIXED "instances_distribution.0.on_demand_percentage_above_base_capacity",
			0, 100, &group->on_demand_percentage);
	for (guint i = 0; i < n; i++) {
		g_autofree char *type_path =
		    g_strdup_printf(MIXED "launch_template.0.override.%u.instance_type", i);
		g_autofree char *weight_path =
		    g_strdup_printf(MIXED "launch_template.0.override.%u.weighted_capacity", i);
		const cJSON *weight = tf_value(resource, weight_path);
		const char *type = NULL;
		PlanInstanceOverride *item;

		if (!tf_string(import, resource, type_path, &type))
			continue;
		item = plan_instance_override_new();
		item->instance_type = g_strdup(type);
		/* weighted_capacity is a string in the provider ("2"), "" when unset */
		if (cJSON_IsNumber(weight) && weight->valuedouble >= 1 &&
		    weight->valuedouble <= 999)
			item->weight = (gint64)weight->valuedouble;
		else if (cJSON_IsString(weight) && weight->valuestring[0] != '\0') {
			guint64 parsed = 0;
			if (g_ascii_string_to_unsigned(weight->valuestring, 10, 1, 999, &parsed,
						       NULL))
				item->weight = (gint64)parsed;
		}
		g_ptr_array_add(group->overrides, item);
	}
}

static void
plan_tf_map_group(PlanTfImport *import, PlanTfResource *resource)
{
	static const char *const template_ids[] = {
	    "launch_template.0.id",
	    "launch_template.0.name",
	    "mixed_instances_policy.0.launch_template.0.launch_template_specification.0."
	    "launch_template_id",
	    "mixed_instances_policy.0.launch_template.0.launch_template_specification.0."
	    "launch_template_name",
	};
	PlanTfGroup *group = g_new0(PlanTfGroup, 1);
	PlanTfResource *launch = NULL;
	const char *override = NULL;

	group->resource = resource;
	group->on_demand_percentage = 100;
	group->overrides =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_instance_override_free);
	resource->record = group;
	tf_add_record(import, group, (GDestroyNotify)plan_tf_group_free);
	tf_integer(import, resource, "min_size", 0, PLAN_MODEL_MAX_COUNT, &group->min);
	group->has_max =
	    tf_integer(import, resource, "max_size", 0, PLAN_MODEL_MAX_COUNT, &group->max);
	group->subnets = plan_tf_subnets(import, resource, "vpc_zone_identifier");
	for (guint i = 0; i < G_N_ELEMENTS(template_ids) && launch == NULL; i++) {
		if (tf_value(resource, template_ids[i]) != NULL ||
		    tf_expression(import, resource, template_ids[i]) != NULL)
			launch = tf_link_one(import, resource, template_ids[i], template_types,
						  PLAN_TF_LINK_BY_NAME);
	}
	if (launch == NULL &&
	    (tf_value(resource, "launch_configuration") != NULL ||
	     tf_expression(import, resource, "launch_configuration") != NULL))
		launch = tf_link_one(import, resource, "launch_configuration",
					  configuration_types, PLAN_TF_LINK_BY_NAME);
	if (launch != NULL)
		plan_tf_read_launch(import, group, launch);
	/* a mixed instances policy: the first override is the type the group prefers */
	if (tf_string(import, resource,
			   "mixed_instances_policy.0.launch_template.0.override.0.instance_type",
			   &override))
		group->instance_type = override;
	plan_tf_read_mixed(import, group);
}

/* the cluster named in user data ("ECS_CLUSTER=name" in the text, plain or base64) */
static PlanTfResource *
plan_tf_user_data_cluster(PlanTfImport *import, PlanTfResource *launch)
{
	PlanTfLinkStatus status;
	const char *text = NULL;
	g_autoptr(GPtrArray) found = NULL;
	g_autofree char *decoded = NULL;
	const char *at;

	/* the configuration: user_data = "...ECS_CLUSTER=${aws_ecs_cluster.main.name}..." */
	found = tf_link_nodes(import, launch, "user_data", NULL, TRUE,
				   tf_expression(import, launch, "user_data"), cluster_types,
				   PLAN_TF_LINK_QUIET | PLAN_TF_LINK_MANY, &status);
	if (found->len > 0)
		return g_ptr_array_index(found, 0);
	if (!tf_string(import, launch, "user_data", &text))
		return NULL;
	at = strstr(text, "ECS_CLUSTER=");
	if (at == NULL && strlen(text) % 4 == 0) {
		gsize length = 0;
		g_autofree guchar *bytes = g_base64_decode(text, &length);
		/* decoded text may hold NUL bytes: the search stops at the first, which is fine */
		decoded = g_strndup((const char *)bytes, length);
		at = strstr(decoded, "ECS_CLUSTER=");
	}
	if (at != NULL) {
		const char *start = at + strlen("ECS_CLUSTER=");
		gsize n = strcspn(start, " \t\r\n\"'>;");
		g_autofree char *name = g_strndup(start, n);
		g_autofree char *key = g_strconcat("aws_ecs_cluster\x1f", name, NULL);
		return g_hash_table_lookup(import->by_name, key);
	}
	return NULL;
}

/* ECS_RESERVED_MEMORY=N in the launch template's user data (the agent's config, written to
 * /etc/ecs/ecs.config [S15]), plain or base64: the cluster's reserved_memory_mib. FALSE when the
 * text does not set it or is not known in the plan (a templated user data) */
static gboolean
plan_tf_user_data_reserved(PlanTfImport *import, PlanTfResource *launch, gint64 *reserved)
{
	static const char key[] = "ECS_RESERVED_MEMORY=";
	const char *text = NULL;
	g_autofree char *decoded = NULL;
	const char *at;
	char *end = NULL;
	gint64 value;

	if (launch == NULL || !tf_string(import, launch, "user_data", &text))
		return FALSE;
	at = strstr(text, key);
	if (at == NULL && strlen(text) % 4 == 0) {
		gsize length = 0;
		g_autofree guchar *bytes = g_base64_decode(text, &length);
		decoded = g_strndup((const char *)bytes, length);
		at = strstr(decoded, key);
	}
	if (at == NULL)
		return FALSE;
	at += strlen(key);
	if (*at == '"' || *at == '\'')
		at++;
	if (!g_ascii_isdigit(*at))
		return FALSE;
	value = g_ascii_strtoll(at, &end, 10);
	if (end == at || value < 0 || value > 4194304)
		return FALSE;
	*reserved = value;
	return TRUE;
}

static void
plan_tf_map_provider(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfProvider *provider = g_new0(PlanTfProvider, 1);
	const char *status = NULL;

	provider->resource = resource;
	resource->record = provider;
	tf_add_record(import, provider, g_free);
	provider->group = plan_tf_record_of(
	    tf_link_one(import, resource,
			     "auto_scaling_group_provider.0.auto_scaling_group_arn", group_types,
			     PLAN_TF_LINK_BY_NAME),
	    group_types);
	if (tf_string(import, resource,
			   "auto_scaling_group_provider.0.managed_termination_protection", &status)) {
		provider->protect_set = TRUE;
		provider->protect = strcmp(status, "ENABLED") == 0;
	}
	status = NULL;
	if (tf_string(import, resource,
			   "auto_scaling_group_provider.0.managed_scaling.0.status", &status) &&
	    strcmp(status, "ENABLED") == 0) {
		tf_integer(import, resource,
				"auto_scaling_group_provider.0.managed_scaling.0.target_capacity",
				1, 100, &provider->target_capacity);
		if (tf_integer(
			import, resource,
			"auto_scaling_group_provider.0.managed_scaling.0.minimum_scaling_step_size", 1,
			10000, &provider->min_step))
			provider->set |= PLAN_CLUSTER_MIN_STEP;
		if (tf_integer(
			import, resource,
			"auto_scaling_group_provider.0.managed_scaling.0.maximum_scaling_step_size", 1,
			10000, &provider->max_step))
			provider->set |= PLAN_CLUSTER_MAX_STEP;
		if (tf_integer(
			import, resource,
			"auto_scaling_group_provider.0.managed_scaling.0.instance_warmup_period", 0,
			10000, &provider->warmup_s))
			provider->set |= PLAN_CLUSTER_WARMUP;
	}
}

static void
plan_tf_read_strategy(PlanTfImport *import, PlanTfResource *resource, const char *attribute,
		      GPtrArray *out)
{
	guint n = tf_block_count(resource, import, attribute);

	for (guint i = 0; i < n; i++) {
		g_autofree char *name_path =
		    g_strdup_printf("%s.%u.capacity_provider", attribute, i);
		g_autofree char *weight_path = g_strdup_printf("%s.%u.weight", attribute, i);
		g_autofree char *base_path = g_strdup_printf("%s.%u.base", attribute, i);
		const char *name = NULL;
		PlanStrategyItem *item;

		if (!tf_string(import, resource, name_path, &name)) {
			/* capacity_provider = aws_ecs_capacity_provider.x.name, known after apply
			 */
			PlanTfResource *provider =
			    tf_link_one(import, resource, name_path, provider_types, 0);
			if (provider == NULL || !tf_string(import, provider, "name", &name))
				continue;
		}
		item = plan_strategy_item_new();
		item->capacity_provider = g_strdup(name);
		tf_integer(import, resource, weight_path, 0, 1000, &item->weight);
		tf_integer(import, resource, base_path, 0, 100000, &item->base);
		g_ptr_array_add(out, item);
	}
}

static void
plan_tf_cluster_add_providers(PlanTfImport *import, PlanTfCluster *cluster,
			      PlanTfResource *resource)
{
	PlanTfLinkStatus status;
	/* FARGATE and FARGATE_SPOT are names, not resources: nothing to report for them */
	g_autoptr(GPtrArray) found =
	    tf_link(import, resource, "capacity_providers", provider_types,
			 PLAN_TF_LINK_MANY | PLAN_TF_LINK_BY_NAME | PLAN_TF_LINK_QUIET, &status);

	for (guint i = 0; i < found->len; i++) {
		PlanTfProvider *provider =
		    plan_tf_record_of(g_ptr_array_index(found, i), provider_types);
		if (provider != NULL) {
			plan_tf_add_unique_pointer(cluster->providers, provider);
			if (provider->group != NULL)
				plan_tf_add_unique_pointer(cluster->groups, provider->group);
		}
	}
	plan_tf_read_strategy(import, resource, "default_capacity_provider_strategy",
			      cluster->default_strategy);
}

static void
plan_tf_map_cluster(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfCluster *cluster = g_new0(PlanTfCluster, 1);

	cluster->resource = resource;
	cluster->groups = g_ptr_array_new();
	cluster->providers = g_ptr_array_new();
	cluster->default_strategy =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_strategy_item_free);
	resource->record = cluster;
	tf_add_record(import, cluster, (GDestroyNotify)plan_tf_cluster_free);
	/* older AWS providers keep capacity providers on the cluster itself */
	plan_tf_cluster_add_providers(import, cluster, resource);
}

static void
plan_tf_map_cluster_providers(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfCluster *cluster = plan_tf_record_of(
	    tf_link_one(import, resource, "cluster_name", cluster_types, PLAN_TF_LINK_BY_NAME),
	    cluster_types);

	if (cluster != NULL)
		plan_tf_cluster_add_providers(import, cluster, resource);
}

/* a PlanCluster for each ECS cluster that has instances */
static void
plan_tf_make_cluster(PlanTfImport *import, PlanTfCluster *record)
{
	PlanTfGroup *group;
	PlanCluster *cluster;
	PlanTfProvider *provider = NULL;

	if (record->groups->len == 0)
		return;
	group = g_ptr_array_index(record->groups, 0);
	for (guint i = 0; i < record->providers->len; i++) {
		PlanTfProvider *candidate = g_ptr_array_index(record->providers, i);
		if (candidate->group == group)
			provider = candidate;
	}
	cluster = plan_cluster_new();
	cluster->name = tf_element_name(import->cluster_names, record->resource);
	cluster->instance_type =
	    g_strdup(group->instance_type != NULL ? group->instance_type : "unknown");
	if (group->instance_type == NULL)
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-unresolved", group->resource,
		    "the instance type of %s is not in the plan (no launch template or "
		    "launch configuration with an instance_type); write it into the model",
		    group->resource->source);
	cluster->min = group->min;
	cluster->max = group->has_max ? group->max : group->min;
	cluster->public_ip = group->public_ip;
	/* the volumes the plan gives; without them the AMI's root volume (the model's default,
	 * 30 GB gp3, the ECS-optimized AMI's [S43]) stands */
	if (group->ebs_gb > 0)
		cluster->ebs_gb = group->ebs_gb;
	if (group->ebs_type_set)
		cluster->ebs_type = group->ebs_type;
	if (plan_tf_user_data_reserved(import, group->launch, &cluster->reserved_memory_mib))
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-value", group->resource,
			   "the user data of %s sets ECS_RESERVED_MEMORY=%" G_GINT64_FORMAT
			   ": the cluster's reserved_memory_mib",
			   group->launch->source, cluster->reserved_memory_mib);
	cluster->trunking = import->trunking;
	if (provider != NULL && provider->target_capacity > 0)
		cluster->target_capacity = provider->target_capacity;
	if (provider != NULL && provider->protect_set)
		cluster->managed_termination_protection = provider->protect;
	if (group->mixed) {
		cluster->on_demand_base = group->on_demand_base;
		cluster->on_demand_percentage = group->on_demand_percentage;
		for (guint i = 0; i < group->overrides->len; i++) {
			const PlanInstanceOverride *item = g_ptr_array_index(group->overrides, i);
			PlanInstanceOverride *copy = plan_instance_override_new();
			copy->instance_type = g_strdup(item->instance_type);
			copy->weight = item->weight;
			g_ptr_array_add(cluster->instance_overrides, copy);
		}
		if (group->overrides->len > 1)
			tf_finding(
			    import, PLAN_SEVERITY_NOTE, "import-value", group->resource,
			    "%s may launch %u instance types; the model keeps them all, but the "
			    "simulator packs and prices every instance as the first, %s (ECS managed "
			    "scaling does not support instance weighting [S30])",
			    group->resource->source, group->overrides->len, cluster->instance_type);
	}
	if (provider != NULL) {
		cluster->set = provider->set;
		cluster->minimum_scaling_step_size = provider->min_step;
		cluster->maximum_scaling_step_size = provider->max_step;
		cluster->instance_warmup_s = provider->warmup_s;
	}
	record->vpc = group->subnets->len > 0
			  ? ((PlanTfSubnet *)g_ptr_array_index(group->subnets, 0))->vpc
			  : tf_only_vpc(import);
	if (record->vpc != NULL)
		cluster->vpc = g_strdup(record->vpc->vpc->name);
	for (guint i = 0; i < group->subnets->len; i++) {
		PlanTfSubnet *subnet = g_ptr_array_index(group->subnets, i);
		if (subnet->vpc == record->vpc)
			g_ptr_array_add(cluster->subnets, g_strdup(subnet->subnet->name));
	}
	tf_set_origin(&cluster->origin, record->resource,
			   g_strdup_printf("clusters[%u]", import->model->clusters->len));
	g_ptr_array_add(import->model->clusters, cluster);
	record->cluster = cluster;
	if (record->groups->len > 1)
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", record->resource,
				"%s has %u Auto Scaling groups; the model's cluster describes the "
				"first, %s",
				record->resource->source, record->groups->len,
				group->resource->source);
}

/* ---- services -------------------------------------------------------------------------------- */

static gboolean
plan_tf_is_fargate_provider(const char *name)
{
	return strcmp(name, "FARGATE") == 0 || strcmp(name, "FARGATE_SPOT") == 0;
}

/* the load balancer of the service's first load_balancer block that leads to one, and in
 * @group_out its target group (NULL for a classic ELB); the balancers of the later blocks, each
 * once and other than the first, go to @more (PlanTfLoadBalancer) */
static PlanTfLoadBalancer *
plan_tf_service_lb(PlanTfImport *import, PlanTfResource *resource, PlanTfResource **group_out,
		   GPtrArray *more)
{
	guint n = tf_block_count(resource, import, "load_balancer");
	PlanTfLoadBalancer *first = NULL;

	for (guint i = 0; i < n; i++) {
		g_autofree char *group_path =
		    g_strdup_printf("load_balancer.%u.target_group_arn", i);
		g_autofree char *elb_path = g_strdup_printf("load_balancer.%u.elb_name", i);
		PlanTfResource *group =
		    tf_link_one(import, resource, group_path, target_group_types, 0);
		PlanTfResource *classic;
		PlanTfLoadBalancer *lb;

		if (group != NULL) {
			lb = tf_target_group_lb(import, group);
			if (first == NULL)
				*group_out = group;
			if (lb != NULL && first == NULL) {
				first = lb;
				continue;
			}
			if (lb != NULL) {
				if (lb != first)
					plan_tf_add_unique_pointer(more, lb);
				continue;
			}
			tf_finding(
			    import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
			    "%s sends traffic to %s, but no listener in the plan forwards "
			    "to that target group, so its load balancer is unknown",
			    resource->source, group->source);
			continue;
		}
		classic = tf_link_one(import, resource, elb_path, classic_types,
					   PLAN_TF_LINK_BY_NAME);
		if (classic != NULL && classic->record != NULL && first == NULL)
			first = classic->record;
		else if (classic != NULL && classic->record != NULL && classic->record != first)
			plan_tf_add_unique_pointer(more, classic->record);
	}
	return first;
}

/* the target group's health check: a new task takes healthy_threshold × interval seconds to
 * become healthy [S25b][S34]; and the service's grace period */
static void
plan_tf_service_health(PlanTfImport *import, PlanTfResource *resource, PlanService *service,
		       PlanTfResource *group)
{
	gint64 threshold = 0;
	gint64 interval = 0;

	tf_integer(import, resource, "health_check_grace_period_seconds", 0, G_MAXINT32,
			&service->health_check_grace_period_s);
	if (group != NULL &&
	    tf_integer(import, group, "health_check.0.healthy_threshold", 2, 10, &threshold) &&
	    tf_integer(import, group, "health_check.0.interval", 5, 300, &interval))
		service->lb_healthy_s = threshold * interval;
}

/* ordered_placement_strategy blocks, in order [S39]; placement constraints are not modelled */
static void
plan_tf_service_placement(PlanTfImport *import, PlanTfResource *resource, PlanService *service)
{
	static const char *const types[] = {"spread", "binpack", "random"};
	guint n = tf_block_count(resource, import, "ordered_placement_strategy");

	for (guint i = 0; i < n; i++) {
		g_autofree char *type_path = g_strdup_printf("ordered_placement_strategy.%u.type", i);
		g_autofree char *field_path =
		    g_strdup_printf("ordered_placement_strategy.%u.field", i);
		const char *type = NULL;
		const char *field = NULL;
		PlanPlacementStrategy *strategy;
		gint kind = -1;

		if (!tf_string(import, resource, type_path, &type))
			continue;
		for (guint k = 0; k < G_N_ELEMENTS(types); k++) {
			if (g_ascii_strcasecmp(type, types[k]) == 0)
				kind = (gint)k;
		}
		if (kind < 0) {
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
					"placement strategy '%s' of %s is not spread, binpack or "
					"random; it is left out",
					type, resource->source);
			continue;
		}
		strategy = plan_placement_strategy_new();
		strategy->type = (PlanPlacementType)kind;
		if (tf_string(import, resource, field_path, &field) && field[0] != '\0' &&
		    strategy->type != PLAN_PLACEMENT_RANDOM)
			strategy->field = g_strdup(field);
		strategy->origin.path = g_strdup_printf("%s.placement_strategy[%u]",
							service->origin.path,
							service->placement_strategy->len);
		g_ptr_array_add(service->placement_strategy, strategy);
	}
	if (tf_block_count(resource, import, "placement_constraints") > 0)
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s has placement constraints (distinctInstance, memberOf); the "
				"simulation places its tasks without them",
				resource->source);
}

/* launch type and strategy: the service's own, else its cluster's default strategy; an EC2
 * capacity provider in the strategy makes it an EC2 service */
static void
plan_tf_service_capacity(PlanTfImport *import, PlanTfResource *resource, PlanService *service,
			 PlanTfCluster *cluster, PlanTfTask *task)
{
	const char *launch_type = NULL;
	g_autoptr(GPtrArray) strategy =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_strategy_item_free);
	gboolean ec2_provider = FALSE;

	tf_string(import, resource, "launch_type", &launch_type);
	if (launch_type != NULL && launch_type[0] == '\0')
		launch_type = NULL;
	plan_tf_read_strategy(import, resource, "capacity_provider_strategy", strategy);
	if (launch_type == NULL && strategy->len == 0 && cluster != NULL) {
		for (guint i = 0; i < cluster->default_strategy->len; i++) {
			PlanStrategyItem *item = g_ptr_array_index(cluster->default_strategy, i);
			PlanStrategyItem *copy = plan_strategy_item_new();
			copy->capacity_provider = g_strdup(item->capacity_provider);
			copy->base = item->base;
			copy->weight = item->weight;
			g_ptr_array_add(strategy, copy);
		}
	}
	for (guint i = 0; i < strategy->len; i++) {
		PlanStrategyItem *item = g_ptr_array_index(strategy, i);
		if (!plan_tf_is_fargate_provider(item->capacity_provider))
			ec2_provider = TRUE;
	}
	if (launch_type != NULL) {
		/* ECS takes either a launch type or a strategy; with a launch type, no strategy */
		service->launch_type =
		    strcmp(launch_type, "FARGATE") == 0 ? PLAN_LAUNCH_FARGATE : PLAN_LAUNCH_EC2;
		if (strcmp(launch_type, "FARGATE") != 0 && strcmp(launch_type, "EC2") != 0)
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
					"launch type '%s' of %s is not modelled; EC2 is assumed",
					launch_type, resource->source);
		return;
	}
	if (strategy->len > 0) {
		service->launch_type = ec2_provider ? PLAN_LAUNCH_EC2 : PLAN_LAUNCH_FARGATE;
		for (guint i = 0; i < strategy->len; i++) {
			PlanStrategyItem *item = g_ptr_array_index(strategy, i);
			g_free(item->origin.path);
			item->origin.path = g_strdup_printf("%s.capacity_provider_strategy[%u]",
							    service->origin.path, i);
		}
		g_ptr_array_extend_and_steal(service->capacity_provider_strategy,
					     g_steal_pointer(&strategy));
		return;
	}
	/* neither: ECS uses the EC2 launch type, unless the task runs on Fargate only */
	service->launch_type =
	    task != NULL && task->fargate_only ? PLAN_LAUNCH_FARGATE : PLAN_LAUNCH_EC2;
}

static PlanTfVpc *
plan_tf_service_vpc(PlanTfImport *import, GPtrArray *subnets, PlanTfLoadBalancer *lb,
		    PlanTfCluster *cluster)
{
	if (subnets->len > 0)
		return ((PlanTfSubnet *)g_ptr_array_index(subnets, 0))->vpc;
	if (lb != NULL)
		return lb->vpc;
	if (cluster != NULL && cluster->vpc != NULL)
		return cluster->vpc;
	return tf_only_vpc(import);
}

static void
plan_tf_map_service(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfService *record = g_new0(PlanTfService, 1);
	PlanService *service = plan_service_new();
	PlanTfCluster *cluster;
	PlanTfTask *task;
	PlanTfLoadBalancer *lb;
	PlanTfVpc *vpc;
	g_autoptr(GPtrArray) subnets = NULL;
	g_autoptr(GPtrArray) more_lbs = g_ptr_array_new();
	const char *scheduling = NULL;
	PlanTfResource *group = NULL;

	record->service = service;
	record->resource = resource;
	resource->record = record;
	tf_add_record(import, record, g_free);
	service->name = tf_element_name(import->service_names, resource);
	tf_set_origin(&service->origin, resource,
			   g_strdup_printf("services[%u]", import->model->services->len));
	g_ptr_array_add(import->model->services, service);

	cluster = plan_tf_record_of(
	    tf_link_one(import, resource, "cluster", cluster_types, PLAN_TF_LINK_BY_NAME),
	    cluster_types);
	task = tf_task(import, tf_link_one(import, resource, "task_definition",
						     task_types, PLAN_TF_LINK_BY_NAME));
	subnets = tf_block_count(resource, import, "network_configuration") > 0
		      ? plan_tf_subnets(import, resource, "network_configuration.0.subnets")
		      : g_ptr_array_new();
	tf_bool(import, resource, "network_configuration.0.assign_public_ip",
		     &service->assign_public_ip);
	lb = plan_tf_service_lb(import, resource, &group, more_lbs);
	vpc = plan_tf_service_vpc(import, subnets, lb, cluster);
	if (vpc != NULL)
		service->vpc = g_strdup(vpc->vpc->name);
	for (guint i = 0; i < subnets->len; i++) {
		PlanTfSubnet *subnet = g_ptr_array_index(subnets, i);
		if (subnet->vpc == vpc)
			g_ptr_array_add(service->subnets, g_strdup(subnet->subnet->name));
		else
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved",
					resource,
					"%s lists subnet %s of another VPC; it is left out",
					resource->source, subnet->resource->source);
	}
	for (guint i = 0; i < more_lbs->len; i++) {
		PlanTfLoadBalancer *extra = g_ptr_array_index(more_lbs, i);
		if (extra->vpc == vpc)
			g_ptr_array_add(service->extra_load_balancers, g_strdup(extra->lb->name));
		else
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
					"%s is also behind %s, which is in another VPC; left out",
					resource->source, extra->resource->source);
	}
	if (lb != NULL && lb->vpc == vpc)
		service->load_balancer = g_strdup(lb->lb->name);
	else if (lb != NULL)
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s is behind %s, which is in another VPC; left out",
				resource->source, lb->resource->source);

	/* service_connect_configuration { enabled = true }: ECS adds the proxy to every task */
	if (tf_block_count(resource, import, "service_connect_configuration") > 0)
		tf_bool(import, resource, "service_connect_configuration.0.enabled",
			     &service->service_connect);
	plan_tf_service_capacity(import, resource, service, cluster, task);
	plan_tf_service_placement(import, resource, service);
	plan_tf_service_health(import, resource, service, lb != NULL ? group : NULL);
	tf_task_apply(import, service, task);
	if (task == NULL)
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the task definition of %s is not in the plan; cpu, memory and "
				"containers are unknown",
				resource->source);
	/* a DAEMON service runs one task per instance [S53]: its desired_count (0 in a plan)
	 * does not apply and is left at the model's default, which no finding questions */
	if (tf_string(import, resource, "scheduling_strategy", &scheduling) &&
	    strcmp(scheduling, "DAEMON") == 0)
		service->scheduling_strategy = PLAN_SCHEDULING_DAEMON;
	else
		tf_integer(import, resource, "desired_count", 0, PLAN_MODEL_MAX_COUNT,
			   &service->desired_count);
	if (tf_value(resource, "deployment_maximum_percent") != NULL ||
	    tf_value(resource, "deployment_minimum_healthy_percent") != NULL) {
		service->deployment.present = TRUE;
		tf_integer(import, resource, "deployment_maximum_percent", 100, 1000,
				&service->deployment.maximum_percent);
		tf_integer(import, resource, "deployment_minimum_healthy_percent", 0, 100,
				&service->deployment.minimum_healthy_percent);
	}
	if (service->launch_type == PLAN_LAUNCH_EC2 && cluster != NULL && cluster->cluster != NULL)
		service->cluster = g_strdup(cluster->cluster->name);
	else if (service->launch_type == PLAN_LAUNCH_EC2)
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s runs on EC2, but the plan shows no instances for its cluster "
				"(capacity provider, Auto Scaling group)",
				resource->source);
	if (service->scheduling_strategy == PLAN_SCHEDULING_DAEMON)
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-value", resource,
			   "%s is a DAEMON service: one task on each instance of its cluster, "
			   "packed before the other services' tasks; desired_count does not apply",
			   resource->source);
}

/* ---- the pass -------------------------------------------------------------------------------- */


static void
plan_tf_map_account_setting(PlanTfImport *import, PlanTfResource *resource)
{
	const char *name = NULL;
	const char *value = NULL;

	if (tf_string(import, resource, "name", &name) &&
	    tf_string(import, resource, "value", &value) &&
	    strcmp(name, "awsvpcTrunking") == 0 && strcmp(value, "enabled") == 0)
		import->trunking = TRUE;
}

/* Auto Scaling groups whose instances join a cluster through user data, without a capacity
 * provider (ECS_CLUSTER=... in the launch template or configuration) */
static void
plan_tf_join_by_user_data(PlanTfImport *import)
{
	g_autoptr(GPtrArray) groups = tf_of_types(import, group_types);

	for (guint i = 0; i < groups->len; i++) {
		PlanTfGroup *group = plan_tf_record_of(g_ptr_array_index(groups, i), group_types);
		PlanTfCluster *cluster;

		if (group == NULL || group->launch == NULL)
			continue;
		cluster = plan_tf_record_of(plan_tf_user_data_cluster(import, group->launch),
					    cluster_types);
		if (cluster != NULL)
			plan_tf_add_unique_pointer(cluster->groups, group);
	}
}

void
tf_map_ecs(PlanTfImport *import)
{
	tf_each_type(import, "aws_ecs_account_setting_default", plan_tf_map_account_setting);
	tf_each_type(import, "aws_autoscaling_group", plan_tf_map_group);
	tf_each_type(import, "aws_ecs_capacity_provider", plan_tf_map_provider);
	tf_each_type(import, "aws_ecs_cluster", plan_tf_map_cluster);
	tf_each_type(import, "aws_ecs_cluster_capacity_providers",
			  plan_tf_map_cluster_providers);
	plan_tf_join_by_user_data(import);
	{
		g_autoptr(GPtrArray) clusters = tf_of_types(import, cluster_types);
		for (guint i = 0; i < clusters->len; i++) {
			PlanTfCluster *cluster =
			    plan_tf_record_of(g_ptr_array_index(clusters, i), cluster_types);
			if (cluster != NULL && cluster->resource == g_ptr_array_index(clusters, i))
				plan_tf_make_cluster(import, cluster);
		}
	}
	tf_each_type(import, "aws_ecs_service", plan_tf_map_service);
}
