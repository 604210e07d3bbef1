/* the simulator's setup and entry point: the model and options become a read-only SimPlan
 * that every run shares (subnets, AZ slots, clusters, policies, schedules, profiles); runs go
 * in parallel on a GThreadPool (simulate-parallel.c), each with its own state
 * (simulate-loop.c), and are merged by run index (simulate-result.c). */
#include "simulate-private.h"

#include <math.h>
#include <string.h>

#include "compute.h"
#include "diagnostic.h"
#include "network.h"
#include "input.h"
#include "plan-error.h"
#include "schedule.h"

void
plan_sim_options_init(PlanSimOptions *options)
{
	g_return_if_fail(options != NULL);
	memset(options, 0, sizeof *options);
	options->duration_s = 7 * 86400;
	options->step_s = 60;
	options->runs = 1;
	options->fail_at_s = -1;
}

const char *
plan_sim_reason_to_string(PlanSimReason reason)
{
	static const char *const names[] = {
	    "target-tracking-out", "target-tracking-in", "step-out",	"step-in",
	    "scheduled",	   "capacity-out",	 "capacity-in", "first-launch",
	};
	g_return_val_if_fail(reason < G_N_ELEMENTS(names), "unknown");
	return names[reason];
}

const char *
plan_sim_blocked_to_string(PlanSimBlocked blocked)
{
	static const char *const names[] = {"addresses", "capacity", "no-az", "unplaceable"};
	g_return_val_if_fail(blocked < G_N_ELEMENTS(names), "unknown");
	return names[blocked];
}

/* ---- the plan ---------------------------------------------------------------------------- */

static void
sim_service_plan_clear(SimServicePlan *service)
{
	g_clear_pointer(&service->profile, plan_profile_free);
	g_clear_pointer(&service->subnets, g_free);
	g_clear_pointer(&service->subnet_az, g_free);
	g_clear_pointer(&service->azs, g_free);
	g_clear_pointer(&service->targets, g_free);
	g_clear_pointer(&service->steps, g_free);
	g_clear_pointer(&service->fires, g_free);
}

static void
sim_cluster_plan_clear(SimClusterPlan *cluster)
{
	g_clear_pointer(&cluster->subnets, g_free);
	g_clear_pointer(&cluster->subnet_az, g_free);
	g_clear_pointer(&cluster->azs, g_free);
	g_clear_pointer(&cluster->services, g_free);
}

void
sim_plan_free(SimPlan *plan)
{
	if (plan == NULL)
		return;
	for (guint i = 0; plan->services != NULL && i < plan->n_services; i++)
		sim_service_plan_clear(&plan->services[i]);
	for (guint i = 0; plan->clusters != NULL && i < plan->n_clusters; i++)
		sim_cluster_plan_clear(&plan->clusters[i]);
	g_free(plan->services);
	g_free(plan->clusters);
	g_free(plan->subnets);
	g_free(plan->nats);
	g_clear_pointer(&plan->az_names, g_ptr_array_unref);
	g_clear_pointer(&plan->assumptions, g_ptr_array_unref);
	g_clear_pointer(&plan->static_cost, plan_cost_free);
	g_free(plan->cost_missing);
	g_free(plan);
}

static void sim_assume(SimPlan *plan, const char *format, ...) G_GNUC_PRINTF(2, 3);

static void
sim_assume(SimPlan *plan, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	g_ptr_array_add(plan->assumptions, g_strdup_vprintf(format, args));
	va_end(args);
}

static gboolean
sim_check_options(const PlanSimOptions *options, GError **error)
{
	if (options->step_s <= 0 || (options->step_s < 60 && 60 % options->step_s != 0) ||
	    (options->step_s > 60 && options->step_s % 60 != 0)) {
		plan_set_option_error(error, "step",
				      "the step must divide a minute or be whole minutes (1s to 60s, "
				      "2m, 5m, ...): scaling alarms count 1-minute datapoints");
		return FALSE;
	}
	if (options->duration_s < options->step_s) {
		plan_set_option_error(error, "duration", "the duration must be at least one step");
		return FALSE;
	}
	if (options->duration_s / options->step_s > PLAN_SIM_MAX_STEPS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
			    "%" G_GINT64_FORMAT " steps of %" G_GINT64_FORMAT
			    " s are over the limit of %" G_GINT64_FORMAT
			    " steps in a run (docs/limits.md); use a longer --step or a shorter "
			    "--duration",
			    options->duration_s / options->step_s, options->step_s,
			    PLAN_SIM_MAX_STEPS);
		return FALSE;
	}
	if (options->runs < 1 || options->runs > 100000) {
		plan_set_option_error(error, "runs", "the runs must be 1 to 100000");
		return FALSE;
	}
	if (options->fail_az != NULL &&
	    (options->fail_at_s < 0 || options->fail_at_s >= options->duration_s)) {
		plan_set_option_error(error, "fail-az",
				      "the AZ failure time must fall inside the run (0 to the duration)");
		return FALSE;
	}
	return TRUE;
}

static const PlanVpc *
sim_vpc(const PlanModel *model, gint index)
{
	if (index < 0 || (guint)index >= model->vpcs->len)
		return NULL;
	return g_ptr_array_index(model->vpcs, index);
}

static gboolean
sim_vpc_has_ecr_endpoint(const PlanVpc *vpc)
{
	for (guint i = 0; i < vpc->endpoints->len; i++) {
		const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, i);
		if (endpoint->type == PLAN_ENDPOINT_INTERFACE &&
		    g_strcmp0(endpoint->service, "ecr.dkr") == 0)
			return TRUE;
	}
	return FALSE;
}

/* a sim subnet id per (vpc, subnet), made on first use; -1 for an unresolved index */
typedef struct {
	gint *ids;	 /* [total subnets]: -1 until used */
	guint *offsets;	 /* [n_vpcs]: first global index of each VPC's subnets */
	GArray *subnets; /* SimSubnetPlan */
	const GArray *uses;
} SimSubnetIndex;

