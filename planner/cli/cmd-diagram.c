/* ecsplan diagram: the architecture as an SVG, PNG or PDF picture, findings marked on their
 * elements */
#include "cli.h"

#include <string.h>
#include <unistd.h>

#include "diagram-layout.h"
#include "analyse.h"
#include "plan-error.h"
#include "raster.h"
#include "render-diagram.h"

int
plan_cmd_diagram(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	gboolean cost = FALSE;
	g_autofree char *prices = NULL;
	g_autofree char *fail_on_text = NULL;
	gboolean quiet = FALSE;
	gboolean verbose = FALSE;
	const GOptionEntry entries[] = {
	    {"cost", 0, 0, G_OPTION_ARG_NONE, &cost,
	     "Print the monthly cost on NAT gateways, load balancers, services, clusters and AZs",
	     NULL},
	    {"prices", 0, 0, G_OPTION_ARG_FILENAME, &prices,
	     "With --cost: lay the figures in FILE over the built-in book (see docs/prices.md)",
	     "FILE"},
	    {"fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_text,
	     "Exit 1 (the diagram is still written) when a finding is at least this severe: error "
	     "(default), warning, note or none",
	     "SEVERITY"},
	    PLAN_CLI_QUIET_ENTRY(&quiet,
				 "The picture only: nothing on stderr unless the command fails"),
	    PLAN_CLI_VERBOSE_ENTRY(&verbose),
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_DIAGRAM_FORMATS);
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE};
	PlanCliFailOn fail_on = PLAN_CLI_FAIL_ON_ERROR;
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(ReportDiagram) diagram = NULL;
	g_autoptr(GString) out = NULL;
	ReportFormat format;
	PlanCliVerbosity verbosity;
	g_autoptr(PlanCliProgress) progress = NULL;
	int status;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (fail_on_text != NULL && !plan_cli_fail_on_parse(fail_on_text, &fail_on, error))
		return -1;
	/* without --format, "-o arch.png" or "-o arch.pdf" asks for that format */
	if (!plan_cli_format(&common, REPORT_DIAGRAM_FORMATS,
			     report_raster_format_for_path(common.output), &format, error))
		return -1;
	if (format != REPORT_FORMAT_SVG &&
	    (common.output == NULL || strcmp(common.output, "-") == 0) && isatty(STDOUT_FILENO)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "not writing a %s to a terminal; use -o FILE or a pipe",
			    report_format_info(format)->name);
		return -1;
	}
	/* --color is accepted like everywhere else; pictures have no terminal colours */
	plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	if (!plan_cli_verbosity(quiet, verbose, &verbosity, error))
		return -1;
	if (prices != NULL && !cost) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "--prices needs --cost");
		return -1;
	}
	progress = plan_cli_progress_start("drawing", verbosity == PLAN_CLI_VERBOSITY_QUIET);
	model = plan_cli_load_model(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;

	/* the same findings as `ecsplan validate`, in the same order and so with the same numbers
	 */
	/* --cost: the line items of `ecsplan cost`; a region without a book fails as there */
	if (cost) {
		options.parts |= PLAN_ANALYSE_COST;
		options.prices_file = prices;
	}
	result = plan_analyse(model, &options, error);
	if (result == NULL)
		return -1;
	diagram = report_diagram_layout_with(model, result->diagnostics, result->validation,
					     result->compute,
					     &(ReportDiagramOptions){.cost = result->cost});
	out = report_diagram(diagram, format, error);
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (out == NULL)
		return -1;
	if (verbosity == PLAN_CLI_VERBOSITY_VERBOSE)
		plan_cli_say_inputs(model, result);
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	status = plan_cli_fail_status(result->diagnostics, fail_on);
	/* --quiet: the errors are a note unless they fail the command (--fail-on none) */
	if (verbosity != PLAN_CLI_VERBOSITY_QUIET || status != 0)
		plan_cli_say_findings(model->file, result->diagnostics);
	return status;
}
