/* ecsplan: what the tests of the Terraform importer share (test-import-util.c) */
#pragma once

#include "diagnostic.h"
#include "import-terraform.h"
#include "model.h"

G_BEGIN_DECLS

/* the display name import_text gives its input */
#define DISPLAY "plan.json"

PlanModel *import_text(const char *text, GError **error);
PlanModel *import_fixture(const char *name);
PlanVpc *vpc_at(PlanModel *model, guint index);
PlanSubnet *subnet_by_cidr(PlanVpc *vpc, const char *cidr);
PlanSubnet *subnet_by_name(PlanVpc *vpc, const char *name);
PlanNatGateway *nat_by_name(PlanVpc *vpc, const char *name);
PlanService *service_at(PlanModel *model, guint index);
/* the CIDR blocks of a service's (or anything's) subnet names, in order, joined by spaces */
char *subnet_cidrs(PlanVpc *vpc, GPtrArray *names);
/* the CIDR of the subnet a private subnet's NAT gateway sits in */
const char *nat_subnet_cidr(PlanVpc *vpc, PlanSubnet *subnet);
guint count_findings(PlanModel *model, const char *code);
PlanDiagnostic *find_finding(PlanModel *model, const char *code, const char *text);
PlanService *service_by_name(PlanModel *model, const char *name);
/* a plan with one subnet in one VPC, plus @extra resources and @config resources */
char *small_plan(const char *extra, const char *config);

G_END_DECLS
