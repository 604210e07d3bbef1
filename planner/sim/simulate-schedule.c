/* simulator times: durations on the command line, the clock's start, and scheduled-action
 * expressions (at, rate and cron, as Application Auto Scaling writes them [S27]) */
#include "simulate-private.h"

#include <math.h>
#include <string.h>

#include "plan-error.h"

/* the seconds in @text, or -1 when it is not a duration */
static double
duration_seconds(const char *text)
{
	static const struct {
		char unit;
		double seconds;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
	char *end = NULL;
	double value = g_ascii_strtod(text, &end);

	if (end == text || !isfinite(value) || value < 0)
		return -1;
	if (*end == '\0')
		return value;
	for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
		if (end[0] == units[i].unit && end[1] == '\0')
			return value * units[i].seconds;
	}
	return -1;
}

gboolean
plan_sim_parse_duration(const char *text, gint64 *seconds, GError **error)
{
	double value;

	g_return_val_if_fail(text != NULL && seconds != NULL, FALSE);
	value = duration_seconds(text);
	/* a hundred years is more than any question the simulator answers */
	if (value < 0 || value > 100.0 * 366 * 86400) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot read the duration '%s'; use a number and a unit: s, m, h, d "
			    "or w (for example 7d, 6h, 90m, 60s), at most 100 years",
			    text);
		return FALSE;
	}
	*seconds = (gint64)llround(value);
	return TRUE;
}

gboolean
plan_sim_parse_fail_az(const char *text, char **az, gint64 *at_s, GError **error)
{
	const char *at;
	g_autoptr(GError) local_error = NULL;

	g_return_val_if_fail(text != NULL && az != NULL && at_s != NULL, FALSE);
	at = strrchr(text, '@');
	if (at == NULL || at == text || at[1] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot read --fail-az '%s'; expected AZ@TIME, for example "
			    "us-east-1a@6h",
			    text);
		return FALSE;
	}
	if (!plan_sim_parse_duration(at + 1, at_s, &local_error)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "--fail-az '%s': %s", text,
			    local_error->message);
		return FALSE;
	}
	*az = g_strndup(text, (gsize)(at - text));
	return TRUE;
}

gboolean
plan_sim_parse_start(const char *text, gint64 *unix_time, GError **error)
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

/* ---- civil time without GDateTime: a year of minutes is half a million conversions ---- */

typedef struct {
	gint64 year;
	guint month;   /* 1-12 */
	guint day;     /* 1-31 */
	guint weekday; /* 1 = Sunday .. 7 = Saturday, as in AWS cron */
	guint hour;
	guint minute;
} SimCivil;

/* days since 1970-01-01 to a date (Howard Hinnant's public-domain civil_from_days) */
static SimCivil
sim_civil(gint64 unix_time)
{
	SimCivil civil;
	gint64 days = unix_time >= 0 ? unix_time / 86400 : -((-unix_time + 86399) / 86400);
	gint64 second = unix_time - days * 86400;
	gint64 z = days + 719468;
	gint64 era = (z >= 0 ? z : z - 146096) / 146097;
	gint64 doe = z - era * 146097;
	gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	gint64 mp = (5 * doy + 2) / 153;

	civil.day = (guint)(doy - (153 * mp + 2) / 5 + 1);
	civil.month = (guint)(mp < 10 ? mp + 3 : mp - 9);
	civil.year = yoe + era * 400 + (civil.month <= 2 ? 1 : 0);
	/* 1970-01-01 was a Thursday: 5 in 1 = Sunday numbering */
	civil.weekday = (guint)(((days + 4) % 7 + 7) % 7) + 1;
	civil.hour = (guint)(second / 3600);
	civil.minute = (guint)(second % 3600 / 60);
	return civil;
}

/* ---- cron(minutes hours day-of-month month day-of-week year) ---- */

#define CRON_YEAR_FIRST 1970
#define CRON_YEAR_LAST 2199

typedef struct {
	gboolean any;
	gboolean allowed[CRON_YEAR_LAST - CRON_YEAR_FIRST + 1];
} CronField;

typedef struct {
	const char *what;
	guint lo;
	guint hi;
	const char *const *names; /* names for lo, lo + 1, ...; or NULL */
} CronSpec;

static const char *const month_names[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL",
					  "AUG", "SEP", "OCT", "NOV", "DEC", NULL};