static void
sim_subnet_index_clear(SimSubnetIndex *index)
{
	g_clear_pointer(&index->ids, g_free);
	g_clear_pointer(&index->offsets, g_free);
	g_clear_pointer(&index->subnets, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(SimSubnetIndex, sim_subnet_index_clear)

static gint
sim_subnet_id(SimSubnetIndex *index, const PlanModel *model, gint vpc_index, gint subnet_index)
{
	const PlanVpc *vpc = sim_vpc(model, vpc_index);
	guint global;

	if (vpc == NULL || subnet_index < 0 || (guint)subnet_index >= vpc->subnets->len)
		return -1;
	global = index->offsets[vpc_index] + (guint)subnet_index;
	if (index->ids[global] < 0) {
		const PlanSubnetUse *use = &g_array_index(index->uses, PlanSubnetUse, global);
		SimSubnetPlan plan = {0};
		plan.vpc_index = (guint)vpc_index;
		plan.subnet_index = (guint)subnet_index;
		plan.subnet = g_ptr_array_index(vpc->subnets, subnet_index);
		plan.fixed = use->lb_ips + use->nat_ips + use->endpoint_ips + use->fixed_ips;
		plan.usable = use->total > 0 ? use->usable : -1;
		plan.capacity = use->total > 0 ? MAX(use->usable - plan.fixed, 0) : G_MAXINT32;
		plan.nat = -1;
		index->ids[global] = (gint)index->subnets->len;
		g_array_append_val(index->subnets, plan);
	}
	return index->ids[global];
}

static int
sim_compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static guint
sim_az_slot(const SimPlan *plan, const char *az)
{
	for (guint i = 0; i < plan->n_real_azs; i++) {
		if (g_strcmp0(g_ptr_array_index(plan->az_names, i), az) == 0)
			return i;
	}
	return plan->n_real_azs;
}

/* the distinct AZ slots of @subnet_az (n entries), ascending, into a new array */
static guint *
sim_distinct_slots(const guint *subnet_az, guint n, guint *n_out)
{
	guint *slots = g_new0(guint, MAX(n, 1));
	guint count = 0;
	for (guint i = 0; i < n; i++) {
		guint k = 0;
		while (k < count && slots[k] < subnet_az[i])
			k++;
		if (k < count && slots[k] == subnet_az[i])
			continue;
		memmove(&slots[k + 1], &slots[k], (count - k) * sizeof(guint));
		slots[k] = subnet_az[i];
		count++;
	}
	*n_out = count;
	return slots;
}

static gboolean
sim_service_is_ec2(const PlanService *service)
{
	return service->launch_type == PLAN_LAUNCH_EC2;
}

static gboolean
sim_service_uses_addresses(const PlanService *service)
{
	return (service->launch_type == PLAN_LAUNCH_FARGATE ||
		service->network_mode == PLAN_NETWORK_AWSVPC) &&
	       service->subnet_indices->len > 0;
}

/* collects the subnets services and clusters use, and the AZs they are in */
static void
sim_plan_subnets(SimPlan *plan, SimSubnetIndex *index)
{
	const PlanModel *model = plan->model;
	g_autoptr(GPtrArray) names = g_ptr_array_new();

	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		if (!sim_service_uses_addresses(service))
			continue;
		for (guint k = 0; k < service->subnet_indices->len; k++)
			sim_subnet_id(index, model, service->vpc_index,
				      g_array_index(service->subnet_indices, gint, k));
	}
	for (guint c = 0; c < model->clusters->len; c++) {
		const PlanCluster *cluster = g_ptr_array_index(model->clusters, c);
		for (guint k = 0; k < cluster->subnet_indices->len; k++)
			sim_subnet_id(index, model, cluster->vpc_index,
				      g_array_index(cluster->subnet_indices, gint, k));
	}
	/* borrowed until sim_plan_new() takes the array: nothing is added after this */
	plan->n_subnets = index->subnets->len;
	plan->subnets = (SimSubnetPlan *)(void *)index->subnets->data;

	for (guint i = 0; i < plan->n_subnets; i++) {
		const char *az = plan->subnets[i].subnet->az;
		gboolean seen = FALSE;
		for (guint k = 0; k < names->len && !seen; k++)
			seen = g_strcmp0(g_ptr_array_index(names, k), az) == 0;
		if (!seen && az != NULL)
			g_ptr_array_add(names, (gpointer)az);
	}
	g_ptr_array_sort(names, sim_compare_strings);
	plan->az_names = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < names->len; i++)
		g_ptr_array_add(plan->az_names, g_strdup(g_ptr_array_index(names, i)));
	plan->n_real_azs = plan->az_names->len;
	plan->n_slots = plan->n_real_azs + 1;
	for (guint i = 0; i < plan->n_subnets; i++) {
		SimSubnetPlan *subnet = &plan->subnets[i];
		subnet->az = sim_az_slot(plan, subnet->subnet->az);
		if (subnet->usable < 0)
			sim_assume(plan,
				   "subnet '%s' has no usable IPv4 block; its addresses are not "
				   "limited",
				   subnet->subnet->name);
	}
}

