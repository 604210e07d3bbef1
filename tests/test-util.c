#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

gboolean
test_have_ecsplan(void)
{
	if (g_getenv("ECSPLAN") == NULL) {
		g_test_skip("ECSPLAN (the built program) is not set; run through meson test");
		return FALSE;
	}
	return TRUE;
}

int
test_run_ecsplan(const char *const *args, const char *gnuplot, char **out, char **err)
{
	const char *ecsplan = g_getenv("ECSPLAN");
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new(
	    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
	g_autoptr(GSubprocess) process = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_nonnull(ecsplan);
	g_ptr_array_add(argv, (gpointer)ecsplan);
	for (guint i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer)args[i]);
	g_ptr_array_add(argv, NULL);
	g_subprocess_launcher_setenv(launcher, "NO_COLOR", "1", TRUE);
	if (gnuplot != NULL)
		g_subprocess_launcher_setenv(launcher, "ECSPLAN_GNUPLOT", gnuplot, TRUE);
	g_subprocess_launcher_set_cwd(launcher, g_test_get_dir(G_TEST_DIST));
	process = g_subprocess_launcher_spawnv(launcher, (const char *const *)argv->pdata, &error);
	g_assert_no_error(error);
	g_subprocess_communicate_utf8(process, NULL, NULL, out, err, &error);
	g_assert_no_error(error);
	return g_subprocess_get_exit_status(process);
}

PlanValidation *
test_validate_with_prices(PlanModel *model, const PlanPriceBook *book)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanResult) result = NULL;
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE, .book = book};

	plan_model_link(model);
	result = plan_analyse(model, &options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(result);
	return g_steal_pointer(&result->validation);
}

PlanValidation *
test_validate(PlanModel *model)
{
	return test_validate_with_prices(model, NULL);
}

void
test_link(PlanModel *model, GPtrArray *diagnostics)
{
	plan_model_link(model);
	for (guint i = 0; diagnostics != NULL && i < model->link_diagnostics->len; i++)
		g_ptr_array_add(diagnostics,
				plan_diagnostic_copy(g_ptr_array_index(model->link_diagnostics, i)));
}

PlanSimResult *
test_simulate(PlanModel *model, const PlanSimOptions *options, GError **error)
{
	g_autoptr(PlanResult) result = NULL;
	PlanAnalyseOptions analyse = {.parts = PLAN_ANALYSE_SIMULATE, .simulate = *options};

	plan_model_link(model);
	result = plan_analyse(model, &analyse, error);
	return result != NULL ? g_steal_pointer(&result->simulation) : NULL;
}

guint
test_count_substring(const char *text, const char *needle)
{
	guint n = 0;

	for (const char *p = strstr(text, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

void
test_remove_tree(const char *path)
{
	if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
		g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
		const char *name;
		g_assert_nonnull(dir);
		while ((name = g_dir_read_name(dir)) != NULL) {
			g_autofree char *child = g_build_filename(path, name, NULL);
			test_remove_tree(child);
		}
		g_assert_cmpint(g_rmdir(path), ==, 0);
		return;
	}
	g_assert_cmpint(g_unlink(path), ==, 0);
}

gint
test_compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *
test_list_dir(const char *dir)
{
	g_autoptr(GDir) handle = g_dir_open(dir, 0, NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *name;

	g_assert_nonnull(handle);
	while ((name = g_dir_read_name(handle)) != NULL)
		g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, test_compare_strings);
	g_ptr_array_add(names, NULL);
	return g_strjoinv(" ", (char **)names->pdata);
}
