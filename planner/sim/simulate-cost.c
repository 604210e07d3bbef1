/* the cost of a simulated run: `ecsplan cost` for the same hours (cost.h), with the lines the
 * simulation measures — Fargate task-hours, EC2 instance-hours and their EBS volumes, NAT
 * gateway hours and the public IPv4 addresses of tasks, instances and NAT gateways — priced
 * from the quantities the run used instead of the steady state, on-demand hours at the rate of
 * a commitment the model's pricing block holds, as `cost` bills them. Load balancers,
 * endpoints and traffic stay as `ecsplan cost` prices them (docs/simulation.md, "Cost"). */
#include "simulate-private.h"

#include <math.h>

#include <string.h>

#include "compute.h"

/* Fargate includes 20 GB of ephemeral storage per task (aws-facts §1e) */
#define SIM_EPHEMERAL_INCLUDED_GB 20

typedef struct {
	const PlanModel *model;
	const PlanPriceBook *book;
	PlanSimCost *cost;
} SimPricing;

static const PlanPrice *
sim_price(const PlanPriceBook *book, const char *key)
{
	const PlanPrice *price = plan_price_book_get(book, key);
	return price != NULL && price->present ? price : NULL;
}

/* adds quantity × price to @category (and to @service_total when not NULL) */
static void
sim_charge(SimPricing *pricing, PlanCostCategory category, double quantity, const PlanPrice *price,
	   PlanNanos *service_total)
{
	PlanNanos amount;

	if (quantity <= 0)
		return;
	if (price == NULL) {
		/* never a silent $0: the total becomes a lower bound */
		pricing->cost->complete = FALSE;
		return;
	}
	amount = plan_cost_multiply(quantity, price->nanos);
	pricing->cost->by_category[category] += amount;
	pricing->cost->total += amount;
	if (plan_price_is_estimate(price))
		pricing->cost->estimate = TRUE;
	if (service_total != NULL)
		*service_total += amount;
}

/* the rate on-demand hours of @subject ("fargate.x86_64.vcpu_hour", "m5.large") are billed at:
 * a commitment's effective rate when the pricing block holds one the book has a rate for
 * (plan_cost_commit_price(), the rule `cost` bills by; filled into @committed), else
 * @on_demand. A commitment without a rate leaves the hours on-demand, an estimate (the
 * account pays less) */
static const PlanPrice *
sim_on_demand_price(SimPricing *pricing, const char *subject, const PlanPrice *on_demand,
		    PlanPrice *committed)
{
	gboolean unrated = FALSE;

	if (plan_cost_commit_price(pricing->model, pricing->book, subject, committed, &unrated) !=
	    NULL)
		return committed;
	if (unrated)
		pricing->cost->estimate = TRUE;
	return on_demand;
}

/* the book's per-GB-month figure for a cluster's volumes (ebs.<type>.gb_month, as cost.c) */
static const PlanPrice *
sim_ebs_price(const PlanPriceBook *book, PlanStorageType type)
{
	switch (type) {
	case PLAN_STORAGE_GP2:
		return sim_price(book, "ebs.gp2.gb_month");
	case PLAN_STORAGE_GP3:
		return sim_price(book, "ebs.gp3.gb_month");
	case PLAN_STORAGE_IO1:
		return sim_price(book, "ebs.io1.gb_month");
	default:
		return NULL;
	}
}

/* the Spot rate, as cost.c derives it: on-demand × (1 − fargate.spot_discount) */
static PlanPrice
sim_spot_price(const PlanPrice *on_demand, const PlanPrice *discount)
{
	PlanPrice price = *on_demand;
	PlanNanos ratio = CLAMP(discount->nanos, 0, PLAN_NANOS_PER_DOLLAR);
	guint64 keep = (guint64)(PLAN_NANOS_PER_DOLLAR - ratio);
	guint64 product = 0;

	if (on_demand->nanos >= 0 &&
	    g_uint64_checked_mul(&product, (guint64)on_demand->nanos, keep))
		price.nanos = (PlanNanos)((product + (guint64)PLAN_NANOS_PER_DOLLAR / 2) /
					  (guint64)PLAN_NANOS_PER_DOLLAR);
	price.confidence =
	    MAX(MAX(on_demand->confidence, discount->confidence), PLAN_CONFIDENCE_DERIVED);
	return price;
}

