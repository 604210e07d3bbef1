/* ecsplan: the compute rules — Fargate sizes, container sums, capacity provider strategies,
 * autoscaling ranges, deployment room, and the EC2 rules that read a cluster's sizing
 * (plan_compute). each is one plan_check_<code>() and one row of the table in network.c; see
 * docs/rules.md and docs/compute.md. */
#include "compute-private.h"
#include "network-private.h"
#include "text.h"

/* how many nearest Fargate sizes a message lists */
#define NEAREST_SIZES 3

/* ---- Fargate ---- */

/* "the smallest that holds it is 512/1024" unless that size is already listed */
static char *
fargate_fit_hint(gint64 cpu, gint64 memory, const GArray *listed)
{
	gint64 fit_cpu = 0;
	gint64 fit_memory = 0;

	if (!plan_fargate_fit(cpu, memory, &fit_cpu, &fit_memory))
		return g_strdup("; no Fargate size holds it (the largest is 16384/122880): split "
				"the task or run it on EC2");
	for (guint i = 0; listed != NULL && i < listed->len; i++) {
		const PlanTaskSize *size = &g_array_index(listed, PlanTaskSize, i);
		if (size->cpu_units == fit_cpu && size->memory_mib == fit_memory)
			return g_strdup("");
	}
	return g_strdup_printf("; the smallest that holds it is %" G_GINT64_FORMAT
			       "/%" G_GINT64_FORMAT,
			       fit_cpu, fit_memory);
}

static gboolean
fargate_cpu_known(gint64 cpu)
{
	guint n_rows = 0;
	const PlanFargateRow *rows = plan_fargate_rows(&n_rows);
	for (guint i = 0; i < n_rows; i++) {
		if (rows[i].cpu_units == cpu)
			return TRUE;
	}
	return FALSE;
}

/* Fargate bills and places the task-level size, which must be one of the table's pairs [S7] */
void
rules_check_fargate_task_size(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		g_autofree char *hint = NULL;

		if (service->launch_type != PLAN_LAUNCH_FARGATE)
			continue;
		if (service->cpu == 0 || service->memory == 0) {
			gint64 cpu = 0;
			gint64 memory = 0;
			plan_service_task_size(service, &cpu, &memory);
			hint = fargate_fit_hint(cpu, memory, NULL);
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "fargate-task-size", &service->origin,
			    service->cpu == 0 ? ".cpu" : ".memory",
			    "service '%s' runs on Fargate without a task-level %s; Fargate needs "
			    "both cpu and memory on the task (its containers ask for "
			    "%" G_GINT64_FORMAT " CPU units and %" G_GINT64_FORMAT " MiB)%s",
			    label(service->name), service->cpu == 0 ? "cpu" : "memory", cpu, memory,
			    hint);
			continue;
		}
		if (!plan_fargate_size_valid(service->cpu, service->memory)) {
			g_autoptr(GArray) nearest =
			    plan_fargate_nearest(service->cpu, service->memory, NEAREST_SIZES);
			g_autofree char *listed =
			    plan_fargate_nearest_text(service->cpu, service->memory, NEAREST_SIZES);
			hint = fargate_fit_hint(service->cpu, service->memory, nearest);
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "fargate-task-size", &service->origin,
			    fargate_cpu_known(service->cpu) ? ".memory" : ".cpu",
			    "service '%s': cpu %" G_GINT64_FORMAT " with memory %" G_GINT64_FORMAT
			    " MiB is not a Fargate size; the nearest valid sizes (cpu/MiB) are "
			    "%s%s",
			    label(service->name), service->cpu, service->memory, listed, hint);
		}
	}
}

/* the containers share the task's size: their sum cannot exceed it */
void
rules_check_container_exceeds_task(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		gint64 cpu = 0;
		gint64 memory = 0;

		plan_service_container_sums(service, &cpu, &memory);
		if (service->cpu > 0 && cpu > service->cpu)
			rules_report(diagnostics, PLAN_SEVERITY_ERROR,
					    "container-exceeds-task", &service->origin, ".cpu",
					    "service '%s': its containers ask for %" G_GINT64_FORMAT
					    " CPU units in all but the task has %" G_GINT64_FORMAT
					    "; raise the task's cpu to at least %" G_GINT64_FORMAT
					    " or lower the containers'",
					    label(service->name), cpu, service->cpu, cpu);
		if (service->memory > 0 && memory > service->memory)
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "container-exceeds-task",
			    &service->origin, ".memory",
			    "service '%s': its containers ask for %" G_GINT64_FORMAT
			    " MiB in all (hard limits, else reservations) but the task has "
			    "%" G_GINT64_FORMAT " MiB; raise the task's memory to at least "
			    "%" G_GINT64_FORMAT " or lower the containers'",
			    label(service->name), memory, service->memory, memory);
	}
}

