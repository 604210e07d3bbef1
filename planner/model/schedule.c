/* scheduled-action expressions: at, rate and cron, as Application Auto Scaling writes them
 * [S27] (docs/simulation.md, "Scheduled scaling"; limits in docs/limits.md) */
#include "schedule.h"

#include <string.h>

#include "input.h"
#include "parse.h"
#include "plan-error.h"

/* ---- civil time without GDateTime: a century of days is 36,525 conversions ---- */

typedef struct {
	gint64 year;
	guint month;   /* 1-12 */
	guint day;     /* 1-31 */
	guint weekday; /* 1 = Sunday .. 7 = Saturday, as in AWS cron */
} ScheduleDate;

/* days since 1970-01-01 to a date (Howard Hinnant's public-domain civil_from_days) */
static ScheduleDate
schedule_date(gint64 days)
{
	ScheduleDate date;
	gint64 z = days + 719468;
	gint64 era = (z >= 0 ? z : z - 146096) / 146097;
	gint64 doe = z - era * 146097;
	gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	gint64 mp = (5 * doy + 2) / 153;

	date.day = (guint)(doy - (153 * mp + 2) / 5 + 1);
	date.month = (guint)(mp < 10 ? mp + 3 : mp - 9);
	date.year = yoe + era * 400 + (date.month <= 2 ? 1 : 0);
	/* 1970-01-01 was a Thursday: 5 in 1 = Sunday numbering */
	date.weekday = (guint)(((days + 4) % 7 + 7) % 7) + 1;
	return date;
}

static gint64
floor_div(gint64 a, gint64 b)
{
	gint64 q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* ---- cron(minutes hours day-of-month month day-of-week year) ---- */

typedef struct {
	gboolean any;
	gboolean allowed[PLAN_SCHEDULE_YEAR_LAST - PLAN_SCHEDULE_YEAR_FIRST + 1];
} CronField;

typedef struct {
	const char *what;
	guint lo;
	guint hi;
	const char *const *names; /* names for lo, lo + 1, ...; or NULL */
} CronSpec;

enum { CRON_MINUTE, CRON_HOUR, CRON_DAY, CRON_MONTH, CRON_WEEKDAY, CRON_YEAR, CRON_N_FIELDS };

static const char *const month_names[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL",
					  "AUG", "SEP", "OCT", "NOV", "DEC", NULL};
static const char *const day_names[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", NULL};

static const CronSpec cron_specs[] = {
    {"minutes", 0, 59, NULL},
    {"hours", 0, 23, NULL},
    {"day-of-month", 1, 31, NULL},
    {"month", 1, 12, month_names},
    {"day-of-week", 1, 7, day_names},
    {"year", PLAN_SCHEDULE_YEAR_FIRST, PLAN_SCHEDULE_YEAR_LAST, NULL},
};

static gboolean
cron_value(const char *text, const CronSpec *spec, guint *value)
{
	guint64 number = 0;

	if (text == NULL || text[0] == '\0')
		return FALSE;
	if (spec->names != NULL) {
		for (guint i = 0; spec->names[i] != NULL; i++) {
			if (g_ascii_strcasecmp(text, spec->names[i]) == 0) {
				*value = spec->lo + i;
				return TRUE;
			}
		}
	}
	/* decimal digits only: no sign, no space */
	for (const char *p = text; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p))
			return FALSE;
	}
	if (!g_ascii_string_to_unsigned(text, 10, spec->lo, spec->hi, &number, NULL))
		return FALSE;
	*value = (guint)number;
	return TRUE;
}

/* one comma-separated item: "*", "?", "a", "a-b", "a/n", "a-b/n", "* /n"; an empty item, or
 * one with nothing before its '/', is not one */
static gboolean
cron_item(const char *item, const CronSpec *spec, CronField *field)
{
	g_auto(GStrv) by_step = NULL;
	g_auto(GStrv) range = NULL;
	guint lo = spec->lo;
	guint hi = spec->hi;
	guint step = 1;

	if (item[0] == '\0' || item[0] == '/')
		return FALSE;
	by_step = g_strsplit(item, "/", 2);
	if (by_step[1] != NULL && !cron_value(by_step[1], &(CronSpec){"step", 1, spec->hi, NULL},
					      &step))
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
	for (guint v = lo; v <= hi; v += step)
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
cron_parse(const char *body, CronField fields[CRON_N_FIELDS], GError **error)
{
	g_auto(GStrv) parts = g_strsplit_set(body, " \t", -1);
	guint n = 0;

	for (guint i = 0; parts[i] != NULL; i++) {
		g_auto(GStrv) items = NULL;
		if (parts[i][0] == '\0')
			continue;
		if (n == CRON_N_FIELDS) {
			n++;
			break;
		}
		items = g_strsplit(parts[i], ",", -1);
		for (guint k = 0; items[k] != NULL; k++) {
			if (!cron_item(items[k], &cron_specs[n], &fields[n])) {
				g_autofree char *shown = plan_text_excerpt(parts[i], -1);
				g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
					    "cannot read the %s field '%s' (%u to %u%s, as a, a-b, "
					    "a/n, a-b/n, */n or *, separated by commas)",
					    cron_specs[n].what, shown, cron_specs[n].lo,
					    cron_specs[n].hi,
					    cron_specs[n].names != NULL ? ", or a name" : "");
				return FALSE;
			}
		}
		n++;
	}
	if (n == CRON_N_FIELDS - 1) {
		/* the year may be left out */
		fields[CRON_YEAR].any = TRUE;
		n = CRON_N_FIELDS;
	}
	if (n != CRON_N_FIELDS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "cron() needs six fields: minutes hours day-of-month month day-of-week "
			    "year, as in cron(0 8 ? * MON-FRI *)");
		return FALSE;
	}
	return TRUE;
}

