/* the network half of the Terraform import: VPCs, subnets and their tiers (from route tables),
 * internet and NAT gateways, VPC endpoints, load balancers and which target groups they
 * serve. Tier rules: a subnet's route table (its explicit association, else its VPC's main
 * table) decides; a default route to an internet gateway makes it public, to a NAT gateway
 * private with that NAT, none isolated. */
#include "import-terraform-private.h"

#include <string.h>

const char *const tf_subnet_types[] = {"aws_subnet", "aws_default_subnet", NULL};
const char *const tf_lb_types[] = {"aws_lb", "aws_alb", "aws_elb", NULL};
static const char *const vpc_types[] = {"aws_vpc", "aws_default_vpc", NULL};
static const char *const igw_types[] = {"aws_internet_gateway", NULL};
static const char *const nat_types[] = {"aws_nat_gateway", NULL};
static const char *const table_types[] = {"aws_route_table", "aws_default_route_table", NULL};
static const char *const endpoint_types[] = {"aws_vpc_endpoint", NULL};
static const char *const route_target_types[] = {
    "aws_internet_gateway",
    "aws_nat_gateway",
    "aws_ec2_transit_gateway",
    "aws_vpc_peering_connection",
    "aws_vpn_gateway",
    "aws_egress_only_internet_gateway",
    "aws_instance",
    "aws_network_interface",
    "aws_vpc_endpoint",
    NULL,
};

/* where a route can point, in the order the AWS provider lists them */
static const char *const route_target_attributes[] = {
    "gateway_id",	    "nat_gateway_id",	"transit_gateway_id", "vpc_peering_connection_id",
    "network_interface_id", "instance_id",	"vpc_endpoint_id",    "egress_only_gateway_id",
    "carrier_gateway_id",   "local_gateway_id", "core_network_arn",   NULL,
};

typedef enum {
	PLAN_TF_ROUTE_NONE,	   /* no default route: isolated */
	PLAN_TF_ROUTE_IGW,	   /* public */
	PLAN_TF_ROUTE_NAT,	   /* private through @nat */
	PLAN_TF_ROUTE_NAT_MISSING, /* a NAT gateway id that is not in the plan */
	PLAN_TF_ROUTE_OTHER,	   /* a transit gateway, a peering, an appliance, ... */
} PlanTfRouteKind;

typedef struct {
	PlanNatGateway *nat; /* owned by the model; NULL when it could not be placed */
	PlanTfVpc *vpc;
	PlanTfResource *resource;
} PlanTfNat;

typedef struct {
	PlanTfResource *resource;
	PlanTfVpc *vpc;
	PlanTfRouteKind kind;
	PlanTfNat *nat;
	char *target; /* what the default route points at, for messages */
} PlanTfRouteTable;

typedef struct {
	PlanEndpoint *endpoint; /* owned by the model */
	PlanTfVpc *vpc;
	GHashTable *subnets; /* PlanTfSubnet set: gateway endpoints, from their route tables */
} PlanTfEndpoint;

/* state of the network pass */
typedef struct {
	PlanTfImport *import;
	GHashTable *vpc_by_id;	   /* VPC ids not in the plan -> PlanTfVpc */
	GHashTable *vpc_by_module; /* module instance -> its only PlanTfVpc, or &ambiguous */
	GPtrArray *subnets;	   /* PlanTfSubnet, in document order */
	GPtrArray *endpoints;	   /* PlanTfEndpoint */
} PlanTfNetwork;