static void
sim_price_fargate(SimPricing *pricing, const PlanService *service, const PlanSimService *result,
		  PlanNanos *service_total)
{
	static const char *const dimensions[] = {"vcpu_hour", "gb_hour"};
	const char *arch = service->architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
	const PlanPrice *discount = sim_price(pricing->book, "fargate.spot_discount");
	double on_demand_hours = result->task_hours - result->spot_task_hours;
	gint64 cpu = 0;
	gint64 memory = 0;
	gint64 fit_cpu = 0;
	gint64 fit_memory = 0;

	/* the size Fargate bills: the smallest valid size that holds the task */
	plan_service_task_size(service, &cpu, &memory);
	if (!plan_fargate_size_valid(cpu, memory) &&
	    plan_fargate_fit(cpu, memory, &fit_cpu, &fit_memory)) {
		cpu = fit_cpu;
		memory = fit_memory;
		pricing->cost->estimate = TRUE;
	}
	for (guint d = 0; d < G_N_ELEMENTS(dimensions); d++) {
		g_autofree char *key = g_strdup_printf("fargate.%s.%s", arch, dimensions[d]);
		const PlanPrice *price = sim_price(pricing->book, key);
		double size = (double)(d == 0 ? cpu : memory) / 1024.0;
		PlanPrice spot;
		PlanPrice committed;

		/* a Compute Savings Plan covers on-demand Fargate, never Spot */
		sim_charge(pricing, PLAN_COST_FARGATE, on_demand_hours * size,
			   sim_on_demand_price(pricing, key, price, &committed), service_total);
		if (result->spot_task_hours <= 0)
			continue;
		if (price != NULL && discount != NULL) {
			spot = sim_spot_price(price, discount);
			sim_charge(pricing, PLAN_COST_FARGATE_SPOT, result->spot_task_hours * size,
				   &spot, service_total);
		} else {
			sim_charge(pricing, PLAN_COST_FARGATE_SPOT, result->spot_task_hours * size,
				   price, service_total);
			pricing->cost->estimate = TRUE;
		}
	}
	if (service->ephemeral_storage_gb > SIM_EPHEMERAL_INCLUDED_GB) {
		gint64 extra = service->ephemeral_storage_gb - SIM_EPHEMERAL_INCLUDED_GB;
		sim_charge(pricing, PLAN_COST_FARGATE, result->task_hours * (double)extra,
			   sim_price(pricing->book, "fargate.ephemeral_gb_hour"), service_total);
	}
}

/* the static lines the simulation replaces with its own figures */
static gboolean
sim_line_simulated(const PlanCostLine *line)
{
	switch (line->category) {
	case PLAN_COST_FARGATE:
	case PLAN_COST_FARGATE_SPOT:
	case PLAN_COST_EC2:
	case PLAN_COST_NAT_HOURS:
		return TRUE;
	case PLAN_COST_PUBLIC_IPV4:
		/* tasks, instances and NAT gateways; a load balancer's addresses stay */
		return line->service != NULL || g_str_has_prefix(line->resource, "cluster/") ||
		       g_str_has_prefix(line->resource, "nat/");
	default:
		return FALSE;
	}
}

