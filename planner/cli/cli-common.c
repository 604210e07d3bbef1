#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "diagnostic.h"
#include "import-terraform.h"
#include "input.h"
#include "parse.h"
#include "plan-error.h"
#include "profile.h"
#include "simulate.h"
#include "text.h"

void
plan_cli_common_clear(PlanCliCommon *common)
{
	g_clear_pointer(&common->format, g_free);
	g_clear_pointer(&common->output, g_free);
	g_clear_pointer(&common->example, g_free);
	g_clear_pointer(&common->color, g_free);
}

/* `ecsplan COMMAND --version` (and -V) exits at once, as GOption's own --help does */
static gboolean
plan_cli_print_version(const char *option, const char *value, gpointer data, GError **error)
{
	printf("ecsplan %s\n", PLAN_VERSION);
	exit(0);
}

static const GOptionEntry plan_cli_version_entries[] = {
	{"version", 'V', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK,
	 (gpointer)plan_cli_print_version, "Print the version of ecsplan and exit", NULL},
	{NULL},
};

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
	description = g_strdup_printf("Example:\n%s\n\nExit status: %s.", command->example,
				      command->exit_status);
	g_option_context_set_description(context, description);
	g_option_context_set_strict_posix(context, FALSE);
	if (entries != NULL)
		g_option_context_add_main_entries(context, entries, NULL);
	g_option_context_add_main_entries(context, plan_cli_version_entries, NULL);
	if (common != NULL) {
		g_autofree char *formats_list = report_format_list(formats);
		g_autofree char *formats_text = g_strdup_printf("Output format: %s", formats_list);
		/* GOption keeps pointers to the help strings: intern it for the process lifetime */
		const char *format_help = g_intern_string(formats_text);
		/* only the options that apply: --example where a MODEL is read, --color where
		 * text can be written (help lists nothing that is then refused) */
		gboolean reads_model = strstr(command->synopsis, "[MODEL]") != NULL;
		gboolean writes_text = (formats & REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT)) != 0;
		GOptionEntry common_entries[5] = {
			{"format", 'f', 0, G_OPTION_ARG_STRING, &common->format, format_help,
			 "FORMAT"},
			{"output", 'o', 0, G_OPTION_ARG_FILENAME, &common->output,
			 "Write to FILE (atomically; missing folders are created) instead of "
			 "standard output",
			 "FILE"},
		};
		const GOptionEntry example_entry = {
			"example", 0, 0, G_OPTION_ARG_STRING, &common->example,
			"Use a built-in example model instead of MODEL", "NAME"};
		const GOptionEntry color_entry = {
			"color", 0, 0, G_OPTION_ARG_STRING, &common->color,
			"Colours in text output: auto (on a terminal), always or never", "WHEN"};
		guint n = 2;
		if (reads_model)
			common_entries[n++] = example_entry;
		if (writes_text)
			common_entries[n++] = color_entry;
		common_entries[n] = (GOptionEntry){NULL};
		g_option_context_add_main_entries(context, common_entries, NULL);
	}
	return context;
}

/* "Unknown option --formt" becomes "unknown option '--formt'; did you mean '--format'?": the
 * options are read back from the context's own help, so the list cannot drift */
static void
plan_cli_suggest_option(GOptionContext *context, GError *error)
{
	const char *prefix = "Unknown option ";
	g_autofree char *help = NULL;
	g_autoptr(GPtrArray) names = NULL;
	g_autofree char *option = NULL;
	const char *suggestion;
	char *cut;

	if (!g_error_matches(error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION) ||
	    !g_str_has_prefix(error->message, prefix) ||
	    !g_str_has_prefix(error->message + strlen(prefix), "--"))
		return;
	option = g_strdup(error->message + strlen(prefix));
	cut = strchr(option, '=');
	if (cut != NULL)
		*cut = '\0';
	help = g_option_context_get_help(context, FALSE, NULL);
	names = g_ptr_array_new_with_free_func(g_free);
	for (const char *p = strstr(help, "  --"); p != NULL; p = strstr(p + 1, "  --")) {
		gsize n = strspn(p + 2, "-abcdefghijklmnopqrstuvwxyz0123456789");
		g_ptr_array_add(names, g_strndup(p + 2, n));
	}
	for (const char *p = strstr(help, ", --"); p != NULL; p = strstr(p + 1, ", --")) {
		gsize n = strspn(p + 2, "-abcdefghijklmnopqrstuvwxyz0123456789");
		g_ptr_array_add(names, g_strndup(p + 2, n));
	}
	suggestion = plan_text_suggest(option, (const char *const *)names->pdata, names->len);
	g_free(error->message);
	if (suggestion != NULL)
		error->message = g_strdup_printf("unknown option '%s'; did you mean '%s'?", option,
						 suggestion);
	else
		error->message = g_strdup_printf("unknown option '%s'; see '%s --help'", option,
						 g_get_prgname());
}

