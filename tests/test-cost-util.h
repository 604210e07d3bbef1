/* ecsplan: what the cost tests share (test-cost-util.c): models from a few lines of JSON,
 * the built-in books, and finding and adding up what plan_cost() made */
#pragma once

#include "cost.h"
#include "model.h"
#include "pricebook.h"

G_BEGIN_DECLS

/* the "vpcs" member of a model: one VPC in us-east-1 with private subnets in 1a, 1b and 1c */
#define VPC_ABC                                                                                    \
	"\"vpcs\": [{\"name\": \"main\", \"cidr\": \"10.0.0.0/16\", \"subnets\": ["                \
	"{\"name\": \"a\", \"cidr\": \"10.0.0.0/20\", \"az\": \"us-east-1a\", \"tier\": "          \
	"\"private\"},"                                                                            \
	"{\"name\": \"b\", \"cidr\": \"10.0.16.0/20\", \"az\": \"us-east-1b\", \"tier\": "         \
	"\"private\"},"                                                                            \
	"{\"name\": \"c\", \"cidr\": \"10.0.32.0/20\", \"az\": \"us-east-1c\", \"tier\": "         \
	"\"private\"}]}]"

/* $1 = 1,000,000,000 nano-dollars */
#define USD(whole, nanos) ((PlanNanos)(whole)*PLAN_NANOS_PER_DOLLAR + (PlanNanos)(nanos))

PlanModel *load_model(const char *json);
PlanCost *price_model(const PlanModel *model, const PlanPriceBook *book, double hours);
PlanPriceBook *book_for(const char *region);
/* a model of one VPC with two public and two private subnets in us-east-1a/b; @vpc_extra is
 * spliced into the VPC (NAT gateways, load balancers, endpoints), @rest after "vpcs" */
PlanModel *load_vpc_model(const char *region, const char *vpc_extra, const char *rest);
/* a Fargate-only model: @services is the body of the "services" array */
PlanModel *load_services(const char *services);
PlanNanos category_cost(const PlanCost *cost, PlanCostCategory category);
/* the only line of @category for @resource */
const PlanCostLine *find_line(const PlanCost *cost, PlanCostCategory category,
			      const char *resource);
const PlanCostAssumption *find_assumption(const PlanCost *cost, const char *name);
PlanNanos sum_totals(const GArray *totals);
/* every breakdown adds up to the total, and the total to the lines */
void assert_sums(const PlanCost *cost);
char *money(PlanNanos nanos);

G_END_DECLS
