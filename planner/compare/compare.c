/* Fargate against EC2 (docs/compare.md): every service priced as Fargate x86_64, Fargate arm64,
 * Fargate Spot and on the cheapest instance types its task fits, instances counted by packing
 * each AZ on its own; then its break-even and curve (compare-curve.c); and the model's
 * total on one fleet shared per AZ (compare-fleet.c). compare-options.c holds the pieces every
 * option is built from. Money goes through the cost engine's rules (plan_cost_fargate_tasks(),
 * plan_cost_multiply()), so a figure here is the figure `ecsplan cost` would print. */
#include "compare.h"
#include "compare-private.h"

#include <math.h>
#include <string.h>

#include "compute-private.h"
#include "cost.h"
#include "plan-error.h"
#include "text.h"

/* ---- the result ------------------------------------------------------------------------------ */

/**
 * plan_compare_free:
 * @compare: (transfer full) (nullable): the result, with its entries
 */
void
plan_compare_free(PlanCompare *compare)
{
	if (compare == NULL)
		return;
	g_free(compare->region);
	g_free(compare->book_as_of);
	g_free(compare->book_origin);
	g_free(compare->figures_oldest);
	g_free(compare->figures_newest);
	g_ptr_array_unref(compare->services);
	plan_compare_entry_free(compare->total);
	g_free(compare);
}

PlanNanos
plan_compare_costs_total(const PlanCompareCosts *costs)
{
	g_return_val_if_fail(costs != NULL, 0);
	return plan_compare_costs_sum(costs);
}

/* Returns: (transfer none) (nullable): the cheapest option: options are sorted, so the first */
const PlanCompareOption *
plan_compare_cheapest(const PlanCompareEntry *entry)
{
	const PlanCompareOption *first;

	g_return_val_if_fail(entry != NULL, NULL);
	if (entry->options->len == 0)
		return NULL;
	first = &g_array_index(entry->options, PlanCompareOption, 0);
	return first->priced ? first : NULL;
}

/* Returns: (transfer none) (nullable): the option the model runs today */
const PlanCompareOption *
plan_compare_current(const PlanCompareEntry *entry)
{
	g_return_val_if_fail(entry != NULL, NULL);
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->current)
			return option;
	}
	return NULL;
}

/* Returns: (transfer none) (nullable): the cheapest priced option without Spot tasks (options
 * are sorted by cost) */
const PlanCompareOption *
plan_compare_cheapest_on_demand(const PlanCompareEntry *entry)
{
	g_return_val_if_fail(entry != NULL, NULL);
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->priced && option->purchase == PLAN_COMPARE_ON_DEMAND)
			return option;
	}
	return NULL;
}

gboolean
plan_compare_saving(const PlanCompareEntry *entry, PlanNanos *saving, double *share)
{
	const PlanCompareOption *cheapest = plan_compare_cheapest(entry);
	const PlanCompareOption *current = plan_compare_current(entry);

	g_return_val_if_fail(saving != NULL && share != NULL, FALSE);
	*saving = 0;
	*share = 0;
	if (cheapest == NULL || current == NULL || current == cheapest || !current->priced)
		return FALSE;
	*saving = current->monthly_cost - cheapest->monthly_cost;
	if (current->monthly_cost > 0)
		*share = (double)*saving / (double)current->monthly_cost;
	return TRUE;
}

/* ---- one service -------------------------------------------------------------------------- */

