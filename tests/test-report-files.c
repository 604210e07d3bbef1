/* ecsplan report's folder: the file set writes every file of a report at once or none (a failed
 * write keeps the previous folder, a path that is not ecsplan's is refused), and `ecsplan
 * report` through the CLI: without gnuplot, after a failure, into an unwritable place, and its
 * Markdown beside its HTML */
#include "test-util.h"
#include "file-set.h"
#include "gnuplot.h"
#include "plan-error.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

static ReportFileSet *
file_set(const char *const *names, const char *content)
{
	ReportFileSet *set = report_file_set_new();
	for (guint i = 0; names[i] != NULL; i++) {
		g_autoptr(GBytes) data = g_bytes_new(content, strlen(content));
		report_file_set_add(set, names[i], data);
	}
	return set;
}

static char *
read_file(const char *dir, const char *name)
{
	g_autofree char *path = g_build_filename(dir, name, NULL);
	char *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, NULL))
		return NULL;
	return text;
}

/* nothing but @dir itself in its parent: no temporary folder left behind */
static void
assert_alone(const char *parent, const char *dir_name)
{
	g_autoptr(GDir) dir = g_dir_open(parent, 0, NULL);
	const char *name;

	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL) {
		if (strcmp(name, dir_name) != 0 && strcmp(name, "notes.txt") != 0)
			g_error("left behind in %s: %s", parent, name);
	}
}

static void
test_file_set_write(void)
{
	static const char *const first[] = {"report.md", "report.html", "diagram.svg", NULL};
	static const char *const second[] = {"report.md", "report.html", "cost.json", NULL};
	g_autoptr(GError) error = NULL;
	g_autofree char *parent = g_dir_make_tmp("ecsplan-report-XXXXXX", &error);
	g_autofree char *dir = g_build_filename(parent, "out", NULL);
	g_autofree char *dir_slash = g_strconcat(dir, "/", NULL);
	g_autoptr(ReportFileSet) one = file_set(first, "one");
	g_autoptr(ReportFileSet) two = file_set(second, "two");
	g_autofree char *text = NULL;
	g_autofree char *gone = NULL;

	g_assert_no_error(error);
	g_assert_true(report_file_set_write_dir(one, dir, &error));
	g_assert_no_error(error);
	text = read_file(dir, "diagram.svg");
	g_assert_cmpstr(text, ==, "one");
	assert_alone(parent, "out");

	/* replaced as a whole: diagram.svg of the first report is gone; "out/" is "out" */
	g_assert_true(report_file_set_write_dir(two, dir_slash, &error));
	g_assert_no_error(error);
	g_clear_pointer(&text, g_free);
	text = read_file(dir, "cost.json");
	g_assert_cmpstr(text, ==, "two");
	gone = read_file(dir, "diagram.svg");
	g_assert_null(gone);
	assert_alone(parent, "out");
	test_remove_tree(parent);
}

/* a file that cannot be written fails the whole folder: the previous report stays as it was,
 * and nothing is left next to it */