/* every NAT gateway, and which sim subnets need theirs to pull images */
static void
sim_plan_nats(SimPlan *plan)
{
	const PlanModel *model = plan->model;
	g_autoptr(GArray) nats = g_array_new(FALSE, TRUE, sizeof(SimNatPlan));

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint n = 0; n < vpc->nat_gateways->len; n++) {
			const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, n);
			SimNatPlan item = {nat, v, NULL};
			if (nat->subnet_index >= 0 && (guint)nat->subnet_index < vpc->subnets->len)
				item.az = ((const PlanSubnet *)g_ptr_array_index(vpc->subnets,
										 nat->subnet_index))
					      ->az;
			g_array_append_val(nats, item);
		}
	}
	plan->n_nats = nats->len;
	plan->nats = (SimNatPlan *)g_array_free(g_steal_pointer(&nats), FALSE);
	for (guint i = 0; i < plan->n_subnets; i++) {
		SimSubnetPlan *subnet = &plan->subnets[i];
		const PlanVpc *vpc = sim_vpc(model, (gint)subnet->vpc_index);
		if (subnet->subnet->tier != PLAN_TIER_PRIVATE || subnet->subnet->nat_index < 0 ||
		    sim_vpc_has_ecr_endpoint(vpc))
			continue;
		for (guint n = 0; n < plan->n_nats; n++) {
			if (plan->nats[n].vpc_index == subnet->vpc_index &&
			    plan->nats[n].nat ==
				g_ptr_array_index(vpc->nat_gateways, subnet->subnet->nat_index))
				subnet->nat = (gint)n;
		}
	}
}

static gboolean
sim_plan_fail_az(SimPlan *plan, GError **error)
{
	const char *name = plan->options.fail_az;
	const PlanModel *model = plan->model;
	g_autoptr(GPtrArray) known = NULL;
	g_autoptr(GString) list = NULL;

	plan->fail_slot = -1;
	if (name == NULL)
		return TRUE;
	plan->fail_step = plan->options.fail_at_s / plan->options.step_s;
	for (guint i = 0; i < plan->n_real_azs; i++) {
		if (g_strcmp0(g_ptr_array_index(plan->az_names, i), name) == 0) {
			plan->fail_slot = (gint)i;
			return TRUE;
		}
	}
	/* an AZ that only holds NAT gateways or load balancers can fail too */
	known = g_ptr_array_new();
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, s);
			if (g_strcmp0(subnet->az, name) == 0) {
				plan->fail_slot = (gint)plan->n_slots; /* matches no sim AZ */
				return TRUE;
			}
			if (subnet->az != NULL &&
			    !g_ptr_array_find_with_equal_func(known, subnet->az, g_str_equal, NULL))
				g_ptr_array_add(known, subnet->az);
		}
	}
	g_ptr_array_sort(known, sim_compare_strings);
	list = g_string_new(NULL);
	for (guint i = 0; i < known->len; i++)
		g_string_append_printf(list, "%s'%s'", i > 0 ? ", " : "",
				       (const char *)g_ptr_array_index(known, i));
	plan_set_option_error(error, "fail-az", "no subnet of the model is in AZ '%s'; its AZs are %s",
			      name, list->len > 0 ? list->str : "none");
	return FALSE;
}

/* the sim cluster of every model cluster an EC2 service runs on; -1 for the rest */
static void
sim_plan_clusters(SimPlan *plan, SimSubnetIndex *index, const PlanPriceBook *book,
		  gint *cluster_ids)
{
	const PlanModel *model = plan->model;
	g_autoptr(GArray) clusters = g_array_new(FALSE, TRUE, sizeof(SimClusterPlan));

	for (guint c = 0; c < model->clusters->len; c++) {
		const PlanCluster *cluster = g_ptr_array_index(model->clusters, c);
		SimClusterPlan item = {0};
		gboolean used = FALSE;

		cluster_ids[c] = -1;
		for (guint s = 0; s < model->services->len && !used; s++) {
			const PlanService *service = g_ptr_array_index(model->services, s);
			used = sim_service_is_ec2(service) && service->cluster_index == (gint)c;
		}
		if (!used)
			continue;
		item.type = book != NULL && cluster->instance_type != NULL
				? plan_price_book_instance(book, cluster->instance_type)
				: NULL;
		if (item.type == NULL) {
			sim_assume(plan,
				   "cluster '%s': instance type '%s' is not in the price book; its "
				   "services are not limited by instances",
				   cluster->name, cluster->instance_type);
			continue;
		}
		item.cluster = cluster;
		item.index = c;
		item.addresses_per_instance =
		    plan_instance_trunking(item.type, cluster->trunking) ? 2 : 1;
		/* and one per awsvpc daemon task each instance runs (docs/compute.md) */
		{
			g_autoptr(PlanInstanceReserve) reserve =
			    plan_instance_reserve_new(model, c, item.type, cluster->trunking);
			item.addresses_per_instance += reserve->enis;
		}
		item.min = cluster->min;
		item.max = cluster->max;
		/* launches never pass the max, so it bounds the instance slots */
		item.capacity = MAX(cluster->max, 1);
		item.protect = cluster->managed_termination_protection;
		item.min_step = (cluster->set & PLAN_CLUSTER_MIN_STEP)
				    ? cluster->minimum_scaling_step_size
				    : plan->settings.minimum_scaling_step_size;
		item.max_step = (cluster->set & PLAN_CLUSTER_MAX_STEP)
				    ? cluster->maximum_scaling_step_size
				    : plan->settings.maximum_scaling_step_size;
		item.warmup_s = (cluster->set & PLAN_CLUSTER_WARMUP) ? cluster->instance_warmup_s
								      : plan->settings.instance_warmup_s;
		item.on_demand_base = cluster->on_demand_base;
		item.on_demand_percentage = cluster->on_demand_percentage;
		if (cluster->on_demand_percentage < 100)
			sim_assume(plan,
				   "cluster '%s': Spot instances cost %.0f%% less than on-demand "
				   "(spot_discount; UNCONFIRMED, aws-facts §3c)",
				   cluster->name, cluster->spot_discount * 100);
		item.target_capacity = (double)cluster->target_capacity;
		item.subnets = g_new0(guint, MAX(cluster->subnet_indices->len, 1));
		item.subnet_az = g_new0(guint, MAX(cluster->subnet_indices->len, 1));
		for (guint k = 0; k < cluster->subnet_indices->len; k++) {
			gint id = sim_subnet_id(index, model, cluster->vpc_index,
						g_array_index(cluster->subnet_indices, gint, k));
			gboolean seen = FALSE;
			if (id < 0)
				continue;
			for (guint j = 0; j < item.n_subnets; j++)
				seen = seen || item.subnets[j] == (guint)id;
			if (seen)
				continue;
			item.subnets[item.n_subnets] = (guint)id;
			item.subnet_az[item.n_subnets] = plan->subnets[id].az;
			item.n_subnets++;
		}
		item.services = g_new0(guint, model->services->len);
		cluster_ids[c] = (gint)clusters->len;
		g_array_append_val(clusters, item);
	}
	plan->n_clusters = clusters->len;
	plan->clusters = (SimClusterPlan *)g_array_free(g_steal_pointer(&clusters), FALSE);
}