/* the records themselves belong to the import (tf_add_record) */
static void
plan_tf_network_clear(PlanTfNetwork *network)
{
	g_clear_pointer(&network->vpc_by_id, g_hash_table_unref);
	g_clear_pointer(&network->vpc_by_module, g_hash_table_unref);
	g_clear_pointer(&network->subnets, g_ptr_array_unref);
	g_clear_pointer(&network->endpoints, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanTfNetwork, plan_tf_network_clear)

static void
plan_tf_route_table_free(PlanTfRouteTable *table)
{
	g_free(table->target);
	g_free(table);
}

static void
plan_tf_endpoint_free(PlanTfEndpoint *endpoint)
{
	g_hash_table_unref(endpoint->subnets);
	g_free(endpoint);
}

static GHashTable *
plan_tf_name_set_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

PlanTfVpc *
tf_only_vpc(PlanTfImport *import)
{
	return import->vpcs->len == 1 ? g_ptr_array_index(import->vpcs, 0) : NULL;
}

/* the record another resource with the same known id already became (a data source read of a
 * managed resource, two data sources on one subnet): one element, not two */
gpointer
tf_alias(PlanTfImport *import, PlanTfResource *resource)
{
	const cJSON *id = tf_value(resource, "id");
	PlanTfResource *first;

	if (!cJSON_IsString(id))
		return NULL;
	{
		const char *const types[] = {resource->type, NULL};
		first = tf_lookup_id(import, id->valuestring, types);
	}
	if (first == NULL || first == resource || first->record == NULL)
		return NULL;
	resource->record = first->record;
	resource->origin = first->origin;
	return first->record;
}

/* ---- VPCs ------------------------------------------------------------------------------------ */

static PlanTfVpc *
plan_tf_vpc_append(PlanTfImport *import, PlanVpc *vpc, PlanTfResource *resource)
{
	PlanTfVpc *record = g_new0(PlanTfVpc, 1);

	record->vpc = vpc;
	record->index = import->model->vpcs->len;
	record->resource = resource;
	record->subnet_names = plan_tf_name_set_new();
	record->nat_names = plan_tf_name_set_new();
	record->lb_names = plan_tf_name_set_new();
	record->subnet_records = g_ptr_array_new();
	g_ptr_array_add(import->model->vpcs, vpc);
	g_ptr_array_add(import->vpcs, record);
	tf_set_origin(&vpc->origin, resource, g_strdup_printf("vpcs[%u]", record->index));
	if (resource != NULL)
		resource->record = record;
	return record;
}

static void
plan_tf_map_vpc(PlanTfImport *import, PlanTfResource *resource)
{
	PlanVpc *vpc;
	PlanTfVpc *record;
	const char *cidr = NULL;
	const char *ipv6 = NULL;
	gboolean is_default = FALSE;
	g_autofree char *path = NULL;

	if (tf_alias(import, resource) != NULL)
		return;
	vpc = plan_vpc_new();
	vpc->name = tf_element_name(import->vpc_names, resource);
	record = plan_tf_vpc_append(import, vpc, resource);
	record->existing = resource->data;
	if (strcmp(resource->type, "aws_default_vpc") == 0)
		is_default = TRUE;
	else if (resource->data)
		tf_bool(import, resource, "default", &is_default);
	record->is_default = is_default;
	/* a default VPC comes with an internet gateway and a main route table that uses it */
	vpc->internet_gateway = is_default;
	path = g_strdup_printf("vpcs[%u].cidr", record->index);
	if (tf_string(import, resource, "cidr_block", &cidr)) {
		tf_cidr_set(&vpc->cidr, cidr, PLAN_FAMILY_IPV4, path,
				 tf_loc(import, tf_value(resource, "cidr_block")));
	} else {
		tf_cidr_set(&vpc->cidr, "unknown", PLAN_FAMILY_IPV4, path, resource->loc);
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the CIDR block of %s is %s; write it into the model's 'cidr'",
				resource->source,
				tf_unknown(resource, "cidr_block")
				    ? "known only after apply (an IPAM pool?)"
				    : "not in the plan");
	}
	if (tf_string(import, resource, "ipv6_cidr_block", &ipv6) && ipv6[0] != '\0') {
		g_autofree char *ipv6_path = g_strdup_printf("vpcs[%u].ipv6_cidr", record->index);
		tf_cidr_set(&vpc->ipv6_cidr, ipv6, PLAN_FAMILY_IPV6, ipv6_path,
				 tf_loc(import, tf_value(resource, "ipv6_cidr_block")));
	}
}

/* a VPC the plan names only by its id (var.vpc_id = "vpc-0abc"): kept, with an unknown
 * block, so its subnets and services still have a home */
static PlanTfVpc *
plan_tf_vpc_for_id(PlanTfNetwork *network, const char *id, PlanTfResource *from)
{
	PlanTfImport *import = network->import;
	PlanTfVpc *record = g_hash_table_lookup(network->vpc_by_id, id);
	PlanVpc *vpc;
	g_autoptr(GString) base = g_string_new(NULL);
	g_autofree char *path = NULL;

	if (record != NULL)
		return record;
	for (const char *c = id; *c != '\0'; c++)
		g_string_append_c(base, g_ascii_isalnum(*c) ? g_ascii_tolower(*c) : '-');
	vpc = plan_vpc_new();
	vpc->name = tf_unique_name(import->vpc_names, base->str);
	record = plan_tf_vpc_append(import, vpc, NULL);
	record->existing = TRUE;
	vpc->origin.loc = from->loc;
	vpc->origin.source =
	    g_strdup_printf("VPC %s (not in the plan; named by %s)", id, from->source);
	path = g_strdup_printf("vpcs[%u].cidr", record->index);
	tf_cidr_set(&vpc->cidr, "unknown", PLAN_FAMILY_IPV4, path, from->loc);
	plan_diagnostics_add(import->model->load_diagnostics, PLAN_SEVERITY_WARNING,
			     "import-unresolved", &vpc->origin, NULL, NULL,
			     "VPC '%s' is not in the plan, so its CIDR block is unknown; add a "
			     "data \"aws_vpc\" source for it, or write the block into the model",
			     id);
	g_hash_table_insert(network->vpc_by_id, g_strdup(id), record);
	return record;
}