static void
test_file_set_write_failure(void)
{
	static const char *const names[] = {"report.md", "report.html", NULL};
	g_autoptr(GError) error = NULL;
	g_autofree char *parent = g_dir_make_tmp("ecsplan-report-XXXXXX", &error);
	g_autofree char *dir = g_build_filename(parent, "out", NULL);
	g_autoptr(ReportFileSet) good = file_set(names, "good");
	g_autoptr(ReportFileSet) bad = file_set(names, "bad");
	g_autofree char *long_name = NULL;
	g_autofree char *text = NULL;
	GString *name = g_string_new(NULL);

	g_assert_no_error(error);
	g_assert_true(report_file_set_write_dir(good, dir, &error));
	g_assert_no_error(error);

	/* longer than any file system allows (NAME_MAX is 255): fails after report.md is written */
	for (guint i = 0; i < 300; i++)
		g_string_append_c(name, 'x');
	g_string_append(name, ".svg");
	long_name = g_string_free(name, FALSE);
	{
		g_autoptr(GBytes) data = g_bytes_new_static("x", 1);
		report_file_set_add(bad, long_name, data);
	}
	g_assert_false(report_file_set_write_dir(bad, dir, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
	g_assert_nonnull(strstr(error->message, "cannot write"));
	g_clear_error(&error);
	text = read_file(dir, "report.md");
	g_assert_cmpstr(text, ==, "good");
	assert_alone(parent, "out");
	test_remove_tree(parent);
}

/* a folder that holds anything a report does not write is never replaced, nor is a file */
static void
test_file_set_write_refuses(void)
{
	static const char *const names[] = {"report.md", NULL};
	g_autoptr(GError) error = NULL;
	g_autofree char *parent = g_dir_make_tmp("ecsplan-report-XXXXXX", &error);
	g_autofree char *dir = g_build_filename(parent, "out", NULL);
	g_autofree char *notes = g_build_filename(dir, "notes.txt", NULL);
	g_autofree char *file = g_build_filename(parent, "notes.txt", NULL);
	g_autoptr(ReportFileSet) set = file_set(names, "report");
	g_autofree char *text = NULL;

	g_assert_no_error(error);
	g_assert_cmpint(g_mkdir(dir, 0755), ==, 0);
	g_assert_true(g_file_set_contents(notes, "mine", -1, NULL));
	g_assert_false(report_file_set_write_dir(set, dir, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "is not an ecsplan report (it has no "
						".ecsplan-report); pick a new folder or remove it"));
	g_clear_error(&error);
	text = read_file(dir, "notes.txt");
	g_assert_cmpstr(text, ==, "mine");
	assert_alone(parent, "out");

	/* an ecsplan report with a file of the user's beside it: refused, the file kept (issue
	 * 9 item 2: a logo.svg was deleted) */
	g_assert_cmpint(g_unlink(notes), ==, 0);
	g_assert_cmpint(g_rmdir(dir), ==, 0);
	g_assert_true(report_file_set_write_dir(set, dir, &error));
	g_assert_no_error(error);
	{
		g_autofree char *logo = g_build_filename(dir, "logo.svg", NULL);
		g_autofree char *kept = NULL;
		g_assert_true(g_file_set_contents(logo, "<svg/>", -1, NULL));
		g_assert_false(report_file_set_write_dir(set, dir, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
		g_assert_nonnull(strstr(error->message, "holds 'logo.svg', which ecsplan did not "
							"write; move it out or pick a new folder"));
		g_clear_error(&error);
		kept = read_file(dir, "logo.svg");
		g_assert_cmpstr(kept, ==, "<svg/>");
		g_clear_pointer(&text, g_free);
		text = read_file(dir, ".ecsplan-report");
		g_assert_nonnull(strstr(text, "\nreport.md\n"));
		assert_alone(parent, "out");
	}

	g_assert_true(g_file_set_contents(file, "mine", -1, NULL));
	g_assert_false(report_file_set_write_dir(set, file, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_clear_error(&error);
	test_remove_tree(parent);
}

/* ---- the command --------------------------------------------------------------------------- */

/* without gnuplot: the report is written without charts, report.md says why where each would
 * have been, and stderr says it once */
static void
test_cli_report_without_gnuplot(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *parent = NULL;
	g_autofree char *dir = NULL;
	g_autofree char *out = NULL;
	g_autofree char *err = NULL;
	g_autofree char *files = NULL;
	g_autofree char *markdown = NULL;
	int status;

	if (!test_have_ecsplan())
		return;
	parent = g_dir_make_tmp("test-report-XXXXXX", &error);
	g_assert_no_error(error);
	dir = g_build_filename(parent, "report", NULL);
	{
		const char *args[] = {"report", "-o", dir,
				      "../models/examples/seed001-vault-fargate.json", NULL};
		status = test_run_ecsplan(args, "/nonexistent/gnuplot", &out, &err);
	}
	/* seed 001 has 2 errors: the report is written, stderr says so, and --fail-on's
	 * default (error) makes the exit status 1 */
	g_assert_cmpint(status, ==, 1);
	g_assert_cmpstr(err, ==,
			"ecsplan: gnuplot is not installed (Debian package gnuplot-nox); "
			"the report has no charts\n"
			"ecsplan: '../models/examples/seed001-vault-fargate.json' has 2 errors; "
			"'ecsplan validate ../models/examples/seed001-vault-fargate.json' lists "
			"them\n");
	g_assert_true(g_str_has_prefix(out, "wrote "));
	files = test_list_dir(dir);
	g_assert_cmpstr(files, ==, ".ecsplan-report cost.json diagram.svg report.html report.md");
	markdown = read_file(dir, "report.md");
	g_assert_cmpuint(test_count_substring(markdown, "not drawn (gnuplot is not installed)"), ==, 2);
	test_remove_tree(parent);
}

/* a chart that fails to draw fails the report before anything is written: the previous report
 * is left as it was, and no temporary folder stays behind */
static void
test_cli_report_failure_keeps_previous(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *parent = NULL;
	g_autofree char *dir = NULL;
	g_autofree char *fake = NULL;
	g_autofree char *before = NULL;
	g_autofree char *after = NULL;
	g_autofree char *html_before = NULL;
	g_autofree char *html_after = NULL;
	g_autofree char *out = NULL;
	g_autofree char *err = NULL;
	int status;

	if (!test_have_ecsplan())
		return;
	parent = g_dir_make_tmp("test-report-XXXXXX", &error);
	g_assert_no_error(error);
	dir = g_build_filename(parent, "report", NULL);
	{
		const char *args[] = {"report", "-o", dir, "--example", "seed000-off-to-the-cloud",
				      NULL};
		status = test_run_ecsplan(args, "/nonexistent/gnuplot", &out, &err);
		g_assert_cmpint(status, ==, 0);
	}
	before = test_list_dir(dir);
	html_before = read_file(dir, "report.html");

	/* a "gnuplot" that fails */
	fake = g_build_filename(parent, "gnuplot", NULL);
	g_assert_true(
	    g_file_set_contents(fake, "#!/bin/sh\necho 'line 1: broken' >&2\nexit 3\n", -1, NULL));
	g_assert_cmpint(g_chmod(fake, 0755), ==, 0);
	g_clear_pointer(&out, g_free);
	g_clear_pointer(&err, g_free);
	{
		const char *args[] = {
		    "report", "-o", dir, "--example", "seed002-chronous-payments-ec2", NULL};
		status = test_run_ecsplan(args, fake, &out, &err);
	}
	g_assert_cmpint(status, ==, 1);
	g_assert_cmpstr(out, ==, "");
	g_assert_nonnull(strstr(err, "ecsplan: cannot draw '"));
	g_assert_nonnull(strstr(err, "line 1: broken"));
	after = test_list_dir(dir);
	g_assert_cmpstr(after, ==, before);
	html_after = read_file(dir, "report.html");
	g_assert_cmpstr(html_after, ==, html_before);
	g_unlink(fake);
	assert_alone(parent, "report");
	test_remove_tree(parent);
}

/* a folder that cannot be made (a file is in the way) fails with a message naming the file,
 * and the exit status 2 */
static void
test_cli_report_unwritable(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *parent = NULL;
	g_autofree char *file = NULL;
	g_autofree char *dir = NULL;
	g_autofree char *out = NULL;
	g_autofree char *err = NULL;
	int status;

	if (!test_have_ecsplan())
		return;
	parent = g_dir_make_tmp("test-report-XXXXXX", &error);
	g_assert_no_error(error);
	file = g_build_filename(parent, "notes.txt", NULL);
	g_assert_true(g_file_set_contents(file, "mine", -1, NULL));
	dir = g_build_filename(file, "report", NULL);
	{
		const char *args[] = {"report", "-o", dir, "--example", "seed000-off-to-the-cloud",
				      NULL};
		status = test_run_ecsplan(args, "/nonexistent/gnuplot", &out, &err);
	}
	/* refused before any work, as -o FILE below a file is (issue 16, item 7) */
	g_assert_cmpint(status, ==, 2);
	g_assert_nonnull(strstr(err, "notes.txt' is a file, not a folder"));
	g_assert_cmpstr(out, ==, "");
	assert_alone(parent, "notes.txt");
	test_remove_tree(parent);
}

/* --format md prints the report.md the folder gets when gnuplot draws every chart, and with a
 * profile the folder holds the simulation's charts and time series */
static void
test_cli_report_markdown_matches(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *program = report_gnuplot_find();
	g_autofree char *parent = NULL;
	g_autofree char *dir = NULL;
	g_autofree char *printed = NULL;
	g_autofree char *err = NULL;
	g_autofree char *out = NULL;
	g_autofree char *written = NULL;
	g_autofree char *files = NULL;
	int status;

	if (!test_have_ecsplan())
		return;
	if (program == NULL) {
		g_test_skip("gnuplot is not installed");
		return;
	}
	parent = g_dir_make_tmp("test-report-XXXXXX", &error);
	g_assert_no_error(error);
	dir = g_build_filename(parent, "report", NULL);
	{
		const char *args[] = {
		    "report",  "--fail-on",
		    "none",    "--format",
		    "md",      "--profile",
		    "diurnal", "../models/examples/seed003-fargate-https-alb.json",
		    NULL};
		status = test_run_ecsplan(args, NULL, &printed, &err);
		g_assert_cmpint(status, ==, 0);
		/* seed 003 has 2 errors: said on stderr, whatever --fail-on */
		g_assert_cmpstr(
		    err, ==,
		    "ecsplan: '../models/examples/seed003-fargate-https-alb.json' has 2 errors; "
		    "'ecsplan validate ../models/examples/seed003-fargate-https-alb.json' "
		    "lists them\n");
	}
	g_clear_pointer(&err, g_free);
	{
		const char *args[] = {
		    "report",  "--fail-on",
		    "none",    "-o",
		    dir,       "--profile",
		    "diurnal", "../models/examples/seed003-fargate-https-alb.json",
		    NULL};
		status = test_run_ecsplan(args, NULL, &out, &err);
		g_assert_cmpint(status, ==, 0);
		/* seed 003 has 2 errors: said on stderr, whatever --fail-on */
		g_assert_cmpstr(
		    err, ==,
		    "ecsplan: '../models/examples/seed003-fargate-https-alb.json' has 2 errors; "
		    "'ecsplan validate ../models/examples/seed003-fargate-https-alb.json' "
		    "lists them\n");
	}
	written = read_file(dir, "report.md");
	g_assert_cmpstr(printed, ==, written);
	files = test_list_dir(dir);
	g_assert_cmpstr(files, ==,
			".ecsplan-report compare.svg cost-by-category.svg cost.json diagram.svg "
			"example-app-api-demand.svg example-app-api-tasks.svg "
			"example-app-api-utilization.svg report.html report.md timeseries.csv");
	test_remove_tree(parent);
}

/* the first screen: what was planned, from which bytes, with which prices, by which ecsplan,
 * when; the contents; what it costs with and without Spot. The findings are listed once: in
 * their section, not again under the diagram */

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/file-set/write", test_file_set_write);
	g_test_add_func("/reports/file-set/write-failure", test_file_set_write_failure);
	g_test_add_func("/reports/file-set/refuses", test_file_set_write_refuses);
	g_test_add_func("/cli/report/without-gnuplot", test_cli_report_without_gnuplot);
	g_test_add_func("/cli/report/failure-keeps-previous",
			test_cli_report_failure_keeps_previous);
	g_test_add_func("/cli/report/unwritable", test_cli_report_unwritable);
	g_test_add_func("/cli/report/markdown-matches", test_cli_report_markdown_matches);
	return g_test_run();
}