/* the level shapes use for figures the model leaves out: the initial tasks at the first
 * target tracking policy's target, or at 50% */
static double
sim_base_rps(const SimServicePlan *plan)
{
	const PlanService *service = plan->service;
	/* a service that starts with no task (and may never get one) has no base load */
	double tasks = (double)plan->initial;

	for (guint i = 0; i < service->autoscaling.target_tracking->len; i++) {
		const PlanTargetTracking *policy =
		    g_ptr_array_index(service->autoscaling.target_tracking, i);
		if (policy->metric == PLAN_METRIC_ALB_REQUESTS)
			return tasks * policy->target / 60.0;
		return tasks * plan->capacity_rps * MIN(policy->target, 100.0) / 100.0;
	}
	return tasks * plan->capacity_rps * 0.5;
}

static gboolean
sim_plan_profile(SimPlan *plan, SimServicePlan *item, const char *model_dir, GError **error)
{
	const PlanService *service = item->service;
	PlanLoad load = service->load;
	PlanProfileClock clock = {
	    .start_unix = plan->start_unix,
	    .step_s = plan->options.step_s,
	    .duration_s = plan->options.duration_s,
	    .base_dir = model_dir,
	    .allow_outside = plan->options.allow_outside_files,
	};
	const char *override = plan->options.profile;
	g_autoptr(GError) local_error = NULL;
	g_autofree char *resolved = NULL;

	clock.base_rps = sim_base_rps(item);
	if (override != NULL) {
		PlanProfileKind kind;
		if (plan_profile_kind_from_string(override, &kind)) {
			load.profile = kind;
		} else {
			load.profile = PLAN_PROFILE_CSV;
			load.file = (char *) override;
			/* the user's own --profile FILE, not a model's: any path */
			clock.base_dir = NULL;
			clock.allow_outside = TRUE;
		}
	} else if (!service->load.present) {
		g_autofree char *rps = g_strdup_printf("%.2f", clock.base_rps);
		sim_assume(plan,
			   "service '%s': no load; constant %s rps (the initial tasks at the first "
			   "policy's target, or at 50%%)",
			   service->name, rps);
	} else if (load.profile == PLAN_PROFILE_CSV && load.file != NULL) {
		/* the model's own file: inside its folder (docs/limits.md), said at the service */
		resolved = plan_input_resolve_inside(model_dir, load.file, clock.allow_outside,
						     "load.file", &local_error);
		if (resolved == NULL) {
			g_set_error(error, PLAN_ERROR, local_error->code, "%s:%u:%u: %s.load: %s",
				    plan->model->file, service->origin.loc.line,
				    service->origin.loc.column, service->origin.path,
				    local_error->message);
			return FALSE;
		}
		load.file = resolved;
		clock.base_dir = NULL;
		clock.allow_outside = TRUE;
	}
	item->profile = plan_profile_new(&load, &clock, &local_error);
	if (item->profile == NULL) {
		if (local_error->code == PLAN_ERROR_INVALID_MODEL && override == NULL &&
		    load.profile != PLAN_PROFILE_CSV)
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u:%u: %s.load: %s", plan->model->file,
				    service->origin.loc.line, service->origin.loc.column,
				    service->origin.path, local_error->message);
		else
			g_propagate_error(error, g_steal_pointer(&local_error));
		return FALSE;
	}
	return TRUE;
}

static int
sim_compare_fires(gconstpointer a, gconstpointer b)
{
	const SimFire *x = a;
	const SimFire *y = b;
	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return x->action < y->action ? -1 : (x->action > y->action ? 1 : 0);
}