static void
plan_compare_fargate_options(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;
	const PlanService *service = task->service;
	gboolean on_fargate = service->launch_type == PLAN_LAUNCH_FARGATE;
	PlanCompareOption *option;

	for (guint a = 0; a < 2; a++) {
		PlanArchitecture architecture = a == 0 ? PLAN_ARCH_X86_64 : PLAN_ARCH_ARM64;
		option = plan_compare_add(
		    entry, a == 0 ? PLAN_COMPARE_FARGATE_X86 : PLAN_COMPARE_FARGATE_ARM,
		    g_strdup_printf("Fargate %s", plan_compare_arch_name(architecture)));
		option->architecture = architecture;
		option->on_demand_tasks = entry->tasks;
		option->estimate = entry->fargate_fitted;
		option->monthly_cost = plan_compare_fargate(context, task, architecture,
							    entry->tasks, 0, &option->estimate);
		option->costs.fargate = option->monthly_cost;
		option->priced = plan_compare_fargate_priced(task, architecture, FALSE);
		option->current =
		    on_fargate && !entry->spot_mix && service->architecture == architecture;
	}
	option = plan_compare_add(
	    entry, PLAN_COMPARE_FARGATE_SPOT,
	    g_strdup(entry->spot_mix ? "Fargate Spot mix" : "Fargate Spot, all tasks"));
	option->estimate = entry->fargate_fitted;
	option->monthly_cost =
	    plan_compare_spot(context, task, entry->tasks, &option->on_demand_tasks,
			      &option->spot_tasks, &option->architecture, &option->estimate);
	option->costs.fargate = option->monthly_cost;
	option->purchase = option->spot_tasks > 0 ? PLAN_COMPARE_SPOT : PLAN_COMPARE_ON_DEMAND;
	option->priced = plan_compare_fargate_priced(task, option->architecture, TRUE);
	option->current = on_fargate && entry->spot_mix;
}

static void
plan_compare_add_ec2(const PlanCompareContext *context, const PlanCompareTask *task,
		     const PlanCompareCandidate *candidate, const PlanTaskShape *shape,
		     gboolean current)
{
	PlanCompareEntry *entry = task->entry;
	const PlanInstanceType *type = candidate->type;
	PlanCompareOption *option = plan_compare_add(
	    entry, PLAN_COMPARE_EC2,
	    plan_compare_ec2_label(context, type, candidate->network_mode,
				   plan_instance_trunking(type, candidate->trunking), FALSE));

	option->architecture =
	    g_strcmp0(type->architecture, "arm64") == 0 ? PLAN_ARCH_ARM64 : PLAN_ARCH_X86_64;
	plan_compare_fill_ec2(context, option, candidate, &task->use);
	option->tasks_per_instance = candidate->packing.tasks;
	option->limit = candidate->packing.limit;
	option->cpu_utilisation =
	    plan_compare_share(entry->tasks * shape->cpu_units, candidate->instances,
			       candidate->packing.registered_cpu);
	option->memory_utilisation =
	    plan_compare_share(entry->tasks * shape->memory_mib, candidate->instances,
			       candidate->packing.registered_memory);
	option->current = current;
}

/* a burstable type left out because the tasks' CPU use is unknown: up to which
 * cpu_utilization u it would still cost less than Fargate x86_64 at the desired count. With
 * C = instance hours + EBS and F the Fargate cost, unlimited mode pays (u × busy_max − earned)
 * × hours × $0.05 above the baseline, so u* = (earned + (F − C) ÷ (hours × $0.05)) ÷
 * busy_max; standard mode is throttled above the baseline, so u* = earned ÷ busy_max. Kept in
 * the entry: the type with the highest u* (the first of equals) */
static void
plan_compare_burst_sensitivity(const PlanCompareContext *context, const PlanCompareTask *task,
			       const PlanCompareCandidate *candidate)
{
	PlanCompareEntry *entry = task->entry;
	double baseline;
	PlanCompareBurst burst = plan_compare_burst(candidate->type, &baseline);
	PlanNanos fargate =
	    plan_compare_fargate(context, task, PLAN_ARCH_X86_64, entry->tasks, 0, NULL);
	double busy_max = (double)entry->tasks * (double)task->shape.cpu_units / 1024.0;
	double earned = (double)candidate->instances * (double)candidate->type->vcpu * baseline;
	double u;

	if (task->use.busy_per_task >= 0.0 || busy_max <= 0.0 || candidate->cost >= fargate)
		return;
	if (burst == PLAN_COMPARE_UNLIMITED)
		u = (earned + (double)(fargate - candidate->cost) /
				  ((double)PLAN_COMPARE_CREDIT_NANOS * context->hours)) /
		    busy_max;
	else
		u = earned / busy_max;
	u = MIN(u, 1.0);
	if (entry->burst_type == NULL || u > entry->burst_utilization) {
		entry->burst_type = candidate->type;
		entry->burst_utilization = u;
	}
}