static const char *const day_names[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", NULL};

static const CronSpec cron_specs[] = {
    {"minutes", 0, 59, NULL},	      {"hours", 0, 23, NULL},
    {"day-of-month", 1, 31, NULL},    {"month", 1, 12, month_names},
    {"day-of-week", 1, 7, day_names}, {"year", CRON_YEAR_FIRST, CRON_YEAR_LAST, NULL},
};

static gboolean
cron_value(const char *text, const CronSpec *spec, guint *value)
{
	guint64 number = 0;

	if (spec->names != NULL) {
		for (guint i = 0; spec->names[i] != NULL; i++) {
			if (g_ascii_strcasecmp(text, spec->names[i]) == 0) {
				*value = spec->lo + i;
				return TRUE;
			}
		}
	}
	if (!g_ascii_string_to_unsigned(text, 10, spec->lo, spec->hi, &number, NULL))
		return FALSE;
	*value = (guint)number;
	return TRUE;
}

/* one comma-separated item: "*", "?", "a", "a-b", "a/n", "a-b/n", "* /n" */
static gboolean
cron_item(const char *item, const CronSpec *spec, CronField *field)
{
	g_auto(GStrv) by_step = g_strsplit(item, "/", 2);
	g_auto(GStrv) range = NULL;
	guint lo = spec->lo;
	guint hi = spec->hi;
	guint64 step = 1;

	if (by_step[1] != NULL &&
	    !g_ascii_string_to_unsigned(by_step[1], 10, 1, spec->hi, &step, NULL))
		return FALSE;
	if (strcmp(by_step[0], "*") == 0 || strcmp(by_step[0], "?") == 0) {
		if (by_step[1] == NULL) {
			field->any = TRUE;
			return TRUE;
		}
	} else {
		range = g_strsplit(by_step[0], "-", 2);
		if (!cron_value(range[0], spec, &lo))
			return FALSE;
		hi = by_step[1] != NULL ? spec->hi : lo;
		if (range[1] != NULL && !cron_value(range[1], spec, &hi))
			return FALSE;
		if (hi < lo)
			return FALSE;
	}
	for (guint v = lo; v <= hi; v += (guint)step)
		field->allowed[v - spec->lo] = TRUE;
	return TRUE;
}

static gboolean
cron_match(const CronField *field, const CronSpec *spec, gint64 value)
{
	if (field->any)
		return TRUE;
	if (value < spec->lo || value > spec->hi)
		return FALSE;
	return field->allowed[value - spec->lo];
}

static gboolean
cron_parse(const char *body, CronField fields[6], GError **error)
{
	g_auto(GStrv) parts = g_strsplit_set(body, " \t", -1);
	guint n = 0;

	for (guint i = 0; parts[i] != NULL; i++) {
		g_auto(GStrv) items = NULL;
		if (parts[i][0] == '\0')
			continue;
		if (n == 6) {
			n++;
			break;
		}
		items = g_strsplit(parts[i], ",", -1);
		for (guint k = 0; items[k] != NULL; k++) {
			if (!cron_item(items[k], &cron_specs[n], &fields[n])) {
				g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
					    "cannot read the %s field '%s' (%u to %u%s)",
					    cron_specs[n].what, parts[i], cron_specs[n].lo,
					    cron_specs[n].hi,
					    cron_specs[n].names != NULL ? ", or a name" : "");
				return FALSE;
			}
		}
		n++;
	}
	if (n == 5) {
		/* the year may be left out */
		fields[5].any = TRUE;
		n = 6;
	}
	if (n != 6) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "cron() needs six fields: minutes hours day-of-month month day-of-week "
			    "year, as in cron(0 8 ? * MON-FRI *)");
		return FALSE;
	}
	return TRUE;
}

static void
add_step(GArray *steps, gint64 step)
{
	/* fires come in time order; two in one step are one */
	if (steps->len > 0 && g_array_index(steps, gint64, steps->len - 1) == step)
		return;
	g_array_append_val(steps, step);
}

/* the offset of @zone from UTC at @unix_time, in seconds; 0 for UTC (NULL) */
static gint64
zone_offset(GTimeZone *zone, gint64 unix_time)
{
	gint interval;

	if (zone == NULL)
		return 0;
	interval = g_time_zone_find_interval(zone, G_TIME_TYPE_UNIVERSAL, unix_time);
	return interval < 0 ? 0 : g_time_zone_get_offset(zone, interval);
}

/* cron fields are read on the zone's wall clock [S27]: each UTC minute is matched as the local
 * time it shows, so a daylight-saving change moves the fire by an hour of UTC */
static gboolean
schedule_cron(const char *body, GTimeZone *zone, gint64 start_unix, gint64 step_s, gint64 n_steps,
	      GArray *steps, GError **error)
{
	g_autofree CronField *fields = g_new0(CronField, 6);
	gint64 end_unix = start_unix + n_steps * step_s;
	/* the first whole minute at or after the start */
	gint64 into_minute = ((start_unix % 60) + 60) % 60;
	gint64 minute = into_minute == 0 ? start_unix : start_unix + 60 - into_minute;

	if (!cron_parse(body, fields, error))
		return FALSE;
	for (; minute < end_unix; minute += 60) {
		SimCivil civil = sim_civil(minute + zone_offset(zone, minute));
		if (cron_match(&fields[0], &cron_specs[0], civil.minute) &&
		    cron_match(&fields[1], &cron_specs[1], civil.hour) &&
		    cron_match(&fields[2], &cron_specs[2], civil.day) &&
		    cron_match(&fields[3], &cron_specs[3], civil.month) &&
		    cron_match(&fields[4], &cron_specs[4], civil.weekday) &&
		    cron_match(&fields[5], &cron_specs[5], civil.year))
			add_step(steps, (minute - start_unix) / step_s);
	}
	return TRUE;
}