/* the VPC @resource's vpc_id names; falls back to the only VPC of its module, then of the
 * plan (terraform-aws-modules/vpc sets vpc_id from a local, which the plan does not show).
 * With @report, a VPC id that is not in the plan becomes a VPC of its own and a dead end is
 * reported; without, both are left to the caller */
static PlanTfVpc *
plan_tf_vpc_of(PlanTfNetwork *network, PlanTfResource *resource, gboolean report)
{
	PlanTfImport *import = network->import;
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) found =
	    tf_link(import, resource, "vpc_id", vpc_types, PLAN_TF_LINK_QUIET, &status);
	const cJSON *id = tf_value(resource, "vpc_id");
	PlanTfVpc *only;

	if (found->len > 0 && ((PlanTfResource *)g_ptr_array_index(found, 0))->record != NULL)
		return ((PlanTfResource *)g_ptr_array_index(found, 0))->record;
	if (report && cJSON_IsString(id) && id->valuestring[0] != '\0' && found->len == 0)
		return plan_tf_vpc_for_id(network, id->valuestring, resource);
	/* aws_default_subnet lives in the default VPC */
	if (g_str_has_prefix(resource->type, "aws_default_")) {
		for (guint i = 0; i < import->vpcs->len; i++) {
			PlanTfVpc *vpc = g_ptr_array_index(import->vpcs, i);
			if (vpc->is_default)
				return vpc;
		}
	}
	only = g_hash_table_lookup(network->vpc_by_module, resource->module);
	if (only != NULL && only != (gpointer)network->vpc_by_module)
		return only;
	if (tf_only_vpc(import) != NULL)
		return tf_only_vpc(import);
	if (report)
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
		    "vpc_id of %s leads to no VPC in the plan, and the plan has %u VPCs "
		    "to choose from; %s is left out",
		    resource->source, import->vpcs->len, resource->source);
	return NULL;
}

static void
plan_tf_map_cidr_association(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfVpc *vpc = plan_tf_vpc_of(network, resource, TRUE);
	const char *cidr = NULL;
	gboolean ipv6 = strcmp(resource->type, "aws_vpc_ipv6_cidr_block_association") == 0;
	const char *attribute = ipv6 ? "ipv6_cidr_block" : "cidr_block";
	g_autofree char *path = NULL;

	if (vpc == NULL)
		return;
	resource->record = vpc;
	if (!tf_string(import, resource, attribute, &cidr)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s of %s is known only after apply; the block is left out",
				attribute, resource->source);
		return;
	}
	if (ipv6) {
		if (vpc->vpc->ipv6_cidr.state == PLAN_CIDR_UNSET) {
			path = g_strdup_printf("vpcs[%u].ipv6_cidr", vpc->index);
			tf_cidr_set(&vpc->vpc->ipv6_cidr, cidr, PLAN_FAMILY_IPV6, path,
					 tf_loc(import, tf_value(resource, attribute)));
		}
		return;
	} else {
		PlanCidr block = {0};
		path = g_strdup_printf("vpcs[%u].secondary_cidrs[%u]", vpc->index,
				       vpc->vpc->secondary_cidrs->len);
		tf_cidr_set(&block, cidr, PLAN_FAMILY_IPV4, path,
				 tf_loc(import, tf_value(resource, attribute)));
		g_array_append_val(vpc->vpc->secondary_cidrs, block);
	}
}

static void
plan_tf_map_internet_gateway(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	const cJSON *attachments = tf_value(resource, "attachments");
	PlanTfVpc *vpc = NULL;

	/* data "aws_internet_gateway" lists its attachments */
	for (const cJSON *item = cJSON_IsArray(attachments) ? attachments->child : NULL;
	     item != NULL && vpc == NULL; item = item->next) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "vpc_id");
		PlanTfResource *target = cJSON_IsString(id)
					     ? tf_lookup_id(import, id->valuestring, vpc_types)
					     : NULL;
		if (target != NULL)
			vpc = target->record;
	}
	if (vpc == NULL && tf_value(resource, "vpc_id") == NULL &&
	    !tf_unknown(resource, "vpc_id") &&
	    tf_expression(import, resource, "vpc_id") == NULL)
		return; /* detached: an aws_internet_gateway_attachment may attach it */
	if (vpc == NULL)
		vpc = plan_tf_vpc_of(network, resource, TRUE);
	if (vpc == NULL)
		return;
	vpc->vpc->internet_gateway = TRUE;
	if (strcmp(resource->type, "aws_internet_gateway") == 0 || resource->record == NULL)
		resource->record = vpc;
	if (strcmp(resource->type, "aws_internet_gateway_attachment") == 0) {
		PlanTfResource *gateway = tf_link_one(import, resource, "internet_gateway_id",
							   igw_types, PLAN_TF_LINK_QUIET);
		if (gateway != NULL && gateway->record == NULL)
			gateway->record = vpc;
	}
}