typedef struct {
	GArray *steps;
	guint max_fires;
	const char *schedule;
} ScheduleFires;

static gboolean
schedule_fire(ScheduleFires *fires, gint64 step, GError **error)
{
	GArray *steps = fires->steps;

	/* fires come in time order; two in one step are one */
	if (steps->len > 0 && g_array_index(steps, gint64, steps->len - 1) == step)
		return TRUE;
	if (steps->len >= fires->max_fires) {
		g_autofree char *shown = plan_text_excerpt(fires->schedule, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
			    "the schedule '%s' makes the scheduled actions fire more than %u times "
			    "in the run, the limit (docs/limits.md); simulate a shorter --duration, "
			    "or give the action a schedule that fires less often",
			    shown, PLAN_SCHEDULE_MAX_FIRES);
		return FALSE;
	}
	g_array_append_val(steps, step);
	return TRUE;
}

/* the UTC time of the wall-clock time @local in @zone (NULL: UTC); FALSE when the clock skips
 * it (the hour a daylight-saving change jumps over). An hour the clock shows twice is taken
 * once, in standard time */
static gboolean
schedule_utc(GTimeZone *zone, gint64 local, gint64 *utc)
{
	gint interval;

	if (zone == NULL) {
		*utc = local;
		return TRUE;
	}
	interval = g_time_zone_find_interval(zone, G_TIME_TYPE_STANDARD, local);
	if (interval < 0)
		return FALSE;
	*utc = local - g_time_zone_get_offset(zone, interval);
	return TRUE;
}

/* day by day, then hour by hour: a century is 36,525 dates, whatever the fields say. The
 * fields are read on @zone's wall clock [S27] */
static gboolean
schedule_cron(const char *body, GTimeZone *zone, gint64 start_unix, gint64 step_s,
	      gint64 n_steps, ScheduleFires *fires, GError **error)
{
	g_autofree CronField *fields = g_new0(CronField, CRON_N_FIELDS);
	gint64 end_unix = start_unix + n_steps * step_s;
	/* local days a day either side: no zone is more than 14 hours from UTC */
	gint64 first_day = floor_div(start_unix, 86400) - (zone != NULL ? 1 : 0);
	gint64 last_day = floor_div(end_unix - 1, 86400) + (zone != NULL ? 1 : 0);

	if (!cron_parse(body, fields, error))
		return FALSE;
	if (fires == NULL)
		return TRUE;
	for (gint64 day = first_day; day <= last_day; day++) {
		ScheduleDate date = schedule_date(day);
		if (!cron_match(&fields[CRON_DAY], &cron_specs[CRON_DAY], date.day) ||
		    !cron_match(&fields[CRON_MONTH], &cron_specs[CRON_MONTH], date.month) ||
		    !cron_match(&fields[CRON_WEEKDAY], &cron_specs[CRON_WEEKDAY], date.weekday) ||
		    !cron_match(&fields[CRON_YEAR], &cron_specs[CRON_YEAR], date.year))
			continue;
		for (gint64 hour = 0; hour < 24; hour++) {
			if (!cron_match(&fields[CRON_HOUR], &cron_specs[CRON_HOUR], hour))
				continue;
			for (gint64 minute = 0; minute < 60; minute++) {
				gint64 at = 0;
				if (!cron_match(&fields[CRON_MINUTE], &cron_specs[CRON_MINUTE],
						minute) ||
				    !schedule_utc(zone, day * 86400 + hour * 3600 + minute * 60,
						  &at) ||
				    at < start_unix || at >= end_unix)
					continue;
				if (!schedule_fire(fires, (at - start_unix) / step_s, error))
					return FALSE;
			}
		}
	}
	return TRUE;
}

