/* ecsplan: charts through gnuplot, run as a child process (never through a shell) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the gnuplot program to run: $ECSPLAN_GNUPLOT when set (tests point it at a missing path to
 * check the fallback), else "gnuplot" on PATH. Returns: (transfer full) (nullable) the path, or
 * NULL when there is none */
char *report_gnuplot_find(void) G_GNUC_WARN_UNUSED_RESULT;

#define REPORT_GNUPLOT_TIMEOUT_MS 10000

/* where every chart script sends its SVG: standard output, opened by gnuplot as a file. With
 * a bare "set output" gnuplot flushes standard output after every line: 27,000 write()s for the
 * 4.7 MB comparison chart of 200 services, each waking the thread that reads the pipe; a file
 * it opened itself is written through stdio's 4 KB buffer (same bytes, about 1,200 writes) */
#define REPORT_GNUPLOT_SET_OUTPUT "set output '/dev/stdout'\n"

/* Runs gnuplot on @script (which must set "terminal svg" and write to standard output, with its
 * data in inline datablocks) and returns the SVG it printed. The script reaches gnuplot's
 * standard input as an unlinked temporary file, not a pipe, so a gnuplot that stops reading
 * at an error cannot raise SIGPIPE in the caller; nothing is left on disk. gnuplot is told to
 * load "/dev/stdin", so it reads the script through a buffer, not a byte per read().
 * Fails with PLAN_ERROR_GNUPLOT when gnuplot is missing, exits non-zero (its stderr is in the
 * message), prints nothing, or runs longer than @timeout_ms (it is then killed).
 * Returns: (transfer full) */
GBytes *report_gnuplot_svg(const char *script, guint timeout_ms, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
