#include "gnuplot.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "plan-error.h"

char *
report_gnuplot_find(void)
{
	const char *override = g_getenv("ECSPLAN_GNUPLOT");

	if (override != NULL && override[0] != '\0')
		return g_file_test(override, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup(override) : NULL;
	return g_find_program_in_path("gnuplot");
}

/* the script's name on gnuplot's command line (see report_gnuplot_svg) */
#define REPORT_GNUPLOT_SCRIPT_NAME "/dev/stdin"

/* gnuplot names the script file in its messages ("\"/dev/stdin\" line 2: no datablock
 * named $x"): the user never gave that name, so the message starts at "line" */
static const char *
report_gnuplot_message(const char *err)
{
	static const char quoted[] = "\"" REPORT_GNUPLOT_SCRIPT_NAME "\" ";

	return g_str_has_prefix(err, quoted) ? err + strlen(quoted) : err;
}

/* what the asynchronous run hands back to the waiting loop */
typedef struct {
	GMainLoop *loop;
	GBytes *out;
	GBytes *err;
	GError *error;
	gboolean done;
	gboolean timed_out;
} ReportGnuplotRun;

static void
report_gnuplot_communicated(GObject *source, GAsyncResult *result, gpointer user_data)
{
	ReportGnuplotRun *run = user_data;

	g_subprocess_communicate_finish(G_SUBPROCESS(source), result, &run->out, &run->err,
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

/* whether @data is UTF-8 without a NUL, as g_subprocess_communicate_utf8 required of gnuplot's
 * output: ASCII (gnuplot's SVG, nearly always) is checked eight bytes at a time, and only text
 * with a byte above 0x7F goes through g_utf8_validate (35 M instructions for the 5 MB comparison
 * chart, on the thread that reads it while gnuplot draws; issue 18) */
static gboolean
report_gnuplot_utf8(const char *data, gsize length)
{
	const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080);
	const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
	gsize i = 0;

	for (; i + 8 <= length; i += 8) {
		guint64 word;
		memcpy(&word, data + i, 8);
		/* a byte above 0x7F, or a zero byte */
		if ((word & high) != 0 || ((word - ones) & ~word & high) != 0)
			break;
	}
	for (; i < length; i++) {
		if (data[i] == '\0' || (guchar)data[i] > 0x7F)
			return memchr(data, '\0', length) == NULL &&
			       g_utf8_validate(data, (gssize)length, NULL);
	}
	return TRUE;
}

/* @bytes (nullable) as a string: NULL when there are none or they are not UTF-8 */
static char *
report_gnuplot_text(GBytes *bytes)
{
	gsize length = 0;
	const char *data = bytes != NULL ? g_bytes_get_data(bytes, &length) : NULL;

	if (data == NULL || !report_gnuplot_utf8(data, length))
		return NULL;
	return g_strndup(data, length);
}

/* The script as a temporary file, already unlinked, read from the start: gnuplot's standard
 * input. A pipe would not do: gnuplot stops reading at the first error in a script and exits,
 * and the next write into the pipe raises SIGPIPE, which kills ecsplan before it can report
 * the error. Returns: the descriptor, or -1 with @error set */
static int
report_gnuplot_script_fd(const char *script, GError **error)
{
	g_autofree char *path = NULL;
	gsize length = strlen(script);
	gsize done = 0;
	g_autoptr(GError) local_error = NULL;
	int fd = g_file_open_tmp("ecsplan-gnuplot-XXXXXX", &path, &local_error);

	if (fd < 0) {
		/* GLib's message names the random file; the user can act on the folder only */
		const char *reason = strrchr(local_error->message, ':');
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
			    "cannot create the gnuplot script in the temporary folder '%s' (TMPDIR): "
			    "%s",
			    g_get_tmp_dir(), reason != NULL ? reason + 2 : local_error->message);
		return -1;
	}
	/* nothing to clean up later, whatever happens to either process */
	g_unlink(path);
	while (done < length) {
		gssize n = write(fd, script + done, length - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int saved = errno;
			close(fd);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
				    "cannot write the gnuplot script: %s", g_strerror(saved));
			return -1;
		}
		done += (gsize)n;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		int saved = errno;
		close(fd);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
			    "cannot read the gnuplot script back: %s", g_strerror(saved));
		return -1;
	}
	return fd;
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
	g_autoptr(GSubprocessLauncher) launcher = NULL;
	ReportGnuplotRun run = {0};
	/* gnuplot reads its standard input one byte at a time (it is interactive input: 1.9 M
	 * read() calls for the 1.9 MB script of 200 compare panels, 1.1 s of system time); a
	 * script named as a file is read through stdio's buffer. /dev/stdin is that same
	 * unlinked file, opened again from its start */
	const char *argv[] = {NULL, REPORT_GNUPLOT_SCRIPT_NAME, NULL};
	g_autoptr(GBytes) out = NULL;
	g_autofree char *err = NULL;
	char *copy;
	const char *data;
	gsize length = 0;
	int script_fd;

	g_return_val_if_fail(script != NULL, NULL);
	if (program == NULL) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
				    "gnuplot is not installed (Debian package gnuplot-nox)");
		return NULL;
	}
	/* an argv, no shell: the script goes in on stdin, the SVG comes out on stdout */
	argv[0] = program;
	script_fd = report_gnuplot_script_fd(script, error);
	if (script_fd < 0)
		return NULL;
	launcher = g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
					     G_SUBPROCESS_FLAGS_STDERR_PIPE);
	g_subprocess_launcher_take_stdin_fd(launcher, script_fd);
	process = g_subprocess_launcher_spawnv(launcher, argv, &spawn_error);
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
	/* bytes, checked here (report_gnuplot_utf8): the same acceptance as
	 * g_subprocess_communicate_utf8_async, which checked every byte */
	g_subprocess_communicate_async(process, NULL, cancellable, report_gnuplot_communicated,
				       &run);
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
		g_clear_pointer(&run.out, g_bytes_unref);
		g_clear_pointer(&run.err, g_bytes_unref);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
			    "gnuplot did not finish within %u ms and was stopped", timeout_ms);
		return NULL;
	}
	if (run.error != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT, "gnuplot failed: %s",
			    run.error->message);
		g_clear_error(&run.error);
		g_clear_pointer(&run.out, g_bytes_unref);
		g_clear_pointer(&run.err, g_bytes_unref);
		return NULL;
	}
	out = run.out;
	err = report_gnuplot_text(run.err);
	g_clear_pointer(&run.err, g_bytes_unref);
	data = out != NULL ? g_bytes_get_data(out, &length) : NULL;
	if (out != NULL && !report_gnuplot_utf8(data, length)) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
				    "gnuplot failed: its output is not valid UTF-8");
		return NULL;
	}
	if (!g_subprocess_get_successful(process) || data == NULL || length == 0) {
		if (err != NULL)
			g_strstrip(err);
		if (err != NULL && err[0] != '\0')
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT, "gnuplot failed: %s",
				    report_gnuplot_message(err));
		else
			g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT,
					    "gnuplot failed without a message");
		return NULL;
	}
	/* the bytes with a NUL after them, as the text of communicate_utf8 had */
	copy = g_malloc(length + 1);
	memcpy(copy, data, length);
	copy[length] = '\0';
	return g_bytes_new_take(copy, length);
}
