/* ecsplan CLI: the command table and what the subcommands share */
#pragma once

#include <glib.h>

#include "analyse.h"
#include "input.h"
#include "loader.h"
#include "pricebook.h"
#include "render.h"

G_BEGIN_DECLS

typedef struct _PlanCommand PlanCommand;

/* a subcommand returns its exit status (0 or 1), or -1 with @error set */
typedef int (*PlanCommandFunc)(const PlanCommand *command, int argc, char **argv,
			       GError **error);

struct _PlanCommand {
	const char *name;
	const char *synopsis; /* "[MODEL]" */
	const char *summary;  /* one line, for `ecsplan --help` */
	const char *example;  /* the EXAMPLES part of the command's --help */
	const char *exit_status; /* what 0, 1 and 2 mean for this command, for its --help */
	PlanCommandFunc run;
};

/* options every command that reads a model and writes a document shares */
typedef struct {
	char *format;
	char *output;
	char *example;
	char *color;
} PlanCliCommon;

void plan_cli_common_clear(PlanCliCommon *common);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanCliCommon, plan_cli_common_clear)

/* a GOptionContext titled "ecsplan NAME SYNOPSIS", with the command's own @entries and, when
 * @common is not NULL, the shared --format/--output/--example/--color options */
GOptionContext *plan_cli_context_new(const PlanCommand *command, const GOptionEntry *entries,
				     PlanCliCommon *common, guint formats)
	G_GNUC_WARN_UNUSED_RESULT;

/* parses, and checks that at most @max_args positional arguments remain */
gboolean plan_cli_parse(GOptionContext *context, int *argc, char ***argv, guint max_args,
			GError **error);

/* loads the model named on the command line ("-": standard input), or the built-in example
 * named by --example; neither is PLAN_ERROR_USAGE (exit 2) */