/* ---- subnets and NAT gateways ---------------------------------------------------------------- */

static void
plan_tf_subnet_az(PlanTfImport *import, PlanTfResource *resource, PlanSubnet *subnet)
{
	const char *az = NULL;

	if (tf_string(import, resource, "availability_zone", &az) && az[0] != '\0') {
		subnet->az = g_strdup(az);
		return;
	}
	if (tf_string(import, resource, "availability_zone_id", &az) && az[0] != '\0') {
		subnet->az = g_strdup(az);
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
		    "%s gives only the AZ id '%s'; AZ names differ per account, so write "
		    "the AZ name into the model",
		    resource->source, az);
		return;
	}
	subnet->az = g_strdup("unknown");
	tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
			"the availability zone of %s is known only after apply (AWS picks it); "
			"write the AZ into the model",
			resource->source);
}

static void
plan_tf_map_subnet(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfVpc *vpc;
	PlanSubnet *subnet;
	PlanTfSubnet *record;
	const char *cidr = NULL;
	const char *ipv6 = NULL;
	g_autofree char *path = NULL;
	g_autofree char *cidr_path = NULL;

	if (tf_alias(import, resource) != NULL)
		return;
	vpc = plan_tf_vpc_of(network, resource, TRUE);
	if (vpc == NULL)
		return;
	subnet = plan_subnet_new();
	subnet->name = tf_element_name(vpc->subnet_names, resource);
	path = g_strdup_printf("vpcs[%u].subnets[%u]", vpc->index, vpc->vpc->subnets->len);
	g_ptr_array_add(vpc->vpc->subnets, subnet);
	tf_set_origin(&subnet->origin, resource, g_strdup(path));
	record = g_new0(PlanTfSubnet, 1);
	record->subnet = subnet;
	record->vpc = vpc;
	record->resource = resource;
	resource->record = record;
	tf_add_record(import, record, g_free);
	g_ptr_array_add(network->subnets, record);
	g_ptr_array_add(vpc->subnet_records, record);

	cidr_path = g_strconcat(path, ".cidr", NULL);
	if (tf_string(import, resource, "cidr_block", &cidr) && cidr[0] != '\0') {
		tf_cidr_set(&subnet->cidr, cidr, PLAN_FAMILY_IPV4, cidr_path,
				 tf_loc(import, tf_value(resource, "cidr_block")));
	} else {
		/* an IPAM-allocated or IPv6-only subnet: "auto" lets ecsplan alloc place it */
		tf_cidr_set(&subnet->cidr, "auto", PLAN_FAMILY_IPV4, cidr_path, resource->loc);
		subnet->size_kind = PLAN_SIZE_AUTO;
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the CIDR block of %s is %s; the model says \"auto\" (run 'ecsplan "
				"alloc', or write the block)",
				resource->source,
				tf_unknown(resource, "cidr_block") ? "known only after apply"
									: "not set");
	}
	plan_tf_subnet_az(import, resource, subnet);
	if (tf_string(import, resource, "ipv6_cidr_block", &ipv6) && ipv6[0] != '\0') {
		g_autofree char *ipv6_path = g_strconcat(path, ".ipv6_cidr", NULL);
		tf_cidr_set(&subnet->ipv6_cidr, ipv6, PLAN_FAMILY_IPV6, ipv6_path,
				 tf_loc(import, tf_value(resource, "ipv6_cidr_block")));
	}
}

PlanTfSubnet *
tf_subnet_of(PlanTfResource *resource)
{
	return resource != NULL && tf_is_type(resource, tf_subnet_types)
		   ? resource->record
		   : NULL;
}

static void
plan_tf_map_nat(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfNat *record;
	PlanTfSubnet *subnet;
	const char *connectivity = NULL;

	if (tf_alias(import, resource) != NULL)
		return;
	record = g_new0(PlanTfNat, 1);
	record->resource = resource;
	tf_add_record(import, record, g_free);
	resource->record = record;
	subnet = tf_subnet_of(
	    tf_link_one(import, resource, "subnet_id", tf_subnet_types, 0));
	if (subnet == NULL)
		return;
	record->vpc = subnet->vpc;
	record->nat = plan_nat_gateway_new();
	record->nat->name = tf_element_name(subnet->vpc->nat_names, resource);
	record->nat->subnet = g_strdup(subnet->subnet->name);
	if (tf_string(import, resource, "connectivity_type", &connectivity) &&
	    strcmp(connectivity, "private") == 0)
		record->nat->connectivity = PLAN_NAT_PRIVATE;
	tf_set_origin(&record->nat->origin, resource,
			   g_strdup_printf("vpcs[%u].nat_gateways[%u]", subnet->vpc->index,
					   subnet->vpc->vpc->nat_gateways->len));
	g_ptr_array_add(subnet->vpc->vpc->nat_gateways, record->nat);
}

/* ---- route tables ---------------------------------------------------------------------------- */