void
sim_cost_run(const SimPlan *plan, const SimRun *run, PlanSimRun *result)
{
	PlanSimCost *cost = &result->cost;
	const PlanPrice *ipv4;
	SimPricing pricing;
	double hours = (double)plan->n_steps * (double)plan->options.step_s / 3600.0;

	cost->hours = hours;
	if (plan->static_cost == NULL) {
		cost->missing = g_strdup(plan->cost_missing);
		return;
	}
	cost->present = TRUE;
	cost->complete = plan->static_cost->complete;
	cost->static_total = plan->static_cost->total;
	cost->by_service = g_array_new(FALSE, TRUE, sizeof(PlanNanos));
	g_array_set_size(cost->by_service, plan->n_services);
	pricing.model = plan->model;
	pricing.book = plan->book;
	pricing.cost = cost;

	for (guint i = 0; i < plan->static_cost->lines->len; i++) {
		const PlanCostLine *line =
		    &g_array_index(plan->static_cost->lines, PlanCostLine, i);
		if (sim_line_simulated(line))
			continue;
		cost->by_category[line->category] += line->cost;
		cost->total += line->cost;
		cost->estimate = cost->estimate || line->estimate;
	}
	if (pricing.book == NULL)
		return;
	ipv4 = sim_price(pricing.book, "public_ipv4.hour");

	for (guint s = 0; s < plan->n_services; s++) {
		const SimServicePlan *service = &plan->services[s];
		const PlanSimService *service_result = g_ptr_array_index(result->services, s);
		PlanNanos *total = &g_array_index(cost->by_service, PlanNanos, s);

		if (service->service->launch_type == PLAN_LAUNCH_FARGATE)
			sim_price_fargate(&pricing, service->service, service_result, total);
		if (service->service->assign_public_ip)
			sim_charge(&pricing, PLAN_COST_PUBLIC_IPV4, service_result->task_hours,
				   ipv4, total);
		if (service->cluster >= 0) {
			const SimClusterPlan *cluster = &plan->clusters[service->cluster];
			PlanPrice committed;
			const PlanPrice *hourly = sim_on_demand_price(
			    &pricing, cluster->type->name,
			    cluster->type->hourly.present ? &cluster->type->hourly : NULL,
			    &committed);
			/* the service's share of its cluster, for the per-service view only */
			if (hourly != NULL)
				*total += plan_cost_multiply(service_result->instance_hours,
							     hourly->nanos);
		}
	}
	for (guint c = 0; c < plan->n_clusters; c++) {
		const SimClusterPlan *cluster = &plan->clusters[c];
		const PlanSimCluster *cluster_result = g_ptr_array_index(result->clusters, c);
		/* a mixed instances policy: Spot hours at (1 − spot_discount) of the on-demand
		 * price, the rest at the on-demand price */
		PlanPrice discount = {0};
		PlanPrice spot;
		PlanPrice committed;
		discount.nanos = (PlanNanos)llround(cluster->cluster->spot_discount *
						    (double)PLAN_NANOS_PER_DOLLAR);
		discount.confidence = PLAN_CONFIDENCE_UNCONFIRMED;
		discount.present = TRUE;
		/* on-demand hours under the pricing block's RI or Savings Plan, as `cost` bills
		 * them; Spot hours are never covered */
		sim_charge(&pricing, PLAN_COST_EC2,
			   cluster_result->instance_hours - cluster_result->spot_instance_hours,
			   sim_on_demand_price(&pricing, cluster->type->name,
					       cluster->type->hourly.present ? &cluster->type->hourly
									     : NULL,
					       &committed),
			   NULL);
		/* each instance's volumes per GB-month: instance-hours × GB ÷ 730, as `cost` */
		sim_charge(&pricing, PLAN_COST_EC2,
			   cluster_result->instance_hours * (double)cluster->cluster->ebs_gb /
			       PLAN_COST_DEFAULT_HOURS,
			   sim_ebs_price(pricing.book, cluster->cluster->ebs_type), NULL);
		if (cluster->type->hourly.present) {
			spot = sim_spot_price(&cluster->type->hourly, &discount);
			sim_charge(&pricing, PLAN_COST_EC2, cluster_result->spot_instance_hours,
				   &spot, NULL);
		} else {
			sim_charge(&pricing, PLAN_COST_EC2, cluster_result->spot_instance_hours,
				   NULL, NULL);
		}
		if (cluster->cluster->public_ip)
			sim_charge(&pricing, PLAN_COST_PUBLIC_IPV4, cluster_result->instance_hours,
				   ipv4, NULL);
	}
	/* NAT gateways are billed while they exist: until the AZ failure for a lost one */
	for (guint n = 0; n < plan->n_nats; n++) {
		gint64 lost = run->nat_lost_step[n];
		double alive =
		    lost >= 0 ? (double)lost * (double)plan->options.step_s / 3600.0 : hours;
		sim_charge(&pricing, PLAN_COST_NAT_HOURS, alive,
			   sim_price(pricing.book, "nat.hour"), NULL);
		if (plan->nats[n].nat->connectivity == PLAN_NAT_PUBLIC)
			sim_charge(&pricing, PLAN_COST_PUBLIC_IPV4, alive, ipv4, NULL);
	}
}