/* the type the service's cluster runs, when it is an EC2 service and the book knows it */
static const PlanInstanceType *
plan_compare_current_type(const PlanCompareContext *context, const PlanService *service)
{
	const PlanCluster *cluster = plan_compare_cluster(context->model, service);

	if (service->launch_type != PLAN_LAUNCH_EC2 || cluster == NULL ||
	    cluster->instance_type == NULL)
		return NULL;
	return plan_price_book_instance(context->book, cluster->instance_type);
}

/* trunking asked as @a or as @b packs @shape's tasks the same on @type: in effect the same,
 * or not awsvpc (ENIs do not limit bridge and host tasks) */
static gboolean
plan_compare_same_trunking(const PlanInstanceType *type, const PlanTaskShape *shape, gboolean a,
			   gboolean b)
{
	return shape->network_mode != PLAN_NETWORK_AWSVPC ||
	       plan_instance_trunking(type, a) == plan_instance_trunking(type, b);
}

/* @type running the service's tasks packed as @shape with @trunking asked */
static PlanCompareCandidate
plan_compare_candidate(const PlanCompareContext *context, const PlanCompareTask *task,
		       const PlanInstanceType *type, const PlanTaskShape *shape, gboolean trunking)
{
	PlanCompareCandidate candidate = {.type = type};

	g_autoptr(PlanInstanceReserve) reserve = plan_compare_reserve(task, type, trunking);

	candidate.network_mode = shape->network_mode;
	candidate.trunking = trunking;
	candidate.packing = plan_packing_reserved(type, reserve, shape, trunking);
	plan_compare_candidate_reserve(&candidate, reserve);
	if (candidate.packing.tasks == 0)
		return candidate;
	candidate.instances = plan_instances_for_packing(&candidate.packing, task->entry->tasks,
							 task->entry->n_azs, NULL);
	candidate.costs = plan_compare_ec2_costs(context, &task->use, type, candidate.instances,
						 task->entry->tasks, &candidate.surplus);
	candidate.cost = plan_compare_costs_sum(&candidate.costs);
	return candidate;
}

/* @type packed as @shape with @trunking asked, unless an on-demand row of the type packs the
 * same way already (same mode, trunking the same in effect) */
static void
plan_compare_add_current(const PlanCompareContext *context, const PlanCompareTask *task,
			 const PlanInstanceType *type, const PlanTaskShape *shape, gboolean trunking,
			 gboolean current)
{
	const PlanCompareEntry *entry = task->entry;
	PlanCompareCandidate candidate;

	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->kind == PLAN_COMPARE_EC2 && option->purchase == PLAN_COMPARE_ON_DEMAND &&
		    option->instance_type == type && option->network_mode == shape->network_mode &&
		    plan_compare_same_trunking(type, shape, option->trunking_asked, trunking))
			return;
	}
	candidate = plan_compare_candidate(context, task, type, shape, trunking);
	if (candidate.packing.tasks > 0)
		plan_compare_add_ec2(context, task, &candidate, shape, current);
}

/* the cheapest types at the asked settings (with --trunking both, each beside itself without
 * trunking), the Spot and commitment rows on the first, and the type the model runs at the
 * model's own network mode and trunking: marked when a listed row is exactly that, else
 * added (it is what the other options are measured against) */
