/* ecsplan: what the tests of the Terraform importer share (test-import*.c): importing a text
 * or a fixture of tests/terraform/, and finding what the import made by name or CIDR */
#include "test-import-util.h"

#include <string.h>

PlanModel *
import_text(const char *text, GError **error)
{
	return plan_import_terraform(text, strlen(text), DISPLAY, NULL, NULL, error);
}

PlanModel *
import_fixture(const char *name)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "terraform", name, NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	gsize length = 0;
	PlanModel *model;

	g_assert_true(g_file_get_contents(path, &data, &length, &error));
	g_assert_true(plan_import_is_terraform(data, length));
	model = plan_import_terraform(data, length, name, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(model);
	return model;
}

PlanVpc *
vpc_at(PlanModel *model, guint index)
{
	g_assert_cmpuint(index, <, model->vpcs->len);
	return g_ptr_array_index(model->vpcs, index);
}

PlanSubnet *
subnet_by_cidr(PlanVpc *vpc, const char *cidr)
{
	for (guint i = 0; i < vpc->subnets->len; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		if (g_strcmp0(subnet->cidr.text, cidr) == 0)
			return subnet;
	}
	g_error("no subnet %s in vpc %s", cidr, vpc->name);
	return NULL;
}

PlanSubnet *
subnet_by_name(PlanVpc *vpc, const char *name)
{
	for (guint i = 0; i < vpc->subnets->len; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		if (g_strcmp0(subnet->name, name) == 0)
			return subnet;
	}
	return NULL;
}

PlanNatGateway *
nat_by_name(PlanVpc *vpc, const char *name)
{
	for (guint i = 0; i < vpc->nat_gateways->len; i++) {
		PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
		if (g_strcmp0(nat->name, name) == 0)
			return nat;
	}
	return NULL;
}

PlanService *
service_at(PlanModel *model, guint index)
{
	g_assert_cmpuint(index, <, model->services->len);
	return g_ptr_array_index(model->services, index);
}

/* the CIDR blocks of a service's (or anything's) subnet names, in order, joined by spaces */
char *
subnet_cidrs(PlanVpc *vpc, GPtrArray *names)
{
	GString *out = g_string_new(NULL);
	for (guint i = 0; i < names->len; i++) {
		PlanSubnet *subnet = subnet_by_name(vpc, g_ptr_array_index(names, i));
		g_assert_nonnull(subnet);
		g_string_append_printf(out, "%s%s", i > 0 ? " " : "", subnet->cidr.text);
	}
	return g_string_free(out, FALSE);
}

/* the CIDR of the subnet a private subnet's NAT gateway sits in */
const char *
nat_subnet_cidr(PlanVpc *vpc, PlanSubnet *subnet)
{
	PlanNatGateway *nat;
	g_assert_nonnull(subnet->nat_gateway);
	nat = nat_by_name(vpc, subnet->nat_gateway);
	g_assert_nonnull(nat);
	return subnet_by_name(vpc, nat->subnet)->cidr.text;
}

guint
count_findings(PlanModel *model, const char *code)
{
	guint n = 0;
	for (guint i = 0; i < model->load_diagnostics->len; i++) {
		PlanDiagnostic *diagnostic = g_ptr_array_index(model->load_diagnostics, i);
		if (strcmp(diagnostic->code, code) == 0)
			n++;
	}
	return n;
}

PlanDiagnostic *
find_finding(PlanModel *model, const char *code, const char *text)
{
	for (guint i = 0; i < model->load_diagnostics->len; i++) {
		PlanDiagnostic *diagnostic = g_ptr_array_index(model->load_diagnostics, i);
		if (strcmp(diagnostic->code, code) == 0 &&
		    strstr(diagnostic->message, text) != NULL)
			return diagnostic;
	}
	g_error("no %s finding with '%s'", code, text);
	return NULL;
}

PlanService *
service_by_name(PlanModel *model, const char *name)
{
	for (guint i = 0; i < model->services->len; i++) {
		PlanService *service = g_ptr_array_index(model->services, i);
		if (strcmp(service->name, name) == 0)
			return service;
	}
	g_error("no service %s", name);
	return NULL;
}

/* a plan with one subnet in one VPC, plus @extra resources and @config resources */
char *
small_plan(const char *extra, const char *config)
{
	return g_strdup_printf(
	    "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":["
	    "{\"address\":\"aws_vpc.main\",\"mode\":\"managed\",\"type\":\"aws_vpc\",\"name\":"
	    "\"main\",\"values\":{\"cidr_block\":\"10.0.0.0/16\"}},"
	    "{\"address\":\"aws_subnet.a\",\"mode\":\"managed\",\"type\":\"aws_subnet\",\"name\":"
	    "\"a\",\"values\":{\"cidr_block\":\"10.0.1.0/24\",\"availability_zone\":"
	    "\"us-east-1a\",\"id\":\"subnet-1\"}}%s]}},"
	    "\"configuration\":{\"provider_config\":{\"aws\":{\"name\":\"aws\",\"expressions\":"
	    "{\"region\":{\"constant_value\":\"us-east-1\"}}}},\"root_module\":{\"resources\":["
	    "%s]}}}",
	    extra, config);
}