static PlanTfRouteTable *
plan_tf_table_record(PlanTfResource *resource)
{
	if (resource == NULL || (!tf_is_type(resource, table_types)))
		return NULL;
	return resource->record;
}

/* classifies where a route points; TRUE when it names a target */
static gboolean
plan_tf_classify_target(PlanTfNetwork *network, PlanTfRouteTable *table, PlanTfResource *from,
			const char *attribute, const cJSON *value, gboolean unknown,
			const cJSON *expression)
{
	PlanTfImport *import = network->import;
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) found = NULL;
	PlanTfResource *target;

	if (!unknown && (!cJSON_IsString(value) || value->valuestring[0] == '\0') &&
	    expression == NULL)
		return FALSE;
	found = tf_link_nodes(
	    import, from, attribute,
	    cJSON_IsString(value) && value->valuestring[0] != '\0' ? value : NULL, unknown,
	    expression, route_target_types, PLAN_TF_LINK_QUIET, &status);
	if (status == PLAN_TF_LINK_NONE)
		return FALSE;
	target = found->len > 0 ? g_ptr_array_index(found, 0) : NULL;
	g_free(table->target);
	if (target != NULL) {
		table->target = g_strdup(target->source);
		if (strcmp(target->type, "aws_internet_gateway") == 0) {
			table->kind = PLAN_TF_ROUTE_IGW;
		} else if (strcmp(target->type, "aws_nat_gateway") == 0) {
			table->kind = PLAN_TF_ROUTE_NAT;
			table->nat = target->record;
		} else {
			table->kind = PLAN_TF_ROUTE_OTHER;
		}
		return TRUE;
	}
	if (cJSON_IsString(value) && g_str_has_prefix(value->valuestring, "igw-")) {
		table->kind = PLAN_TF_ROUTE_IGW;
		table->target = g_strdup(value->valuestring);
	} else if (cJSON_IsString(value) && g_str_has_prefix(value->valuestring, "nat-")) {
		table->kind = PLAN_TF_ROUTE_NAT_MISSING;
		table->target = g_strdup(value->valuestring);
	} else {
		table->kind = PLAN_TF_ROUTE_OTHER;
		table->target = cJSON_IsString(value) ? g_strdup(value->valuestring)
						      : g_strdup_printf("its %s", attribute);
	}
	return TRUE;
}

/* one route: a default IPv4 route decides the table's kind */
static void
plan_tf_read_route(PlanTfNetwork *network, PlanTfRouteTable *table, PlanTfResource *from,
		   const char *destination_key, const cJSON *value, const cJSON *config)
{
	const cJSON *destination = cJSON_GetObjectItemCaseSensitive(value, destination_key);
	const cJSON *constant = tf_walk(config, destination_key);

	if (cJSON_IsObject(constant))
		constant = cJSON_GetObjectItemCaseSensitive(constant, "constant_value");
	if (!cJSON_IsString(destination))
		destination = constant;
	if (!cJSON_IsString(destination) || strcmp(destination->valuestring, "0.0.0.0/0") != 0)
		return;
	if (table->kind != PLAN_TF_ROUTE_NONE)
		return; /* the first default route counts; AWS allows only one */
	for (guint i = 0; route_target_attributes[i] != NULL; i++) {
		const char *attribute = route_target_attributes[i];
		const cJSON *target = cJSON_GetObjectItemCaseSensitive(value, attribute);
		const cJSON *expression = tf_walk(config, attribute);
		gboolean known = cJSON_IsString(target) && target->valuestring[0] != '\0';
		gboolean target_unknown =
		    !known && expression != NULL &&
		    cJSON_GetObjectItemCaseSensitive(expression, "references") != NULL;
		/* a literal id written in the configuration */
		if (!known && cJSON_IsString(tf_walk(expression, "constant_value")))
			target = tf_walk(expression, "constant_value");
		if (plan_tf_classify_target(network, table, from, attribute, target, target_unknown,
					    target_unknown ? expression : NULL))
			return;
	}
}

/* the inline "route" blocks of aws_route_table / aws_default_route_table, or the "routes" a
 * data source read; from the values when known, else from the configuration */
static void
plan_tf_read_inline_routes(PlanTfNetwork *network, PlanTfRouteTable *table)
{
	PlanTfResource *resource = table->resource;
	const char *key = resource->data ? "routes" : "route";
	const cJSON *routes = tf_value(resource, key);
	const cJSON *config = tf_expression(network->import, resource, key);
	gboolean unknown = tf_unknown(resource, key);

	for (const cJSON *route = cJSON_IsArray(routes) ? routes->child : NULL; route != NULL;
	     route = route->next)
		plan_tf_read_route(network, table, resource, "cidr_block", route, NULL);
	if (table->kind != PLAN_TF_ROUTE_NONE || (!unknown && routes != NULL))
		return;
	for (const cJSON *block = cJSON_IsArray(config) ? config->child : NULL; block != NULL;
	     block = block->next)
		plan_tf_read_route(network, table, resource, "cidr_block", NULL, block);
}