static void
plan_compare_ec2_options(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;
	const PlanService *service = task->service;
	const PlanInstanceType *current = plan_compare_current_type(context, service);
	PlanTaskShape model_shape = plan_service_task_shape(service);
	gboolean model_trunking = plan_compare_service_trunking(context->model, service);
	gboolean model_mode = model_shape.network_mode == task->shape.network_mode &&
			      model_shape.host_port == task->shape.host_port;
	g_autoptr(GArray) candidates = g_array_new(FALSE, FALSE, sizeof(PlanCompareCandidate));
	gboolean current_listed = FALSE;
	guint arch = entry->architecture == PLAN_ARCH_ARM64 ? 1 : 0;
	const GPtrArray *unpriced = context->unpriced_types[arch];

	/* the types without a price are only counted: nothing reserved, once per task shape */
	if (plan_compare_reserved_nothing(task)) {
		guint fits = plan_compare_unpriced_fits(context, entry->architecture, &task->shape,
							entry->trunking);
		entry->n_fitting_types += fits;
		entry->n_unpriced_types += fits;
	} else {
		for (guint i = 0; i < unpriced->len; i++) {
			g_autoptr(PlanInstanceReserve) reserve = plan_compare_reserve(
			    task, g_ptr_array_index(unpriced, i), entry->trunking);
			if (plan_packing_reserved(g_ptr_array_index(unpriced, i), reserve,
						  &task->shape, entry->trunking)
				.tasks == 0)
				continue;
			entry->n_fitting_types++;
			entry->n_unpriced_types++;
		}
	}
	for (guint i = 0; i < context->priced_types[arch]->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(context->priced_types[arch], i);
		PlanCompareCandidate candidate = plan_compare_candidate(context, task, type,
									&task->shape, entry->trunking);
		if (candidate.packing.tasks == 0)
			continue;
		entry->n_fitting_types++;
		if (!plan_compare_burst_usable(type, &task->use, candidate.surplus,
					       &entry->n_burstable_skipped,
					       &entry->n_throttled_skipped)) {
			plan_compare_burst_sensitivity(context, task, &candidate);
			continue;
		}
		g_array_append_val(candidates, candidate);
	}
	g_array_sort(candidates, plan_compare_candidate_order);
	for (guint i = 0; i < MIN(candidates->len, PLAN_COMPARE_EC2_TYPES); i++) {
		const PlanCompareCandidate *candidate =
		    &g_array_index(candidates, PlanCompareCandidate, i);
		gboolean is_current =
		    candidate->type == current && model_mode &&
		    plan_compare_same_trunking(candidate->type, &task->shape, candidate->trunking,
					       model_trunking);
		plan_compare_add_ec2(context, task, candidate, &task->shape, is_current);
		current_listed |= is_current;
		if (i == 0) {
			plan_compare_ec2_commits(context, entry,
						 &g_array_index(entry->options, PlanCompareOption,
								entry->options->len - 1));
			plan_compare_add_ec2_spot(
			    context, entry,
			    &g_array_index(entry->options, PlanCompareOption,
					   entry->options->len - 1),
			    task->use.spot_discount);
		}
		/* --trunking both: the same type without trunking, so the two rows show what
		 * trunking buys */
		if (plan_compare_trunking_pairs(context, candidate->type,
						task->shape.network_mode == PLAN_NETWORK_AWSVPC)) {
			PlanCompareCandidate off = plan_compare_candidate(
			    context, task, candidate->type, &task->shape, FALSE);
			is_current = off.type == current && model_mode &&
				     plan_compare_same_trunking(off.type, &task->shape, FALSE,
								model_trunking);
			/* a type without a free ENI for a task holds none without trunking */
			if (off.packing.tasks > 0) {
				plan_compare_add_ec2(context, task, &off, &task->shape, is_current);
				current_listed |= is_current;
			}
		}
	}
	if (current == NULL)
		return;
	/* what the model runs, at its own settings */
	if (!current_listed)
		plan_compare_add_current(context, task, current, &model_shape, model_trunking, TRUE);
	/* under a what-if, the same type as asked, and with --trunking both without trunking:
	 * what the what-if would do to the fleet the model has */
	plan_compare_add_current(context, task, current, &task->shape, entry->trunking, FALSE);
	if (plan_compare_trunking_pairs(context, current,
					task->shape.network_mode == PLAN_NETWORK_AWSVPC))
		plan_compare_add_current(context, task, current, &task->shape, FALSE, FALSE);
}

