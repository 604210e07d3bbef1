/* the gnuplot runner: a real chart, a failing script, a missing program, a timeout */
#include "gnuplot.h"
#include "plan-error.h"

#include <glib/gstdio.h>
#include <string.h>

static const char *chart =
	"set terminal svg size 400,300 font 'sans,10'\n"
	"set output\n"
	"$data << EOD\n1 2\n2 4\n3 8\nEOD\n"
	"plot $data using 1:2 with lines title 'cost'\n";

static gboolean
have_gnuplot(void)
{
	g_autofree char *program = report_gnuplot_find();
	if (program == NULL) {
		g_test_skip("gnuplot is not installed");
		return FALSE;
	}
	return TRUE;
}

static void
test_gnuplot_svg(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) svg = NULL;
	g_autoptr(GBytes) again = NULL;
	gsize length = 0;
	const char *text;

	if (!have_gnuplot())
		return;
	svg = report_gnuplot_svg(chart, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_no_error(error);
	text = g_bytes_get_data(svg, &length);
	g_assert_cmpuint(length, >, 100);
	g_assert_nonnull(g_strstr_len(text, (gssize)length, "<svg"));
	g_assert_nonnull(g_strstr_len(text, (gssize)length, "</svg>"));
	/* same script, same bytes: charts go into golden-tested reports */
	again = report_gnuplot_svg(chart, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(svg, again));
}

static void
test_gnuplot_error(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) svg = NULL;

	if (!have_gnuplot())
		return;
	svg = report_gnuplot_svg("set terminal svg\nplot $nodata using 1:2\n",
				 REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_null(svg);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT);
	/* gnuplot's own complaint is in the message, with the script's line (the script is
	 * loaded as the file /dev/stdin, a name the user never gave, so it is left out) */
	g_assert_true(g_str_has_prefix(error->message, "gnuplot failed: line 2: "));
	g_assert_null(strstr(error->message, "/dev/stdin"));
}

static void
test_gnuplot_missing(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) svg = NULL;

	g_setenv("ECSPLAN_GNUPLOT", "/nonexistent/gnuplot", TRUE);
	svg = report_gnuplot_svg(chart, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_unsetenv("ECSPLAN_GNUPLOT");
	g_assert_null(svg);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT);
	g_assert_cmpstr(error->message, ==, "gnuplot is not installed (Debian package gnuplot-nox)");
}

/* a "gnuplot" that never answers is stopped after the timeout */
static void
test_gnuplot_timeout(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) svg = NULL;
	g_autofree char *sleeper = g_find_program_in_path("sleep");
	g_autofree char *dir = g_dir_make_tmp("ecsplan-gnuplot-XXXXXX", NULL);
	g_autofree char *fake = g_build_filename(dir, "gnuplot", NULL);
	g_autofree char *body = NULL;
	gint64 start;

	if (sleeper == NULL) {
		g_test_skip("no sleep program");
		return;
	}
	/* the fake reads nothing and sleeps: the runner must not wait 30 s */
	body = g_strdup_printf("#!/bin/sh\nexec %s 30\n", sleeper);
	g_assert_true(g_file_set_contents(fake, body, -1, NULL));
	g_assert_cmpint(g_chmod(fake, 0755), ==, 0);
	g_setenv("ECSPLAN_GNUPLOT", fake, TRUE);
	start = g_get_monotonic_time();
	svg = report_gnuplot_svg(chart, 300, &error);
	g_unsetenv("ECSPLAN_GNUPLOT");
	g_assert_null(svg);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT);
	g_assert_cmpstr(error->message, ==, "gnuplot did not finish within 300 ms and was stopped");
	g_assert_cmpint(g_get_monotonic_time() - start, <, 5 * G_USEC_PER_SEC);
	g_remove(fake);
	g_rmdir(dir);
}

/* what a fake gnuplot writes on stdout (@printf: a printf format, octal escapes) comes back
 * as it is when it is UTF-8 without a NUL, with a NUL after it; else the run fails, as
 * g_subprocess_communicate_utf8 failed it (the check is eight bytes at a time now: a byte
 * above 0x7F or a NUL at every place in a word, and in the tail) */
static void
test_gnuplot_utf8(void)
{
	static const struct {
		const char *printf;
		const char *expected; /* NULL: refused */
	} cases[] = {
	    {"<svg/>", "<svg/>"},
	    {"<svg>caf\\303\\251</svg>", "<svg>caf\xc3\xa9</svg>"},
	    {"0123456\\303\\251", "0123456\xc3\xa9"},
	    {"01234567\\377", NULL},
	    {"0123456\\377", NULL},
	    {"\\377", NULL},
	    {"0123456789abcdef\\000x", NULL},
	    {"012\\000", NULL},
	    {"0123456789abcde\\200", NULL},
	    {"caf\\303", NULL},
	};
	g_autofree char *dir = g_dir_make_tmp("ecsplan-gnuplot-XXXXXX", NULL);
	g_autofree char *fake = g_build_filename(dir, "gnuplot", NULL);

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GBytes) svg = NULL;
		g_autofree char *body =
		    g_strdup_printf("#!/bin/sh\ncat >/dev/null\nprintf '%s'\n", cases[i].printf);
		g_assert_true(g_file_set_contents(fake, body, -1, NULL));
		g_assert_cmpint(g_chmod(fake, 0755), ==, 0);
		g_setenv("ECSPLAN_GNUPLOT", fake, TRUE);
		svg = report_gnuplot_svg(chart, REPORT_GNUPLOT_TIMEOUT_MS, &error);
		g_unsetenv("ECSPLAN_GNUPLOT");
		if (cases[i].expected == NULL) {
			g_assert_null(svg);
			g_assert_error(error, PLAN_ERROR, PLAN_ERROR_GNUPLOT);
			g_assert_cmpstr(error->message, ==,
					"gnuplot failed: its output is not valid UTF-8");
		} else {
			gsize length = 0;
			const char *data;
			g_assert_no_error(error);
			data = g_bytes_get_data(svg, &length);
			g_assert_cmpuint(length, ==, strlen(cases[i].expected));
			g_assert_cmpstr(data, ==, cases[i].expected);
		}
	}
	g_remove(fake);
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/gnuplot/svg", test_gnuplot_svg);
	g_test_add_func("/reports/gnuplot/error", test_gnuplot_error);
	g_test_add_func("/reports/gnuplot/missing", test_gnuplot_missing);
	g_test_add_func("/reports/gnuplot/timeout", test_gnuplot_timeout);
	g_test_add_func("/reports/gnuplot/utf8", test_gnuplot_utf8);
	return g_test_run();
}