static void
plan_tf_set_main_table(PlanTfVpc *vpc, PlanTfRouteTable *table)
{
	if (vpc != NULL && table != NULL && vpc->main_table == NULL)
		vpc->main_table = table;
}

static void
plan_tf_map_route_table(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfRouteTable *table = g_new0(PlanTfRouteTable, 1);

	table->resource = resource;
	resource->record = table;
	tf_add_record(import, table, (GDestroyNotify)plan_tf_route_table_free);
	if (strcmp(resource->type, "aws_default_route_table") == 0) {
		/* default_route_table_id: the VPC whose main table this is */
		PlanTfResource *vpc = tf_link_one(import, resource, "default_route_table_id",
						       vpc_types, PLAN_TF_LINK_QUIET);
		table->vpc = vpc != NULL ? vpc->record : plan_tf_vpc_of(network, resource, FALSE);
		plan_tf_set_main_table(table->vpc, table);
	} else {
		table->vpc = plan_tf_vpc_of(network, resource, FALSE);
	}
	plan_tf_read_inline_routes(network, table);
	if (resource->data) {
		const cJSON *associations = tf_value(resource, "associations");
		for (const cJSON *item = cJSON_IsArray(associations) ? associations->child : NULL;
		     item != NULL; item = item->next) {
			const cJSON *subnet_id =
			    cJSON_GetObjectItemCaseSensitive(item, "subnet_id");
			const cJSON *main = cJSON_GetObjectItemCaseSensitive(item, "main");
			PlanTfSubnet *subnet =
			    cJSON_IsString(subnet_id)
				? tf_subnet_of(tf_lookup_id(
				      import, subnet_id->valuestring, tf_subnet_types))
				: NULL;
			if (subnet != NULL && subnet->table == NULL)
				subnet->table = table;
			if (cJSON_IsTrue(main))
				plan_tf_set_main_table(table->vpc, table);
		}
	}
}

static void
plan_tf_map_route(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfRouteTable *table = plan_tf_table_record(
	    tf_link_one(import, resource, "route_table_id", table_types, 0));

	if (table == NULL)
		return;
	resource->record = table;
	plan_tf_read_route(network, table, resource, "destination_cidr_block", resource->values,
			   tf_resource_config(import, resource));
}

static void
plan_tf_map_association(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfRouteTable *table = plan_tf_table_record(
	    tf_link_one(import, resource, "route_table_id", table_types, 0));

	if (strcmp(resource->type, "aws_main_route_table_association") == 0) {
		plan_tf_set_main_table(plan_tf_vpc_of(network, resource, TRUE), table);
		return;
	}
	/* a gateway_id association (edge routing) says nothing about a subnet */
	if (tf_value(resource, "subnet_id") == NULL &&
	    tf_expression(import, resource, "subnet_id") == NULL)
		return;
	{
		PlanTfSubnet *subnet = tf_subnet_of(
		    tf_link_one(import, resource, "subnet_id", tf_subnet_types, 0));
		if (subnet != NULL && table != NULL)
			subnet->table = table;
		resource->record = table;
	}
}

static void
plan_tf_assign_tier(PlanTfNetwork *network, PlanTfSubnet *record)
{
	PlanTfImport *import = network->import;
	PlanTfResource *resource = record->resource;
	PlanTfRouteTable *table = record->table != NULL ? record->table : record->vpc->main_table;
	PlanSubnet *subnet = record->subnet;
	gboolean public_ip = FALSE;
	gboolean default_for_az = FALSE;

	if (table == NULL) {
		tf_bool(import, resource, "map_public_ip_on_launch", &public_ip);
		tf_bool(import, resource, "default_for_az", &default_for_az);
		if (record->vpc->is_default || default_for_az ||
		    strcmp(resource->type, "aws_default_subnet") == 0) {
			/* the default VPC's main route table sends 0.0.0.0/0 to its gateway */
			subnet->tier = PLAN_TIER_PUBLIC;
			record->vpc->vpc->internet_gateway = TRUE;
		} else if (!record->vpc->existing) {
			/* a VPC created by this plan: its main table holds the local route only */
			subnet->tier = PLAN_TIER_ISOLATED;
		} else if (public_ip) {
			/* a subnet that hands out public IPs is public in practice, so its VPC
			 * has an internet gateway */
			subnet->tier = PLAN_TIER_PUBLIC;
			record->vpc->vpc->internet_gateway = TRUE;
			tf_finding(
			    import, PLAN_SEVERITY_NOTE, "import-inferred", resource,
			    "the plan holds no route table for %s; tier 'public' (and an "
			    "internet gateway in its VPC) because it gives instances public "
			    "IPs (map_public_ip_on_launch)",
			    resource->source);
		} else {
			subnet->tier = PLAN_TIER_PRIVATE;
			tf_finding(
			    import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
			    "the plan holds no route table for %s, so its route to the "
			    "internet is unknown; tier 'private' without a NAT gateway is "
			    "assumed (add a data \"aws_route_table\" source, or edit the "
			    "model)",
			    resource->source);
		}
		return;
	}
	switch (table->kind) {
	case PLAN_TF_ROUTE_IGW:
		subnet->tier = PLAN_TIER_PUBLIC;
		record->vpc->vpc->internet_gateway = TRUE;
		break;
	case PLAN_TF_ROUTE_NAT:
		subnet->tier = PLAN_TIER_PRIVATE;
		if (table->nat != NULL && table->nat->nat != NULL && table->nat->vpc == record->vpc)
			subnet->nat_gateway = g_strdup(table->nat->nat->name);
		else
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved",
					resource,
					"%s routes to %s, which is not a NAT gateway of its VPC in "
					"the model; tier 'private' without a NAT gateway",
					resource->source, table->target);
		break;
	case PLAN_TF_ROUTE_NAT_MISSING:
		subnet->tier = PLAN_TIER_PRIVATE;
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
		    "%s routes to NAT gateway %s, which is not in the plan; add it to the "
		    "model's nat_gateways and name it in the subnet",
		    resource->source, table->target);
		break;
	case PLAN_TF_ROUTE_OTHER:
		subnet->tier = PLAN_TIER_PRIVATE;
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the default route of %s goes to %s, which ecsplan does not model; "
				"tier 'private' without a NAT gateway",
				resource->source, table->target);
		break;
	case PLAN_TF_ROUTE_NONE:
	default:
		subnet->tier = PLAN_TIER_ISOLATED;
		break;
	}
}

