/* name resolution: turns the names one element uses for another into indexes, and reports
 * names that point nowhere (ref-unknown) or that two elements share (name-duplicate) */
#include <string.h>

#include "diagnostic.h"
#include "text.h"

/* one name of a scope's table: open addressing, linear probing */
typedef struct {
	const char *name; /* borrowed; NULL: an empty slot */
	guint32 hash;
	gint index;
} PlanScopeSlot;

/* a name table for one scope (the VPCs, one VPC's subnets, ...). Its own small table rather
 * than a GHashTable, which hashed each name twice and grew by rehashing: filling the 100k
 * subnets' scopes was 77 M instructions (issue 18) */
typedef struct {
	PlanScopeSlot *slots; /* a power of two of them, at most half used */
	guint mask;
	guint n_used;
	GPtrArray *names;  /* borrowed, in model order, for suggestions */
	const char *what;  /* "subnet" */
} PlanScope;

static void
plan_scope_clear(PlanScope *scope)
{
	g_clear_pointer(&scope->slots, g_free);
	g_clear_pointer(&scope->names, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanScope, plan_scope_clear)

/* FNV-1a, 32 bits */
static inline guint32
plan_scope_hash(const char *name)
{
	guint32 hash = 2166136261u;

	for (const guchar *at = (const guchar *)name; *at != '\0'; at++)
		hash = (hash ^ *at) * 16777619u;
	return hash;
}

static void
plan_scope_alloc(PlanScope *scope, guint n_slots)
{
	scope->slots = g_new0(PlanScopeSlot, n_slots);
	scope->mask = n_slots - 1;
	scope->n_used = 0;
}

/* room for @expected names without growing */
static void
plan_scope_init(PlanScope *scope, const char *what, guint expected)
{
	guint n_slots = 8;

	while (n_slots < 2 * (guint64)expected && n_slots < (1u << 30))
		n_slots *= 2;
	plan_scope_alloc(scope, n_slots);
	scope->names = g_ptr_array_sized_new(expected);
	scope->what = what;
}

/* the slot of @name: where it is, or the empty one where it would go */
static PlanScopeSlot *
plan_scope_slot(const PlanScope *scope, const char *name, guint32 hash)
{
	guint at = hash & scope->mask;

	for (;;) {
		PlanScopeSlot *slot = &scope->slots[at];
		if (slot->name == NULL ||
		    (slot->hash == hash && strcmp(slot->name, name) == 0))
			return slot;
		at = (at + 1) & scope->mask;
	}
}

/* Returns: the index of @name, or -1 */
static gint
plan_scope_lookup(const PlanScope *scope, const char *name)
{
	const PlanScopeSlot *slot = plan_scope_slot(scope, name, plan_scope_hash(name));
	return slot->name != NULL ? slot->index : -1;
}

static void
plan_scope_grow(PlanScope *scope)
{
	PlanScopeSlot *old = scope->slots;
	guint n_old = scope->mask + 1;
	guint n_used = scope->n_used;

	plan_scope_alloc(scope, n_old * 2);
	for (guint i = 0; i < n_old; i++) {
		if (old[i].name != NULL)
			*plan_scope_slot(scope, old[i].name, old[i].hash) = old[i];
	}
	scope->n_used = n_used;
	g_free(old);
}

/* adds every element of @elements (records whose PlanOrigin comes first and whose name is at
 * @name_offset) and reports duplicates */
static void
plan_scope_fill(PlanScope *scope, GPtrArray *elements, gsize name_offset, GPtrArray *diagnostics)
{
	for (guint i = 0; i < elements->len; i++) {
		gpointer element = g_ptr_array_index(elements, i);
		const PlanOrigin *origin = element;
		const char *name = *(char **)((guint8 *)element + name_offset);
		PlanScopeSlot *slot;
		guint32 hash;

		if (name == NULL)
			continue;
		hash = plan_scope_hash(name);
		slot = plan_scope_slot(scope, name, hash);
		if (slot->name != NULL) {
			const PlanOrigin *other = g_ptr_array_index(elements, slot->index);
			PlanDiagnostic *diagnostic = plan_diagnostics_add(
				diagnostics, PLAN_SEVERITY_ERROR, "name-duplicate", origin, ".name",
				NULL, "%s name '%s' is already used by %s; give each %s its own name",
				scope->what, name, other->path, scope->what);
			plan_diagnostic_add_related(diagnostic, other->path);
			continue;
		}
		slot->name = name;
		slot->hash = hash;
		slot->index = (gint)i;
		if (++scope->n_used * 2 > scope->mask + 1)
			plan_scope_grow(scope);
		g_ptr_array_add(scope->names, (gpointer)name);
	}
}

/* the index of @name in @scope, or -1 after reporting ref-unknown on @origin + @suffix */
static gint
plan_scope_resolve(const PlanScope *scope, const char *name, const PlanOrigin *origin,
		   const char *suffix, const char *where, GPtrArray *diagnostics)
{
	gint found;
	const char *suggestion;
	g_autofree char *known = NULL;

	if (name == NULL)
		return -1;
	found = plan_scope_lookup(scope, name);
	if (found >= 0)
		return found;
	suggestion = plan_text_suggest(name, (const char *const *)scope->names->pdata,
				       scope->names->len);
	if (suggestion != NULL) {
		plan_diagnostics_add(diagnostics, PLAN_SEVERITY_ERROR, "ref-unknown", origin,
				     suffix, NULL, "%s '%s' does not exist%s; did you mean '%s'?",
				     scope->what, name, where, suggestion);
	} else if (scope->names->len == 0) {
		plan_diagnostics_add(diagnostics, PLAN_SEVERITY_ERROR, "ref-unknown", origin,
				     suffix, NULL, "%s '%s' does not exist%s, which has no %ss",
				     scope->what, name, where, scope->what);
	} else {
		known = plan_text_join_quoted((const char *const *)scope->names->pdata,
					      scope->names->len, 8);
		plan_diagnostics_add(diagnostics, PLAN_SEVERITY_ERROR, "ref-unknown", origin,
				     suffix, NULL, "%s '%s' does not exist%s; known: %s",
				     scope->what, name, where, known);
	}
	return -1;
}

static void
plan_scope_resolve_list(const PlanScope *scope, GPtrArray *names, GArray *indices,
			const PlanOrigin *origin, const char *field, const char *where,
			GPtrArray *diagnostics)
{
	g_array_set_size(indices, 0);
	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);
		gint index = name != NULL ? plan_scope_lookup(scope, name) : -1;
		g_autofree char *suffix = NULL;

		/* the path suffix only for a name that resolves nowhere: printing it for every
		 * reference was a quarter of linking a large model (issue 18) */
		if (index >= 0) {
			g_array_append_val(indices, index);
			continue;
		}
		suffix = g_strdup_printf(".%s[%u]", field, i);
		index = plan_scope_resolve(scope, name, origin, suffix, where, diagnostics);
		if (index >= 0)
			g_array_append_val(indices, index);
	}
}