/* Service Connect adds a proxy container to every task; AWS recommends adding 256 CPU units
 * and 64 MiB to the task for it [S45]. ECS accepts a task without that room, so this is a
 * warning: the proxy then takes its share from the application's containers */
void
rules_check_service_connect_room(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		gint64 cpu = 0;
		gint64 memory = 0;
		gint64 need_cpu;
		gint64 need_memory;

		if (!service->service_connect || service->containers->len == 0)
			continue;
		plan_service_container_sums(service, &cpu, &memory);
		need_cpu = cpu + PLAN_SERVICE_CONNECT_PROXY_CPU;
		need_memory = memory + PLAN_SERVICE_CONNECT_PROXY_MEMORY_MIB;
		if ((service->cpu > 0 && need_cpu > service->cpu) ||
		    (service->memory > 0 && need_memory > service->memory))
			rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "service-connect-room",
			    &service->origin,
			    service->cpu > 0 && need_cpu > service->cpu ? ".cpu" : ".memory",
			    "service '%s' uses Service Connect: its containers ask for "
			    "%" G_GINT64_FORMAT " CPU units and %" G_GINT64_FORMAT
			    " MiB, and the proxy ECS adds needs 256 and 64 more, %" G_GINT64_FORMAT
			    " and %" G_GINT64_FORMAT " in all, but the task has %" G_GINT64_FORMAT
			    " and %" G_GINT64_FORMAT "; raise the task's size (on Fargate, to a "
			    "valid size that holds it)",
			    label(service->name), cpu, memory, need_cpu, need_memory,
			    service->cpu, service->memory);
	}
}

/* ---- strategy, autoscaling, deployment ---- */

/* ECS accepts a base on one item of a strategy only */
void
rules_check_strategy_base(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanStrategyItem *first = NULL;
		guint first_at = 0;

		for (guint k = 0; k < service->capacity_provider_strategy->len; k++) {
			const PlanStrategyItem *item =
			    g_ptr_array_index(service->capacity_provider_strategy, k);
			g_autofree char *suffix = NULL;
			g_autofree char *related = NULL;

			if (item->base <= 0)
				continue;
			if (first == NULL) {
				first = item;
				first_at = k;
				continue;
			}
			suffix = g_strdup_printf(".capacity_provider_strategy[%u].base", k);
			related = g_strdup_printf(
			    "%s.capacity_provider_strategy[%u]",
			    service->origin.path != NULL ? service->origin.path : "", first_at);
			add_related(
			    rules_report(
				diagnostics, PLAN_SEVERITY_ERROR, "strategy-base", &service->origin,
				suffix,
				"service '%s': capacity providers '%s' (base %" G_GINT64_FORMAT
				") and '%s' (base %" G_GINT64_FORMAT ") both have a base, but ECS "
				"allows a base on one item of a strategy only; keep the base on "
				"'%s' and set this one to 0",
				label(service->name), label(first->capacity_provider), first->base,
				label(item->capacity_provider), item->base,
				label(first->capacity_provider)),
			    related);
		}
	}
}

/* Application Auto Scaling keeps the desired count in [min, max] [S27]; an Auto Scaling group
 * refuses min > max */
