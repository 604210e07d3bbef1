/* ecsplan: what a candidate needs and what it costs per hour: the task it must hold, the load it
 * must serve, its hourly rates under its purchase option, and the static lower bound that
 * prunes it (docs/optimize.md, "Pruning") */
#include "optimize-private.h"

#include <math.h>

#include "cost.h"
#include "slo.h"

/* the simulator's own default (sim_base_rps in simulate.c): the initial tasks at the first
 * target tracking policy's target (ALB requests: target / 60 per task), or at 50% */
static double
opt_base_rps(const PlanService *service, double capacity_rps)
{
	gint64 min = service->autoscaling.present ? service->autoscaling.min : service->desired_count;
	gint64 max = service->autoscaling.present ? service->autoscaling.max : service->desired_count;
	double tasks = (double)CLAMP(service->desired_count, min, MAX(min, max));

	if (service->autoscaling.target_tracking->len > 0) {
		const PlanTargetTracking *policy =
		    g_ptr_array_index(service->autoscaling.target_tracking, 0);
		if (policy->metric == PLAN_METRIC_ALB_REQUESTS)
			return tasks * policy->target / 60.0;
		return tasks * capacity_rps * MIN(policy->target, 100.0) / 100.0;
	}
	return tasks * capacity_rps * 0.5;
}

void
opt_service_needs(const PlanModel *model, const PlanService *service, OptServiceNeeds *out)
{
	gint64 cpu_sum = 0;
	gint64 memory_sum = 0;
	gint64 task_cpu = 0;
	gint64 task_memory = 0;
	GHashTable *azs = g_hash_table_new(g_str_hash, g_str_equal);

	memset(out, 0, sizeof(*out));
	plan_service_container_sums(service, &cpu_sum, &memory_sum);
	plan_service_task_size(service, &task_cpu, &task_memory);
	if (service->service_connect) {
		cpu_sum += PLAN_SERVICE_CONNECT_PROXY_CPU;
		memory_sum += PLAN_SERVICE_CONNECT_PROXY_MEMORY_MIB;
	}
	/* containers that say nothing leave the model's task size as the need */
	out->need_cpu = cpu_sum > 0 ? cpu_sum : task_cpu;
	out->need_memory = memory_sum > 0 ? memory_sum : task_memory;
	out->model_cpu = task_cpu > 0 ? task_cpu : out->need_cpu;
	if (service->launch_type == PLAN_LAUNCH_EC2 && service->cluster_index >= 0) {
		g_autoptr(PlanInstanceReserve) daemons =
		    plan_instance_reserve_new(model, (guint)service->cluster_index, NULL, FALSE);
		out->sidecar_cpu = daemons->cpu_units;
		out->sidecar_memory = daemons->memory_mib;
	}
	out->capacity_rps = service->task_capacity_rps > 0 ? service->task_capacity_rps
							   : model->simulation.task_capacity_rps;
	out->base_rps = opt_base_rps(service, out->capacity_rps);
	if (service->vpc_index >= 0) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, service->vpc_index);
		for (guint i = 0; i < service->subnet_indices->len; i++) {
			gint s = g_array_index(service->subnet_indices, gint, i);
			const PlanSubnet *subnet;
			if (s < 0)
				continue;
			subnet = g_ptr_array_index(vpc->subnets, s);
			if (subnet->az != NULL)
				g_hash_table_add(azs, subnet->az);
		}
	}
	out->n_azs = MAX(g_hash_table_size(azs), 1);
	g_hash_table_unref(azs);
}

/* a task's throughput grows with its CPU: the model's figure is for the model's task size
 * (docs/optimize.md: an assumption, printed with the answer) */
double
opt_candidate_capacity(const OptServiceNeeds *needs, gint64 cpu_units)
{
	if (needs->model_cpu <= 0 || cpu_units <= 0)
		return needs->capacity_rps;
	return needs->capacity_rps * (double)cpu_units / (double)needs->model_cpu;
}

PlanTaskShape
opt_ec2_shape(const PlanService *service, gint64 cpu_units, gint64 memory_mib)
{
	PlanTaskShape shape = plan_service_task_shape(service);

	shape.cpu_units = cpu_units;
	shape.memory_mib = memory_mib;
	if (service->launch_type == PLAN_LAUNCH_FARGATE) {
		shape.network_mode = PLAN_NETWORK_AWSVPC;
		shape.host_port = FALSE;
	}
	return shape;
}