/* ---- VPC endpoints --------------------------------------------------------------------------- */

static void
plan_tf_map_endpoint(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfVpc *vpc = plan_tf_vpc_of(network, resource, TRUE);
	const char *service = NULL;
	const char *type = NULL;
	PlanTfEndpoint *record;
	PlanEndpoint *endpoint;
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) subnets = NULL;
	g_autoptr(GPtrArray) tables = NULL;

	if (vpc == NULL)
		return;
	if (!tf_string(import, resource, "service_name", &service)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the service of %s is known only after apply; the endpoint is left "
				"out",
				resource->source);
		return;
	}
	if (tf_string(import, resource, "vpc_endpoint_type", &type) &&
	    strcmp(type, "Interface") != 0 && strcmp(type, "Gateway") != 0) {
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s is a %s endpoint, which ecsplan does not model",
				resource->source, type);
		return;
	}
	endpoint = plan_endpoint_new();
	endpoint->name = plan_import_name_from_address(resource->address);
	/* "com.amazonaws.us-east-1.ecr.dkr" -> "ecr.dkr" */
	if (g_str_has_prefix(service, "com.amazonaws.") && strchr(service + 14, '.') != NULL)
		endpoint->service = g_strdup(strchr(service + 14, '.') + 1);
	else
		endpoint->service = g_strdup(service);
	endpoint->type = type != NULL && strcmp(type, "Gateway") == 0 ? PLAN_ENDPOINT_GATEWAY
								      : PLAN_ENDPOINT_INTERFACE;
	tf_set_origin(
	    &endpoint->origin, resource,
	    g_strdup_printf("vpcs[%u].endpoints[%u]", vpc->index, vpc->vpc->endpoints->len));
	g_ptr_array_add(vpc->vpc->endpoints, endpoint);
	record = g_new0(PlanTfEndpoint, 1);
	record->endpoint = endpoint;
	record->vpc = vpc;
	record->subnets = g_hash_table_new(NULL, NULL);
	resource->record = record;
	tf_add_record(import, record, (GDestroyNotify)plan_tf_endpoint_free);
	g_ptr_array_add(network->endpoints, record);

	subnets = tf_link(import, resource, "subnet_ids", tf_subnet_types,
			       PLAN_TF_LINK_MANY, &status);
	for (guint i = 0; i < subnets->len; i++) {
		PlanTfSubnet *subnet = tf_subnet_of(g_ptr_array_index(subnets, i));
		if (subnet != NULL && subnet->vpc == vpc)
			g_hash_table_add(record->subnets, subnet);
	}
	/* a gateway endpoint serves the subnets of its route tables: collected once the
	 * associations are known (plan_tf_endpoint_subnets) */
	tables = tf_link(import, resource, "route_table_ids", table_types, PLAN_TF_LINK_MANY,
			      &status);
	for (guint i = 0; i < tables->len; i++) {
		PlanTfRouteTable *table = plan_tf_table_record(g_ptr_array_index(tables, i));
		if (table != NULL)
			g_hash_table_add(record->subnets, table);
	}
}