void
rules_check_autoscaling_range(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanAutoscaling *range = &service->autoscaling;

		/* a daemon's autoscaling does not apply: daemon-scheduling says so */
		if (!range->present || plan_service_is_daemon(service))
			continue;
		if (range->min > range->max) {
			rules_report(diagnostics, PLAN_SEVERITY_ERROR, "autoscaling-range",
					    &service->origin, ".autoscaling.min",
					    "service '%s': autoscaling min %" G_GINT64_FORMAT
					    " is above max %" G_GINT64_FORMAT
					    "; AWS refuses the scalable target: swap them or "
					    "lower min",
					    label(service->name), range->min, range->max);
			continue;
		}
		if (service->desired_count < range->min || service->desired_count > range->max)
			rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "autoscaling-range",
			    &service->origin, ".desired_count",
			    "service '%s': desired_count %" G_GINT64_FORMAT
			    " is outside autoscaling [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
			    "], so the first scaling activity moves it to %" G_GINT64_FORMAT
			    "; set desired_count inside the range",
			    label(service->name), service->desired_count, range->min, range->max,
			    service->desired_count < range->min ? range->min : range->max);
	}
	for (guint c = 0; c < model->clusters->len; c++) {
		const PlanCluster *cluster = g_ptr_array_index(model->clusters, c);
		if (cluster->min > cluster->max)
			rules_report(diagnostics, PLAN_SEVERITY_ERROR, "autoscaling-range",
					    &cluster->origin, ".min",
					    "cluster '%s': min %" G_GINT64_FORMAT
					    " instances is above max %" G_GINT64_FORMAT
					    "; the Auto Scaling group refuses it: raise max or "
					    "lower min",
					    label(cluster->name), cluster->min, cluster->max);
	}
}

/* a rolling deployment starts new tasks up to floor(desired × maximum_percent / 100) and stops
 * old ones down to ceil(desired × minimum_healthy_percent / 100) [S32]; when it can do neither
 * it never makes progress */
void
rules_check_deployment_stuck(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		gint64 desired = service->desired_count;
		gint64 maximum = service->deployment.maximum_percent;
		gint64 minimum = service->deployment.minimum_healthy_percent;
		gint64 most;
		gint64 least;
		gint64 needed;

		/* a daemon's deployment replaces one task per instance; it has no desired count */
		if (desired <= 0 || plan_service_is_daemon(service))
			continue;
		most = multiply_capped(desired, maximum) / 100;
		least = ceil_div(multiply_capped(desired, minimum), 100);
		if (most > desired || least < desired)
			continue;
		/* the least maximum_percent that lets one more task start */
		needed = ceil_div(multiply_capped(desired + 1, 100), desired);
		rules_report(
		    diagnostics, PLAN_SEVERITY_WARNING, "deployment-stuck", &service->origin,
		    ".deployment",
		    "service '%s': with maximum_percent %" G_GINT64_FORMAT
		    " and minimum_healthy_percent %" G_GINT64_FORMAT
		    ", a deployment of %" G_GINT64_FORMAT
		    " tasks can neither start a new task (at most floor(%" G_GINT64_FORMAT
		    " × %" G_GINT64_FORMAT " / 100) = %" G_GINT64_FORMAT
		    " running) nor stop an old one (at least ceil(%" G_GINT64_FORMAT
		    " × %" G_GINT64_FORMAT " / 100) = %" G_GINT64_FORMAT
		    " healthy); raise maximum_percent to at least %" G_GINT64_FORMAT
		    " or lower minimum_healthy_percent",
		    label(service->name), maximum, minimum, desired, desired, maximum, most,
		    desired, minimum, least, needed);
	}
}

/* minimum_healthy_percent 0 lets ECS stop every running task before the new ones are healthy
 * (ceil(d × 0 / 100) = 0 [S32]): each deployment can be an outage. a service with a single task
 * has no redundancy: a task failure or an AZ outage takes it down until a replacement starts */
void
rules_check_deployment_downtime(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		gint64 desired = service->desired_count;
		gint64 minimum = service->deployment.minimum_healthy_percent;
		gboolean scales_up = service->autoscaling.present && service->autoscaling.min >= 2;
		g_autofree char *every = NULL;

		if (desired <= 0 || plan_service_is_daemon(service))
			continue;
		if (minimum == 0) {
			/* made only for the finding: a printf per service was 9 M instructions at
			 * 10,000 services */
			every = desired == 1 ? g_strdup("its only task")
					     : g_strdup_printf("all %" G_GINT64_FORMAT " of its tasks",
							       desired);
			rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "deployment-downtime",
			    &service->origin, ".deployment.minimum_healthy_percent",
			    "service '%s': with minimum_healthy_percent 0, a deployment may stop "
			    "%s (ceil(%" G_GINT64_FORMAT " × 0 / 100) = 0 must stay healthy) "
			    "before the new ones pass their health checks, so every deployment "
			    "can be an outage; set minimum_healthy_percent to 100 with "
			    "maximum_percent 200%s",
			    label(service->name), every, desired,
			    desired == 1 ? ", and run 2 tasks in 2 AZs" : "");
		} else if (desired == 1 && !scales_up)
			rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "deployment-downtime",
			    &service->origin, ".desired_count",
			    "service '%s' runs a single task, so it has no redundancy: a task "
			    "failure or an outage of its AZ stops it until a replacement starts; "
			    "set desired_count to 2 with subnets in 2 AZs",
			    label(service->name));
	}
}