static void
opt_note_price(OptRates *out, const PlanPrice *price)
{
	if (price == NULL || !price->present)
		out->complete = FALSE;
	else if (plan_price_is_estimate(price))
		out->estimate = TRUE;
}

static PlanNanos
opt_price_nanos(const PlanPrice *price)
{
	return price != NULL && price->present ? price->nanos : 0;
}

/* a Fargate task-hour under a Compute Savings Plan: vCPUs and GB at the plan's effective
 * rates, storage above 20 GB on-demand (commitments do not cover it) */
static PlanNanos
opt_fargate_committed(const PlanPriceBook *book, const PlanService *service,
		      const PlanOptCandidate *candidate, OptRates *out)
{
	const char *arch = candidate->architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
	g_autofree char *vcpu_key = g_strdup_printf("fargate.%s.vcpu_hour", arch);
	g_autofree char *gb_key = g_strdup_printf("fargate.%s.gb_hour", arch);
	const PlanCommitRate *vcpu = plan_price_book_commit(book, candidate->commit, vcpu_key,
							     candidate->term, candidate->upfront);
	const PlanCommitRate *gb = plan_price_book_commit(book, candidate->commit, gb_key,
							   candidate->term, candidate->upfront);
	PlanNanos storage = plan_cost_fargate_tasks(book, candidate->architecture, 256, 512,
						    service->ephemeral_storage_gb, 1, FALSE, 1.0,
						    NULL) -
			    plan_cost_fargate_tasks(book, candidate->architecture, 256, 512, 20, 1,
						    FALSE, 1.0, NULL);

	if (vcpu == NULL || gb == NULL) {
		out->complete = FALSE;
		return 0;
	}
	opt_note_price(out, &vcpu->hourly);
	opt_note_price(out, &gb->hourly);
	return plan_cost_multiply((double)candidate->cpu_units / PLAN_CPU_UNITS_PER_VCPU,
				  plan_commit_rate_effective(vcpu)) +
	       plan_cost_multiply((double)candidate->memory_mib / PLAN_MIB_PER_GB,
				  plan_commit_rate_effective(gb)) +
	       storage;
}

static void
opt_rates_fargate(const PlanModel *model, const PlanPriceBook *book, const PlanService *service,
		  const PlanOptCandidate *candidate, OptRates *out)
{
	gboolean estimate = FALSE;

	(void)model;
	if (!plan_cost_fargate_priced(book, candidate->architecture, service->ephemeral_storage_gb,
				      candidate->spot_pct > 0))
		out->complete = FALSE;
	out->on_demand = plan_cost_fargate_tasks(book, candidate->architecture, candidate->cpu_units,
						 candidate->memory_mib,
						 service->ephemeral_storage_gb, 1, FALSE, 1.0,
						 &estimate);
	out->spot = candidate->spot_pct > 0
			? plan_cost_fargate_tasks(book, candidate->architecture,
						  candidate->cpu_units, candidate->memory_mib,
						  service->ephemeral_storage_gb, 1, TRUE, 1.0,
						  &estimate)
			: out->on_demand;
	/* the book has one Fargate Spot discount; for arm64 it is an estimate (docs/compare.md) */
	if (candidate->spot_pct > 0 && candidate->architecture == PLAN_ARCH_ARM64)
		estimate = TRUE;
	out->committed = candidate->committed
			     ? opt_fargate_committed(book, service, candidate, out)
			     : out->on_demand;
	out->estimate = out->estimate || estimate;
	if (service->assign_public_ip) {
		const PlanPrice *ipv4 = plan_price_book_get(book, "public_ipv4.hour");
		opt_note_price(out, ipv4);
		out->extra += opt_price_nanos(ipv4);
	}
}