/* an EC2 service's cluster: its daemons and reserved memory go on every instance of each
 * type the service is priced on (plan_compare_reserve()); on Fargate, which has no daemons,
 * AWS's advice is a sidecar container in every task [S54], so the Fargate task grows by the
 * daemons' CPU and memory and is fitted to a Fargate size (docs/compare.md, "Daemons") */
static PlanInstanceReserve *
plan_compare_daemons(const PlanCompareContext *context, const PlanService *service,
		     PlanCompareEntry *entry)
{
	const PlanCluster *cluster = plan_compare_cluster(context->model, service);
	PlanInstanceReserve *all = NULL;
	gint64 cpu = 0;
	gint64 memory = 0;

	if (service->launch_type != PLAN_LAUNCH_EC2 || cluster == NULL)
		return NULL;
	all = plan_instance_reserve_new(context->model, (guint)service->cluster_index, NULL,
					entry->trunking);
	entry->reserve = all->daemons->len > 0 || all->reserved_memory > 0;
	if (all->daemons->len == 0)
		return all;
	entry->n_daemons = all->daemons->len;
	entry->daemon_names = plan_instance_reserve_names(context->model, all);
	entry->sidecar_cpu_units = all->cpu_units;
	entry->sidecar_memory_mib = all->memory_mib;
	plan_service_task_size(service, &cpu, &memory);
	cpu += all->cpu_units;
	memory += all->memory_mib;
	entry->fargate_cpu_units = cpu;
	entry->fargate_memory_mib = memory;
	entry->fargate_fitted = !plan_fargate_size_valid(cpu, memory);
	if (entry->fargate_fitted)
		(void)plan_fargate_fit(cpu, memory, &entry->fargate_cpu_units,
				       &entry->fargate_memory_mib);
	return all;
}

static PlanCompareEntry *
plan_compare_service(const PlanCompareContext *context, const PlanService *service)
{
	PlanCompareTask task = {.model = context->model, .service = service};
	PlanCompareEntry *entry = plan_compare_entry_new(service->name);
	g_autoptr(GPtrArray) azs = plan_compare_service_azs(context->model, service);
	g_autoptr(PlanInstanceReserve) cluster_reserve = NULL;

	task.entry = entry;
	task.shape = plan_compare_task_shape(context, service);
	task.ephemeral_storage_gb = service->ephemeral_storage_gb;
	task.use = plan_compare_service_use(context->model, service, &task.shape);
	plan_compare_task_rates(context, &task);
	entry->tasks = plan_service_steady_tasks(service);
	entry->peak_tasks = MAX(plan_service_peak_tasks(service), entry->tasks);
	entry->ebs_gb = task.use.ebs_gb;
	entry->ebs_type = task.use.ebs_type;
	entry->utilization_known = (service->set & PLAN_SERVICE_CPU_UTILIZATION) != 0;
	entry->cpu_utilization = entry->utilization_known ? service->cpu_utilization : 0.0;
	entry->cpu_units = task.shape.cpu_units;
	entry->memory_mib = task.shape.memory_mib;
	entry->fargate_fitted = plan_cost_fargate_task_size(service, &entry->fargate_cpu_units,
							    &entry->fargate_memory_mib);
	entry->architecture = service->architecture;
	entry->network_mode = task.shape.network_mode;
	entry->trunking = plan_compare_trunking_asked(context, service);
	entry->n_azs = azs->len;
	entry->spot_mix = plan_compare_has_spot_items(service);
	/* every daemon of the cluster, unchecked: each type keeps those that fit it */
	cluster_reserve = plan_compare_daemons(context, service, entry);
	if (cluster_reserve != NULL) {
		task.daemons = cluster_reserve->daemons;
		task.reserved_memory = cluster_reserve->reserved_memory;
	}

	plan_compare_fargate_options(context, &task);
	plan_compare_fargate_commits(context, &task);
	plan_compare_ec2_options(context, &task);
	g_array_sort(entry->options, plan_compare_option_order);
	plan_compare_service_curve(context, &task);
	return entry;
}

