/* the cost model: line items from a linked model and the price book (docs/cost.md). money is
 * integer nano-dollars: each line's cost is rounded once, from quantity × unit price; totals
 * are integer sums of the lines; reports round only for display. */
#include "cost-private.h"

#include <math.h>
#include <string.h>

#include "compute.h"
#include "diagnostic.h"
#include "plan-error.h"
#include "text.h"

/* Fargate includes 20 GB of ephemeral storage per task [S1][S2] */
#define PLAN_COST_EPHEMERAL_INCLUDED_GB 20

/* ---- Fargate -------------------------------------------------------------------------------- */

/* "S2 S3 S4" and "S4" -> "S2 S3 S4": the union of two source lists, in order */
static const char *
plan_cost_merge_sources(const char *first, const char *second)
{
	g_autoptr(GString) merged = g_string_new(first != NULL ? first : "");
	g_auto(GStrv) keys = g_strsplit(second != NULL ? second : "", " ", -1);
	g_auto(GStrv) have = g_strsplit(merged->str, " ", -1);

	for (guint i = 0; keys[i] != NULL; i++) {
		if (keys[i][0] == '\0' || g_strv_contains((const char *const *)have, keys[i]))
			continue;
		if (merged->len > 0)
			g_string_append_c(merged, ' ');
		g_string_append(merged, keys[i]);
	}
	/* derived prices live as long as the process, like the book's own strings would */
	return g_intern_string(merged->str);
}

/* the Spot rate: on-demand × (1 − discount), rounded to the nano-dollar. the discount is a
 * ratio in nano-units, so the product is exact in 64 bits up to $18 a unit */
static PlanPrice
plan_cost_spot_price(const PlanPrice *on_demand, const PlanPrice *discount)
{
	PlanPrice price = *on_demand;
	PlanNanos ratio = CLAMP(discount->nanos, 0, PLAN_NANOS_PER_DOLLAR);
	guint64 keep = (guint64)(PLAN_NANOS_PER_DOLLAR - ratio);
	guint64 product = 0;

	if (on_demand->nanos >= 0 &&
	    g_uint64_checked_mul(&product, (guint64)on_demand->nanos, keep))
		price.nanos = (PlanNanos)((product + (guint64)PLAN_NANOS_PER_DOLLAR / 2) /
					  (guint64)PLAN_NANOS_PER_DOLLAR);
	else
		price.nanos = (PlanNanos)llround((double)on_demand->nanos * (double)keep /
						 (double)PLAN_NANOS_PER_DOLLAR);
	price.value = (double)price.nanos / (double)PLAN_NANOS_PER_DOLLAR;
	price.source = plan_cost_merge_sources(on_demand->source, discount->source);
	/* the Spot price is as old as the discount snapshot, and worked out, not read: derived
	 * at best, and no better than the weaker of its two figures */
	price.as_of = discount->as_of;
	price.confidence =
	    MAX(MAX(on_demand->confidence, discount->confidence), PLAN_CONFIDENCE_DERIVED);
	price.note = "on-demand × (1 − fargate.spot_discount)";
	return price;
}

/**
 * plan_cost_fargate_task_size:
 * @service: (transfer none): the service
 * @cpu: (out): CPU units Fargate bills
 * @memory: (out): MiB Fargate bills
 *
 * The task size Fargate bills: the task's own when it is a valid pair, else the smallest valid
 * size that holds it (what the user would have to choose), else (larger than any Fargate size)
 * the size as asked.
 *
 * Returns: TRUE when the task's own size is not a Fargate size (the cost is then an estimate)
 */
gboolean
plan_cost_fargate_task_size(const PlanService *service, gint64 *cpu, gint64 *memory)
{
	gint64 want_cpu = 0;
	gint64 want_memory = 0;

	plan_service_task_size(service, &want_cpu, &want_memory);
	*cpu = want_cpu;
	*memory = want_memory;
	if (plan_fargate_size_valid(want_cpu, want_memory))
		return FALSE;
	/* larger than any Fargate size: priced as asked, and marked */
	if (!plan_fargate_fit(want_cpu, want_memory, cpu, memory)) {
		*cpu = want_cpu;
		*memory = want_memory;
	}
	return TRUE;
}

