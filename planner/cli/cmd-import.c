/* ecsplan import terraform: `terraform show -json` output (plan or state) -> an ecsplan model */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "diagnostic.h"
#include "import-terraform.h"
#include "plan-error.h"
#include "input.h"
#include "regions.h"

/* the formats `ecsplan import` reads; one today */
static const char *const cmd_import_formats[] = {"terraform", NULL};

static gboolean
cmd_import_check_region(const char *region, GError **error)
{
	const char *suggestion;

	if (region == NULL || plan_region_lookup(region) != NULL)
		return TRUE;
	suggestion = plan_region_suggest(region);
	if (suggestion != NULL)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "unknown --region '%s'; did you mean '%s'?", region, suggestion);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "unknown --region '%s'; run 'ecsplan prices --help' for the regions",
			    region);
	return FALSE;
}

static guint
cmd_import_count_subnets(const PlanModel *model)
{
	guint n = 0;
	for (guint i = 0; i < model->vpcs->len; i++)
		n += ((PlanVpc *)g_ptr_array_index(model->vpcs, i))->subnets->len;
	return n;
}

static guint
cmd_import_count_nats(const PlanModel *model)
{
	guint n = 0;
	for (guint i = 0; i < model->vpcs->len; i++)
		n += ((PlanVpc *)g_ptr_array_index(model->vpcs, i))->nat_gateways->len;
	return n;
}

static guint
cmd_import_count_lbs(const PlanModel *model)
{
	guint n = 0;
	for (guint i = 0; i < model->vpcs->len; i++)
		n += ((PlanVpc *)g_ptr_array_index(model->vpcs, i))->load_balancers->len;
	return n;
}

/* what the import made, on stderr: the model's size, the importer's summary note split into
 * lines, and every warning; notes are counted (validate lists them with their places) */
static void
cmd_import_print_summary(const char *path, const PlanModel *model)
{
	guint n_notes = 0;
	guint n_warnings = 0;

	plan_cli_printerr(
		"ecsplan: imported '%s': %u VPC%s, %u subnet%s, %u NAT gateway%s, %u load "
		"balancer%s, %u service%s, %u cluster%s",
		path, model->vpcs->len, model->vpcs->len == 1 ? "" : "s",
		cmd_import_count_subnets(model), cmd_import_count_subnets(model) == 1 ? "" : "s",
		cmd_import_count_nats(model), cmd_import_count_nats(model) == 1 ? "" : "s",
		cmd_import_count_lbs(model), cmd_import_count_lbs(model) == 1 ? "" : "s",
		model->services->len, model->services->len == 1 ? "" : "s", model->clusters->len,
		model->clusters->len == 1 ? "" : "s");
	/* databases and hosts only when there are some, so the line stays short otherwise */
	if (model->databases->len > 0)
		plan_cli_printerr(", %u database%s", model->databases->len,
				  model->databases->len == 1 ? "" : "s");
	if (model->instances->len > 0)
		plan_cli_printerr(", %u host%s", model->instances->len,
				  model->instances->len == 1 ? "" : "s");
	plan_cli_printerr("\n");
	for (guint i = 0; i < model->load_diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(model->load_diagnostics, i);
		if (strcmp(diagnostic->code, "import-mapped") == 0) {
			g_auto(GStrv) parts = g_strsplit(diagnostic->message, "; ", -1);
			for (guint j = 0; parts[j] != NULL; j++)
				plan_cli_printerr("  %s\n", parts[j]);
		} else if (diagnostic->severity == PLAN_SEVERITY_NOTE) {
			n_notes++;
		}
	}
	for (guint i = 0; i < model->load_diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(model->load_diagnostics, i);
		if (diagnostic->severity < PLAN_SEVERITY_WARNING)
			continue;
		n_warnings++;
		plan_cli_printerr("  %s[%s]: %s%s%s\n", plan_severity_to_string(diagnostic->severity),
			diagnostic->code,
			diagnostic->path != NULL && diagnostic->path[0] != '\0' ? diagnostic->path
										: "",
			diagnostic->path != NULL && diagnostic->path[0] != '\0' ? ": " : "",
			diagnostic->message);
	}
	plan_cli_printerr(
		"  %u warning%s, %u note%s; 'ecsplan validate %s' shows them with their "
		"places\n",
		n_warnings, n_warnings == 1 ? "" : "s", n_notes, n_notes == 1 ? "" : "s", path);
}

int
plan_cmd_import(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_autofree char *output = NULL;
	g_autofree char *region = NULL;
	const GOptionEntry entries[] = {
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "Write the model to FILE (atomically; missing folders are created) instead of "
	     "standard output",
	     "FILE"},
	    {"region", 0, 0, G_OPTION_ARG_STRING, &region,
	     "Use region R instead of the one the plan's aws provider names", "R"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context = plan_cli_context_new(command, entries, NULL, 0);
	g_autoptr(PlanModel) model = NULL;
	g_autofree char *data = NULL;
	g_autofree char *json = NULL;
	PlanImportOptions options = {0};
	gsize length = 0;
	guint format;
	g_autoptr(PlanCliProgress) progress = NULL;

	if (!plan_cli_parse(context, &argc, &argv, 2, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(output, NULL, error))
		return -1;
	if (argc < 2) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "missing what to import; use 'ecsplan import terraform PLAN.json'");
		return -1;
	}
	for (format = 0; cmd_import_formats[format] != NULL; format++) {
		if (strcmp(argv[1], cmd_import_formats[format]) == 0)
			break;
	}
	if (cmd_import_formats[format] == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot import '%s'; ecsplan imports 'terraform' (the JSON of "
			    "'terraform show -json')",
			    argv[1]);
		return -1;
	}
	if (argc < 3) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "missing PLAN.json; run 'terraform show -json plan.out > plan.json' "
			    "first");
		return -1;
	}
	if (!cmd_import_check_region(region, error))
		return -1;
	/* a large plan: a line on a terminal once it takes over a second */
	progress = plan_cli_progress_start("importing", FALSE);
	if (!plan_cli_read_input(argv[2], &plan_input_terraform, &data, &length, error))
		return -1;
	if (!plan_cli_check_json_input(argv[2], data, length, error))
		return -1;
	options.region = region;
	model = plan_import_terraform(data, length, plan_cli_input_name(argv[2]), &options, NULL,
				      error);
	if (model == NULL)
		return -1;
	json = plan_model_to_json(model, error);
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (json == NULL)
		return -1;
	if (!plan_cli_write(output, json, strlen(json), error))
		return -1;
	cmd_import_print_summary(argv[2], model);
	return 0;
}
