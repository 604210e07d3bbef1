#include "gnuplot.h"

#include <gio/gio.h>
#include <string.h>

#include "plan-error.h"

char *
report_gnuplot_find(void)
{
	const char *override = g_getenv("ECSPLAN_GNUPLOT");

	if (override != NULL && override[0] != '\0')
		return g_file_test(override, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup(override) : NULL;
	return g_find_program_in_path("gnuplot");
}

/* what the asynchronous run hands back to the waiting loop */
typedef struct {
	GMainLoop *loop;
	char *out;
	char *err;
	GError *error;
	gboolean done;
	gboolean timed_out;
} ReportGnuplotRun;

static void
report_gnuplot_communicated(GObject *source, GAsyncResult *result, gpointer user_data)
{
	ReportGnuplotRun *run = user_data;

	g_subprocess_communicate_utf8_finish(G_SUBPROCESS(source), result, &run->out, &run->err,
					     &run->error);
	run->done = TRUE;
	g_main_loop_quit(run->loop);
}

static gboolean
report_gnuplot_timeout(gpointer user_data)
{
	ReportGnuplotRun *run = user_data;

	run->timed_out = TRUE;
	g_main_loop_quit(run->loop);
	return G_SOURCE_REMOVE;
}

GBytes *
report_gnuplot_svg(const char *script, guint timeout_ms, GError **error)
{
	g_autofree char *program = report_gnuplot_find();
	g_autoptr(GSubprocess) process = NULL;
	g_autoptr(GMainContext) context = NULL;
	g_autoptr(GMainLoop) loop = NULL;
	g_autoptr(GSource) timeout = NULL;
	g_autoptr(GCancellable) cancellable = g_cancellable_new();
	g_autoptr(GError) spawn_error = NULL;
	ReportGnuplotRun run = {0};
	const char *argv[] = {NULL, NULL};
	gsize length;

	g_return_val_if_fail(script != NULL, NULL);
	if (program == NULL) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
				    "gnuplot is not installed (Debian package gnuplot-nox)");
		return NULL;
	}
	/* an argv, no shell: the script goes in on stdin, the SVG comes out on stdout */
	argv[0] = program;
	process = g_subprocess_newv(argv,
				    G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
					G_SUBPROCESS_FLAGS_STDERR_PIPE,
				    &spawn_error);
	if (process == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT, "cannot run '%s': %s", program,
			    spawn_error->message);
		return NULL;
	}

	/* a private main context, so a caller's loop (if any) is not run from here */
	context = g_main_context_new();
	g_main_context_push_thread_default(context);
	loop = g_main_loop_new(context, FALSE);
	run.loop = loop;
	g_subprocess_communicate_utf8_async(process, script, cancellable,
					    report_gnuplot_communicated, &run);
	timeout = g_timeout_source_new(timeout_ms);
	g_source_set_callback(timeout, report_gnuplot_timeout, &run, NULL);
	g_source_attach(timeout, context);
	if (!run.done)
		g_main_loop_run(loop);
	g_source_destroy(timeout);
	if (run.timed_out && !run.done) {
		g_subprocess_force_exit(process);
		g_cancellable_cancel(cancellable);
		/* let the cancelled operation finish before its data goes away */
		while (!run.done)
			g_main_context_iteration(context, TRUE);
	}
	g_main_context_pop_thread_default(context);

	if (run.timed_out) {
		g_clear_error(&run.error);
		g_free(run.out);
		g_free(run.err);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
			    "gnuplot did not finish within %u ms and was stopped", timeout_ms);
		return NULL;
	}
	if (run.error != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT, "gnuplot failed: %s",
			    run.error->message);
		g_clear_error(&run.error);
		g_free(run.out);
		g_free(run.err);
		return NULL;
	}
	if (!g_subprocess_get_successful(process) || run.out == NULL || run.out[0] == '\0') {
		g_autofree char *err = run.err != NULL ? g_strstrip(run.err) : NULL;
		if (err != NULL && err[0] != '\0')
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT, "gnuplot failed: %s", err);
		else
			g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
					    "gnuplot failed without a message");
		g_free(run.out);
		return NULL;
	}
	g_free(run.err);
	length = strlen(run.out);
	return g_bytes_new_take(run.out, length);
}

void
report_gnuplot_quote(GString *script, const char *text)
{
	g_string_append_c(script, '\'');
	for (const char *p = text; *p != '\0'; p++) {
		/* a single-quoted gnuplot string has no escapes but the doubled quote; line breaks
		 * would end the command, so they become spaces */
		if (*p == '\'')
			g_string_append(script, "''");
		else if (*p == '\n' || *p == '\r')
			g_string_append_c(script, ' ');
		else
			g_string_append_c(script, *p);
	}
	g_string_append_c(script, '\'');
}