/* the scopes inside one VPC */
typedef struct {
	PlanScope subnets;
	PlanScope nats;
	PlanScope lbs;
	char *where; /* " in vpc 'main'" */
} PlanVpcScopes;

static void
plan_vpc_scopes_free(PlanVpcScopes *scopes)
{
	plan_scope_clear(&scopes->subnets);
	plan_scope_clear(&scopes->nats);
	plan_scope_clear(&scopes->lbs);
	g_free(scopes->where);
	g_free(scopes);
}

static PlanVpcScopes *
plan_vpc_scopes_new(PlanVpc *vpc, GPtrArray *diagnostics)
{
	PlanVpcScopes *scopes = g_new0(PlanVpcScopes, 1);

	plan_scope_init(&scopes->subnets, "subnet", vpc->subnets->len);
	plan_scope_init(&scopes->nats, "nat gateway", vpc->nat_gateways->len);
	plan_scope_init(&scopes->lbs, "load balancer", vpc->load_balancers->len);
	plan_scope_fill(&scopes->subnets, vpc->subnets, G_STRUCT_OFFSET(PlanSubnet, name),
			diagnostics);
	plan_scope_fill(&scopes->nats, vpc->nat_gateways, G_STRUCT_OFFSET(PlanNatGateway, name),
			diagnostics);
	plan_scope_fill(&scopes->lbs, vpc->load_balancers,
			G_STRUCT_OFFSET(PlanLoadBalancer, name), diagnostics);
	scopes->where = g_strdup_printf(" in vpc '%s'", vpc->name != NULL ? vpc->name : "?");
	return scopes;
}

