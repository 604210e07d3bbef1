#include "cli.h"

#include <stdio.h>
#include <unistd.h>

#include "escape.h"
#include "import-terraform.h"
#include "input.h"
#include "parse.h"
#include "plan-error.h"

void
plan_cli_common_clear(PlanCliCommon *common)
{
	g_clear_pointer(&common->format, g_free);
	g_clear_pointer(&common->output, g_free);
	g_clear_pointer(&common->example, g_free);
	g_clear_pointer(&common->color, g_free);
}

GOptionContext *
plan_cli_context_new(const PlanCommand *command, const GOptionEntry *entries,
		     PlanCliCommon *common, guint formats)
{
	g_autofree char *prgname = g_strdup_printf("ecsplan %s", command->name);
	g_autofree char *description = NULL;
	GOptionContext *context = g_option_context_new(command->synopsis);

	/* help then reads "Usage: ecsplan validate [OPTION…] [MODEL]" */
	g_set_prgname(prgname);
	g_option_context_set_summary(context, command->summary);
	description = g_strdup_printf("Example:\n%s\n\nExit status: 0 success, 1 findings or "
				      "failure, 2 unreadable model or usage error.",
				      command->example);
	g_option_context_set_description(context, description);
	g_option_context_set_strict_posix(context, FALSE);
	if (entries != NULL)
		g_option_context_add_main_entries(context, entries, NULL);
	if (common != NULL) {
		g_autofree char *formats_list = report_format_list(formats);
		g_autofree char *formats_text = g_strdup_printf("Output format: %s", formats_list);
		/* GOption keeps pointers to the help strings: intern it for the process lifetime */
		const char *format_help = g_intern_string(formats_text);
		const GOptionEntry common_entries[] = {
			{"format", 'f', 0, G_OPTION_ARG_STRING, &common->format, format_help,
			 "FORMAT"},
			{"output", 'o', 0, G_OPTION_ARG_FILENAME, &common->output,
			 "Write to FILE (atomically) instead of standard output", "FILE"},
			{"example", 0, 0, G_OPTION_ARG_STRING, &common->example,
			 "Use a built-in example model instead of MODEL", "NAME"},
			{"color", 0, 0, G_OPTION_ARG_STRING, &common->color,
			 "Colours in text output: auto (on a terminal), always or never", "WHEN"},
			{NULL},
		};
		g_option_context_add_main_entries(context, common_entries, NULL);
	}
	return context;
}

gboolean
plan_cli_parse(GOptionContext *context, int *argc, char ***argv, guint max_args, GError **error)
{
	if (!g_option_context_parse(context, argc, argv, error))
		return FALSE;
	/* argv[0] is the command name */
	if ((guint)(*argc - 1) > max_args) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "too many arguments: '%s'; see '%s --help'", (*argv)[max_args + 1],
			    g_get_prgname());
		return FALSE;
	}
	return TRUE;
}

/* a model file, or a Terraform plan or state (`terraform show -json`): every command that
 * reads a model reads those too, through this one function */
static PlanModel *
plan_cli_load_file(const char *path, GError **error)
{
	g_autofree char *data = NULL;
	gsize length = 0;

	/* a Terraform plan may be larger than a model: read up to its limit, then check */
	if (!plan_input_read(path, &plan_input_model_or_plan, &data, &length, error))
		return NULL;
	if (plan_import_is_terraform(data, length))
		return plan_import_terraform(data, length, path, NULL, NULL, error);
	if (!plan_input_check_length(path, &plan_input_model, length, error))
		return NULL;
	return plan_model_load_data(data, length, path, error);
}

PlanModel *
plan_cli_load_model(const char *path, const char *example, GError **error)
{
	if (path != NULL && example != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "give either a MODEL file or --example, not both");
		return NULL;
	}
	if (path != NULL)
		return plan_cli_load_file(path, error);
	return plan_model_load_builtin(example, error);
}

gboolean
plan_cli_format(const PlanCliCommon *common, guint allowed, ReportFormat fallback,
		ReportFormat *format, GError **error)
{
	if (common->format == NULL) {
		*format = fallback;
		return TRUE;
	}
	return report_format_parse(common->format, allowed, format, error);
}

ReportFlags
plan_cli_flags(const PlanCliCommon *common, GError **error)
{
	const char *when = common->color != NULL ? common->color : "auto";

	if (g_strcmp0(when, "always") == 0)
		return REPORT_FLAG_COLOR;
	if (g_strcmp0(when, "never") == 0)
		return REPORT_FLAG_NONE;
	if (g_strcmp0(when, "auto") != 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "unknown --color '%s'; use auto, always or never", when);
		return REPORT_FLAG_NONE;
	}
	/* colour only on a terminal, and never when NO_COLOR is set (no-color.org) */
	if (common->output != NULL && g_strcmp0(common->output, "-") != 0)
		return REPORT_FLAG_NONE;
	if (g_getenv("NO_COLOR") != NULL && g_getenv("NO_COLOR")[0] != '\0')
		return REPORT_FLAG_NONE;
	return isatty(STDOUT_FILENO) ? REPORT_FLAG_COLOR : REPORT_FLAG_NONE;
}

/* --hours as a plain decimal (digits and one '.': no hex, exponent or sign), whatever the
 * locale; the range is the engine's to check */
gboolean
plan_cli_parse_hours(const char *text, double *hours, GError **error)
{
	double value = 0;

	if (!plan_parse_decimal(text, &value)) {
		g_autofree char *shown = plan_text_excerpt(text, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--hours '%s' is not a decimal number; use hours in a month in digits, "
			    "e.g. 730 or 182.5",
			    shown);
		return FALSE;
	}
	*hours = value;
	return TRUE;
}

static void
plan_cli_vprint(FILE *stream, const char *format, va_list args)
{
	g_autofree char *text = g_strdup_vprintf(format, args);
	g_autoptr(GString) shown = g_string_new(NULL);

	report_escape_terminal(shown, text, REPORT_ESCAPE_MULTILINE);
	fputs(shown->str, stream);
}

void
plan_cli_printerr(const char *format, ...)
{
	va_list args;

	va_start(args, format);
	plan_cli_vprint(stderr, format, args);
	va_end(args);
}

void
plan_cli_print(const char *format, ...)
{
	va_list args;

	va_start(args, format);
	plan_cli_vprint(stdout, format, args);
	va_end(args);
}