gboolean
plan_cli_parse(GOptionContext *context, int *argc, char ***argv, guint max_args, GError **error)
{
	g_autoptr(GError) local_error = NULL;

	if (!g_option_context_parse(context, argc, argv, &local_error)) {
		plan_cli_suggest_option(context, local_error);
		g_propagate_error(error, g_steal_pointer(&local_error));
		return FALSE;
	}
	/* argv[0] is the command name */
	if ((guint)(*argc - 1) > max_args) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "too many arguments: '%s'; see '%s --help'", (*argv)[max_args + 1],
			    g_get_prgname());
		return FALSE;
	}
	return TRUE;
}

/* a model file, or a Terraform plan or state (`terraform show -json`), or either on standard
 * input ("-"): every command that reads a model reads those too, through this one function */
static PlanModel *
plan_cli_load_file(const char *path, PlanModelLoadFlags flags, GError **error)
{
	g_autofree char *data = NULL;
	gsize length = 0;
	const char *name = plan_cli_input_name(path);

	/* a Terraform plan may be larger than a model: read up to its limit, then check */
	if (!plan_cli_read_input(path, &plan_input_model_or_plan, &data, &length, error))
		return NULL;
	if (plan_import_is_terraform(data, length))
		return plan_import_terraform(data, length, name, NULL, NULL, error);
	if (!plan_cli_check_json_input(path, data, length, error))
		return NULL;
	if (!plan_input_check_length(name, &plan_input_model, length, error))
		return NULL;
	return plan_model_load_data_with_flags(data, length, name, flags, error);
}

static PlanModel *
plan_cli_load(const char *path, const char *example, PlanModelLoadFlags flags, GError **error)
{
	if (path != NULL && example != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "give either a MODEL file or --example, not both");
		return NULL;
	}
	/* an empty CI variable (`ecsplan validate $MODEL`) must not pass on the example */
	if (path == NULL && example == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "missing MODEL; give a model file, '-' for standard input, or "
			    "--example NAME (see '%s --help')",
			    g_get_prgname());
		return NULL;
	}
	if (path != NULL && path[0] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the MODEL argument is empty; give a model file or '-' for standard "
			    "input");
		return NULL;
	}
	if (path != NULL)
		return plan_cli_load_file(path, flags, error);
	return plan_model_load_builtin(example, error);
}

PlanModel *
plan_cli_load_model(const char *path, const char *example, GError **error)
{
	return plan_cli_load(path, example, PLAN_MODEL_LOAD_DEFAULT, error);
}

PlanModel *
plan_cli_load_model_unhashed(const char *path, const char *example, GError **error)
{
	return plan_cli_load(path, example, PLAN_MODEL_LOAD_NO_CHECKSUM, error);
}

#if defined(__SANITIZE_ADDRESS__)
#define PLAN_CLI_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PLAN_CLI_FREE_AT_EXIT 1
#endif
#endif

