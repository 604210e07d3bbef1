/* ecsplan diagram: the architecture as an SVG picture, findings marked on their elements */
#include "cli.h"

#include "diagram-layout.h"
#include "network.h"
#include "render-diagram.h"

/* EC2 clusters are sized with the built-in price book of the model's region, as validate does;
 * without one the diagram shows each cluster's min..max */
static PlanPriceBook *
plan_diagram_book(const PlanModel *model)
{
	g_auto(GStrv) regions = NULL;

	if (model->clusters->len == 0 || model->region == NULL)
		return NULL;
	regions = plan_price_book_regions();
	if (!g_strv_contains((const char *const *)regions, model->region))
		return NULL;
	return plan_price_book_load_builtin(model->region, NULL);
}

int
plan_cmd_diagram(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, NULL, &common, REPORT_DIAGRAM_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanValidation) validation = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(GPtrArray) diagnostics = g_ptr_array_new();
	g_autoptr(ReportDiagram) diagram = NULL;
	g_autoptr(GString) out = NULL;
	ReportFormat format;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
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
	book = plan_diagram_book(model);
	validation = plan_validate_with_prices(model, book);
	if (book != NULL)
		compute = plan_compute(model, book, NULL);
	for (guint i = 0; i < model->load_diagnostics->len; i++)
		g_ptr_array_add(diagnostics, g_ptr_array_index(model->load_diagnostics, i));
	for (guint i = 0; i < validation->diagnostics->len; i++)
		g_ptr_array_add(diagnostics, g_ptr_array_index(validation->diagnostics, i));
	plan_diagnostics_sort(diagnostics);

	diagram = report_diagram_layout(model, diagnostics, validation, compute);
	out = report_diagram(diagram, format, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	return 0;
}
