/* ecsplan: scheduled-action expressions — at(...), rate(...) and cron(...), as Application
 * Auto Scaling writes them [S27] — checked when a model is read and laid on the simulator's
 * steps. docs/limits.md ("Parsers and simulation") lists their limits. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the most times all the scheduled actions of a model fire in one run */
#define PLAN_SCHEDULE_MAX_FIRES 1000000u
/* cron() years: AWS accepts 1970 to 2199 */
#define PLAN_SCHEDULE_YEAR_FIRST 1970
#define PLAN_SCHEDULE_YEAR_LAST 2199

/* an ISO 8601 date and time ("2024-01-01T08:00:00Z"; UTC when it names no offset) as Unix
 * seconds, or G_MININT64 when it cannot be read */
gint64 plan_schedule_parse_time(const char *text);

/* FALSE with PLAN_ERROR_INVALID_MODEL when @schedule cannot be read; what the loader checks */
gboolean plan_schedule_check(const char *schedule, GError **error);

/**
 * plan_schedule_steps:
 * @schedule: at(...), rate(...) or cron(...)
 * @start_unix: the wall-clock time of step 0
 * @step_s: seconds per step, > 0
 * @n_steps: steps in the run
 * @max_fires: the most steps it may fire in (PLAN_ERROR_LIMIT past them)
 * Returns: (transfer full): the steps it fires in, ascending, each once (a GArray of gint64),
 * or NULL with @error set (PLAN_ERROR_INVALID_MODEL: cannot be read)
 */
GArray *plan_schedule_steps(const char *schedule, gint64 start_unix, gint64 step_s,
			    gint64 n_steps, guint max_fires, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;

/* the same, with cron() and a dated at() read on @timezone's wall clock (an IANA name;
 * NULL or "UTC": UTC). An unknown zone is PLAN_ERROR_INVALID_MODEL */
GArray *plan_schedule_steps_in(const char *schedule, const char *timezone, gint64 start_unix,
			       gint64 step_s, gint64 n_steps, guint max_fires,
			       GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
