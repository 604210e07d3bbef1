/* ecsplan validate: every problem in a model's network, compiler-style */
#include "cli.h"

#include <string.h>

#include "analyse.h"
#include "plan-error.h"
#include "render-validate.h"

/* the problems of a model that cannot be read, as findings for the machine formats: the
 * loader's message is one "FILE:LINE:COLUMN: path: what" line per problem (docs/model.md) */
static GPtrArray *
cmd_validate_problems(const char *file, const GError *error)
{
	g_autoptr(GPtrArray) problems = plan_diagnostics_new();
	g_auto(GStrv) lines = g_strsplit(error->message, "\n", -1);
	g_autofree char *prefix = g_strconcat(file, ":", NULL);

	for (guint i = 0; lines[i] != NULL; i++) {
		PlanDiagnostic *problem;
		const char *rest = lines[i];
		PlanLoc loc = {0};
		if (rest[0] == '\0')
			continue;
		if (g_str_has_prefix(rest, prefix)) {
			char *end = NULL;
			guint64 line = g_ascii_strtoull(rest + strlen(prefix), &end, 10);
			guint64 column = 0;
			if (end != NULL && *end == ':')
				column = g_ascii_strtoull(end + 1, &end, 10);
			if (line > 0 && line <= G_MAXUINT && column <= G_MAXUINT && end != NULL &&
			    g_str_has_prefix(end, ": ")) {
				loc.line = (guint)line;
				loc.column = (guint)column;
				rest = end + 2;
			} else if (g_str_has_prefix(rest + strlen(prefix), " ")) {
				rest += strlen(prefix) + 1;
			}
		}
		problem = g_new0(PlanDiagnostic, 1);
		problem->severity = PLAN_SEVERITY_ERROR;
		problem->code = "model-unreadable";
		/* "services[0].cpu: expected ...": the path is the first word, when one leads */
		{
			const char *colon = strstr(rest, ": ");
			gsize n = colon != NULL ? (gsize)(colon - rest) : 0;
			if (n > 0 && memchr(rest, ' ', n) == NULL) {
				problem->path = g_strndup(rest, n);
				rest = colon + 2;
			} else {
				problem->path = g_strdup("");
			}
		}
		problem->loc = loc;
		problem->message = g_strdup(rest);
		g_ptr_array_add(problems, problem);
	}
	return g_steal_pointer(&problems);
}

/* --format json, sarif or junit on a model that cannot be read: the document still comes,
 * with the problems in it, and main() still prints them on stderr and exits 2 */
static void
cmd_validate_write_unreadable(const char *path, const char *example, ReportFormat format,
			       const char *output, const GError *error)
{
	g_autofree char *file = path != NULL
				    ? g_strdup(plan_cli_input_name(path))
				    : g_strconcat("models/examples/", example, ".json", NULL);
	g_autoptr(GPtrArray) problems = NULL;
	g_autoptr(GString) out = NULL;
	g_autoptr(GError) local_error = NULL;

	if (error->domain != PLAN_ERROR ||
	    (error->code != PLAN_ERROR_INVALID_MODEL && error->code != PLAN_ERROR_IO &&
	     error->code != PLAN_ERROR_LIMIT))
		return;
	if (!(REPORT_FORMAT_MASK(format) & REPORT_VALIDATE_MACHINE_FORMATS))
		return;
	problems = cmd_validate_problems(file, error);
	out = report_validate_unreadable(file, problems, format, &local_error);
	if (out == NULL || !plan_cli_write(output, out->str, out->len, &local_error))
		plan_cli_printerr("ecsplan: %s\n", local_error->message);
}

static gboolean
cmd_validate_write_piece(gpointer data, const char *bytes, gsize length, GError **error)
{
	return plan_cli_writer_write(data, bytes, length, error);
}

int
plan_cmd_validate(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autofree char *fail_on_text = NULL;
	g_autofree char *prices = NULL;
	gboolean quiet = FALSE;
	gboolean verbose = FALSE;
	const GOptionEntry entries[] = {
	    {"fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_text,
	     "Exit 1 when a finding is at least this severe: error (default), warning, note "
	     "or none",
	     "SEVERITY"},
	    {"prices", 0, 0, G_OPTION_ARG_FILENAME, &prices,
	     "Lay the figures in FILE over the built-in book for the instance specs the EC2 "
	     "rules use (see docs/prices.md)",
	     "FILE"},
	    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
	     "The findings only: in text without the subnet tables and the summary line; no "
	     "progress line",
	     NULL},
	    {"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
	     "Also say on stderr what was read and which price book the EC2 rules used", NULL},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
		plan_cli_context_new(command, entries, &common, REPORT_VALIDATE_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE};
	PlanCliWriter *writer;
	PlanCliFailOn fail_on = PLAN_CLI_FAIL_ON_ERROR;
	ReportFormat format;
	ReportFlags flags;
	g_autoptr(PlanCliProgress) progress = NULL;
	PlanCliVerbosity verbosity;
	int status;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (fail_on_text != NULL && !plan_cli_fail_on_parse(fail_on_text, &fail_on, error))
		return -1;
	if (!plan_cli_format(&common, REPORT_VALIDATE_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	if (!plan_cli_verbosity(quiet, verbose, &verbosity, error))
		return -1;
	if (verbosity == PLAN_CLI_VERBOSITY_QUIET)
		flags |= REPORT_FLAG_QUIET;
	/* reading and analysing: a line on a terminal once it takes over a second */
	progress = plan_cli_progress_start("validating", verbosity == PLAN_CLI_VERBOSITY_QUIET);
	model = plan_cli_load_model_unhashed(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL) {
		g_clear_pointer(&progress, plan_cli_progress_stop);
		cmd_validate_write_unreadable(argc > 1 ? argv[1] : NULL, common.example, format,
					       common.output, *error);
		return -1;
	}

	/* without --prices: the built-in book for the model's region, if there is one */
	options.prices_file = prices;
	result = plan_analyse(model, &options, error);
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (result == NULL)
		return -1;
	/* what was read, and the price book behind the EC2 rules */
	if (verbosity == PLAN_CLI_VERBOSITY_VERBOSE) {
		plan_cli_say_inputs(model, result);
		if (result->used == NULL)
			plan_cli_printerr("ecsplan: the EC2 rules that need instance specs are "
					  "skipped\n");
	}

	/* written out as it is made: a regular file still through a temporary file renamed into
	 * place at the end, so a reader never sees half of it */
	writer = plan_cli_writer_open(common.output, error);
	if (writer == NULL)
		return -1;
	if (!report_validate_write(model, result->diagnostics, result->validation, format, flags,
				   cmd_validate_write_piece, writer, error)) {
		plan_cli_writer_abort(writer);
		return -1;
	}
	if (!plan_cli_writer_commit(writer, error))
		return -1;
	status = plan_cli_fail_status(result->diagnostics, fail_on);
	PLAN_CLI_DROP_AT_EXIT(model);
	PLAN_CLI_DROP_AT_EXIT(result);
	return status;
}