static void
plan_link_vpc(PlanVpc *vpc, const PlanVpcScopes *scopes, GPtrArray *diagnostics)
{
	for (guint i = 0; i < vpc->subnets->len; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		subnet->nat_index = plan_scope_resolve(&scopes->nats, subnet->nat_gateway,
						       &subnet->origin, ".nat_gateway",
						       scopes->where, diagnostics);
	}
	for (guint i = 0; i < vpc->nat_gateways->len; i++) {
		PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
		nat->subnet_index = plan_scope_resolve(&scopes->subnets, nat->subnet, &nat->origin,
						       ".subnet", scopes->where, diagnostics);
	}
	for (guint i = 0; i < vpc->endpoints->len; i++) {
		PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, i);
		plan_scope_resolve_list(&scopes->subnets, endpoint->subnets,
					endpoint->subnet_indices, &endpoint->origin, "subnets",
					scopes->where, diagnostics);
	}
	for (guint i = 0; i < vpc->load_balancers->len; i++) {
		PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
		plan_scope_resolve_list(&scopes->subnets, lb->subnets, lb->subnet_indices,
					&lb->origin, "subnets", scopes->where, diagnostics);
	}
}

/* a service or cluster without "vpc" belongs to the only VPC when there is exactly one */
static gint
plan_link_owner_vpc(PlanModel *model, const PlanScope *vpcs, const char *vpc_name,
		    const PlanOrigin *origin, const char *what, GPtrArray *diagnostics)
{
	if (vpc_name != NULL)
		return plan_scope_resolve(vpcs, vpc_name, origin, ".vpc", "", diagnostics);
	if (model->vpcs->len == 1)
		return 0;
	plan_diagnostics_add(diagnostics, PLAN_SEVERITY_ERROR, "ref-unknown", origin, ".vpc", NULL,
			     "%s has no 'vpc' and the model has %u VPCs; name the VPC it runs in",
			     what, model->vpcs->len);
	return -1;
}

