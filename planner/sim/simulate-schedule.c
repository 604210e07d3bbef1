/* simulator times: durations on the command line and the clock's start (the schedules of
 * scheduled actions are planner/model/schedule.c's) */
#include "simulate-private.h"

#include <math.h>
#include <string.h>

#include "parse.h"
#include "plan-error.h"

gboolean
plan_sim_parse_duration(const char *text, gint64 *seconds, GError **error)
{
	g_return_val_if_fail(text != NULL && seconds != NULL, FALSE);
	return plan_parse_duration(text, seconds, error);
}

gboolean
plan_sim_parse_fail_az(const char *text, char **az, gint64 *at_s, GError **error)
{
	const char *at;
	g_autoptr(GError) local_error = NULL;

	g_return_val_if_fail(text != NULL && az != NULL && at_s != NULL, FALSE);
	at = strrchr(text, '@');
	if (at == NULL || at == text || at[1] == '\0') {
		plan_set_option_error(error, "fail-az",
				      "cannot read '%s'; expected AZ@TIME, for example us-east-1a@6h",
				      text);
		return FALSE;
	}
	if (!plan_sim_parse_duration(at + 1, at_s, &local_error)) {
		plan_set_option_error(error, "fail-az", "'%s': %s", text, local_error->message);
		return FALSE;
	}
	*az = g_strndup(text, (gsize)(at - text));
	return TRUE;
}

gboolean
sim_parse_start(const char *text, gint64 *unix_time, GError **error)
{
	g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
	g_autoptr(GDateTime) when = NULL;

	when = text != NULL ? g_date_time_new_from_iso8601(text, utc) : NULL;
	if (when == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "simulation.start: cannot read '%s'; expected ISO 8601 like "
			    "2024-01-01T00:00:00Z",
			    text != NULL ? text : "");
		return FALSE;
	}
	*unix_time = g_date_time_to_unix(when);
	return TRUE;
}