/* a DAEMON service runs one task on every container instance of its cluster; Fargate tasks do
 * not support it, and it takes no desired count, placement strategy or Service Auto Scaling
 * [S53]. On Fargate AWS's advice for a daemon is a sidecar container in each task [S54] */
void
rules_check_daemon_scheduling(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);

		if (service->scheduling_strategy != PLAN_SCHEDULING_DAEMON)
			continue;
		if (service->launch_type != PLAN_LAUNCH_EC2) {
			rules_report(diagnostics, PLAN_SEVERITY_ERROR, "daemon-scheduling",
				     &service->origin, ".scheduling_strategy",
				     "service '%s': Fargate tasks do not support the DAEMON scheduling "
				     "strategy, so ECS refuses the service; run it on an EC2 cluster "
				     "(launch_type \"EC2\" and a cluster), or drop the service and add "
				     "its containers as a sidecar to each Fargate task",
				     label(service->name));
			continue;
		}
		if (service->autoscaling.present)
			rules_report(diagnostics, PLAN_SEVERITY_WARNING, "daemon-scheduling",
				     &service->origin, ".autoscaling",
				     "service '%s': a DAEMON service runs one task per instance of "
				     "its cluster, so its autoscaling (%" G_GINT64_FORMAT
				     " to %" G_GINT64_FORMAT
				     " tasks) does not apply; remove it (the cluster's instances "
				     "scale the daemon)",
				     label(service->name), service->autoscaling.min,
				     service->autoscaling.max);
		else if (service->desired_count != 1)
			rules_report(diagnostics, PLAN_SEVERITY_WARNING, "daemon-scheduling",
				     &service->origin, ".desired_count",
				     "service '%s': a DAEMON service runs one task per instance of "
				     "its cluster, so desired_count %" G_GINT64_FORMAT
				     " does not apply; remove it",
				     label(service->name), service->desired_count);
	}
}

/* ---- EC2 ---- */

/* the cheapest type of the book (by on-demand price, then name) with @type's architecture on
 * which more than @better_than copies of @shape fit; NULL when none */
static const PlanInstanceType *
suggest_type(const PlanPriceBook *book, const PlanInstanceType *type,
	     const PlanInstanceReserve *reserve, const PlanTaskShape *shape, gboolean trunking,
	     gint64 better_than)
{
	g_autoptr(GPtrArray) all = plan_price_book_instances(book);
	const PlanInstanceType *best = NULL;

	for (guint i = 0; i < all->len; i++) {
		const PlanInstanceType *candidate = g_ptr_array_index(all, i);
		PlanPacking packing;
		if (g_strcmp0(candidate->architecture, type->architecture) != 0 ||
		    candidate == type)
			continue;
		/* a suggestion the book cannot price would lead straight to a silent gap */
		if (!candidate->hourly.present)
			continue;
		packing = plan_packing_reserved(candidate, reserve, shape, trunking);
		if (packing.tasks <= better_than)
			continue;
		if (best == NULL || candidate->hourly.nanos < best->hourly.nanos)
			best = candidate;
	}
	return best;
}

static const PlanCluster *
sizing_cluster(const PlanModel *model, const PlanClusterSizing *sizing)
{
	return g_ptr_array_index(model->clusters, sizing->cluster_index);
}

/* the instance types are looked up in the price book; a region without a book leaves them
 * unknown, which is said once */