static gboolean
sim_plan_policies(SimPlan *plan, SimServicePlan *item, GError **error)
{
	const PlanService *service = item->service;
	const PlanAutoscaling *autoscaling = &service->autoscaling;
	g_autoptr(GArray) fires = g_array_new(FALSE, TRUE, sizeof(SimFire));
	const PlanSimulation *settings = &plan->settings;

	item->targets = g_new0(SimTargetPlan, MAX(autoscaling->target_tracking->len, 1));
	for (guint i = 0; i < autoscaling->target_tracking->len; i++) {
		const PlanTargetTracking *policy =
		    g_ptr_array_index(autoscaling->target_tracking, i);
		SimTargetPlan *target = &item->targets[item->n_targets++];
		if (policy->target <= 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u:%u: %s.target: the target must be above 0",
				    plan->model->file, policy->origin.loc.line,
				    policy->origin.loc.column, policy->origin.path);
			return FALSE;
		}
		target->metric = policy->metric;
		target->target = policy->target;
		target->low_threshold = policy->target * settings->scale_in_threshold_ratio;
		target->out_cooldown = (policy->set & PLAN_TT_SCALE_OUT_COOLDOWN)
					   ? policy->scale_out_cooldown
					   : autoscaling->scale_out_cooldown;
		target->in_cooldown = (policy->set & PLAN_TT_SCALE_IN_COOLDOWN)
					  ? policy->scale_in_cooldown
					  : autoscaling->scale_in_cooldown;
		target->no_scale_in = (policy->set & PLAN_TT_DISABLE_SCALE_IN)
					  ? policy->disable_scale_in
					  : autoscaling->disable_scale_in;
	}
	item->steps = g_new0(const PlanStepScaling *, MAX(autoscaling->step_scaling->len, 1));
	for (guint i = 0; i < autoscaling->step_scaling->len; i++)
		item->steps[item->n_steps++] = g_ptr_array_index(autoscaling->step_scaling, i);

	for (guint i = 0; i < autoscaling->scheduled->len; i++) {
		const PlanScheduledAction *action = g_ptr_array_index(autoscaling->scheduled, i);
		g_autoptr(GError) local_error = NULL;
		g_autoptr(GArray) steps = plan_schedule_steps_in(
		    action->schedule, action->timezone, plan->start_unix, plan->options.step_s,
		    plan->n_steps, PLAN_SCHEDULE_MAX_FIRES - plan->n_fires, &local_error);
		if (steps == NULL) {
			g_set_error(error, PLAN_ERROR, local_error->code, "%s:%u:%u: %s.schedule: %s",
				    plan->model->file, action->origin.loc.line,
				    action->origin.loc.column, action->origin.path,
				    local_error->message);
			return FALSE;
		}
		plan->n_fires += steps->len;
		for (guint k = 0; k < steps->len; k++) {
			gint64 step = g_array_index(steps, gint64, k);
			gint64 when = plan->start_unix + step * plan->options.step_s;
			SimFire fire = {step, i, action->set, action->min, action->max};
			/* StartTime and EndTime bound the action [S27]; the loader read them */
			if (action->start_time != NULL &&
			    when < plan_schedule_parse_time(action->start_time))
				continue;
			if (action->end_time != NULL &&
			    when > plan_schedule_parse_time(action->end_time))
				continue;
			g_array_append_val(fires, fire);
		}
	}
	g_array_sort(fires, sim_compare_fires);
	item->n_fires = fires->len;
	item->fires = (SimFire *)g_array_free(g_steal_pointer(&fires), FALSE);
	return TRUE;
}

/* the service's placement strategies as the simulator tells them apart; none is ECS's default
 * for a service, spread over AZs [S39] */
static void
sim_plan_placement(SimPlan *plan, const PlanService *service, SimServicePlan *item)
{
	for (guint i = 0; i < service->placement_strategy->len; i++) {
		const PlanPlacementStrategy *strategy =
		    g_ptr_array_index(service->placement_strategy, i);
		const char *field = strategy->field != NULL ? strategy->field : "";
		SimPlacement placement;

		if (strategy->type == PLAN_PLACEMENT_RANDOM)
			placement = SIM_PLACE_RANDOM;
		else if (strategy->type == PLAN_PLACEMENT_BINPACK &&
			 g_ascii_strcasecmp(field, "memory") == 0)
			placement = SIM_PLACE_BINPACK_MEMORY;
		else if (strategy->type == PLAN_PLACEMENT_BINPACK)
			placement = SIM_PLACE_BINPACK_CPU;
		else if (g_ascii_strcasecmp(field, "instanceId") == 0 ||
			 g_ascii_strcasecmp(field, "host") == 0)
			placement = SIM_PLACE_SPREAD_INSTANCE;
		else
			placement = SIM_PLACE_SPREAD_AZ;
		if (strategy->type == PLAN_PLACEMENT_BINPACK &&
		    g_ascii_strcasecmp(field, "memory") != 0 && g_ascii_strcasecmp(field, "cpu") != 0)
			sim_assume(plan, "service '%s': binpack on '%s' is read as binpack on cpu",
				   service->name, field);
		if (strategy->type == PLAN_PLACEMENT_SPREAD &&
		    placement == SIM_PLACE_SPREAD_AZ &&
		    g_ascii_strcasecmp(field, "attribute:ecs.availability-zone") != 0)
			sim_assume(plan, "service '%s': spread on '%s' is read as spread over AZs",
				   service->name, field);
		if (item->n_placement < SIM_MAX_PLACEMENT)
			item->placement[item->n_placement++] = placement;
		item->binpack = item->binpack || strategy->type == PLAN_PLACEMENT_BINPACK;
	}
	if (item->n_placement == 0)
		item->placement[item->n_placement++] = SIM_PLACE_SPREAD_AZ;
}