void
plan_model_link(PlanModel *model)
{
	GPtrArray *diagnostics = model->link_diagnostics;
	g_auto(PlanScope) vpcs = {0};
	g_auto(PlanScope) services = {0};
	g_auto(PlanScope) clusters = {0};
	g_autoptr(GPtrArray) vpc_scopes =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_vpc_scopes_free);

	g_return_if_fail(model != NULL);
	g_ptr_array_set_size(diagnostics, 0);
	plan_scope_init(&vpcs, "vpc", model->vpcs->len);
	plan_scope_init(&services, "service", model->services->len);
	plan_scope_init(&clusters, "cluster", model->clusters->len);
	plan_scope_fill(&vpcs, model->vpcs, G_STRUCT_OFFSET(PlanVpc, name), diagnostics);
	plan_scope_fill(&services, model->services, G_STRUCT_OFFSET(PlanService, name),
			diagnostics);
	plan_scope_fill(&clusters, model->clusters, G_STRUCT_OFFSET(PlanCluster, name),
			diagnostics);

	for (guint i = 0; i < model->vpcs->len; i++) {
		PlanVpc *vpc = g_ptr_array_index(model->vpcs, i);
		PlanVpcScopes *scopes = plan_vpc_scopes_new(vpc, diagnostics);
		g_ptr_array_add(vpc_scopes, scopes);
		plan_link_vpc(vpc, scopes, diagnostics);
	}

	for (guint i = 0; i < model->peerings->len; i++) {
		PlanPeering *peering = g_ptr_array_index(model->peerings, i);
		peering->vpc_a_index = plan_scope_resolve(&vpcs, peering->vpc_a, &peering->origin,
							  "[0]", "", diagnostics);
		peering->vpc_b_index = plan_scope_resolve(&vpcs, peering->vpc_b, &peering->origin,
							  "[1]", "", diagnostics);
	}

	for (guint i = 0; i < model->clusters->len; i++) {
		PlanCluster *cluster = g_ptr_array_index(model->clusters, i);
		cluster->vpc_index = plan_link_owner_vpc(model, &vpcs, cluster->vpc,
							 &cluster->origin, "cluster", diagnostics);
		if (cluster->vpc_index >= 0) {
			const PlanVpcScopes *scopes = g_ptr_array_index(vpc_scopes, cluster->vpc_index);
			plan_scope_resolve_list(&scopes->subnets, cluster->subnets,
						cluster->subnet_indices, &cluster->origin,
						"subnets", scopes->where, diagnostics);
		}
	}

	for (guint i = 0; i < model->services->len; i++) {
		PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpcScopes *scopes;

		service->vpc_index = plan_link_owner_vpc(model, &vpcs, service->vpc,
							 &service->origin, "service", diagnostics);
		service->cluster_index = plan_scope_resolve(&clusters, service->cluster,
							    &service->origin, ".cluster", "",
							    diagnostics);
		if (service->vpc_index < 0)
			continue;
		scopes = g_ptr_array_index(vpc_scopes, service->vpc_index);
		plan_scope_resolve_list(&scopes->subnets, service->subnets,
					service->subnet_indices, &service->origin, "subnets",
					scopes->where, diagnostics);
		service->lb_index = plan_scope_resolve(&scopes->lbs, service->load_balancer,
						       &service->origin, ".load_balancer",
						       scopes->where, diagnostics);
		plan_scope_resolve_list(&scopes->lbs, service->extra_load_balancers,
					service->extra_lb_indices, &service->origin,
					"extra_load_balancers", scopes->where, diagnostics);
	}
	for (guint i = 0; i < model->databases->len; i++) {
		PlanDatabase *database = g_ptr_array_index(model->databases, i);
		const PlanVpcScopes *scopes;

		database->vpc_index = plan_link_owner_vpc(model, &vpcs, database->vpc,
							  &database->origin, "database", diagnostics);
		if (database->vpc_index < 0)
			continue;
		scopes = g_ptr_array_index(vpc_scopes, database->vpc_index);
		plan_scope_resolve_list(&scopes->subnets, database->subnets,
					database->subnet_indices, &database->origin, "subnets",
					scopes->where, diagnostics);
	}

	for (guint i = 0; i < model->instances->len; i++) {
		PlanInstance *instance = g_ptr_array_index(model->instances, i);
		const PlanVpcScopes *scopes;

		instance->vpc_index = plan_link_owner_vpc(model, &vpcs, instance->vpc,
							  &instance->origin, "instance", diagnostics);
		instance->subnet_index = -1;
		if (instance->vpc_index < 0)
			continue;
		scopes = g_ptr_array_index(vpc_scopes, instance->vpc_index);
		instance->subnet_index = plan_scope_resolve(&scopes->subnets, instance->subnet,
							    &instance->origin, ".subnet",
							    scopes->where, diagnostics);
	}
	model->linked = TRUE;
}