void
plan_cli_drop_at_exit(gpointer *pointer)
{
#ifdef PLAN_CLI_FREE_AT_EXIT
	(void)pointer; /* the caller's g_autoptr frees it: leak checks see every block */
#else
	/* still reachable (valgrind's word), not lost: the process exits next */
	static gpointer kept[8];
	static guint n_kept;

	if (*pointer == NULL || n_kept == G_N_ELEMENTS(kept))
		return;
	kept[n_kept++] = g_steal_pointer(pointer);
#endif
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
	/* a terminal that says it cannot show colours (Emacs shells, some CI logs) */
	if (g_strcmp0(g_getenv("TERM"), "dumb") == 0)
		return REPORT_FLAG_NONE;
	return isatty(STDOUT_FILENO) ? REPORT_FLAG_COLOR : REPORT_FLAG_NONE;
}

gboolean
plan_cli_fail_on_parse(const char *text, PlanCliFailOn *fail_on, GError **error)
{
	static const char *const names[] = {"error", "warning", "note", "none"};
	const char *suggestion;

	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		if (g_ascii_strcasecmp(text, names[i]) == 0) {
			*fail_on = (PlanCliFailOn)i;
			return TRUE;
		}
	}
	suggestion = plan_text_suggest(text, names, G_N_ELEMENTS(names));
	if (suggestion != NULL)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "unknown --fail-on '%s'; did you mean '%s'?", text, suggestion);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "unknown --fail-on '%s'; use error, warning, note or none", text);
	return FALSE;
}

int
plan_cli_fail_status(GPtrArray *diagnostics, PlanCliFailOn fail_on)
{
	static const PlanSeverity least[] = {PLAN_SEVERITY_ERROR, PLAN_SEVERITY_WARNING,
					     PLAN_SEVERITY_NOTE};

	if (fail_on == PLAN_CLI_FAIL_ON_NONE || diagnostics == NULL)
		return 0;
	for (guint i = 0; i < diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, i);
		if (diagnostic->severity >= least[fail_on])
			return 1;
	}
	return 0;
}

void
plan_cli_say_findings(const char *file, GPtrArray *diagnostics)
{
	guint errors = diagnostics != NULL
			   ? plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR)
			   : 0;

	if (errors == 0)
		return;
	plan_cli_printerr("ecsplan: '%s' has %u error%s; 'ecsplan validate %s' lists them\n",
			  file, errors, errors == 1 ? "" : "s", file);
}

gboolean
plan_cli_check_profile(const char *profile, GError **error)
{
	static const char *const names[] = {"constant", "diurnal", "weekly", "spike", "ramp"};
	PlanProfileKind kind;
	const char *suggestion;

	if (profile == NULL || plan_profile_kind_from_string(profile, &kind) ||
	    g_file_test(profile, G_FILE_TEST_EXISTS))
		return TRUE;
	suggestion = plan_text_suggest(profile, names, G_N_ELEMENTS(names));
	if (suggestion == NULL) {
		for (guint i = 0; i < G_N_ELEMENTS(names) && suggestion == NULL; i++) {
			if (g_ascii_strcasecmp(profile, names[i]) == 0)
				suggestion = names[i];
		}
	}
	if (suggestion != NULL)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--profile '%s' is neither a profile nor a file; did you mean '%s'?",
			    profile, suggestion);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--profile '%s' is neither a profile nor a file; use constant, diurnal, "
			    "weekly, spike, ramp or a CSV file of timestamp,value",
			    profile);
	return FALSE;
}

/* --hours as a plain decimal (digits and one '.': no hex, exponent or sign), whatever the
 * locale; the range is the engine's to check */
gboolean
plan_cli_parse_hours(const char *text, double *hours, gboolean *given, GError **error)
{
	double value = 0;

	if (text == NULL)
		return TRUE;
	if (!plan_parse_decimal(text, &value)) {
		g_autofree char *shown = plan_text_excerpt(text, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--hours '%s' is not a decimal number; use hours in a month in digits, "
			    "e.g. 730 or 182.5",
			    shown);
		return FALSE;
	}
	*hours = value;
	*given = TRUE;
	return TRUE;
}

static void plan_cli_vprint(FILE *stream, const char *format, va_list args) G_GNUC_PRINTF(2, 0);

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

/**
 * plan_cli_missing_prices:
 * @missing: (transfer none): price-missing findings (PlanDiagnostic)
 * @region: (nullable): the book's region, for the message
 *
 * Commands without --fail-on fail as validate does by default: a price-missing error exits 1.
 * The output already names each figure; stderr gets one line a script can see.
 *
 * Returns: the exit status, 1 when a figure is missing, else 0
 */
