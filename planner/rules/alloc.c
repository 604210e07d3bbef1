#include "alloc.h"

#include <math.h>

#include "network.h"
#include "plan-error.h"

/* AWS subnet sizes: /16 to /28 [S23] */
#define PLAN_SUBNET_MIN_LENGTH 16
#define PLAN_SUBNET_MAX_LENGTH 28

void
plan_allocation_clear(PlanAllocation *allocation)
{
	g_clear_pointer(&allocation->reason, g_free);
}

static void
plan_allocation_clear_func(gpointer data)
{
	plan_allocation_clear(data);
}

/* one block to allocate */
typedef struct {
	gint subnet_index; /* -1: held for a future AZ */
	PlanTier tier;
	guint length;
	guint order; /* model order, to break ties deterministically */
	char *reason;
} PlanAllocRequest;

static void
plan_alloc_request_clear(gpointer data)
{
	PlanAllocRequest *request = data;
	g_free(request->reason);
}

static int
plan_alloc_request_compare(gconstpointer pa, gconstpointer pb)
{
	const PlanAllocRequest *a = pa;
	const PlanAllocRequest *b = pb;

	/* shorter prefix = larger block: those go first */
	if (a->length != b->length)
		return a->length < b->length ? -1 : 1;
	return a->order < b->order ? -1 : (a->order > b->order ? 1 : 0);
}

static gint64
plan_alloc_peak_of(GArray *uses, guint vpc_index, guint subnet_index)
{
	for (guint i = 0; i < uses->len; i++) {
		const PlanSubnetUse *use = &g_array_index(uses, PlanSubnetUse, i);
		if (use->vpc_index == vpc_index && use->subnet_index == subnet_index)
			return use->peak;
	}
	return 0;
}

/* the prefix length an "auto" subnet asks for, and why */
static gboolean
plan_alloc_length(const PlanVpc *vpc, const PlanSubnet *subnet, gint64 peak,
		  const PlanAllocOptions *options, guint *length, char **reason, GError **error)
{
	switch (subnet->size_kind) {
	case PLAN_SIZE_LENGTH:
		if (subnet->size_length < PLAN_SUBNET_MIN_LENGTH ||
		    subnet->size_length > PLAN_SUBNET_MAX_LENGTH) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
				    "%s.size: subnet '%s' asks for /%u; AWS subnets are /16 to /28",
				    subnet->origin.path, subnet->name, subnet->size_length);
			return FALSE;
		}
		*length = subnet->size_length;
		*reason = g_strdup_printf("/%u as written", *length);
		return TRUE;
	case PLAN_SIZE_ADDRESSES:
		*length = plan_prefix_length_for_usable((guint64)subnet->size_addresses);
		if (*length == 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
				    "%s.size: subnet '%s' asks for %" G_GINT64_FORMAT
				    " addresses; the largest subnet (/16) has 65531 usable",
				    subnet->origin.path, subnet->name, subnet->size_addresses);
			return FALSE;
		}
		*reason = g_strdup_printf("%" G_GINT64_FORMAT " addresses asked → /%u",
					  subnet->size_addresses, *length);
		return TRUE;
	case PLAN_SIZE_AUTO: {
		double wanted = ceil((double)peak * options->headroom);
		guint64 needed = wanted < 1 ? 1 : (guint64)wanted;
		*length = plan_prefix_length_for_usable(needed);
		if (*length == 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
				    "%s: subnet '%s' needs %" G_GUINT64_FORMAT
				    " addresses (peak %" G_GINT64_FORMAT " × %.1f headroom); more "
				    "than a /16 holds: spread its services over more subnets",
				    subnet->origin.path, subnet->name, needed, peak,
				    options->headroom);
			return FALSE;
		}
		*reason = g_strdup_printf("peak %" G_GINT64_FORMAT " × %.1f headroom = %" G_GUINT64_FORMAT
					  " → /%u",
					  peak, options->headroom, needed, *length);
		return TRUE;
	}
	case PLAN_SIZE_UNSET:
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
			    "%s: subnet '%s' in vpc '%s' has cidr \"auto\" but no size; add "
			    "\"size\": \"/24\", an address count, or \"auto\"",
			    subnet->origin.path, subnet->name, vpc->name);
		return FALSE;
	}
}

/* the requests of one VPC: its auto subnets, then the blocks held for future AZs */
static gboolean
plan_alloc_requests(const PlanVpc *vpc, guint vpc_index, GArray *uses,
		    const PlanAllocOptions *options, GArray *requests, GError **error)
{
	guint largest[PLAN_TIER_COUNT] = {0}; /* smallest prefix length seen per tier; 0 = none */

	for (guint i = 0; i < vpc->subnets->len; i++) {
		const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		guint length = 0;

		if (subnet->cidr.state == PLAN_CIDR_AUTO) {
			PlanAllocRequest request = {(gint)i, subnet->tier, 0, requests->len, NULL};
			gint64 peak = plan_alloc_peak_of(uses, vpc_index, i);
			if (!plan_alloc_length(vpc, subnet, peak, options, &request.length,
					       &request.reason, error))
				return FALSE;
			length = request.length;
			g_array_append_val(requests, request);
		} else if (plan_cidr_usable(&subnet->cidr) &&
			   subnet->cidr.prefix.family == PLAN_FAMILY_IPV4) {
			length = subnet->cidr.prefix.length;
		}
		if (length != 0 && (largest[subnet->tier] == 0 || length < largest[subnet->tier]))
			largest[subnet->tier] = length;
	}
	for (guint n = 0; n < options->reserve_azs; n++) {
		for (PlanTier tier = PLAN_TIER_PUBLIC; tier < PLAN_TIER_COUNT; tier++) {
			PlanAllocRequest request = {-1, tier, largest[tier], requests->len, NULL};
			if (largest[tier] == 0)
				continue;
			request.reason = g_strdup_printf("held for future AZ %u of the %s tier",
							 n + 1, plan_tier_to_string(tier));
			g_array_append_val(requests, request);
		}
	}
	return TRUE;
}

