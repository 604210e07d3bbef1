/* ecsplan diagram: the architecture as an SVG picture, findings marked on their elements */
#include "cli.h"

#include "diagram-layout.h"
#include "analyse.h"
#include "render-diagram.h"

int
plan_cmd_diagram(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autofree char *fail_on_text = NULL;
	const GOptionEntry entries[] = {
	    {"fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_text,
	     "Exit 1 (the diagram is still written) when a finding is at least this severe: error "
	     "(default), warning, note or none",
	     "SEVERITY"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_DIAGRAM_FORMATS);
	PlanCliFailOn fail_on = PLAN_CLI_FAIL_ON_ERROR;
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(ReportDiagram) diagram = NULL;
	g_autoptr(GString) out = NULL;
	ReportFormat format;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (fail_on_text != NULL && !plan_cli_fail_on_parse(fail_on_text, &fail_on, error))
		return -1;
	if (!plan_cli_format(&common, REPORT_DIAGRAM_FORMATS, REPORT_FORMAT_SVG, &format, error))
		return -1;
	/* --color is accepted like everywhere else; SVG has no terminal colours */
	plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	model = plan_cli_load_model(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;

	/* the same findings as `ecsplan validate`, in the same order and so with the same numbers
	 */
	result = plan_analyse(model, NULL, error);
	if (result == NULL)
		return -1;
	diagram = report_diagram_layout(model, result->diagnostics, result->validation,
					result->compute);
	out = report_diagram(diagram, format, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	plan_cli_say_findings(model->file, result->diagnostics);
	return plan_cli_fail_status(result->diagnostics, fail_on);
}