/* rate(N unit): every N units from the start, the first one interval in */
static gboolean
schedule_rate(const char *body, gint64 step_s, gint64 n_steps, ScheduleFires *fires,
	      GError **error)
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
	    plan_parse_count("rate()", parts[0], 1, G_MAXINT32, &count, NULL)) {
		for (guint i = 0; i < G_N_ELEMENTS(units); i++) {
			if (strcmp(parts[1], units[i].name) == 0)
				interval = (gint64)count * units[i].seconds;
		}
	}
	if (interval == 0) {
		g_autofree char *shown = plan_text_excerpt(body, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "cannot read rate(%s); expected a count and minute(s), hour(s) or "
			    "day(s), as in rate(6 hours)",
			    shown);
		return FALSE;
	}
	if (fires == NULL)
		return TRUE;
	for (gint64 at = interval; at < n_steps * step_s; at += interval) {
		if (!schedule_fire(fires, at / step_s, error))
			return FALSE;
	}
	return TRUE;
}

/* at(6h) from the start, or at(2024-01-02T08:00:00) on the clock (in @zone, else UTC, unless
 * the text has an offset) */
static gboolean
schedule_at(const char *body, GTimeZone *zone, gint64 start_unix, gint64 step_s, gint64 n_steps,
	    ScheduleFires *fires, GError **error)
{
	g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
	g_autoptr(GDateTime) when = NULL;
	gint64 offset = 0;

	if (!plan_parse_duration(body, &offset, NULL)) {
		when = g_date_time_new_from_iso8601(body, zone != NULL ? zone : utc);
		if (when == NULL) {
			g_autofree char *shown = plan_text_excerpt(body, -1);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "cannot read at(%s); expected a time from the start (at(6h)) "
				    "or a date and time (at(2024-01-02T08:00:00))",
				    shown);
			return FALSE;
		}
		offset = g_date_time_to_unix(when) - start_unix;
	}
	if (fires != NULL && offset >= 0 && offset < n_steps * step_s)
		return schedule_fire(fires, offset / step_s, error);
	return TRUE;
}

/* @fires NULL: only check that @schedule can be read */
static gboolean
schedule_read(const char *schedule, GTimeZone *zone, gint64 start_unix, gint64 step_s,
	      gint64 n_steps, ScheduleFires *fires, GError **error)
{
	g_autofree char *text = g_strstrip(g_strdup(schedule));
	gsize length = strlen(text);
	const char *open = strchr(text, '(');
	g_autofree char *kind = NULL;
	g_autofree char *body = NULL;

	if (open == NULL || length < 2 || text[length - 1] != ')') {
		g_autofree char *shown = plan_text_excerpt(schedule, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "cannot read the schedule '%s'; expected at(...), rate(...) or "
			    "cron(...)",
			    shown);
		return FALSE;
	}
	kind = g_strndup(text, (gsize)(open - text));
	body = g_strndup(open + 1, length - (gsize)(open - text) - 2);
	if (strcmp(kind, "cron") == 0)
		return schedule_cron(body, zone, start_unix, step_s, n_steps, fires, error);
	if (strcmp(kind, "rate") == 0)
		return schedule_rate(body, step_s, n_steps, fires, error);
	if (strcmp(kind, "at") == 0)
		return schedule_at(body, zone, start_unix, step_s, n_steps, fires, error);
	{
		g_autofree char *shown = plan_text_excerpt(kind, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "unknown schedule kind '%s'; use at(...), rate(...) or cron(...)",
			    shown);
	}
	return FALSE;
}

gint64
plan_schedule_parse_time(const char *text)
{
	g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
	g_autoptr(GDateTime) when = NULL;

	g_return_val_if_fail(text != NULL, G_MININT64);
	when = g_date_time_new_from_iso8601(text, utc);
	return when != NULL ? g_date_time_to_unix(when) : G_MININT64;
}

gboolean
plan_schedule_check(const char *schedule, GError **error)
{
	g_return_val_if_fail(schedule != NULL, FALSE);
	return schedule_read(schedule, NULL, 0, 1, 0, NULL, error);
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
		g_autofree char *shown = plan_text_excerpt(timezone, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "unknown time zone '%s'; use an IANA name such as Europe/Berlin or "
			    "America/New_York",
			    shown);
		return FALSE;
	}
	return TRUE;
}

GArray *
plan_schedule_steps(const char *schedule, gint64 start_unix, gint64 step_s, gint64 n_steps,
		    guint max_fires, GError **error)
{
	return plan_schedule_steps_in(schedule, NULL, start_unix, step_s, n_steps, max_fires,
				      error);
}

GArray *
plan_schedule_steps_in(const char *schedule, const char *timezone, gint64 start_unix,
		       gint64 step_s, gint64 n_steps, guint max_fires, GError **error)
{
	g_autoptr(GArray) steps = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(GTimeZone) zone = NULL;
	ScheduleFires fires = {steps, max_fires, schedule};

	g_return_val_if_fail(schedule != NULL && step_s > 0 && n_steps >= 0, NULL);
	if (!schedule_zone(timezone, &zone, error))
		return NULL;
	if (!schedule_read(schedule, zone, start_unix, step_s, n_steps, &fires, error))
		return NULL;
	return g_steal_pointer(&steps);
}