void
rules_check_ec2_instance_type_unknown(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GPtrArray) names = NULL;
	g_autoptr(GPtrArray) all = NULL;

	if (model->clusters->len == 0 && model->instances->len == 0)
		return;
	if (model->clusters->len == 0 && context->book == NULL)
		return;
	if (context->book == NULL || context->compute == NULL) {
		const PlanCluster *first = g_ptr_array_index(model->clusters, 0);
		rules_report(
		    diagnostics, PLAN_SEVERITY_NOTE, "ec2-instance-type-unknown", &first->origin,
		    ".instance_type",
		    "no price book for region '%s', so instance specs are unknown and the EC2 "
		    "rules (ec2-task-unplaceable, ec2-capacity, eni-limit) were not checked; fix "
		    "the region or give a book with --prices FILE",
		    label(model->region));
		return;
	}
	all = plan_price_book_instances(context->book);
	names = g_ptr_array_new();
	/* only types the region prices: a suggestion must not lead to an unpriceable type */
	for (guint i = 0; i < all->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(all, i);
		if (type->hourly.present)
			g_ptr_array_add(names, (gpointer)type->name);
	}
	for (guint c = 0; c < context->compute->clusters->len; c++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(context->compute->clusters, c);
		const PlanCluster *cluster = sizing_cluster(model, sizing);
		const char *close;
		g_autofree char *known = NULL;

		if (sizing->type != NULL || cluster->instance_type == NULL)
			continue;
		close = names->len > 0
			    ? plan_text_suggest(cluster->instance_type,
						(const char *const *)names->pdata, names->len)
			    : NULL;
		known = plan_text_join_quoted((const char *const *)names->pdata, names->len, 8);
		if (names->len == 0)
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "ec2-instance-type-unknown",
			    &cluster->origin, ".instance_type",
			    "cluster '%s': instance type '%s' is not in the price book, so its "
			    "tasks cannot be packed, and the book prices no instance type in '%s' "
			    "(add the type and its price with --prices FILE)",
			    label(cluster->name), cluster->instance_type, label(model->region));
		else if (close != NULL)
			rules_report(diagnostics, PLAN_SEVERITY_ERROR,
					    "ec2-instance-type-unknown", &cluster->origin,
					    ".instance_type",
					    "cluster '%s': instance type '%s' is not in the price "
					    "book; did you mean '%s'?",
					    label(cluster->name), cluster->instance_type, close);
		else
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "ec2-instance-type-unknown",
			    &cluster->origin, ".instance_type",
			    "cluster '%s': instance type '%s' is not in the price "
			    "book, so its tasks cannot be packed; the book knows %s "
			    "(add the type with --prices FILE)",
			    label(cluster->name), cluster->instance_type, known);
	}
	/* standalone hosts: a type the book does not know at all (a typo, or "unknown" from an
	 * import) is said here with a suggestion; a known type without a price in the region is
	 * cost's price-missing */
	for (guint i = 0; i < model->instances->len; i++) {
		const PlanInstance *host = g_ptr_array_index(model->instances, i);
		const char *close;

		if (host->instance_type == NULL ||
		    plan_price_book_instance(context->book, host->instance_type) != NULL)
			continue;
		close = names->len > 0
			    ? plan_text_suggest(host->instance_type,
						(const char *const *)names->pdata, names->len)
			    : NULL;
		if (close != NULL)
			rules_report(diagnostics, PLAN_SEVERITY_ERROR,
					    "ec2-instance-type-unknown", &host->origin,
					    ".instance_type",
					    "host '%s': instance type '%s' is not in the price book, "
					    "so it cannot be priced; did you mean '%s'?",
					    label(host->name), host->instance_type, close);
		else
			rules_report(diagnostics, PLAN_SEVERITY_ERROR,
					    "ec2-instance-type-unknown", &host->origin,
					    ".instance_type",
					    "host '%s': instance type '%s' is not in the price book, "
					    "so it cannot be priced; set a type the book knows (ecsplan "
					    "prices --instances lists them) or add it with --prices FILE",
					    label(host->name), host->instance_type);
	}
}

/* what one instance offers in the dimension that does not fit */
static char *
dimension_text(const PlanInstanceType *type, PlanLimit limit, gboolean trunking)
{
	switch (limit) {
	case PLAN_LIMIT_CPU:
		return g_strdup_printf("it registers %" G_GINT64_FORMAT
				       " CPU units (%" G_GINT64_FORMAT " vCPU × 1024)",
				       plan_instance_registered_cpu(type), type->vcpu);
	case PLAN_LIMIT_MEMORY:
		return g_strdup_printf("it registers about %" G_GINT64_FORMAT
				       " MiB of its %" G_GINT64_FORMAT
				       " MiB (installed less 2.53%% for the agent and OS, an "
				       "estimate)",
				       plan_instance_registered_memory(type), type->memory_mib);
	case PLAN_LIMIT_ENI:
		return g_strdup_printf(
		    "it has no ENI for an awsvpc task (%" G_GINT64_FORMAT " task ENIs%s)",
		    plan_instance_task_enis(type, trunking), trunking ? " with trunking" : "");
	case PLAN_LIMIT_PORT:
	case PLAN_LIMIT_NONE:
	default:
		return g_strdup("its host ports are taken");
	}
}

