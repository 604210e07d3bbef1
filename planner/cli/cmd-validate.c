/* ecsplan validate: every problem in a model's network, compiler-style */
#include "cli.h"

#include "analyse.h"
#include "plan-error.h"
#include "render-validate.h"

/* the findings that decide the exit status */
typedef enum {
	PLAN_FAIL_ON_ERROR,
	PLAN_FAIL_ON_WARNING,
	PLAN_FAIL_ON_NOTE,
	PLAN_FAIL_ON_NONE,
} PlanFailOn;

static gboolean
plan_fail_on_parse(const char *text, PlanFailOn *fail_on, GError **error)
{
	static const char *const names[] = {"error", "warning", "note", "none"};
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		if (g_strcmp0(text, names[i]) == 0) {
			*fail_on = (PlanFailOn)i;
			return TRUE;
		}
	}
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
		    "unknown --fail-on '%s'; use error, warning, note or none", text);
	return FALSE;
}

static gboolean
plan_fails(const PlanDiagnostic *diagnostic, PlanFailOn fail_on)
{
	switch (fail_on) {
	case PLAN_FAIL_ON_ERROR:
		return diagnostic->severity >= PLAN_SEVERITY_ERROR;
	case PLAN_FAIL_ON_WARNING:
		return diagnostic->severity >= PLAN_SEVERITY_WARNING;
	case PLAN_FAIL_ON_NOTE:
		return TRUE;
	case PLAN_FAIL_ON_NONE:
	default:
		return FALSE;
	}
}

int
plan_cmd_validate(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autofree char *fail_on_text = NULL;
	g_autofree char *prices = NULL;
	const GOptionEntry entries[] = {
		{"fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_text,
		 "Exit 1 when a finding is at least this severe: error (default), warning, note "
		 "or none",
		 "SEVERITY"},
		{"prices", 0, 0, G_OPTION_ARG_FILENAME, &prices,
		 "Lay the figures in FILE over the built-in book for the instance specs the EC2 "
		 "rules use (see docs/prices.md)",
		 "FILE"},
		{NULL},
	};
	g_autoptr(GOptionContext) context =
		plan_cli_context_new(command, entries, &common, REPORT_VALIDATE_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE};
	g_autoptr(GString) out = NULL;
	PlanFailOn fail_on = PLAN_FAIL_ON_ERROR;
	ReportFormat format;
	ReportFlags flags;
	int status = 0;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (fail_on_text != NULL && !plan_fail_on_parse(fail_on_text, &fail_on, error))
		return -1;
	if (!plan_cli_format(&common, REPORT_VALIDATE_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	model = plan_cli_load_model(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;

	/* without --prices: the built-in book for the model's region, if there is one */
	options.prices_file = prices;
	result = plan_analyse(model, &options, error);
	if (result == NULL)
		return -1;

	out = report_validate(model, result->diagnostics, result->validation, format, flags, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	for (guint i = 0; i < result->diagnostics->len; i++) {
		if (plan_fails(g_ptr_array_index(result->diagnostics, i), fail_on))
			status = 1;
	}
	return status;
}