static guint64
plan_alloc_requested_addresses(GArray *requests)
{
	guint64 total = 0;
	for (guint i = 0; i < requests->len; i++)
		total += G_GUINT64_CONSTANT(1) << (32 - g_array_index(requests, PlanAllocRequest, i).length);
	return total;
}

static gboolean
plan_alloc_vpc(PlanVpc *vpc, guint vpc_index, GArray *uses, const PlanAllocOptions *options,
	       GArray *result, GError **error)
{
	g_autoptr(GArray) blocks = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	g_autoptr(GArray) requests = g_array_new(FALSE, TRUE, sizeof(PlanAllocRequest));
	g_autoptr(PlanAllocator) allocator = NULL;
	guint64 free_before;

	g_array_set_clear_func(requests, plan_alloc_request_clear);
	if (!plan_alloc_requests(vpc, vpc_index, uses, options, requests, error))
		return FALSE;
	if (requests->len == 0)
		return TRUE;

	if (plan_cidr_usable(&vpc->cidr))
		g_array_append_val(blocks, vpc->cidr.prefix);
	for (guint i = 0; i < vpc->secondary_cidrs->len; i++) {
		const PlanCidr *cidr = &g_array_index(vpc->secondary_cidrs, PlanCidr, i);
		if (plan_cidr_usable(cidr))
			g_array_append_val(blocks, cidr->prefix);
	}
	if (blocks->len == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
			    "%s: vpc '%s' has no valid IPv4 block to allocate from; fix its cidr "
			    "first (ecsplan validate)",
			    vpc->origin.path, vpc->name);
		return FALSE;
	}
	allocator = plan_allocator_new((const PlanPrefix *)(gpointer)blocks->data, blocks->len);
	for (guint i = 0; i < vpc->subnets->len; i++) {
		const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		/* a subnet outside the VPC is validate's business (subnet-outside-vpc) */
		if (plan_cidr_usable(&subnet->cidr) &&
		    subnet->cidr.prefix.family == PLAN_FAMILY_IPV4)
			(void)plan_allocator_reserve(allocator, &subnet->cidr.prefix);
	}
	free_before = plan_allocator_free_addresses(allocator, PLAN_FAMILY_IPV4);

	g_array_sort(requests, plan_alloc_request_compare);
	for (guint i = 0; i < requests->len; i++) {
		PlanAllocRequest *request = &g_array_index(requests, PlanAllocRequest, i);
		PlanAllocation allocation = {vpc_index, request->subnet_index, request->tier};
		g_autoptr(GError) local_error = NULL;

		if (!plan_allocator_take(allocator, request->length, &allocation.prefix,
					 &local_error)) {
			guint64 wanted = plan_alloc_requested_addresses(requests);
			const char *what = request->subnet_index >= 0
						   ? ((PlanSubnet *)g_ptr_array_index(
							      vpc->subnets, request->subnet_index))
							     ->name
						   : "a future AZ";
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE,
				    "vpc '%s': cannot place /%u for %s: %s; the new blocks need %" G_GUINT64_FORMAT
				    " addresses and the VPC has %" G_GUINT64_FORMAT
				    " free (%" G_GUINT64_FORMAT " missing at best); add a secondary "
				    "CIDR, use smaller sizes or fewer --reserve-azs",
				    vpc->name, request->length, what, local_error->message, wanted,
				    free_before, wanted > free_before ? wanted - free_before : 0);
			return FALSE;
		}
		allocation.usable = (gint64)plan_prefix_usable(&allocation.prefix);
		allocation.reason = g_steal_pointer(&request->reason);
		g_array_append_val(result, allocation);
	}
	return TRUE;
}

static void
plan_alloc_apply(PlanModel *model, GArray *allocations)
{
	for (guint i = 0; i < allocations->len; i++) {
		const PlanAllocation *allocation = &g_array_index(allocations, PlanAllocation, i);
		PlanVpc *vpc;
		PlanSubnet *subnet;

		if (allocation->subnet_index < 0)
			continue;
		vpc = g_ptr_array_index(model->vpcs, allocation->vpc_index);
		subnet = g_ptr_array_index(vpc->subnets, allocation->subnet_index);
		g_free(subnet->cidr.text);
		subnet->cidr.text = plan_prefix_to_string(&allocation->prefix);
		subnet->cidr.prefix = allocation->prefix;
		subnet->cidr.state = PLAN_CIDR_OK;
		subnet->size_kind = PLAN_SIZE_UNSET;
	}
}

GArray *
plan_alloc(PlanModel *model, const PlanAllocOptions *options, GError **error)
{
	g_autoptr(GArray) uses = NULL;
	g_autoptr(GArray) result = g_array_new(FALSE, TRUE, sizeof(PlanAllocation));

	g_return_val_if_fail(model != NULL, NULL);
	g_return_val_if_fail(model->linked, NULL);
	g_return_val_if_fail(options->headroom > 0, NULL);
	g_array_set_clear_func(result, plan_allocation_clear_func);

	uses = plan_subnet_uses(model, options->compute);
	for (guint v = 0; v < model->vpcs->len; v++) {
		if (!plan_alloc_vpc(g_ptr_array_index(model->vpcs, v), v, uses, options, result,
				    error))
			return NULL;
	}
	/* all or nothing: the model changes only once every block has been found */
	plan_alloc_apply(model, result);
	return g_steal_pointer(&result);
}