typedef struct {
	const PlanService *service;
	char *resource;
	const char *arch;
	gint64 cpu;
	gint64 memory;
	gboolean fitted;
	char *fit_note; /* why the size is marked, or NULL */
} PlanCostTask;

static void
plan_cost_task_clear(PlanCostTask *task)
{
	g_clear_pointer(&task->resource, g_free);
	g_clear_pointer(&task->fit_note, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanCostTask, plan_cost_task_clear)

static const char *const plan_cost_fargate_dimensions[] = {"vcpu_hour", "gb_hour"};

/* the size of a task in dimension @d (0: CPU units, 1: MiB) in vCPU or GB */
static double
plan_cost_fargate_size(guint d, gint64 units)
{
	return (double)units / (double)(d == 0 ? PLAN_CPU_UNITS_PER_VCPU : PLAN_MIB_PER_GB);
}

/* the quantity of one Fargate line: tasks × size × hours, the size in vCPU or GB; the one
 * formula both plan_cost() and plan_cost_fargate_tasks() use */
static double
plan_cost_fargate_quantity(gint64 tasks, guint d, gint64 units, double hours)
{
	return (double)tasks * plan_cost_fargate_size(d, units) * hours;
}

/* extra ephemeral storage of one task, in GB above the included 20 */
static gint64
plan_cost_fargate_extra_storage(gint64 ephemeral_storage_gb)
{
	return MAX(ephemeral_storage_gb - PLAN_COST_EPHEMERAL_INCLUDED_GB, 0);
}

/* the unit price of Fargate dimension @key: on-demand, or for @spot the on-demand price less
 * the book's discount (written to @spot_price). NULL when the book has no @key; *@undiscounted
 * is TRUE when Spot was asked for but the book has no discount (the on-demand price is used) */
static const PlanPrice *
plan_cost_fargate_unit(const PlanPriceBook *book, const char *key, gboolean spot,
		       PlanPrice *spot_price, gboolean *undiscounted)
{
	const PlanPrice *on_demand = plan_price_book_get(book, key);
	const PlanPrice *discount = plan_price_book_get(book, "fargate.spot_discount");

	*undiscounted = FALSE;
	if (!spot || on_demand == NULL)
		return on_demand;
	if (discount == NULL) {
		*undiscounted = TRUE;
		return on_demand;
	}
	*spot_price = plan_cost_spot_price(on_demand, discount);
	return spot_price;
}

/**
 * plan_cost_fargate_rates:
 * @book: (transfer none): the price book
 * @architecture: x86_64 or arm64
 * @ephemeral_storage_gb: the task's storage; above 20 GB it is billed (on-demand, also for Spot)
 * @spot: the Spot rate (on-demand × (1 − fargate.spot_discount))
 * @rates: (out caller-allocates): the figures, for plan_cost_fargate_rates_cost()
 */
void
plan_cost_fargate_rates(const PlanPriceBook *book, PlanArchitecture architecture,
			gint64 ephemeral_storage_gb, gboolean spot, PlanCostFargateRates *rates)
{
	const char *arch = architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";

	g_return_if_fail(book != NULL && rates != NULL);
	memset(rates, 0, sizeof(*rates));
	rates->extra_storage_gb = plan_cost_fargate_extra_storage(ephemeral_storage_gb);
	rates->priced = plan_cost_fargate_priced(book, architecture, ephemeral_storage_gb, spot);
	for (guint d = 0; d < G_N_ELEMENTS(plan_cost_fargate_dimensions); d++) {
		g_autofree char *key =
		    g_strdup_printf("fargate.%s.%s", arch, plan_cost_fargate_dimensions[d]);
		PlanPrice spot_price;
		gboolean undiscounted = FALSE;
		const PlanPrice *price =
		    plan_cost_fargate_unit(book, key, spot, &spot_price, &undiscounted);
		rates->uncertain |= undiscounted;
		if (price == NULL || !price->present) {
			rates->uncertain = TRUE;
			continue;
		}
		rates->uncertain |= plan_price_is_estimate(price);
		rates->unit[d] = price->nanos;
		rates->unit_present[d] = TRUE;
	}
	if (rates->extra_storage_gb > 0) {
		const PlanPrice *price = plan_price_book_get(book, "fargate.ephemeral_gb_hour");
		if (price == NULL || !price->present) {
			rates->uncertain = TRUE;
		} else {
			rates->uncertain |= plan_price_is_estimate(price);
			rates->storage = price->nanos;
			rates->storage_present = TRUE;
		}
	}
}

/**
 * plan_cost_fargate_rates_cost:
 * @rates: (transfer none): from plan_cost_fargate_rates()
 * @cpu_units: the billed task CPU (plan_cost_fargate_task_size())
 * @memory_mib: the billed task memory
 * @tasks: how many tasks run all month
 * @hours: hours in the month
 * @estimate: (out) (optional): set TRUE when a figure is missing or not confirmed
 *
 * Returns: nano-dollars, each line rounded once (plan_cost_multiply()), as plan_cost() bills
 */
PlanNanos
plan_cost_fargate_rates_cost(const PlanCostFargateRates *rates, gint64 cpu_units,
			     gint64 memory_mib, gint64 tasks, double hours, gboolean *estimate)
{
	PlanNanos total = 0;

	g_return_val_if_fail(rates != NULL, 0);
	if (tasks <= 0)
		return 0;
	for (guint d = 0; d < G_N_ELEMENTS(plan_cost_fargate_dimensions); d++) {
		if (!rates->unit_present[d])
			continue;
		total += plan_cost_multiply(
		    plan_cost_fargate_quantity(tasks, d, d == 0 ? cpu_units : memory_mib, hours),
		    rates->unit[d]);
	}
	if (rates->extra_storage_gb > 0 && rates->storage_present)
		total += plan_cost_multiply((double)tasks * (double)rates->extra_storage_gb * hours,
					    rates->storage);
	if (estimate != NULL && rates->uncertain)
		*estimate = TRUE;
	return total;
}

/**
 * plan_cost_fargate_tasks:
 * @book: (transfer none): the price book
 * @architecture: x86_64 or arm64
 * @cpu_units: the billed task CPU (plan_cost_fargate_task_size())
 * @memory_mib: the billed task memory
 * @ephemeral_storage_gb: the task's storage; above 20 GB it is billed (on-demand, also for Spot)
 * @tasks: how many tasks run all month
 * @spot: price at the Spot rate (on-demand × (1 − fargate.spot_discount))
 * @hours: hours in the month
 * @estimate: (out) (optional): set TRUE when a figure is missing or not confirmed
 *
 * What plan_cost() bills for @tasks Fargate tasks, the sum of its vCPU, GB and storage lines,
 * each rounded once (plan_cost_multiply()): for comparisons that price a task on other terms
 * than the model's. A missing price counts as 0, as in plan_cost().
 *
 * Returns: nano-dollars
 */
PlanNanos
plan_cost_fargate_tasks(const PlanPriceBook *book, PlanArchitecture architecture, gint64 cpu_units,
			gint64 memory_mib, gint64 ephemeral_storage_gb, gint64 tasks, gboolean spot,
			double hours, gboolean *estimate)
{
	PlanCostFargateRates rates;

	g_return_val_if_fail(book != NULL, 0);
	if (tasks <= 0)
		return 0;
	plan_cost_fargate_rates(book, architecture, ephemeral_storage_gb, spot, &rates);
	return plan_cost_fargate_rates_cost(&rates, cpu_units, memory_mib, tasks, hours, estimate);
}

/**
 * plan_cost_fargate_priced:
 * @book: (transfer none): the price book
 * @architecture: x86_64 or arm64
 * @ephemeral_storage_gb: the task's storage (above 20 GB it needs the storage figure)
 * @spot: the Spot rate is asked for (it needs the discount too)
 *
 * Returns: TRUE when plan_cost_fargate_tasks() finds every figure it needs in @book
 */
gboolean
plan_cost_fargate_priced(const PlanPriceBook *book, PlanArchitecture architecture,
			 gint64 ephemeral_storage_gb, gboolean spot)
{
	const char *arch = architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";

	g_return_val_if_fail(book != NULL, FALSE);
	for (guint d = 0; d < G_N_ELEMENTS(plan_cost_fargate_dimensions); d++) {
		g_autofree char *key =
		    g_strdup_printf("fargate.%s.%s", arch, plan_cost_fargate_dimensions[d]);
		if (plan_price_book_get(book, key) == NULL)
			return FALSE;
	}
	if (spot && plan_price_book_get(book, "fargate.spot_discount") == NULL)
		return FALSE;
	if (plan_cost_fargate_extra_storage(ephemeral_storage_gb) > 0 &&
	    plan_price_book_get(book, "fargate.ephemeral_gb_hour") == NULL)
		return FALSE;
	return TRUE;
}

/* the vCPU, memory and extra storage lines of @tasks tasks in one category */
static void
plan_cost_fargate_share(PlanCostContext *context, const PlanCostTask *task,
			PlanCostCategory category, gint64 tasks)
{
	gboolean spot = category == PLAN_COST_FARGATE_SPOT;
	g_autofree char *hours = NULL;
	g_autofree char *count = NULL;
	const char *tasks_word = plan_text_plural((double)tasks, "task", "tasks");
	gint64 extra = plan_cost_fargate_extra_storage(task->service->ephemeral_storage_gb);

	if (tasks <= 0)
		return;
	/* a findings-only cost formats no description */
	if (context->describe) {
		hours = cost_number(context->hours, 4);
		count = cost_number((double)tasks, 0);
	}
	for (guint d = 0; d < G_N_ELEMENTS(plan_cost_fargate_dimensions); d++) {
		/* "fargate.x86_64.vcpu_hour", without a printf or a malloc per service */
		char key[64];
		g_autofree char *spot_key = NULL;
		gint64 units = d == 0 ? task->cpu : task->memory;
		PlanPrice spot_price;
		gboolean undiscounted = FALSE;
		const PlanPrice *price;
		GString *description = NULL;
		PlanCostLine *line;

		gsize arch_length = strlen(task->arch);
		gsize dimension_length = strlen(plan_cost_fargate_dimensions[d]);

		/* "fargate." (8) + "x86_64" or "arm64" + "." + "vcpu_hour" or "gb_hour" + NUL */
		g_assert(9 + arch_length + dimension_length < sizeof key);
		memcpy(key, "fargate.", 8);
		memcpy(key + 8, task->arch, arch_length);
		key[8 + arch_length] = '.';
		memcpy(key + 9 + arch_length, plan_cost_fargate_dimensions[d], dimension_length + 1);
		price = plan_cost_fargate_unit(context->book, key, spot, &spot_price, &undiscounted);

		if (spot && price != NULL)
			spot_key = g_strdup_printf("%s × (1 − fargate.spot_discount)", key);
		if (context->describe) {
			g_autofree char *size_text = cost_number(plan_cost_fargate_size(d, units), 4);
			description = g_string_new(NULL);
			g_string_printf(description, "%s %s × %s %s × %s h", count, tasks_word,
					size_text, d == 0 ? "vCPU" : "GB", hours);
			if (spot && price != NULL)
				g_string_append(description,
						undiscounted
						    ? ", Spot at the on-demand price: no "
						      "'fargate.spot_discount' in the book"
						    : ", Spot");
			if (task->fit_note != NULL)
				g_string_append_printf(description, " (%s)", task->fit_note);
		}
		/* a Compute Savings Plan covers on-demand Fargate, never Spot */
		if (spot)
			line = cost_add_line(
			    context, category, g_strdup(task->resource), task->service->name,
			    NULL, plan_cost_fargate_quantity(tasks, d, units, context->hours),
			    d == 0 ? "vCPU-hour" : "GB-hour", spot_key != NULL ? spot_key : key,
			    price, description != NULL ? g_string_free(description, FALSE) : NULL);
		else
			line = cost_add_compute_line(
			    context, category, g_strdup(task->resource), task->service->name,
			    NULL, plan_cost_fargate_quantity(tasks, d, units, context->hours),
			    d == 0 ? "vCPU-hour" : "GB-hour", key, price,
			    description != NULL ? g_string_free(description, FALSE) : NULL, key);
		if (task->fitted || undiscounted)
			line->estimate = TRUE;
	}
	/* storage above the included 20 GB; no Spot rate is published for it, so on-demand */
	if (extra > 0) {
		cost_add_line(context, category, g_strdup(task->resource), task->service->name,
				   NULL, (double)tasks * (double)extra * context->hours, "GB-hour",
				   "fargate.ephemeral_gb_hour",
				   cost_price(context, "fargate.ephemeral_gb_hour"),
				   cost_text(context,
					     "%s %s × %" G_GINT64_FORMAT
					     " GB storage above the 20 GB included × %s h",
					     count, tasks_word, extra, hours));
	}
}

static void
plan_cost_service_tasks(PlanCostContext *context, const PlanService *service)
{
	g_autofree char *name = NULL;
	gint64 steady = plan_service_steady_tasks(service);
	gint64 peak = plan_service_peak_tasks(service);
	g_autofree char *base = NULL;
	g_autofree char *why = NULL;

	/* an assumption only: a findings-only cost keeps none; a daemon's tasks come with its
	 * cluster's instances (plan_cost_cluster) */
	if (!context->describe || plan_service_is_daemon(service))
		return;
	name = g_strdup_printf("service/%s.tasks", service->name);

	/* ECS keeps a scalable service's count within the autoscaling min..max: a desired_count
	 * below the minimum (desired_count = 1 with ignore_changes) runs min tasks */
	if (steady > service->desired_count)
		base = g_strdup_printf("autoscaling min %" G_GINT64_FORMAT
				       " (desired_count %" G_GINT64_FORMAT " is below it)",
				       steady, service->desired_count);
	else
		base = g_strdup("desired_count");
	if (peak > steady)
		why = g_strdup_printf("%s: the monthly cost prices the steady state; "
				      "autoscaling up to %" G_GINT64_FORMAT " tasks and "
				      "deployments (up to %" G_GINT64_FORMAT "%%) cost more while "
				      "they last",
				      base, peak, plan_service_maximum_percent(service));
	else
		why = g_strdup_printf("%s: the monthly cost prices the steady state; "
				      "deployments (up to %" G_GINT64_FORMAT "%%) cost more while "
				      "they last",
				      base, plan_service_maximum_percent(service));
	cost_assume(context, name, (double)steady, "tasks", PLAN_COST_FROM_MODEL,
		    g_steal_pointer(&why));
}

static void
plan_cost_fargate_service(PlanCostContext *context, const PlanService *service)
{
	g_auto(PlanCostTask) task = {0};
	gint64 want_cpu = 0;
	gint64 want_memory = 0;
	gint64 on_demand = 0;
	gint64 spot = 0;
	gint64 tasks = plan_service_steady_tasks(service);

	task.service = service;
	task.resource = cost_resource(context, "service", NULL, service->name);
	task.arch = service->architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
	plan_service_task_size(service, &want_cpu, &want_memory);
	task.fitted = plan_cost_fargate_task_size(service, &task.cpu, &task.memory);
	if (task.fitted && (task.cpu != want_cpu || task.memory != want_memory))
		task.fit_note = g_strdup_printf("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
						" is not a Fargate size; priced as "
						"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
						want_cpu, want_memory, task.cpu, task.memory);
	else if (task.fitted)
		task.fit_note = g_strdup_printf("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
						" is not a Fargate size",
						want_cpu, want_memory);

	plan_service_spot_split(service, tasks, &on_demand, &spot);
	if (service->capacity_provider_strategy->len > 0) {
		g_autofree char *name = g_strdup_printf("service/%s.spot_tasks", service->name);
		cost_assume(context, name, (double)spot, "tasks", PLAN_COST_FROM_MODEL,
				 g_strdup("FARGATE_SPOT share of capacity_provider_strategy: bases "
					  "first, then by weight"));
	}
	plan_cost_fargate_share(context, &task, PLAN_COST_FARGATE, on_demand);
	plan_cost_fargate_share(context, &task, PLAN_COST_FARGATE_SPOT, spot);

	/* awsvpc gives every task its own address; with assign_public_ip each is billed */
	if (service->assign_public_ip && tasks > 0) {
		g_autofree char *count = cost_number((double)tasks, 0);
		g_autofree char *hours = cost_number(context->hours, 4);
		cost_add_line(
		    context, PLAN_COST_PUBLIC_IPV4, g_strdup(task.resource), service->name, NULL,
		    (double)tasks * context->hours, "IP-hour", "public_ipv4.hour",
		    cost_price(context, "public_ipv4.hour"),
		    g_strdup_printf(
			"%s %s × 1 public address (assign_public_ip) × %s h", count,
			plan_text_plural((double)tasks, "task", "tasks"), hours));
	}
}

/* ---- EC2 ------------------------------------------------------------------------------------ */

/* the lines a cluster's instances make, in the order they are listed */
typedef enum {
	COST_CLUSTER_HOURS,	/* instance hours */
	COST_CLUSTER_EBS,	/* each instance's EBS volumes, per GB-month */
	COST_CLUSTER_PUBLIC_IP, /* public addresses */
	COST_CLUSTER_N_LINES,
} CostClusterLine;

static void
plan_cost_instance_line(PlanCostContext *context, const PlanCluster *cluster,
			const PlanClusterSizing *sizing, CostClusterLine line, const char *az,
			gint64 instances)
{
	g_autofree char *count = cost_number((double)instances, 0);
	g_autofree char *hours = cost_number(context->hours, 4);
	g_autofree char *key = NULL;
	const char *in_az = az != NULL ? az : "no single AZ";
	const PlanPrice *price = NULL;

	if (instances <= 0)
		return;
	if (line == COST_CLUSTER_HOURS) {
		key = g_strdup_printf("ec2.%s", cluster->instance_type);
		if (sizing->type != NULL && sizing->type->hourly.present)
			price = &sizing->type->hourly;
		cost_add_compute_line(
		    context, PLAN_COST_EC2, cost_resource(context, "cluster", NULL, cluster->name),
		    NULL, az, (double)instances * context->hours, "instance-hour", key, price,
		    g_strdup_printf("%s %s (%s) in %s × %s h", count,
				    plan_text_plural((double)instances, "instance", "instances"),
				    cluster->instance_type, in_az, hours),
		    cluster->instance_type);
		return;
	}
	if (line == COST_CLUSTER_EBS) {
		g_autofree char *ebs_key = g_strdup_printf(
		    "ebs.%s.gb_month", cost_storage_name(cluster->ebs_type));
		g_autofree char *gb = cost_number((double)cluster->ebs_gb, 0);
		/* EBS is billed per GB-month: a month of @hours is hours / 730 of one */
		cost_add_line(
		    context, PLAN_COST_EC2, cost_resource(context, "cluster", NULL, cluster->name),
		    NULL, az,
		    (double)instances * (double)cluster->ebs_gb * context->hours /
			PLAN_COST_DEFAULT_HOURS,
		    "GB-month", ebs_key, cost_price(context, ebs_key),
		    g_strdup_printf("%s %s in %s × %s GB EBS %s (ebs_gb) × %s h / 730 h", count,
				    plan_text_plural((double)instances, "instance", "instances"),
				    in_az, gb, cost_storage_name(cluster->ebs_type), hours));
		return;
	}
	cost_add_line(
	    context, PLAN_COST_PUBLIC_IPV4, cost_resource(context, "cluster", NULL, cluster->name),
	    NULL, az, (double)instances * context->hours, "IP-hour", "public_ipv4.hour",
	    cost_price(context, "public_ipv4.hour"),
	    g_strdup_printf("%s %s in %s × 1 public address (public_ip) × %s h", count,
			    plan_text_plural((double)instances, "instance", "instances"), in_az,
			    hours));
}

/* one cluster: instances per AZ at desired, their EBS volumes and their public addresses */
static void
plan_cost_cluster(PlanCostContext *context, const PlanClusterSizing *sizing)
{
	const PlanCluster *cluster =
	    g_ptr_array_index(context->model->clusters, sizing->cluster_index);
	g_autofree char *name = g_strdup_printf("cluster/%s.instances", cluster->name);
	gint64 placed = 0;

	cost_set_origin(context, &cluster->origin, ".instance_type", "cluster",
			     cluster->name);
	/* instance hours, then each instance's EBS volumes, then public addresses */
	for (guint pass = 0; pass < COST_CLUSTER_N_LINES; pass++) {
		CostClusterLine line = (CostClusterLine)pass;
		if (line == COST_CLUSTER_EBS && cluster->ebs_gb <= 0)
			continue;
		if (line == COST_CLUSTER_PUBLIC_IP && !cluster->public_ip)
			break;
		placed = 0;
		for (guint a = 0; a < sizing->azs->len; a++) {
			const PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
			plan_cost_instance_line(context, cluster, sizing, line, az->az,
						az->instances_desired);
			placed += az->instances_desired;
		}
		/* instances the sizing counts for the cluster but places in no AZ (a minimum
		 * with no subnets, say) are still billed */
		plan_cost_instance_line(context, cluster, sizing, line, NULL,
					sizing->instances_desired - placed);
	}
	cost_assume(
	    context, name, (double)sizing->instances_desired, "instances", PLAN_COST_FROM_RULE,
	    g_strdup_printf("bin-packing of the desired tasks per AZ%s, then "
			    "target_capacity %" G_GINT64_FORMAT "%% and min %" G_GINT64_FORMAT
			    " (docs/compute.md); %" G_GINT64_FORMAT " at peak",
			    sizing->reserve->daemons->len > 0 || sizing->reserve->reserved_memory > 0
				? " beside what each instance holds first (daemons, reserved memory)"
				: "",
			    cluster->target_capacity, cluster->min, sizing->instances_peak));
	if (!context->describe)
		return;
	/* the daemons run one task on each instance: priced in the instances, listed here */
	for (guint i = 0; i < sizing->reserve->daemons->len; i++) {
		const PlanService *daemon = g_ptr_array_index(
		    context->model->services, g_array_index(sizing->reserve->daemons, guint, i));
		g_autofree char *daemon_name = g_strdup_printf("service/%s.tasks", daemon->name);
		PlanTaskShape shape = plan_service_task_shape(daemon);
		cost_set_origin(context, &daemon->origin, NULL, "service", daemon->name);
		cost_assume(context, daemon_name, (double)sizing->instances_desired, "tasks",
			    PLAN_COST_FROM_RULE,
			    g_strdup_printf("DAEMON: one task on each instance of cluster '%s'; its "
					    "%" G_GINT64_FORMAT " CPU units and %" G_GINT64_FORMAT
					    " MiB of each instance are priced in the instances",
					    cluster->name, shape.cpu_units, shape.memory_mib));
	}
	if (sizing->reserve->reserved_memory > 0) {
		g_autofree char *reserved_name =
		    g_strdup_printf("cluster/%s.reserved_memory_mib", cluster->name);
		cost_set_origin(context, &cluster->origin, ".reserved_memory_mib", "cluster",
				cluster->name);
		cost_assume(context, reserved_name, (double)sizing->reserve->reserved_memory, "MiB",
			    PLAN_COST_FROM_MODEL,
			    g_strdup("ECS_RESERVED_MEMORY: kept back from each instance's registered "
				     "memory, so fewer tasks fit [S15]"));
	}
}

static void
plan_cost_clusters(PlanCostContext *context)
{
	g_autoptr(PlanCompute) owned = NULL;
	const PlanCompute *compute = context->compute;

	if (context->model->clusters->len == 0)
		return;
	/* validate reports what the sizing finds; cost only needs the instance counts */
	if (compute == NULL) {
		owned = plan_compute(context->model, context->book);
		compute = owned;
	}
	for (guint i = 0; compute != NULL && i < compute->clusters->len; i++)
		plan_cost_cluster(context, g_ptr_array_index(compute->clusters, i));
}

/* ---- entry point --------------------------------------------------------------------------------
 */

/**
 * plan_cost_check:
 * @model: (transfer none): the model
 * @book: (transfer none): its price book
 * @hours: hours in the month
 * @error: PLAN_ERROR_INVALID_OPTION when @hours is out of range or @book is for another region
 *
 * What plan_cost() checks before it prices anything; other analyses that price a model
 * (compare) check the same.
 */
gboolean
plan_cost_check(const PlanModel *model, const PlanPriceBook *book, double hours, GError **error)
{
	const char *region = plan_price_book_region(book);

	if (!isfinite(hours) || hours <= 0.0 || hours > PLAN_COST_MAX_HOURS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION,
			    "hours '%g' out of range: expected more than 0 and at most %g", hours,
			    PLAN_COST_MAX_HOURS);
		return FALSE;
	}
	if (model->region != NULL && g_strcmp0(region, model->region) != 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION,
			    "the price book is for region '%s' but the model is in '%s'", region,
			    model->region);
		return FALSE;
	}
	return TRUE;
}

