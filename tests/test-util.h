/* helpers shared by the unit tests */
#pragma once

#include <gio/gio.h>

#include "analyse.h"

G_BEGIN_DECLS

/* TRUE when $ECSPLAN names the built program (meson test sets it); else marks the test
 * skipped and returns FALSE */
gboolean test_have_ecsplan(void);

/* runs the built ecsplan with @args (NULL-terminated, without the program name) from the
 * tests' source folder, NO_COLOR set, and ECSPLAN_GNUPLOT = @gnuplot when not NULL; stdout and
 * stderr into @out and @err (transfer full). Returns the exit status */
int test_run_ecsplan(const char *const *args, const char *gnuplot, char **out, char **err);

/* links @model again (after a test changed it) and appends copies of its link findings to
 * @diagnostics */
void test_link(PlanModel *model, GPtrArray *diagnostics);

/* what `ecsplan validate` runs: links @model (tests change models by hand), then plan_analyse()
 * with the built-in book of its region, or @book; returns the validation (transfer full) */
PlanValidation *test_validate(PlanModel *model) G_GNUC_WARN_UNUSED_RESULT;
PlanValidation *test_validate_with_prices(PlanModel *model,
					  const PlanPriceBook *book) G_GNUC_WARN_UNUSED_RESULT;

/* what `ecsplan simulate` runs: links @model, then plan_analyse() with @options (the book is
 * the built-in one of the model's region); Returns: (transfer full) the simulation, or NULL */
PlanSimResult *test_simulate(PlanModel *model, const PlanSimOptions *options,
			     GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* removes @path and, for a folder that is no symbolic link, everything in it; asserts each
 * removal */
void test_remove_tree(const char *path);
/* the names in the folder @dir, sorted, joined by spaces (transfer full) */
char *test_list_dir(const char *dir);
/* strcmp for g_ptr_array_sort() of strings */
gint test_compare_strings(gconstpointer a, gconstpointer b);

/* how many times @needle occurs in @text, overlapping ones too */
guint test_count_substring(const char *text, const char *needle);

G_END_DECLS