/* "; beside its daemons 'agent' (256 CPU units, 512 MiB, 1 ENI) and ECS_RESERVED_MEMORY
 * 1024 MiB, 1792 CPU units, 6449 MiB and 2 task ENIs are left": what the reserve takes, or ""
 * when it takes nothing */
static char *
reserve_text(const PlanModel *model, const PlanClusterSizing *sizing, const PlanTaskShape *shape)
{
	const PlanInstanceReserve *reserve = sizing->reserve;
	PlanPacking packing;
	GString *text;

	if (reserve == NULL || (reserve->daemons->len == 0 && reserve->reserved_memory == 0))
		return g_strdup("");
	packing = plan_packing_reserved(sizing->type, reserve, shape, sizing->trunking);
	text = g_string_new("; beside ");
	if (reserve->daemons->len > 0) {
		g_autofree char *names = plan_instance_reserve_names(model, reserve);
		g_string_append_printf(text,
				       "its daemon%s %s (%" G_GINT64_FORMAT
				       " CPU units, %" G_GINT64_FORMAT " MiB",
				       reserve->daemons->len > 1 ? "s" : "", names,
				       reserve->cpu_units, reserve->memory_mib);
		if (reserve->enis > 0)
			g_string_append_printf(text, ", %" G_GINT64_FORMAT " ENI%s", reserve->enis,
					       reserve->enis > 1 ? "s" : "");
		g_string_append(text, ")");
	}
	if (reserve->reserved_memory > 0)
		g_string_append_printf(text, "%sECS_RESERVED_MEMORY %" G_GINT64_FORMAT " MiB",
				       reserve->daemons->len > 0 ? " and " : "",
				       reserve->reserved_memory);
	g_string_append_printf(text,
			       " only %" G_GINT64_FORMAT " CPU units and %" G_GINT64_FORMAT
			       " MiB are left",
			       MAX(packing.room_cpu, 0), MAX(packing.room_memory, 0));
	return g_string_free(text, FALSE);
}

void
rules_check_ec2_task_unplaceable(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint c = 0; context->compute != NULL && c < context->compute->clusters->len; c++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(context->compute->clusters, c);
		const PlanCluster *cluster = sizing_cluster(model, sizing);

		for (guint k = 0; k < sizing->unplaceable->len; k++) {
			const PlanUnplaceable *unplaceable =
			    &g_array_index(sizing->unplaceable, PlanUnplaceable, k);
			const PlanService *service =
			    g_ptr_array_index(model->services, unplaceable->service_index);
			gboolean daemon = plan_service_is_daemon(service);
			PlanTaskShape shape = plan_service_task_shape(service);
			/* a replica task must fit beside every daemon, and so must a daemon that
			 * does not fit beside the ones placed (they are named) */
			const PlanInstanceType *other = suggest_type(
			    context->book, sizing->type, sizing->reserve, &shape, sizing->trunking, 0);
			g_autofree char *why =
			    dimension_text(sizing->type, unplaceable->limit, sizing->trunking);
			g_autofree char *beside =
			    daemon ? g_strdup("") : reserve_text(model, sizing, &shape);
			g_autofree char *fix =
			    other != NULL
				? g_strdup_printf("use a larger instance type (e.g. '%s') "
						  "or a smaller task",
						  other->name)
				: g_strdup("use a smaller task");

			if (daemon && sizing->reserve->daemons->len > 0) {
				g_autofree char *names =
				    plan_instance_reserve_names(model, sizing->reserve);
				g_free(beside);
				beside = g_strdup_printf("; the daemon%s %s already take%s "
							 "%" G_GINT64_FORMAT
							 " CPU units and %" G_GINT64_FORMAT " MiB",
							 sizing->reserve->daemons->len > 1 ? "s" : "",
							 names,
							 sizing->reserve->daemons->len > 1 ? "" : "s",
							 sizing->reserve->cpu_units,
							 sizing->reserve->memory_mib);
			}
			add_related(rules_report(
					diagnostics, PLAN_SEVERITY_ERROR, "ec2-task-unplaceable",
					&service->origin, NULL,
					"%s '%s': a task of %" G_GINT64_FORMAT
					" CPU units and %" G_GINT64_FORMAT
					" MiB fits no %s of cluster '%s' by %s: %s%s; %s",
					daemon ? "daemon service" : "service",
					label(service->name), shape.cpu_units, shape.memory_mib,
					sizing->type->name, label(cluster->name),
					plan_limit_to_string(unplaceable->limit), why, beside, fix),
				    cluster->origin.path);
		}
	}
}