static void
plan_tf_map_endpoint_association(PlanTfNetwork *network, PlanTfResource *resource)
{
	PlanTfImport *import = network->import;
	PlanTfResource *endpoint =
	    tf_link_one(import, resource, "vpc_endpoint_id", endpoint_types, 0);
	PlanTfEndpoint *record = endpoint != NULL ? endpoint->record : NULL;
	PlanTfResource *target;

	if (record == NULL)
		return;
	if (strcmp(resource->type, "aws_vpc_endpoint_route_table_association") == 0)
		target = tf_link_one(import, resource, "route_table_id", table_types, 0);
	else
		target = tf_link_one(import, resource, "subnet_id", tf_subnet_types, 0);
	if (target != NULL && target->record != NULL)
		g_hash_table_add(record->subnets, target->record);
	resource->record = record;
}

/* the endpoint's subnets in model order: those it names, and those whose route table it
 * serves (the set holds both PlanTfSubnet and PlanTfRouteTable records) */
static void
plan_tf_endpoint_subnets(PlanTfNetwork *network, PlanTfEndpoint *record)
{
	for (guint i = 0; i < record->vpc->subnet_records->len; i++) {
		PlanTfSubnet *subnet = g_ptr_array_index(record->vpc->subnet_records, i);
		PlanTfRouteTable *table =
		    subnet->table != NULL ? subnet->table : subnet->vpc->main_table;
		if (g_hash_table_contains(record->subnets, subnet) ||
		    (table != NULL && g_hash_table_contains(record->subnets, table)))
			g_ptr_array_add(record->endpoint->subnets, g_strdup(subnet->subnet->name));
	}
}

/* ---- the pass -------------------------------------------------------------------------------- */

/* the only VPC of each module instance; the table itself marks a module with several */
static void
plan_tf_index_vpcs(PlanTfNetwork *network)
{
	for (guint i = 0; i < network->import->vpcs->len; i++) {
		PlanTfVpc *vpc = g_ptr_array_index(network->import->vpcs, i);
		if (vpc->resource == NULL)
			continue;
		if (g_hash_table_contains(network->vpc_by_module, vpc->resource->module))
			g_hash_table_insert(network->vpc_by_module, (gpointer)vpc->resource->module,
					    network->vpc_by_module);
		else
			g_hash_table_insert(network->vpc_by_module, (gpointer)vpc->resource->module, vpc);
	}
}

typedef void (*PlanTfMapFunc)(PlanTfNetwork *network, PlanTfResource *resource);

static void
plan_tf_each(PlanTfNetwork *network, const char *const *types, PlanTfMapFunc func)
{
	g_autoptr(GPtrArray) resources = tf_of_types(network->import, types);

	for (guint i = 0; i < resources->len; i++)
		func(network, g_ptr_array_index(resources, i));
}

static void
plan_tf_map_vpc_each(PlanTfNetwork *network, PlanTfResource *resource)
{
	plan_tf_map_vpc(network->import, resource);
}

void
tf_map_network(PlanTfImport *import)
{
	static const char *const associations[] = {"aws_vpc_ipv4_cidr_block_association",
						   "aws_vpc_ipv6_cidr_block_association", NULL};
	static const char *const gateways[] = {"aws_internet_gateway",
					       "aws_internet_gateway_attachment", NULL};
	static const char *const routes[] = {"aws_route", NULL};
	static const char *const table_links[] = {"aws_route_table_association",
						  "aws_main_route_table_association", NULL};
	static const char *const endpoint_links[] = {"aws_vpc_endpoint_route_table_association",
						     "aws_vpc_endpoint_subnet_association", NULL};
	g_auto(PlanTfNetwork) network = {0};

	network.import = import;
	network.vpc_by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	network.vpc_by_module = g_hash_table_new(g_str_hash, g_str_equal);
	network.subnets = g_ptr_array_new();
	network.endpoints = g_ptr_array_new();

	plan_tf_each(&network, vpc_types, plan_tf_map_vpc_each);
	plan_tf_index_vpcs(&network);
	plan_tf_each(&network, associations, plan_tf_map_cidr_association);
	plan_tf_each(&network, gateways, plan_tf_map_internet_gateway);
	plan_tf_each(&network, tf_subnet_types, plan_tf_map_subnet);
	plan_tf_each(&network, nat_types, plan_tf_map_nat);
	plan_tf_each(&network, table_types, plan_tf_map_route_table);
	plan_tf_each(&network, routes, plan_tf_map_route);
	plan_tf_each(&network, table_links, plan_tf_map_association);
	for (guint i = 0; i < network.subnets->len; i++)
		plan_tf_assign_tier(&network, g_ptr_array_index(network.subnets, i));
	plan_tf_each(&network, endpoint_types, plan_tf_map_endpoint);
	plan_tf_each(&network, endpoint_links, plan_tf_map_endpoint_association);
	for (guint i = 0; i < network.endpoints->len; i++)
		plan_tf_endpoint_subnets(&network, g_ptr_array_index(network.endpoints, i));
}
