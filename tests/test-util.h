/* helpers shared by the unit tests */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE when $ECSPLAN names the built program (meson test sets it); else marks the test
 * skipped and returns FALSE */
gboolean test_have_ecsplan(void);

/* runs the built ecsplan with @args (NULL-terminated, without the program name) from the
 * tests' source folder, NO_COLOR set, and ECSPLAN_GNUPLOT = @gnuplot when not NULL; stdout and
 * stderr into @out and @err (transfer full). Returns the exit status */
int test_run_ecsplan(const char *const *args, const char *gnuplot, char **out, char **err);

G_END_DECLS