/* ---- entry point -------------------------------------------------------------------------- */

/* the services to compare: all, or the one named (PLAN_ERROR_INVALID_OPTION when unknown) */
static GPtrArray *
plan_compare_select(const PlanModel *model, const char *name, GError **error)
{
	g_autoptr(GPtrArray) selected = g_ptr_array_new();
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	const char *suggestion;

	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		/* a daemon is compared within the services of its cluster: its share of every
		 * instance on EC2, a sidecar in every task on Fargate */
		if (plan_service_is_daemon(service)) {
			if (g_strcmp0(service->name, name) == 0) {
				const PlanCluster *cluster = plan_compare_cluster(model, service);
				g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION,
					    "service '%s' is a DAEMON service: it is compared "
					    "within the services of cluster '%s' (one task on "
					    "each of their instances, a sidecar on Fargate)",
					    name, cluster != NULL ? cluster->name : "");
				return NULL;
			}
			continue;
		}
		if (name == NULL || g_strcmp0(service->name, name) == 0)
			g_ptr_array_add(selected, (gpointer)service);
		if (service->name != NULL)
			g_ptr_array_add(names, service->name);
	}
	if (name == NULL || selected->len > 0)
		return g_steal_pointer(&selected);
	suggestion =
	    plan_text_suggest(name, (const char *const *)(gpointer)names->pdata, names->len);
	if (suggestion != NULL)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION,
			    "no service '%s' in the model; did you mean '%s'?", name, suggestion);
	else {
		g_autofree char *list = plan_text_join_quoted(
		    (const char *const *)(gpointer)names->pdata, names->len, 8);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION,
			    "no service '%s' in the model; it has %s", name,
			    names->len > 0 ? list : "none");
	}
	return NULL;
}

/* one figure the comparison used, into the dates its header shows */
static void
plan_compare_note_date(PlanCompare *compare, GHashTable *seen, const PlanPrice *price)
{
	if (price == NULL || !price->present || !g_hash_table_add(seen, (gpointer)price))
		return;
	if (price->as_of == NULL || strcmp(price->as_of, "undated") == 0) {
		compare->n_undated++;
		return;
	}
	/* "2021" < "2026-03" < "2026-03-28": dates of any precision order as text */
	if (compare->figures_oldest == NULL || strcmp(price->as_of, compare->figures_oldest) < 0) {
		g_free(compare->figures_oldest);
		compare->figures_oldest = g_strdup(price->as_of);
	}
	if (compare->figures_newest == NULL || strcmp(price->as_of, compare->figures_newest) > 0) {
		g_free(compare->figures_newest);
		compare->figures_newest = g_strdup(price->as_of);
	}
}

static void
plan_compare_note_entry(PlanCompare *compare, GHashTable *seen, const PlanCompareEntry *entry)
{
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->kind == PLAN_COMPARE_EC2 && option->instance_type != NULL)
			plan_compare_note_date(compare, seen, &option->instance_type->hourly);
	}
}

/* the dates of the figures used: every Fargate rate an option is priced with (on-demand and
 * Spot, both architectures, ephemeral storage when a task has more than the 20 GB included)
 * and the hour of every EC2 type shown */
static void
plan_compare_dates(PlanCompare *compare, const PlanPriceBook *book, GPtrArray *services)
{
	static const char *const fargate[] = {
	    "fargate.x86_64.vcpu_hour", "fargate.x86_64.gb_hour", "fargate.arm64.vcpu_hour",
	    "fargate.arm64.gb_hour",    "fargate.spot_discount",
	};
	g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (guint i = 0; i < G_N_ELEMENTS(fargate); i++)
		plan_compare_note_date(compare, seen, plan_price_book_get(book, fargate[i]));
	for (guint s = 0; s < services->len; s++) {
		const PlanService *service = g_ptr_array_index(services, s);
		if (service->ephemeral_storage_gb > 20)
			plan_compare_note_date(compare, seen,
					       plan_price_book_get(book, "fargate.ephemeral_gb_hour"));
	}
	for (guint s = 0; s < compare->services->len; s++)
		plan_compare_note_entry(compare, seen, g_ptr_array_index(compare->services, s));
	plan_compare_note_entry(compare, seen, compare->total);
}