/* rate(N unit): every N units from the start, the first one interval in */
static gboolean
schedule_rate(const char *body, gint64 step_s, gint64 n_steps, GArray *steps, GError **error)
{
	static const struct {
		const char *name;
		gint64 seconds;
	} units[] = {{"minute", 60},  {"minutes", 60}, {"hour", 3600},
		     {"hours", 3600}, {"day", 86400},  {"days", 86400}};
	g_autofree char *trimmed = g_strstrip(g_strdup(body));
	g_auto(GStrv) parts = g_strsplit(trimmed, " ", -1);
	guint64 count = 0;
	gint64 interval = 0;

	if (g_strv_length(parts) == 2 &&
	    g_ascii_string_to_unsigned(parts[0], 10, 1, G_MAXINT32, &count, NULL)) {
		for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
			if (strcmp(parts[1], units[i].name) == 0)
				interval = (gint64)count * units[i].seconds;
		}
	}
	if (interval == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "cannot read rate(%s); expected a count and minute(s), hour(s) or "
			    "day(s), as in rate(6 hours)",
			    body);
		return FALSE;
	}
	for (gint64 at = interval; at < n_steps * step_s; at += interval)
		add_step(steps, at / step_s);
	return TRUE;
}

/* at(6h) from the start, or at(2024-01-02T08:00:00) on the clock (in @zone, else UTC, unless
 * the text has an offset) */
static gboolean
schedule_at(const char *body, GTimeZone *zone, gint64 start_unix, gint64 step_s, gint64 n_steps,
	    GArray *steps, GError **error)
{
	g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
	g_autoptr(GDateTime) when = NULL;
	gint64 offset = 0;

	if (!plan_sim_parse_duration(body, &offset, NULL)) {
		when = g_date_time_new_from_iso8601(body, zone != NULL ? zone : utc);
		if (when == NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "cannot read at(%s); expected a time from the start (at(6h)) "
				    "or a date and time (at(2024-01-02T08:00:00))",
				    body);
			return FALSE;
		}
		offset = g_date_time_to_unix(when) - start_unix;
	}
	if (offset >= 0 && offset < n_steps * step_s)
		add_step(steps, offset / step_s);
	return TRUE;
}

/* the zone named @timezone (an IANA name such as "Europe/Berlin", or "UTC"); NULL for UTC.
 * GLib reads the system's tz database; a name it does not hold is an error */
static gboolean
schedule_zone(const char *timezone, GTimeZone **zone, GError **error)
{
	*zone = NULL;
	if (timezone == NULL || timezone[0] == '\0' || g_ascii_strcasecmp(timezone, "UTC") == 0 ||
	    strcmp(timezone, "Etc/UTC") == 0)
		return TRUE;
	*zone = g_time_zone_new_identifier(timezone);
	if (*zone == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "unknown time zone '%s'; use an IANA name such as Europe/Berlin or "
			    "America/New_York",
			    timezone);
		return FALSE;
	}
	return TRUE;
}

GArray *
plan_sim_schedule_steps(const char *schedule, const char *timezone, gint64 start_unix,
			gint64 step_s, gint64 n_steps, GError **error)
{
	g_autoptr(GTimeZone) zone = NULL;
	g_autoptr(GArray) steps = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autofree char *text = g_strstrip(g_strdup(schedule));
	gsize length = strlen(text);
	const char *open = strchr(text, '(');
	g_autofree char *kind = NULL;
	g_autofree char *body = NULL;
	gboolean ok;

	g_return_val_if_fail(schedule != NULL && step_s > 0, NULL);
	if (open == NULL || length < 2 || text[length - 1] != ')') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "cannot read the schedule '%s'; expected at(...), rate(...) or "
			    "cron(...)",
			    schedule);
		return NULL;
	}
	if (!schedule_zone(timezone, &zone, error))
		return NULL;
	kind = g_strndup(text, (gsize)(open - text));
	body = g_strndup(open + 1, length - (gsize)(open - text) - 2);
	if (strcmp(kind, "cron") == 0)
		ok = schedule_cron(body, zone, start_unix, step_s, n_steps, steps, error);
	else if (strcmp(kind, "rate") == 0)
		ok = schedule_rate(body, step_s, n_steps, steps, error);
	else if (strcmp(kind, "at") == 0)
		ok = schedule_at(body, zone, start_unix, step_s, n_steps, steps, error);
	else {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "unknown schedule kind '%s'; use at(...), rate(...) or cron(...)",
			    kind);
		ok = FALSE;
	}
	if (!ok)
		return NULL;
	return g_steal_pointer(&steps);
}