static void
plan_cost_hours(PlanCostContext *context, const PlanCostOptions *options)
{
	gboolean given = options != NULL && options->hours_given;
	cost_assume(context, "hours", context->hours, "hours/month",
			 given ? PLAN_COST_FROM_OPTION : PLAN_COST_FROM_DEFAULT,
			 g_strdup(given
				      ? "--hours: every hourly charge runs this many hours, and "
					"per-month usage is spread over them"
				      : "730 h = 8,760 h a year ÷ 12, as AWS pricing examples use; "
					"change it with --hours"));
}

/**
 * plan_cost:
 * @model: (transfer none): a model that plan_model_link() has resolved
 * @book: (transfer none): prices for the model's region; it must outlive the result
 * @options: (nullable): hours in the month (default 730)
 * @error: PLAN_ERROR_INVALID_OPTION for hours out of range or a book for another region
 *
 * Prices the model for one month at its desired task counts: Fargate compute per service (and
 * its Spot share), EC2 instances per cluster and AZ, NAT gateways, load balancers, public IPv4
 * addresses, interface endpoints and the model's traffic figures. Every figure that is not a
 * price is listed in the result's assumptions. docs/cost.md gives each formula.
 *
 * Returns: (transfer full): the cost, or NULL with @error set
 */
PlanCost *
plan_cost(const PlanModel *model, const PlanPriceBook *book, const PlanCostOptions *options,
	  GError **error)
{
	g_autoptr(PlanCost) cost = NULL;
	PlanCostContext context = {0};
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

	cost = cost_new();
	cost->hours = hours;
	cost->region = g_strdup(plan_price_book_region(book));
	cost->book_as_of = g_strdup(plan_price_book_as_of(book));
	cost->book_origin = g_strdup(plan_price_book_origin(book));
	context.model = model;
	context.book = book;
	context.hours = hours;
	context.usage_share =
	    options != NULL && options->prorate_usage ? hours / PLAN_COST_DEFAULT_HOURS : 1.0;
	context.multi_vpc = model->vpcs->len > 1;
	context.cost = cost;
	context.compute = options != NULL ? options->compute : NULL;
	context.describe = options == NULL || !options->findings_only;

	context.missing_keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	context.missing_named = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	plan_cost_hours(&context, options);
	cost_commit_assume(&context);
	if (context.usage_share != 1.0)
		cost_assume(&context, "usage.share", context.usage_share, "months",
			    PLAN_COST_FROM_RULE,
			    g_strdup("the usage figures are per month: a run of hours / 730 h "
				     "prices that share of them (traffic, free allowance and tiers)"));
	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		cost_set_origin(&context, &service->origin, NULL, "service", service->name);
		plan_cost_service_tasks(&context, service);
		if (service->launch_type == PLAN_LAUNCH_FARGATE)
			plan_cost_fargate_service(&context, service);
	}
	plan_cost_clusters(&context);
	cost_network(&context);
	cost_hosts(&context);
	cost_set_origin(&context, NULL, NULL, NULL, NULL);
	g_hash_table_unref(context.missing_keys);
	g_hash_table_unref(context.missing_named);
	cost_totals(cost, model);
	return g_steal_pointer(&cost);
}