static void
sim_plan_service_places(SimPlan *plan, SimServicePlan *item, SimSubnetIndex *index,
			const gint *cluster_ids)
{
	const PlanService *service = item->service;
	const PlanModel *model = plan->model;
	guint n = service->subnet_indices->len;
	g_autofree guint *cluster_slots = NULL;
	guint n_cluster_slots = 0;

	item->cluster = -1;
	if (sim_service_is_ec2(service)) {
		if (service->cluster_index < 0)
			sim_assume(plan,
				   "service '%s': EC2 without a cluster; instances are not "
				   "simulated",
				   service->name);
		else
			item->cluster = cluster_ids[service->cluster_index];
	}
	item->uses_addresses = sim_service_uses_addresses(service);
	item->subnets = g_new0(guint, MAX(n, 1));
	item->subnet_az = g_new0(guint, MAX(n, 1));
	for (guint k = 0; item->uses_addresses && k < n; k++) {
		gint id = sim_subnet_id(index, model, service->vpc_index,
					g_array_index(service->subnet_indices, gint, k));
		gboolean seen = FALSE;
		if (id < 0)
			continue;
		for (guint j = 0; j < item->n_subnets; j++)
			seen = seen || item->subnets[j] == (guint)id;
		if (seen)
			continue;
		item->subnets[item->n_subnets] = (guint)id;
		item->subnet_az[item->n_subnets] = plan->subnets[id].az;
		item->n_subnets++;
	}
	if (item->n_subnets == 0)
		item->uses_addresses = FALSE;

	if (item->cluster >= 0) {
		SimClusterPlan *cluster = &plan->clusters[item->cluster];
		PlanTaskShape shape = plan_service_task_shape(service);
		/* every instance holds the cluster's daemons and reserved memory first: a task's
		 * share is of what they leave (docs/compute.md, "EC2: daemons") */
		g_autoptr(PlanInstanceReserve) reserve = plan_instance_reserve_new(
		    model, (guint)service->cluster_index, cluster->type, cluster->cluster->trunking);
		PlanPacking packing = plan_packing_reserved(cluster->type, reserve, &shape,
							    cluster->cluster->trunking);
		item->cluster_pos = cluster->n_services;
		cluster->services[cluster->n_services++] = item->index;
		item->cpu_share =
		    packing.room_cpu > 0 ? (double)shape.cpu_units / (double)packing.room_cpu : 0;
		item->memory_share = packing.room_memory > 0
					 ? (double)shape.memory_mib / (double)packing.room_memory
					 : 0;
		sim_plan_placement(plan, service, item);
		if (cluster->tasks_per_instance == 0 && !plan_service_is_daemon(service))
			cluster->tasks_per_instance = packing.tasks;
		if (packing.tasks == 0 && !plan_service_is_daemon(service)) {
			item->unplaceable = TRUE;
			sim_assume(plan, "service '%s': its task fits no %s (%s); it stays pending",
				   service->name, cluster->cluster->instance_type,
				   plan_limit_to_string(packing.limit));
		}
		/* a task that asks for nothing limiting takes no room: only an instance */
		item->slot = packing.tasks == G_MAXINT64 || packing.tasks == 0
				 ? 0
				 : 1.0 / (double)packing.tasks;
		cluster_slots =
		    sim_distinct_slots(cluster->subnet_az, cluster->n_subnets, &n_cluster_slots);
	}

	if (item->uses_addresses) {
		g_autofree guint *slots =
		    sim_distinct_slots(item->subnet_az, item->n_subnets, &item->n_azs);
		item->azs = g_new0(guint, MAX(item->n_azs, 1));
		if (item->cluster >= 0 && n_cluster_slots > 0) {
			/* an awsvpc task on EC2 goes where both an instance and its subnet are */
			guint kept = 0;
			for (guint i = 0; i < item->n_azs; i++) {
				for (guint j = 0; j < n_cluster_slots; j++) {
					if (slots[i] == cluster_slots[j])
						item->azs[kept++] = slots[i];
				}
			}
			item->n_azs = kept;
			if (kept == 0)
				sim_assume(plan,
					   "service '%s': none of its subnets is in an AZ of its "
					   "cluster's subnets; it stays pending",
					   service->name);
		} else {
			memcpy(item->azs, slots, item->n_azs * sizeof(guint));
		}
	} else if (item->cluster >= 0 && n_cluster_slots > 0) {
		item->azs = g_memdup2(cluster_slots, n_cluster_slots * sizeof(guint));
		item->n_azs = n_cluster_slots;
	} else {
		item->azs = g_new0(guint, 1);
		item->azs[0] = plan->n_real_azs;
		item->n_azs = 1;
	}
}

/* a cluster without subnets places its instances in its services' AZs (no addresses) */
static void
sim_plan_cluster_azs(SimPlan *plan)
{
	for (guint c = 0; c < plan->n_clusters; c++) {
		SimClusterPlan *cluster = &plan->clusters[c];
		g_autofree guint *all = NULL;
		guint n_all = 0;

		if (cluster->n_subnets > 0) {
			cluster->azs = sim_distinct_slots(cluster->subnet_az, cluster->n_subnets,
							  &cluster->n_azs);
			continue;
		}
		for (guint k = 0; k < cluster->n_services; k++)
			n_all += plan->services[cluster->services[k]].n_azs;
		all = g_new0(guint, MAX(n_all, 1));
		n_all = 0;
		for (guint k = 0; k < cluster->n_services; k++) {
			const SimServicePlan *service = &plan->services[cluster->services[k]];
			for (guint i = 0; i < service->n_azs; i++)
				all[n_all++] = service->azs[i];
		}
		cluster->azs = sim_distinct_slots(all, n_all, &cluster->n_azs);
		if (cluster->n_azs == 0) {
			g_free(cluster->azs);
			cluster->azs = g_new0(guint, 1);
			cluster->azs[0] = plan->n_real_azs;
			cluster->n_azs = 1;
		}
	}
}