PlanModel *plan_cli_load_model(const char *path, const char *example, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;
/* the same, without the SHA-256 of the bytes (model->sha256 NULL) for the commands that never
 * print it: validate reads the largest models */
PlanModel *plan_cli_load_model_unhashed(const char *path, const char *example, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;

/* the command is about to return to main() and exit: in a build without AddressSanitizer the
 * process leaves what @pointer holds to the kernel (sets it to NULL, so that g_autoptr does not
 * free it; the block stays reachable from a static slot). Freeing a model of 100,000 subnets
 * element by element was 133 M instructions, 4.6% of `validate` (issue 18). Sanitizer builds
 * (__SANITIZE_ADDRESS__, or clang's address_sanitizer feature) leave @pointer alone, so the
 * autoptr frees it and LeakSanitizer still checks every allocation (docs/limits.md) */
void plan_cli_drop_at_exit(gpointer *pointer);
#define PLAN_CLI_DROP_AT_EXIT(variable) plan_cli_drop_at_exit((gpointer *)&(variable))

/* ---- inputs (cli-input.c) ---- */

/* what messages call @path: "<stdin>" for "-" */
const char *plan_cli_input_name(const char *path);
/* reads @path whole through the bounded reader (input.h), or standard input for "-" (once
 * per command), at most @kind's limit; @kind names it in messages. @data: (out) (transfer full) */
gboolean plan_cli_read_input(const char *path, const PlanInputKind *kind, char **data,
			     gsize *length, GError **error);
/* FALSE with PLAN_ERROR_INVALID_MODEL, and the command that makes the JSON, when @data is
 * Terraform configuration (HCL), a binary plan or another zip file */
gboolean plan_cli_check_json_input(const char *path, const char *data, gsize length,
				   GError **error);

/* the output format from --format (default @fallback) */
gboolean plan_cli_format(const PlanCliCommon *common, guint allowed, ReportFormat fallback,
			 ReportFormat *format, GError **error);

/* ANSI colours for text on a terminal only (NO_COLOR and --color respected) */
ReportFlags plan_cli_flags(const PlanCliCommon *common, GError **error);

/* ---- output files (cli-output.c; docs/limits.md, "Output files") ---- */

/* once, in main(): writes over `ulimit -f` fail with EFBIG instead of killing the process */
void plan_cli_output_init(void);

/* how plan_cli_write() writes a path */
typedef enum {
	PLAN_CLI_OUTPUT_REPLACE, /* a regular file or a new one: temp file, fsync, rename */
	PLAN_CLI_OUTPUT_STREAM,  /* stdout, a descriptor, a character device or a FIFO */
} PlanCliOutputKind;

/* checks, before any work, that @output (NULL or "-": stdout) can be written; a folder, block
 * device, socket, dangling symbolic link, or a file where a folder above it would have to be,
 * is PLAN_ERROR_USAGE (exit 2). Missing folders above it are created by plan_cli_write() */
gboolean plan_cli_check_output(const char *output, PlanCliOutputKind *kind, GError **error);
/* the same for a folder ecsplan writes files into (created, with the folders above it, when
 * missing) */
gboolean plan_cli_check_output_dir(const char *dir, GError **error);
/* writes to @output: atomically over a regular file (through a symbolic link, its target) or a
 * new one (the missing folders above it created), written through to stdout ("-" or NULL), a
 * character device or a FIFO */
gboolean plan_cli_write(const char *output, const char *data, gsize length, GError **error);
/* the same in pieces, for a document written as it is made (validate): open, write each piece,
 * then commit (a regular file is renamed into place only now) or abort (a temporary file is
 * removed and the target left as it was); commit and abort free the writer */
typedef struct _PlanCliWriter PlanCliWriter;
PlanCliWriter *plan_cli_writer_open(const char *output, GError **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean plan_cli_writer_write(PlanCliWriter *writer, const char *data, gsize length,
			       GError **error);
gboolean plan_cli_writer_commit(PlanCliWriter *writer, GError **error);
void plan_cli_writer_abort(PlanCliWriter *writer);
/* draws a gnuplot @script into @chart_file (SVG, PNG or PDF by its extension) and writes it */
gboolean plan_cli_write_chart(const char *script, const char *chart_file, GError **error);

/* creates the folders above @output that are missing (`mkdir -p`), just before it is written;
 * @created: (out) (transfer full): the topmost one created, or NULL */
gboolean plan_cli_make_parents(const char *output, char **created, GError **error);
/* after a write that failed: removes the still-empty folders plan_cli_make_parents() created */
void plan_cli_remove_created(const char *output, const char *created);

/* ---- findings (validate, diagram, report, cost) ---- */

/* --fail-on: the findings that make the exit status 1 */
typedef enum {
	PLAN_CLI_FAIL_ON_ERROR,
	PLAN_CLI_FAIL_ON_WARNING,
	PLAN_CLI_FAIL_ON_NOTE,
	PLAN_CLI_FAIL_ON_NONE,
} PlanCliFailOn;

/* parses --fail-on @text ("error", "warning", "note", "none"); PLAN_ERROR_USAGE otherwise */
gboolean plan_cli_fail_on_parse(const char *text, PlanCliFailOn *fail_on, GError **error);
/* 1 when a finding of @diagnostics is at least as severe as @fail_on, else 0 */
int plan_cli_fail_status(GPtrArray *diagnostics, PlanCliFailOn fail_on);
/* for commands whose document is not the findings (diagram, report, cost): says on stderr
 * that @file has errors, and where to see them; nothing when it has none */
void plan_cli_say_findings(const char *file, GPtrArray *diagnostics);

/* --profile NAME|FILE: a built-in profile or a file that exists; otherwise PLAN_ERROR_USAGE
 * with the name meant ("diurnl" → "diurnal") */
gboolean plan_cli_check_profile(const char *profile, GError **error);

/* --hours N: a decimal, whatever the locale (PLAN_ERROR_USAGE when it is not a number); sets
 * @hours and @given. @text NULL (not given) leaves both as they are and succeeds */
gboolean plan_cli_parse_hours(const char *text, double *hours, gboolean *given, GError **error);

/* the run options simulate, optimize and report --optimize share: as typed (each nullable: not
 * given) and as read. plan_cli_parse_run leaves a field not given at the value the caller put
 * in @run (its default); --runs from 1 to @max_runs; decimal digits only (GOption's integers
 * would take 0x10 as 16); @run->fail_az is (transfer full). A command's arguments embed the
 * typed ones, which GOption fills and plan_cli_run_args_clear frees */
typedef struct {
	char *duration;
	char *step;
	char *seed;
	char *runs;
	char *threads;
	char *fail_az;
} PlanCliRunArgs;

void plan_cli_run_args_clear(PlanCliRunArgs *args);

typedef struct {
	gint64 duration_s;
	gint64 step_s;
	guint64 seed;
	guint runs;
	guint threads;
	char *fail_az;
	gint64 fail_at_s;
} PlanCliRun;

gboolean plan_cli_parse_run(const PlanCliRunArgs *args, guint64 max_runs, PlanCliRun *run,
			    GError **error);

/* Prints to stderr (plan_cli_printerr) or stdout (plan_cli_print) through the terminal
 * escaper, line feeds and tabs kept: messages quote names from files and values of flags, and
 * an escape sequence in one (a window title, a clear screen) is shown, never obeyed. The
 * format itself is ecsplan's; only what it interpolates is at risk. */
void plan_cli_printerr(const char *format, ...) G_GNUC_PRINTF(1, 2);
/* 1 and a line on stderr when @missing holds price-missing findings, else 0 */
int plan_cli_missing_prices(const GPtrArray *missing, const char *region);
void plan_cli_print(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* ---- progress on a terminal (cli-progress.c) ---- */

typedef struct _PlanCliProgress PlanCliProgress;

/* a line on stderr for a run that lasts over a second: a bar when the engine reports progress,
 * else the time so far. NULL (and nothing drawn) when stderr is not a terminal, TERM is dumb
 * or @quiet; the functions below take NULL */
PlanCliProgress *plan_cli_progress_start(const char *label, gboolean quiet)
	G_GNUC_WARN_UNUSED_RESULT;
/* the engine's progress callback: @user_data is the PlanCliProgress */
void plan_cli_progress_update(guint64 done, guint64 total, gpointer user_data);
/* stops and wipes the line; call it before printing anything */
void plan_cli_progress_stop(PlanCliProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanCliProgress, plan_cli_progress_stop)

/* --quiet and --verbose, for the commands where they mean something: quiet prints the results
 * only (no notes on stderr, no progress), verbose also says what was read and which price book
 * was used. They exclude each other */
typedef enum {
	PLAN_CLI_VERBOSITY_NORMAL,
	PLAN_CLI_VERBOSITY_QUIET,
	PLAN_CLI_VERBOSITY_VERBOSE,
} PlanCliVerbosity;

/* the two options' entries for a command's table, pointing at @quiet and @verbose; @quiet_help
 * says what --quiet leaves out for this command */
#define PLAN_CLI_QUIET_ENTRY(quiet, quiet_help)                                                    \
	{"quiet", 'q', 0, G_OPTION_ARG_NONE, (quiet), (quiet_help), NULL}
/* --hours and --prices, worded alike wherever they mean the month and the book of one model */
#define PLAN_CLI_HOURS_ENTRY(hours_text)                                                           \
	{"hours", 0, 0, G_OPTION_ARG_STRING, (hours_text),                                         \
	 "Hours in the month (default 730); every hourly charge runs this long", "N"}
#define PLAN_CLI_PRICES_ENTRY(prices)                                                              \
	{"prices", 0, 0, G_OPTION_ARG_FILENAME, (prices),                                          \
	 "Lay the figures in FILE over the built-in book (see docs/prices.md)", "FILE"}
#define PLAN_CLI_VERBOSE_ENTRY(verbose)                                                            \
	{"verbose", 'v', 0, G_OPTION_ARG_NONE, (verbose),                                         \
	 "Also say on stderr what was read and which price book was used", NULL}
/* one verbosity from the two flags; PLAN_ERROR_USAGE when both are given */
gboolean plan_cli_verbosity(gboolean quiet, gboolean verbose, PlanCliVerbosity *verbosity,
			    GError **error);
/* --verbose: the model's counts and the price book of @result, on stderr */
void plan_cli_say_inputs(const PlanModel *model, const PlanResult *result);

/* the subcommands */
int plan_cmd_validate(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_alloc(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_prices(const PlanCommand *command, int argc, char **argv, GError **error);
/* `ecsplan prices import FILE...` (cmd-prices-import.c); argv[0] is "import" */
int plan_cmd_prices_import(int argc, char **argv, GError **error);
/* `ecsplan prices update ...` (cmd-prices-update.c); argv[0] is "update" */
int plan_cmd_prices_update(int argc, char **argv, GError **error);
int plan_cmd_import(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_diagram(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_cost(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_compare(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_diff(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_simulate(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_optimize(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_report(const PlanCommand *command, int argc, char **argv, GError **error);
int plan_cmd_schema(const PlanCommand *command, int argc, char **argv, GError **error);

G_END_DECLS