/* "us-east-1a 2, us-east-1b 1" */
static char *
per_az_text(const PlanClusterSizing *sizing)
{
	GString *text = g_string_new(NULL);
	for (guint a = 0; a < sizing->azs->len; a++) {
		const PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
		if (a > 0)
			g_string_append(text, ", ");
		g_string_append_printf(text, "%s %" G_GINT64_FORMAT,
				       az->az != NULL ? az->az : "(no AZ)", az->instances_peak);
	}
	return g_string_free(text, FALSE);
}

void
rules_check_ec2_capacity(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint c = 0; context->compute != NULL && c < context->compute->clusters->len; c++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(context->compute->clusters, c);
		const PlanCluster *cluster = sizing_cluster(model, sizing);
		g_autofree char *azs = NULL;
		gint64 tasks = 0;

		/* min > max is autoscaling-range's; an unknown type is not sized */
		if (!sizing->over_max || sizing->type == NULL || cluster->min > cluster->max)
			continue;
		for (guint a = 0; a < sizing->azs->len; a++)
			tasks += g_array_index(sizing->azs, PlanComputeAz, a).tasks_peak;
		azs = per_az_text(sizing);
		rules_report(
		    diagnostics, PLAN_SEVERITY_ERROR, "ec2-capacity", &cluster->origin, ".max",
		    "cluster '%s' needs %" G_GINT64_FORMAT " %s instances for its %" G_GINT64_FORMAT
		    " tasks at peak (%s) but max is %" G_GINT64_FORMAT
		    "; raise max to %" G_GINT64_FORMAT " or use a larger instance type",
		    label(cluster->name), sizing->instances_peak, sizing->type->name, tasks, azs,
		    cluster->max, sizing->instances_peak);
	}
}

/* "8" or "more" for a dimension that does not limit */
static char *
count_text(gint64 count)
{
	if (count == G_MAXINT64)
		return g_strdup("any number");
	return g_strdup_printf("%" G_GINT64_FORMAT, count);
}

/* without trunking an instance takes max ENIs − 1 awsvpc tasks [S9]: on most types far fewer
 * than its CPU and memory hold */
void
rules_check_eni_limit(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint c = 0; context->compute != NULL && c < context->compute->clusters->len; c++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(context->compute->clusters, c);
		const PlanCluster *cluster = sizing_cluster(model, sizing);

		if (sizing->type == NULL)
			continue;
		for (guint k = 0; k < sizing->services->len; k++) {
			guint s = g_array_index(sizing->services, guint, k);
			const PlanService *service = g_ptr_array_index(model->services, s);
			PlanTaskShape shape = plan_service_task_shape(service);
			PlanPacking packing = plan_packing_reserved(sizing->type, sizing->reserve,
								    &shape, sizing->trunking);
			gint64 other = MIN(packing.by_cpu, packing.by_memory);
			g_autofree char *other_text = NULL;
			g_autofree char *fix = NULL;

			if (shape.network_mode != PLAN_NETWORK_AWSVPC || packing.tasks == 0 ||
			    packing.limit != PLAN_LIMIT_ENI || packing.by_eni >= other)
				continue;
			other_text = count_text(other);
			if (!sizing->trunking && sizing->type->tasks_trunk > 0) {
				PlanPacking trunked =
				    plan_packing_reserved(sizing->type, sizing->reserve, &shape, TRUE);
				fix = g_strdup_printf(
				    "turn on trunking in cluster '%s' (%" G_GINT64_FORMAT
				    " per instance)",
				    label(cluster->name), trunked.tasks);
			} else {
				const PlanInstanceType *better =
				    suggest_type(context->book, sizing->type, sizing->reserve, &shape,
						 TRUE, packing.tasks);
				PlanPacking better_packing = {0};
				if (better != NULL)
					better_packing =
					    plan_packing_reserved(better, sizing->reserve, &shape, TRUE);
				if (better != NULL)
					fix = g_strdup_printf(
					    "%s; use a type that takes more (e.g. '%s' with "
					    "trunking: %" G_GINT64_FORMAT
					    " per instance) or bridge "
					    "network mode",
					    sizing->trunking ? "trunking is already on"
							     : "the type does not support trunking",
					    better->name, better_packing.tasks);
				else
					fix = g_strdup("use bridge network mode");
			}
			add_related(
			    rules_report(
				diagnostics, PLAN_SEVERITY_WARNING, "eni-limit", &service->origin,
				".network_mode",
				"service '%s': awsvpc tasks on %s (cluster '%s') are limited "
				"by ENIs to %" G_GINT64_FORMAT
				" per instance, while CPU and memory would hold %s; %s",
				label(service->name), sizing->type->name, label(cluster->name),
				packing.by_eni, other_text, fix),
			    cluster->origin.path);
		}
	}
}