static gboolean
sim_plan_service(SimPlan *plan, guint s, SimSubnetIndex *index, const gint *cluster_ids,
		 const char *model_dir, GError **error)
{
	const PlanModel *model = plan->model;
	const PlanService *service = g_ptr_array_index(model->services, s);
	SimServicePlan *item = &plan->services[s];
	const PlanSimulation *settings = &plan->settings;
	gint64 latency;
	gint64 count_max;

	item->service = service;
	item->index = s;
	if (service->task_capacity_rps > 0) {
		item->capacity_rps = service->task_capacity_rps;
	} else {
		g_autofree char *rps = g_strdup_printf("%g", settings->task_capacity_rps);
		item->capacity_rps = settings->task_capacity_rps;
		sim_assume(plan,
			   "service '%s': no task_capacity_rps; %s rps per task "
			   "(simulation.task_capacity_rps)",
			   service->name, rps);
	}
	if (item->capacity_rps <= 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "simulation.task_capacity_rps must be above 0 for service '%s'",
			    service->name);
		return FALSE;
	}
	item->inv_capacity = 1.0 / item->capacity_rps;
	if (service->autoscaling.present) {
		if (service->autoscaling.min > service->autoscaling.max) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u:%u: %s.autoscaling: min %" G_GINT64_FORMAT
				    " is above max %" G_GINT64_FORMAT,
				    model->file, service->origin.loc.line,
				    service->origin.loc.column, service->origin.path,
				    service->autoscaling.min, service->autoscaling.max);
			return FALSE;
		}
		item->min = service->autoscaling.min;
		item->max = service->autoscaling.max;
	} else {
		item->min = item->max = service->desired_count;
	}
	item->initial = CLAMP(service->desired_count, item->min, item->max);
	/* a daemon runs one task per instance, held as room on each (sim_plan_service_places):
	 * no tasks of its own to scale */
	if (plan_service_is_daemon(service)) {
		item->min = item->max = item->initial = 0;
		sim_assume(plan,
			   "service '%s': DAEMON, one task on each instance of its cluster; its "
			   "CPU and memory are kept on every instance, not simulated as tasks",
			   service->name);
	}
	/* behind a load balancer a new task counts once healthy: the larger of the target
	 * group's healthy checks and the health check grace period (fact sheet section 7's
	 * deployment model: task_start + max(grace, healthy_threshold × interval)) [S33][S34] */
	latency = settings->start_latency_s +
		  (service->lb_index < 0
		       ? 0
		       : MAX(service->lb_healthy_s > 0 ? service->lb_healthy_s
						       : settings->lb_healthy_s,
			     service->health_check_grace_period_s));
	item->start_steps = (latency + plan->options.step_s - 1) / plan->options.step_s;
	item->noise_seed =
	    (service->load.set & PLAN_LOAD_SEED) ? (guint64)service->load.seed : (guint64)s;

	sim_plan_service_places(plan, item, index, cluster_ids);
	if (!sim_plan_policies(plan, item, error))
		return FALSE;
	if (!sim_plan_profile(plan, item, model_dir, error))
		return FALSE;

	for (guint i = 0; i < service->capacity_provider_strategy->len; i++) {
		const PlanStrategyItem *strategy =
		    g_ptr_array_index(service->capacity_provider_strategy, i);
		item->has_spot =
		    item->has_spot || g_strcmp0(strategy->capacity_provider, "FARGATE_SPOT") == 0;
	}
	/* desired stays within min and max, and a scheduled min above max raises max */
	count_max = MAX(item->max, item->initial);
	for (guint i = 0; i < item->n_fires; i++)
		count_max = MAX(count_max, MAX(item->fires[i].min, item->fires[i].max));
	item->count_max = count_max;
	if (item->has_spot && count_max < SIM_COUNT_HIST_MAX)
		item->count_hist_len = (guint)count_max + 1;
	return TRUE;
}

/* Services may step one after another through a block of time, instead of all of them
 * through each step, when nothing one service does can change what another does:
 * - no EC2 cluster: its instances, and the reservation its scaling reads, are shared;
 * - at most one subnet per AZ per service: with two, a task takes the one with the most free
 *   addresses, which follows the other services' use;
 * - no subnet can fill: the most tasks all its services may ever want (each holds one
 *   address) stay below what it can hold, so a place never depends on the others.
 * The subnets' use, peaks and their times are then replayed in step order (simulate-loop.c),
 * so every figure is the same. */
static void
sim_plan_blocked(SimPlan *plan)
{
	g_autofree gint64 *most = NULL;

	if (plan->n_clusters > 0)
		return;
	most = g_new0(gint64, MAX(plan->n_subnets, 1));
	for (guint s = 0; s < plan->n_services; s++) {
		const SimServicePlan *service = &plan->services[s];
		if (!service->uses_addresses)
			continue;
		for (guint i = 0; i < service->n_subnets; i++) {
			for (guint j = i + 1; j < service->n_subnets; j++) {
				if (service->subnet_az[i] == service->subnet_az[j])
					return;
			}
			/* each term is below 2^62 (a count of the model); stop before a sum can
			 * wrap */
			if (service->count_max >= G_MAXINT32)
				return;
			most[service->subnets[i]] += service->count_max;
			if (most[service->subnets[i]] >= G_MAXINT32)
				return;
		}
	}
	for (guint i = 0; i < plan->n_subnets; i++) {
		if (most[i] >= plan->subnets[i].capacity)
			return;
	}
	plan->blocked = TRUE;
}

