/* ecsplan alloc: fill in "auto" subnet CIDRs */
#include "cli.h"

#include <stdio.h>

#include "alloc.h"
#include "analyse.h"
#include "plan-error.h"
#include "render-alloc.h"

int
plan_cmd_alloc(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	gint reserve_azs = 0;
	double headroom = PLAN_ALLOC_DEFAULT_HEADROOM;
	const GOptionEntry entries[] = {
		{"reserve-azs", 0, 0, G_OPTION_ARG_INT, &reserve_azs,
		 "Keep room in each VPC for N more AZs per tier (default 0)", "N"},
		{"headroom", 0, 0, G_OPTION_ARG_DOUBLE, &headroom,
		 "\"size\": \"auto\" subnets get peak addresses × X (default 2)", "X"},
		{NULL},
	};
	g_autoptr(GOptionContext) context =
		plan_cli_context_new(command, entries, &common, REPORT_ALLOC_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(GArray) allocations = NULL;
	g_autoptr(PlanResult) sizing = NULL;
	g_autoptr(PlanResult) checked = NULL;
	g_autoptr(GString) out = NULL;
	PlanAllocOptions options = {0};
	ReportFormat format;
	ReportFlags flags;
	g_autoptr(PlanCliProgress) progress = NULL;
	guint errors;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (reserve_azs < 0 || reserve_azs > 16) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--reserve-azs must be 0 to 16, got %d", reserve_azs);
		return -1;
	}
	if (!(headroom >= 1.0 && headroom <= 100.0)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--headroom must be a factor from 1 to 100, got %g", headroom);
		return -1;
	}
	if (!plan_cli_format(&common, REPORT_ALLOC_FORMATS, REPORT_FORMAT_JSON, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	/* a line on a terminal once the run takes over a second */
	progress = plan_cli_progress_start("allocating", FALSE);
	model = plan_cli_load_model(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;

	/* the clusters' sizing, for their instances' addresses: no analysis asked, the book and
	 * the sizing only */
	sizing = plan_analyse(model, &(PlanAnalyseOptions){0}, error);
	if (sizing == NULL)
		return -1;
	options.reserve_azs = (guint)reserve_azs;
	options.headroom = headroom;
	options.compute = sizing->compute;
	allocations = plan_alloc(model, &options, error);
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (allocations == NULL)
		return -1;
	out = report_alloc(model, allocations, format, flags, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;

	/* the completed model should validate; say so when it does not, so nobody is surprised */
	checked = plan_analyse(model, NULL, error);
	if (checked == NULL)
		return -1;
	errors = plan_diagnostics_count(checked->validation->diagnostics, PLAN_SEVERITY_ERROR);
	if (errors > 0)
		fprintf(stderr,
			"ecsplan: note: the completed model still has %u error%s that alloc does not "
			"fix; run 'ecsplan validate' on it\n",
			errors, errors == 1 ? "" : "s");
	return 0;
}