static void
opt_rates_ec2(const PlanModel *model, const PlanPriceBook *book, const PlanService *service,
	      const PlanOptCandidate *candidate, OptRates *out)
{
	const PlanInstanceType *type = plan_price_book_instance(book, candidate->instance_type);
	const PlanCluster *cluster = service->cluster_index >= 0
					 ? g_ptr_array_index(model->clusters, service->cluster_index)
					 : NULL;
	gint64 ebs_gb = cluster != NULL ? cluster->ebs_gb : 30;
	PlanStorageType ebs_type = cluster != NULL ? cluster->ebs_type : PLAN_STORAGE_GP3;
	const PlanPrice *ebs = plan_price_book_get(
	    book, ebs_type == PLAN_STORAGE_GP2 ? "ebs.gp2.gb_month" : "ebs.gp3.gb_month");
	g_autoptr(PlanInstanceReserve) reserve = NULL;
	PlanTaskShape shape;

	if (type == NULL) {
		out->complete = FALSE;
		return;
	}
	shape = opt_ec2_shape(service, candidate->cpu_units, candidate->memory_mib);
	reserve = opt_cluster_reserve(model, service, type, candidate->trunking);
	out->tasks_per_instance =
	    plan_packing_reserved(type, reserve, &shape, candidate->trunking).tasks;
	opt_note_price(out, &type->hourly);
	out->on_demand = opt_price_nanos(&type->hourly);
	out->spot = out->on_demand;
	if (candidate->spot_pct > 0) {
		const PlanSpotAdvice *advice = plan_price_book_ec2_spot(book, type->name);
		if (advice == NULL) {
			out->complete = FALSE;
		} else {
			opt_note_price(out, &advice->savings);
			out->spot = plan_cost_multiply(1.0 - advice->savings.value, out->on_demand);
		}
	}
	out->committed = out->on_demand;
	if (candidate->committed) {
		const PlanCommitRate *rate = plan_price_book_commit(
		    book, candidate->commit, type->name, candidate->term, candidate->upfront);
		if (rate == NULL) {
			out->complete = FALSE;
		} else {
			opt_note_price(out, &rate->hourly);
			out->committed = plan_commit_rate_effective(rate);
		}
	}
	/* EBS per instance-hour: a GB-month is PLAN_COST_DEFAULT_HOURS hours (docs/cost.md) */
	if (ebs_gb > 0) {
		opt_note_price(out, ebs);
		out->extra += plan_cost_multiply((double)ebs_gb / PLAN_COST_DEFAULT_HOURS,
						 opt_price_nanos(ebs));
	}
	if (cluster != NULL && cluster->public_ip) {
		const PlanPrice *ipv4 = plan_price_book_get(book, "public_ipv4.hour");
		opt_note_price(out, ipv4);
		out->extra += opt_price_nanos(ipv4);
	}
}

void
opt_rates(const PlanModel *model, const PlanPriceBook *book, const PlanOptCandidate *candidate,
	  OptRates *out)
{
	const PlanService *service = g_ptr_array_index(model->services, candidate->service_index);

	memset(out, 0, sizeof(*out));
	out->complete = TRUE;
	if (candidate->launch_type == PLAN_LAUNCH_FARGATE)
		opt_rates_fargate(model, book, service, candidate, out);
	else
		opt_rates_ec2(model, book, service, candidate, out);
}

gint64
opt_committed_units(const PlanOptCandidate *candidate, const OptRates *rates)
{
	if (!candidate->committed)
		return 0;
	if (candidate->launch_type == PLAN_LAUNCH_FARGATE)
		return candidate->min;
	if (rates->tasks_per_instance <= 0)
		return 0;
	return (candidate->min + rates->tasks_per_instance - 1) / rates->tasks_per_instance;
}

/* the month at the candidate's minimum: every simulated month costs at least this. the
 * minimum runs all month (scale-in stops at min); a commitment is paid whether used or not;
 * with Spot every unit is counted at the Spot rate, the cheapest; EC2 packs the minimum as
 * tightly as the type allows, ignoring the spread over AZs (which only adds instances); with
 * an AZ failure only the hours before it count. docs/optimize.md, "Pruning" */