/**
 * plan_compare:
 * @model: (transfer none): a model that plan_model_link() has resolved
 * @book: (transfer none): prices and instance specs for the model's region; it must outlive
 *   the result
 * @options: (nullable): hours in the month (default 730), one service only
 * @error: PLAN_ERROR_INVALID_OPTION for hours out of range, a book for another region, or a
 *   service the model does not have
 *
 * Prices each service at its desired count as Fargate x86_64, Fargate arm64 and Fargate Spot
 * (the strategy's mix, or every task), and on the PLAN_COMPARE_EC2_TYPES cheapest instance
 * types of its architecture that hold its task, instances counted by packing each AZ on its
 * own (plus the type its cluster runs, for an EC2 service); finds the break-even task count
 * against Fargate x86_64 and the cost curve around it; and adds the services up, EC2 as one
 * fleet shared per AZ.
 *
 * Returns: (transfer full): the comparison, or NULL with @error set
 */
PlanCompare *
plan_compare(const PlanModel *model, const PlanPriceBook *book, const PlanCompareOptions *options,
	     GError **error)
{
	g_autoptr(PlanCompare) compare = NULL;
	g_autoptr(GPtrArray) services = NULL;
	g_autoptr(GPtrArray) instance_types = NULL;
	PlanCompareContext context = {0};
	double hours = PLAN_COST_DEFAULT_HOURS;

	g_return_val_if_fail(model != NULL, NULL);
	/* an unlinked model prices what happens to resolve: refuse it (plan_model_link) */
	g_return_val_if_fail(model->linked, NULL);
	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (options != NULL && (options->hours_given || options->hours != 0.0))
		hours = options->hours;
	if (!plan_cost_check(model, book, hours, error))
		return NULL;
	services = plan_compare_select(model, options != NULL ? options->service : NULL, error);
	if (services == NULL)
		return NULL;

	instance_types = plan_price_book_instances(book);
	context.model = model;
	context.book = book;
	context.hours = hours;
	context.instance_types = instance_types;
	plan_compare_context_types(&context);
	context.ebs_gp2 = plan_price_book_get(book, "ebs.gp2.gb_month");
	context.ebs_gp3 = plan_price_book_get(book, "ebs.gp3.gb_month");
	context.commits = options != NULL && options->commits != 0 ? options->commits
							  : PLAN_COMPARE_DEFAULT_COMMITS;
	if (options != NULL) {
		context.trunking = options->trunking;
		context.network_mode_given = options->network_mode_given;
		context.network_mode = options->network_mode;
	}

	compare = g_new0(PlanCompare, 1);
	compare->hours = hours;
	compare->region = g_strdup(plan_price_book_region(book));
	compare->book_as_of = g_strdup(plan_price_book_as_of(book));
	compare->book_origin = g_strdup(plan_price_book_origin(book));
	compare->services = g_ptr_array_new_with_free_func(plan_compare_entry_free);
	compare->trunking = context.trunking;
	compare->network_mode_given = context.network_mode_given;
	compare->network_mode = context.network_mode;
	for (guint s = 0; s < services->len; s++) {
		g_ptr_array_add(compare->services,
				plan_compare_service(&context, g_ptr_array_index(services, s)));
		if (options != NULL && options->progress != NULL)
			options->progress(s + 1, services->len, options->progress_data);
	}
	compare->total = plan_compare_total(&context, services, compare->services);
	plan_compare_dates(compare, book, services);
	plan_compare_context_clear(&context);
	return g_steal_pointer(&compare);
}