/* ECS spreads a service's tasks over the AZs of its cluster's instances; when every instance
 * sits in one AZ, so does every task, whatever subnets the cluster lists [S23c: an AZ fails as
 * a unit]. bridge and host tasks have no subnet of their own, so service-single-az cannot see
 * this: it is the cluster that decides */
void
rules_check_cluster_single_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint c = 0; context->compute != NULL && c < context->compute->clusters->len; c++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(context->compute->clusters, c);
		const PlanCluster *cluster = sizing_cluster(model, sizing);
		const char *used_az = NULL;
		guint n_used = 0;
		guint n_azs = 0;
		g_autoptr(GString) services = g_string_new(NULL);

		if (sizing->type == NULL || sizing->services->len == 0)
			continue;
		for (guint a = 0; a < sizing->azs->len; a++) {
			const PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
			if (az->az == NULL)
				continue;
			n_azs++;
			if (az->instances_desired > 0) {
				n_used++;
				used_az = az->az;
			}
		}
		if (n_used != 1)
			continue;
		for (guint i = 0; i < sizing->services->len; i++) {
			const PlanService *service = g_ptr_array_index(
			    model->services, g_array_index(sizing->services, guint, i));
			g_string_append_printf(services, "%s'%s'", i > 0 ? ", " : "",
					       label(service->name));
		}
		if (n_azs >= 2)
			rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "cluster-single-az", &cluster->origin,
			    ".min",
			    "every instance of cluster '%s' runs in %s, so its services (%s) stop when "
			    "that AZ does, although its subnets span %u AZs; raise min%s to %u so each "
			    "AZ keeps an instance",
			    label(cluster->name), used_az, services->str, n_azs,
			    cluster->max < (gint64)n_azs ? " and max" : "", n_azs);
		else
			rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "cluster-single-az", &cluster->origin,
			    ".subnets",
			    "every instance of cluster '%s' runs in %s, so its services (%s) stop when "
			    "that AZ does; add a subnet in a second AZ and raise min to 2",
			    label(cluster->name), used_az, services->str);
	}
}

/**
 * plan_compute_diagnose:
 * @model: (transfer none): the linked model
 * @book: (transfer none) (nullable): the book @compute was sized with
 * @compute: (transfer none): plan_compute()'s result
 * @diagnostics: (transfer none): receives the findings
 *
 * The EC2 sizing rules of the table (not cluster-single-az, an availability rule that only
 * validate runs), for callers that size without validating.
 */
void
plan_compute_diagnose(const PlanModel *model, const PlanPriceBook *book, const PlanCompute *compute,
		      GPtrArray *diagnostics)
{
	PlanRuleContext context = {.model = model, .book = book, .compute = compute};

	g_return_if_fail(model != NULL && compute != NULL && diagnostics != NULL);
	if (book == NULL)
		context.compute = NULL;
	rules_check_ec2_instance_type_unknown(&context, diagnostics);
	rules_check_ec2_task_unplaceable(&context, diagnostics);
	rules_check_ec2_capacity(&context, diagnostics);
	rules_check_eni_limit(&context, diagnostics);
}
