/* ecsplan: unit tests for planner/base/dynlib.c, the loader of libraries used by few commands
 * (libcurl, librsvg, cairo): a library and its functions are found, and a missing library or
 * function is an error that names it and the Debian package to install */
#include <string.h>
#include <zlib.h>

#include "dynlib.h"
#include "plan-error.h"

/* zlib is always there (GLib's gio needs it): its version function is the one linked in */
static void
test_dynlib_found(void)
{
	const char *(*version)(void) = NULL;
	const PlanDynSymbol symbols[] = {{"zlibVersion", (gpointer *)&version}};
	g_autoptr(GError) error = NULL;

	g_assert_true(plan_dynlib_load("libz.so.1", "zlib1g", symbols, 1, &error));
	g_assert_no_error(error);
	g_assert_nonnull(version);
	g_assert_cmpstr(version(), ==, zlibVersion());
}

static void
test_dynlib_missing(void)
{
	gpointer address = NULL;
	const PlanDynSymbol symbols[] = {{"no_such_function_in_zlib", &address}};
	g_autoptr(GError) error = NULL;

	g_assert_false(plan_dynlib_load("libecsplan-absent.so.9", "ecsplan-absent", NULL, 0, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
	g_assert_true(g_str_has_prefix(error->message, "cannot load libecsplan-absent.so.9 ("));
	g_assert_nonnull(strstr(error->message, "install the Debian package ecsplan-absent"));
	g_clear_error(&error);

	g_assert_false(plan_dynlib_load("libz.so.1", "zlib1g", symbols, 1, &error));
	g_assert_cmpstr(error->message, ==,
			"libz.so.1 has no function no_such_function_in_zlib: it is older than "
			"ecsplan needs; update the Debian package zlib1g");
	g_assert_null(address);
}

/* the once-loader: the load runs once; a failure is told to every caller, each with its copy */
static guint loads;

static gpointer
load_absent(gpointer data)
{
	loads++;
	if (!plan_dynlib_load("libecsplan-absent.so.9", "ecsplan-absent", NULL, 0, data))
		return NULL;
	return &loads;
}

static void
test_dynlib_once(void)
{
	static PlanDynlibOnce once = PLAN_DYNLIB_ONCE_INIT;

	for (guint i = 0; i < 3; i++) {
		g_autoptr(GError) error = NULL;
		g_assert_null(plan_dynlib_once(&once, load_absent, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
		g_assert_true(g_str_has_prefix(error->message, "cannot load libecsplan-absent.so.9"));
	}
	g_assert_cmpuint(loads, ==, 1);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/dynlib/found", test_dynlib_found);
	g_test_add_func("/planner/dynlib/missing", test_dynlib_missing);
	g_test_add_func("/planner/dynlib/once", test_dynlib_once);
	return g_test_run();
}