PlanNanos
opt_lower_bound(const PlanOptCandidate *candidate, const OptRates *rates,
		const PlanOptOptions *options)
{
	double hours = PLAN_COST_DEFAULT_HOURS;
	gint64 units = candidate->min;
	PlanNanos rate = candidate->spot_pct > 0 ? rates->spot : rates->on_demand;

	if (candidate->launch_type == PLAN_LAUNCH_EC2)
		units = rates->tasks_per_instance > 0
			    ? (candidate->min + rates->tasks_per_instance - 1) /
				  rates->tasks_per_instance
			    : 0;
	if (candidate->committed)
		return plan_cost_multiply((double)units * hours, rates->committed + rates->extra);
	if (options->fail_az != NULL && options->duration_s > 0)
		hours *= CLAMP((double)options->fail_at_s / (double)options->duration_s, 0.0, 1.0);
	return plan_cost_multiply((double)units * hours, rate + rates->extra);
}

char *
opt_cluster_name(const PlanModel *model, const char *service_name)
{
	for (guint n = 1;; n++) {
		g_autofree char *name = n == 1 ? g_strdup_printf("%s-ec2", service_name)
					       : g_strdup_printf("%s-ec2-%u", service_name, n);
		gboolean taken = FALSE;
		for (guint c = 0; c < model->clusters->len && !taken; c++) {
			const PlanCluster *cluster = g_ptr_array_index(model->clusters, c);
			taken = g_strcmp0(cluster->name, name) == 0;
		}
		if (!taken)
			return g_steal_pointer(&name);
	}
}

gint64
opt_cluster_max(const PlanOptCandidate *candidate, const OptRates *rates, guint n_azs)
{
	gint64 per = MAX(rates->tasks_per_instance, 1);
	/* deployments run up to twice the tasks; one instance more per AZ for the spread */
	return (2 * candidate->max + per - 1) / per + (gint64)n_azs;
}

gboolean
opt_cluster_dedicated(const PlanModel *model, const PlanService *service)
{
	if (service->cluster_index < 0)
		return FALSE;
	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *other = g_ptr_array_index(model->services, s);
		if (other != service && other->cluster_index == service->cluster_index)
			return FALSE;
	}
	return TRUE;
}

/* a met candidate serves at least (1 − u) of each run's requests, where u is the level's unmet
 * bound: over the runs, the mean unmet requests are at most u × the largest run's requests
 * (the mean of the runs' unmet shares is at most u). serving r requests takes r / capacity
 * task-seconds of running tasks, and placed tasks are at least the running ones. each
 * task-hour (EC2: each instance holds at most tasks_per_instance tasks) costs at least the
 * candidate's cheapest rate plus its extras, whatever the mix */
PlanNanos
opt_demand_bound(const PlanModel *model, const PlanOptCandidate *candidate, const OptRates *rates,
		 const OptDemand *demand, const PlanSlo *slo)
{
	const PlanService *service = g_ptr_array_index(model->services, candidate->service_index);
	OptServiceNeeds needs;
	double capacity;
	double served;
	double hours;
	PlanNanos rate = rates->on_demand;

	if (!demand->known || slo->max_unmet_pct < 0 || slo->max_unmet_pct >= 100 ||
	    demand->hours <= 0)
		return 0;
	opt_service_needs(model, service, &needs);
	capacity = opt_candidate_capacity(&needs, candidate->cpu_units);
	if (capacity <= 0)
		return 0;
	served = demand->mean_requests - slo->max_unmet_pct / 100.0 * demand->max_requests;
	if (served <= 0)
		return 0;
	hours = served / capacity / 3600.0;
	if (candidate->launch_type == PLAN_LAUNCH_EC2) {
		if (rates->tasks_per_instance <= 0)
			return 0;
		hours /= (double)rates->tasks_per_instance;
	}
	if (candidate->spot_pct > 0)
		rate = MIN(rate, rates->spot);
	if (candidate->committed)
		rate = MIN(rate, rates->committed);
	/* rounded down: a bound must not pass the cost it bounds */
	return (PlanNanos)((double)(rate + rates->extra) * hours * PLAN_COST_DEFAULT_HOURS /
			   demand->hours * (1.0 - 1e-9));
}

PlanNanos
opt_met_bound(const PlanModel *model, const PlanPriceBook *book, const PlanOptCandidate *candidate,
	      const OptDemand *demand, const PlanSlo *slo)
{
	OptRates rates;

	opt_rates(model, book, candidate, &rates);
	return MAX(candidate->lower_bound, opt_demand_bound(model, candidate, &rates, demand, slo));
}