SimPlan *
sim_plan_new(const PlanModel *model, const PlanSimOptions *options, GError **error)
{
	g_autoptr(SimPlan) plan = g_new0(SimPlan, 1);
	g_autoptr(GArray) uses = NULL;
	g_autofree gint *cluster_ids = NULL;
	g_autofree char *model_dir = NULL;
	const PlanPriceBook *book = options->book;
	g_auto(SimSubnetIndex) index = {0};
	guint total = 0;

	if (!sim_check_options(options, error))
		return NULL;
	plan->model = model;
	plan->options = *options;
	plan->settings = model->simulation;
	plan->max_events =
	    options->max_events > 0 ? options->max_events : PLAN_SIM_DEFAULT_MAX_EVENTS;
	plan->assumptions = g_ptr_array_new_with_free_func(g_free);
	plan->n_steps = options->duration_s / options->step_s;
	plan->steps_per_datapoint = options->step_s < 60 ? (guint)(60 / options->step_s) : 1;
	plan->datapoints_per_step = options->step_s >= 60 ? (guint)(options->step_s / 60) : 1;
	plan->instance_launch_steps =
	    (plan->settings.instance_launch_s + options->step_s - 1) / options->step_s;
	if (options->series == PLAN_SIM_SERIES_EVERY_STEP)
		plan->series_stride = 1;
	else if (options->series == PLAN_SIM_SERIES_SAMPLED)
		plan->series_stride =
		    MAX(1, (plan->n_steps + PLAN_SIM_CHART_POINTS - 1) / PLAN_SIM_CHART_POINTS);
	if (!sim_parse_start(plan->settings.start, &plan->start_unix, error))
		return NULL;
	if (plan->series_stride > 0) {
		gint64 points = (plan->n_steps + plan->series_stride - 1) / plan->series_stride;
		gint64 series = (gint64)(model->services->len + model->clusters->len);
		/* points × series × runs, without overflow: each factor is under 2^31 */
		if (series > 0 && (points > PLAN_SIM_MAX_SERIES_POINTS / series ||
				   points * series > PLAN_SIM_MAX_SERIES_POINTS / options->runs)) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
				    "a time series of %" G_GINT64_FORMAT
				    " steps × %" G_GINT64_FORMAT " services and clusters × %u "
				    "run%s is over the limit of %" G_GINT64_FORMAT
				    " points (docs/limits.md); use a longer --step, a shorter "
				    "--duration or fewer --runs",
				    points, series, options->runs, options->runs == 1 ? "" : "s",
				    PLAN_SIM_MAX_SERIES_POINTS);
			return NULL;
		}
	}

	plan->book = book;
	if (model->file != NULL && !g_str_has_prefix(model->file, "models/examples/"))
		model_dir = g_path_get_dirname(model->file);

	uses = plan_subnet_uses(model, NULL);
	index.offsets = g_new0(guint, MAX(model->vpcs->len, 1));
	for (guint v = 0; v < model->vpcs->len; v++) {
		index.offsets[v] = total;
		total += ((const PlanVpc *)g_ptr_array_index(model->vpcs, v))->subnets->len;
	}
	index.ids = g_new(gint, MAX(total, 1));
	for (guint i = 0; i < total; i++)
		index.ids[i] = -1;
	index.subnets = g_array_new(FALSE, TRUE, sizeof(SimSubnetPlan));
	index.uses = uses;

	/* every subnet first (clusters' too), so the AZ slots are known before the services */
	sim_plan_subnets(plan, &index);
	sim_plan_nats(plan);
	cluster_ids = g_new0(gint, MAX(model->clusters->len, 1));
	sim_plan_clusters(plan, &index, book, cluster_ids);
	plan->n_services = model->services->len;
	plan->services = g_new0(SimServicePlan, MAX(plan->n_services, 1));
	/* the plan owns its subnets from here; sim_subnet_id() only finds known ones now */
	g_assert(index.subnets->len == plan->n_subnets);
	plan->subnets =
	    (SimSubnetPlan *)(void *)g_array_free(g_steal_pointer(&index.subnets), FALSE);
	index.subnets = g_array_new(FALSE, TRUE, sizeof(SimSubnetPlan));
	g_array_append_vals(index.subnets, plan->subnets, plan->n_subnets);
	if (!sim_plan_fail_az(plan, error))
		return NULL;
	for (guint s = 0; s < plan->n_services; s++) {
		if (!sim_plan_service(plan, s, &index, cluster_ids, model_dir, error))
			return NULL;
	}
	g_assert(index.subnets->len == plan->n_subnets);
	sim_plan_cluster_azs(plan);
	sim_plan_blocked(plan);

	if (book != NULL) {
		PlanCostOptions cost_options = {
		    .hours = (double)plan->n_steps * options->step_s / 3600.0,
		    .hours_given = TRUE,
		    .prorate_usage = TRUE};
		g_autoptr(GError) cost_error = NULL;
		plan->static_cost = plan_cost(model, book, &cost_options, &cost_error);
		if (plan->static_cost == NULL)
			plan->cost_missing = g_strdup(cost_error->message);
	} else {
		plan->cost_missing = g_strdup_printf("no price book for region '%s'",
						     model->region != NULL ? model->region : "");
	}
	return g_steal_pointer(&plan);
}

PlanSimResult *
plan_simulate(const PlanModel *model, const PlanSimOptions *options, GError **error)
{
	g_autoptr(SimPlan) plan = NULL;
	g_autoptr(PlanSimResult) result = NULL;
	g_autofree PlanSimRun **results = NULL;
	gint64 wall_start = 0;
	double cpu_start = 0;

	g_return_val_if_fail(model != NULL && options != NULL, NULL);
	g_return_val_if_fail(model->linked, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (options->timings != NULL) {
		memset(options->timings, 0, sizeof *options->timings);
		wall_start = g_get_monotonic_time();
		cpu_start = sim_thread_cpu_s();
	}
	plan = sim_plan_new(model, options, error);
	if (plan == NULL)
		return NULL;
	if (options->timings != NULL)
		options->timings->setup_cpu_s = sim_thread_cpu_s() - cpu_start;
	results = g_new0(PlanSimRun *, options->runs);
	sim_run_all(plan, results, options->timings);
	if (options->timings != NULL)
		cpu_start = sim_thread_cpu_s();

	result = g_new0(PlanSimResult, 1);
	result->duration_s = plan->n_steps * options->step_s;
	result->step_s = options->step_s;
	result->seed = options->seed;
	result->runs = options->runs;
	result->fail_az = g_strdup(options->fail_az);
	result->fail_at_s = options->fail_az != NULL ? options->fail_at_s : -1;
	result->start = g_strdup(plan->settings.start);
	result->assumptions = g_steal_pointer(&plan->assumptions);
	result->run_results = g_ptr_array_new_with_free_func(sim_run_result_free);
	for (guint r = 0; r < options->runs; r++)
		g_ptr_array_add(result->run_results, results[r]);
	if (options->runs > 1) {
		sim_result_spreads(result, plan->n_services);
		g_array_set_clear_func(result->spread, sim_spread_clear);
	}
	if (options->timings != NULL) {
		options->timings->merge_cpu_s = sim_thread_cpu_s() - cpu_start;
		options->timings->wall_s = (double)(g_get_monotonic_time() - wall_start) / 1e6;
	}
	return g_steal_pointer(&result);
}