int
plan_cli_missing_prices(const GPtrArray *missing, const char *region)
{
	if (missing == NULL || missing->len == 0)
		return 0;
	plan_cli_printerr("ecsplan: the %s price book lacks %u %s this model needs (price-missing); "
			  "totals are lower bounds. Supply %s with 'ecsplan prices update --region "
			  "%s', 'ecsplan prices import FILE' or --prices FILE (docs/prices.md)\n",
			  region != NULL ? region : "", missing->len,
			  missing->len == 1 ? "figure" : "figures",
			  missing->len == 1 ? "it" : "them", region != NULL ? region : "REGION");
	return 1;
}

gboolean
plan_cli_verbosity(gboolean quiet, gboolean verbose, PlanCliVerbosity *verbosity, GError **error)
{
	if (quiet && verbose) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--quiet and --verbose exclude each other; give one");
		return FALSE;
	}
	*verbosity = quiet     ? PLAN_CLI_VERBOSITY_QUIET
		     : verbose ? PLAN_CLI_VERBOSITY_VERBOSE
			       : PLAN_CLI_VERBOSITY_NORMAL;
	return TRUE;
}

/**
 * plan_cli_say_inputs:
 * @model: (transfer none): the model read
 * @result: (transfer none): its analysis
 *
 * --verbose: what was read, and the price book the analyses used (or why there was none), on
 * stderr, where the document on stdout does not change.
 */
void
plan_cli_say_inputs(const PlanModel *model, const PlanResult *result)
{
	const PlanSummary *summary = &result->summary;

	plan_cli_printerr("ecsplan: read '%s': %u VPC%s, %u subnet%s, %u service%s, %u cluster%s\n",
			  model->file, summary->n_vpcs, summary->n_vpcs == 1 ? "" : "s",
			  summary->n_subnets, summary->n_subnets == 1 ? "" : "s",
			  summary->n_services, summary->n_services == 1 ? "" : "s",
			  summary->n_clusters, summary->n_clusters == 1 ? "" : "s");
	if (result->used != NULL)
		plan_cli_printerr(
		    "ecsplan: price book for %s of %s (%s)\n", plan_price_book_region(result->used),
		    plan_price_book_as_of(result->used), plan_price_book_origin(result->used));
	else if (result->book_error != NULL)
		plan_cli_printerr("ecsplan: no price book (%s)\n", result->book_error->message);
}

void
plan_cli_run_args_clear(PlanCliRunArgs *args)
{
	g_clear_pointer(&args->duration, g_free);
	g_clear_pointer(&args->step, g_free);
	g_clear_pointer(&args->seed, g_free);
	g_clear_pointer(&args->runs, g_free);
	g_clear_pointer(&args->threads, g_free);
	g_clear_pointer(&args->fail_az, g_free);
}

gboolean
plan_cli_parse_run(const PlanCliRunArgs *args, guint64 max_runs, PlanCliRun *run, GError **error)
{
	guint64 runs = run->runs;
	guint64 threads = run->threads;

	if (args->duration != NULL && !plan_sim_parse_duration(args->duration, &run->duration_s, error))
		return FALSE;
	if (args->step != NULL && !plan_sim_parse_duration(args->step, &run->step_s, error))
		return FALSE;
	if (args->seed != NULL &&
	    !plan_parse_count("--seed", args->seed, 0, G_MAXINT64, &run->seed, error))
		return FALSE;
	if (args->runs != NULL && !plan_parse_count("--runs", args->runs, 1, max_runs, &runs, error))
		return FALSE;
	if (args->threads != NULL &&
	    !plan_parse_count("--threads", args->threads, 0, 1024, &threads, error))
		return FALSE;
	run->runs = (guint)runs;
	run->threads = (guint)threads;
	if (args->fail_az != NULL &&
	    !plan_sim_parse_fail_az(args->fail_az, &run->fail_az, &run->fail_at_s, error))
		return FALSE;
	return TRUE;
}
