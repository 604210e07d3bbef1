/* load profiles: a service's demand (requests per second) at each simulation step */
#include "profile.h"

#include <math.h>
#include <string.h>

#include "input.h"
#include "plan-error.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT(86400)
#define SECONDS_PER_WEEK (7 * SECONDS_PER_DAY)
/* CSV timestamps above this are taken as milliseconds (10^11 s is the year 5138) */
#define EPOCH_MILLISECONDS_ABOVE 1e11

/* a spike laid on the steps */
typedef struct {
	gint64 first_step;
	gint64 width_steps; /* at least 1 */
	gint64 every_steps; /* 0: once */
	double height;
} ProfileSpike;

struct _PlanProfile {
	PlanProfileKind kind;
	/* periodic shapes and CSV series: the base demand of one period, indexed by step modulo
	 * period. NULL when the shape is evaluated directly (ramp; a step that does not divide a
	 * day or a week) */
	double *table;
	gint64 period;
	/* direct evaluation */
	gint64 start_unix;
	gint64 step_s;
	double level; /* constant and spike: the level */
	double trough;
	double peak;
	double peak_hour;
	double weekend_factor;
	double from;
	double to;
	gint64 ramp_steps; /* ≥ 1 */
	ProfileSpike *spikes;
	guint n_spikes;
	double noise;
	char *description;
};

static const char *const profile_names[] = {"constant", "diurnal", "weekly",
					    "spike",	"ramp",	   "csv"};

const char *
plan_profile_kind_to_string(PlanProfileKind kind)
{
	g_return_val_if_fail(kind < G_N_ELEMENTS(profile_names), "unknown");
	return profile_names[kind];
}

gboolean
plan_profile_kind_from_string(const char *name, PlanProfileKind *kind)
{
	for (guint i = 0; i < G_N_ELEMENTS(profile_names); i++) {
		if (i != PLAN_PROFILE_CSV && g_strcmp0(name, profile_names[i]) == 0) {
			*kind = (PlanProfileKind)i;
			return TRUE;
		}
	}
	return FALSE;
}

void
plan_profile_free(PlanProfile *profile)
{
	if (profile == NULL)
		return;
	g_free(profile->table);
	g_free(profile->spikes);
	g_free(profile->description);
	g_free(profile);
}

/* floor division and modulo for times before 1970 as well */
static gint64
floor_div(gint64 a, gint64 b)
{
	gint64 q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* the diurnal curve: trough at peak_hour ± 12 h, peak at peak_hour, a raised cosine between
 * (smooth, one maximum a day, so the peak hour is exactly where the user put it) */
static double
profile_diurnal_at(const PlanProfile *profile, gint64 unix_time)
{
	gint64 second_of_day = unix_time - floor_div(unix_time, SECONDS_PER_DAY) * SECONDS_PER_DAY;
	double hour = (double)second_of_day / 3600.0;
	double phase = 2.0 * G_PI * (hour - profile->peak_hour) / 24.0;
	return profile->trough + (profile->peak - profile->trough) * (1.0 + cos(phase)) / 2.0;
}

/* 1970-01-01 was a Thursday: day 0 → 3 with Monday = 0 */
static gboolean
profile_is_weekend(gint64 unix_time)
{
	gint64 day = floor_div(unix_time, SECONDS_PER_DAY);
	gint64 weekday = ((day + 3) % 7 + 7) % 7;
	return weekday >= 5;
}

/* the shape without spikes at step @step, evaluated from the formulas */
static double
profile_shape_at(const PlanProfile *profile, gint64 step)
{
	gint64 unix_time = profile->start_unix + step * profile->step_s;

	switch (profile->kind) {
	case PLAN_PROFILE_CONSTANT:
	case PLAN_PROFILE_SPIKE:
		return profile->level;
	case PLAN_PROFILE_DIURNAL:
		return profile_diurnal_at(profile, unix_time);
	case PLAN_PROFILE_WEEKLY:
		return profile_diurnal_at(profile, unix_time) *
		       (profile_is_weekend(unix_time) ? profile->weekend_factor : 1.0);
	case PLAN_PROFILE_RAMP:
		if (step >= profile->ramp_steps)
			return profile->to;
		return profile->from +
		       (profile->to - profile->from) * (double)step / (double)profile->ramp_steps;
	case PLAN_PROFILE_CSV:
	default:
		g_assert_not_reached();
	}
	return 0;
}

static double
profile_spikes_at(const PlanProfile *profile, gint64 step)
{
	double extra = 0;
	for (guint i = 0; i < profile->n_spikes; i++) {
		const ProfileSpike *spike = &profile->spikes[i];
		gint64 since = step - spike->first_step;
		if (since < 0)
			continue;
		if (spike->every_steps > 0)
			since %= spike->every_steps;
		if (since < spike->width_steps)
			extra += spike->height;
	}
	return extra;
}

double
plan_profile_base(const PlanProfile *profile, gint64 step)
{
	double value;

	g_return_val_if_fail(profile != NULL, 0);
	if (profile->table != NULL)
		value =
		    profile->table[((step % profile->period) + profile->period) % profile->period];
	else
		value = profile_shape_at(profile, step);
	return value + profile_spikes_at(profile, step);
}

/* the noise's vectors: four lanes (GCC and Clang split them into two SSE2 registers, or use
 * one AVX2 register in the clone below) */
typedef guint64 ProfileU64x4 __attribute__((vector_size(32)));
typedef gint64 ProfileI64x4 __attribute__((vector_size(32)));
typedef double ProfileF64x4 __attribute__((vector_size(32)));

/* on x86-64 with GCC or Clang, a second copy for AVX2 processors, chosen when the program
 * loads (an ifunc); the same operations either way, so the same bits (build with
 * -DPROFILE_NO_CLONE to run the default copy on an AVX2 machine) */
#if defined(__x86_64__) && defined(__has_attribute) && !defined(PROFILE_NO_CLONE)
#if __has_attribute(target_clones) && defined(__ELF__)
#define PROFILE_AVX2_CLONE __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef PROFILE_AVX2_CLONE
#define PROFILE_AVX2_CLONE
#endif

/* out[i] = base[i] × (1 + noise × plan_rng_normalish_of(raw[i])), or 0 where that factor is not
 * above 0: plan_profile_fill()'s noise, four steps at a time. Every lane does the scalar code's
 * operations in its order (IEEE double, no contraction: -std=c17), so the values are the same
 * bits. The integer sum (below 2^19) becomes a double by its bits: OR-ed into the mantissa of
 * 2^52, less 2^52, which is exact */
PROFILE_AVX2_CLONE static void
profile_noise_apply(const guint64 *raw, const double *base, double *out, guint n, double noise)
{
	const guint64 fields = G_GUINT64_CONSTANT(0x0000ffff0000ffff);
	const guint64 low = G_GUINT64_CONSTANT(0xffffffff);
	const guint64 two52_bits = G_GUINT64_CONSTANT(0x4330000000000000);
	const ProfileF64x4 two52 = {4503599627370496.0, 4503599627370496.0, 4503599627370496.0,
				    4503599627370496.0};
	const ProfileF64x4 centre = {131070.0, 131070.0, 131070.0, 131070.0};
	const ProfileF64x4 scale = {1.0 / 37837.2, 1.0 / 37837.2, 1.0 / 37837.2, 1.0 / 37837.2};
	const ProfileF64x4 one = {1.0, 1.0, 1.0, 1.0};
	const ProfileF64x4 zero = {0.0, 0.0, 0.0, 0.0};
	const ProfileF64x4 noises = {noise, noise, noise, noise};
	guint i = 0;

	for (; i + 4 <= n; i += 4) {
		ProfileU64x4 r;
		ProfileF64x4 b;
		ProfileF64x4 value;
		ProfileU64x4 pairs;
		ProfileU64x4 sum;
		ProfileF64x4 factor;
		ProfileI64x4 positive;

		memcpy(&r, raw + i, sizeof r);
		memcpy(&b, base + i, sizeof b);
		pairs = (r & fields) + ((r >> 16) & fields);
		sum = (pairs & low) + (pairs >> 32);
		factor = one + noises * (((ProfileF64x4)(sum | two52_bits) - two52 - centre) * scale);
		positive = factor > zero;
		value = (ProfileF64x4)((ProfileI64x4)(b * factor) & positive);
		memcpy(out + i, &value, sizeof value);
	}
	for (; i < n; i++) {
		double factor = 1.0 + noise * plan_rng_normalish_of(raw[i]);
		out[i] = factor > 0 ? base[i] * factor : 0;
	}
}

void
plan_profile_fill(const PlanProfile *profile, gint64 first, guint n, PlanRng *rng, double *out)
{
	g_return_if_fail(profile != NULL && out != NULL);

	if (profile->table != NULL && profile->n_spikes == 0 && profile->noise > 0 &&
	    rng != NULL && n <= PLAN_PROFILE_FILL_MAX) {
		/* the common case in one pass over the output: the draws first (a serial chain),
		 * then the table's runs times their noise */
		guint64 raw[PLAN_PROFILE_FILL_MAX];
		gint64 index = ((first % profile->period) + profile->period) % profile->period;

		plan_rng_fill(rng, raw, n);
		for (guint i = 0; i < n;) {
			guint run = (guint)MIN((gint64)(n - i), profile->period - index);
			profile_noise_apply(raw + i, profile->table + index, out + i, run,
					    profile->noise);
			i += run;
			index = 0;
		}
		return;
	}
	if (profile->table != NULL) {
		gint64 index = ((first % profile->period) + profile->period) % profile->period;
		/* the table from @index on, as often as the period fits, in whole runs */
		for (guint i = 0; i < n;) {
			guint run = (guint)MIN((gint64)(n - i), profile->period - index);
			memcpy(out + i, profile->table + index, run * sizeof *out);
			i += run;
			index = 0;
		}
	} else {
		for (guint i = 0; i < n; i++)
			out[i] = profile_shape_at(profile, first + i);
	}
	if (profile->n_spikes > 0) {
		for (guint i = 0; i < n; i++)
			out[i] += profile_spikes_at(profile, first + i);
	}
	if (profile->noise > 0 && rng != NULL) {
		for (guint i = 0; i < n; i++) {
			double factor = 1.0 + profile->noise * plan_rng_normalish(rng);
			out[i] = factor > 0 ? out[i] * factor : 0;
		}
	}
}

double
plan_profile_noise(const PlanProfile *profile)
{
	g_return_val_if_fail(profile != NULL, 0);
	return profile->noise;
}

const char *
plan_profile_describe(const PlanProfile *profile)
{
	g_return_val_if_fail(profile != NULL, NULL);
	return profile->description;
}

/* a figure the model gives, or @fallback */
static double
load_figure(const PlanLoad *load, guint bit, double value, double fallback)
{
	return (load->set & bit) ? value : fallback;
}

/* fills the one-period table of a periodic shape when the step divides the period */
static void
profile_tabulate(PlanProfile *profile, gint64 period_s)
{
	if (period_s % profile->step_s != 0)
		return;
	profile->period = period_s / profile->step_s;
	profile->table = g_new(double, profile->period);
	for (gint64 i = 0; i < profile->period; i++)
		profile->table[i] = profile_shape_at(profile, i);
}

static void
profile_add_spikes(PlanProfile *profile, const PlanLoad *load, double base_rps)
{
	gint64 step_s = profile->step_s;
	guint n = load->spikes->len;

	/* "spike" without spikes: one of twice the base at noon of the first day, 30 minutes */
	if (profile->kind == PLAN_PROFILE_SPIKE && n == 0) {
		profile->spikes = g_new0(ProfileSpike, 1);
		profile->n_spikes = 1;
		profile->spikes[0].first_step = 12 * 3600 / step_s;
		profile->spikes[0].width_steps = MAX(1, 1800 / step_s);
		profile->spikes[0].height = 2.0 * base_rps;
		return;
	}
	profile->spikes = g_new0(ProfileSpike, MAX(n, 1));
	profile->n_spikes = n;
	for (guint i = 0; i < n; i++) {
		const PlanLoadSpike *spike = g_ptr_array_index(load->spikes, i);
		ProfileSpike *laid = &profile->spikes[i];
		laid->first_step = (gint64)floor(spike->at_hour * 3600.0 / (double)step_s);
		laid->width_steps =
		    MAX(1, (gint64)llround(spike->width_minutes * 60.0 / (double)step_s));
		laid->every_steps = (gint64)llround(spike->every_hours * 3600.0 / (double)step_s);
		laid->height = spike->height;
	}
}

static char *
profile_number(double value)
{
	char buffer[G_ASCII_DTOSTR_BUF_SIZE];
	/* whole numbers without decimals, the rest with at most two */
	if (value == floor(value) && fabs(value) < 1e15)
		return g_strdup_printf("%.0f", value);
	return g_strdup(g_ascii_formatd(buffer, sizeof buffer, "%.2f", value));
}

static char *
profile_description(const PlanProfile *profile, const char *csv_detail)
{
	GString *text = g_string_new(plan_profile_kind_to_string(profile->kind));
	g_autofree char *a = NULL;
	g_autofree char *b = NULL;

	switch (profile->kind) {
	case PLAN_PROFILE_CONSTANT:
	case PLAN_PROFILE_SPIKE:
		a = profile_number(profile->level);
		g_string_append_printf(text, " %s rps", a);
		break;
	case PLAN_PROFILE_DIURNAL:
	case PLAN_PROFILE_WEEKLY:
		a = profile_number(profile->trough);
		b = profile_number(profile->peak);
		g_string_append_printf(
		    text, " %s-%s rps, peak at %02d:%02d UTC", a, b, (int)profile->peak_hour,
		    (int)llround((profile->peak_hour - floor(profile->peak_hour)) * 60) % 60);
		if (profile->kind == PLAN_PROFILE_WEEKLY) {
			g_autofree char *factor = profile_number(profile->weekend_factor);
			g_string_append_printf(text, ", weekend x%s", factor);
		}
		break;
	case PLAN_PROFILE_RAMP:
		a = profile_number(profile->from);
		b = profile_number(profile->to);
		{
			g_autofree char *hours = profile_number(
			    (double)(profile->ramp_steps * profile->step_s) / 3600.0);
			g_string_append_printf(text, " %s to %s rps over %s h", a, b, hours);
		}
		break;
	case PLAN_PROFILE_CSV:
		g_string_append_printf(text, " %s", csv_detail);
		break;
	default:
		break;
	}
	if (profile->n_spikes > 0)
		g_string_append_printf(text, ", %u spike%s", profile->n_spikes,
				       profile->n_spikes == 1 ? "" : "s");
	if (profile->noise > 0) {
		g_autofree char *noise = profile_number(profile->noise * 100);
		g_string_append_printf(text, ", noise %s%%", noise);
	}
	return g_string_free(text, FALSE);
}

static PlanProfile *
profile_new_common(const PlanLoad *load, const PlanProfileClock *clock, PlanProfileKind kind)
{
	PlanProfile *profile = g_new0(PlanProfile, 1);
	double base = clock->base_rps;

	profile->kind = kind;
	profile->start_unix = clock->start_unix;
	profile->step_s = clock->step_s;
	profile->noise = load_figure(load, PLAN_LOAD_NOISE, load->noise, 0);
	/* defaults around the service's base level, so a model without figures still moves
	 * (docs/simulation.md: "Figures left out") */
	profile->level = load_figure(load, PLAN_LOAD_RPS, load->rps, base);
	profile->trough = load_figure(load, PLAN_LOAD_TROUGH, load->trough, 0.3 * base);
	profile->peak = load_figure(load, PLAN_LOAD_PEAK, load->peak, 1.5 * base);
	profile->peak_hour = load->peak_hour;
	profile->weekend_factor = load->weekend_factor;
	profile->from = load_figure(load, PLAN_LOAD_FROM, load->from, 0.5 * base);
	profile->to = load_figure(load, PLAN_LOAD_TO, load->to, 2.0 * base);
	{
		double ramp_s = (load->set & PLAN_LOAD_RAMP_HOURS) && load->ramp_hours > 0
				    ? load->ramp_hours * 3600.0
				    : (double)clock->duration_s;
		profile->ramp_steps = MAX(1, (gint64)llround(ramp_s / (double)clock->step_s));
	}
	return profile;
}

PlanProfile *
plan_profile_new(const PlanLoad *load, const PlanProfileClock *clock, GError **error)
{
	g_autoptr(PlanProfile) profile = NULL;

	g_return_val_if_fail(load != NULL && clock != NULL, NULL);
	g_return_val_if_fail(clock->step_s > 0, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (load->profile == PLAN_PROFILE_CSV) {
		g_autofree char *path = NULL;
		g_autofree char *data = NULL;
		gsize length = 0;

		if (load->file == NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "the 'csv' profile needs \"file\": a CSV of timestamp,value");
			return NULL;
		}
		path = plan_input_resolve_inside(clock->base_dir, load->file, clock->allow_outside,
						 "load.file", error);
		if (path == NULL)
			return NULL;
		if (!plan_input_read(path, &plan_input_csv, &data, &length, error))
			return NULL;
		return plan_profile_new_csv(data, length, path, load, clock, error);
	}

	profile = profile_new_common(load, clock, load->profile);
	if (load->profile == PLAN_PROFILE_CONSTANT || load->profile == PLAN_PROFILE_SPIKE)
		profile_tabulate(profile, clock->step_s);
	else if (load->profile == PLAN_PROFILE_DIURNAL)
		profile_tabulate(profile, SECONDS_PER_DAY);
	else if (load->profile == PLAN_PROFILE_WEEKLY)
		profile_tabulate(profile, SECONDS_PER_WEEK);
	profile_add_spikes(profile, load, clock->base_rps);
	profile->description = profile_description(profile, NULL);
	return g_steal_pointer(&profile);
}

PlanProfile *
plan_profile_new_csv(const char *data, gsize length, const char *display_name, const PlanLoad *load,
		     const PlanProfileClock *clock, GError **error)
{
	g_autoptr(PlanProfile) profile = NULL;
	g_autoptr(GArray) times = NULL;
	g_autoptr(GArray) values = NULL;
	g_autoptr(GArray) steps = NULL;
	g_autofree char *detail = NULL;
	g_autofree char *base = NULL;
	double scale = load_figure(load, PLAN_LOAD_SCALE, load->scale, 1.0);
	gint64 n_steps;

	g_return_val_if_fail(data != NULL || length == 0, NULL);
	g_return_val_if_fail(load != NULL && clock != NULL && clock->step_s > 0, NULL);

	if (!plan_profile_csv_read(data, length, display_name, &times, &values, error))
		return NULL;
	n_steps = plan_profile_span_steps(times, clock->step_s);
	if (n_steps > PLAN_PROFILE_CSV_MAX_STEPS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
			    "%s: the rows span %.0f days, %" G_GINT64_FORMAT
			    " steps of %" G_GINT64_FORMAT " s, over the limit of %" G_GINT64_FORMAT
			    " steps (docs/limits.md); use a longer --step, or a CSV that covers "
			    "less time",
			    display_name,
			    (double)n_steps * (double)clock->step_s / 86400.0, n_steps, clock->step_s,
			    PLAN_PROFILE_CSV_MAX_STEPS);
		return NULL;
	}
	steps = plan_profile_resample(times, values, clock->step_s);
	profile = profile_new_common(load, clock, PLAN_PROFILE_CSV);
	profile->period = steps->len;
	profile->table = g_new(double, steps->len);
	for (guint i = 0; i < steps->len; i++)
		profile->table[i] = g_array_index(steps, double, i) * scale;
	profile_add_spikes(profile, load, clock->base_rps);
	base = g_path_get_basename(display_name);
	detail = g_strdup_printf("%s (%u rows, replayed from its first row)", base, times->len);
	profile->description = profile_description(profile, detail);
	return g_steal_pointer(&profile);
}

/* ---- CSV ------------------------------------------------------------------------------------ */

/* a field without surrounding white space and double quotes: (transfer full) */
static char *
csv_cell(const char *text)
{
	char *cell = g_strstrip(g_strdup(text));
	gsize length = strlen(cell);
	if (length >= 2 && cell[0] == '"' && cell[length - 1] == '"') {
		memmove(cell, cell + 1, length - 2);
		cell[length - 2] = '\0';
		g_strstrip(cell);
	}
	return cell;
}

static gboolean
csv_number(const char *text, double *value)
{
	char *end = NULL;
	if (text[0] == '\0')
		return FALSE;
	*value = g_ascii_strtod(text, &end);
	return end != NULL && *end == '\0' && isfinite(*value);
}

/* epoch seconds (or milliseconds), or ISO 8601 with UTC as the default zone */
static gboolean
csv_timestamp(const char *text, double *seconds)
{
	g_autoptr(GTimeZone) utc = NULL;
	g_autoptr(GDateTime) when = NULL;

	if (csv_number(text, seconds)) {
		if (*seconds > EPOCH_MILLISECONDS_ABOVE)
			*seconds /= 1000.0;
		return TRUE;
	}
	/* a date needs a digit; the rest is GDateTime's to read */
	if (strlen(text) > 64)
		return FALSE;
	utc = g_time_zone_new_utc();
	when = g_date_time_new_from_iso8601(text, utc);
	if (when == NULL)
		return FALSE;
	*seconds =
	    (double)g_date_time_to_unix(when) + (double)g_date_time_get_microsecond(when) / 1e6;
	return TRUE;
}

gboolean
plan_profile_csv_read(const char *data, gsize length, const char *display_name, GArray **times,
		      GArray **values, GError **error)
{
	g_autoptr(GArray) out_times = g_array_new(FALSE, FALSE, sizeof(double));
	g_autoptr(GArray) out_values = g_array_new(FALSE, FALSE, sizeof(double));
	g_autofree char *text = g_strndup(data, length);
	g_auto(GStrv) lines = NULL;
	gboolean first_row = TRUE;
	guint previous_line = 0;

	g_return_val_if_fail(data != NULL || length == 0, FALSE);
	g_return_val_if_fail(times != NULL && values != NULL, FALSE);

	if (memchr(data, '\0', length) != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:1: NUL byte in the file; expected CSV text (timestamp,value)",
			    display_name);
		return FALSE;
	}
	lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		guint line = i + 1;
		g_auto(GStrv) fields = NULL;
		g_autofree char *time_text = NULL;
		g_autofree char *value_text = NULL;
		double when = 0;
		double value = 0;
		char *stripped = g_strstrip(lines[i]);

		if (stripped[0] == '\0' || stripped[0] == '#')
			continue;
		fields = g_strsplit(stripped, ",", 3);
		if (g_strv_length(fields) < 2) {
			g_autofree char *shown = plan_text_excerpt(stripped, -1);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u: expected 'timestamp,value', got '%s'", display_name,
				    line, shown);
			return FALSE;
		}
		time_text = csv_cell(fields[0]);
		value_text = csv_cell(fields[1]);
		if (!csv_number(value_text, &value)) {
			/* the first row may be a header such as "Timestamp,Value" */
			if (first_row && !csv_timestamp(time_text, &when)) {
				first_row = FALSE;
				continue;
			}
			g_autofree char *shown = plan_text_excerpt(value_text, -1);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u: the value '%s' is not a number", display_name, line,
				    shown);
			return FALSE;
		}
		first_row = FALSE;
		if (value < 0) {
			g_autofree char *shown = plan_text_excerpt(value_text, -1);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u: the value '%s' is negative; demand is requests per "
				    "second, 0 or more",
				    display_name, line, shown);
			return FALSE;
		}
		if (value > PLAN_PROFILE_CSV_MAX_VALUE) {
			g_autofree char *shown = plan_text_excerpt(value_text, -1);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
				    "%s:%u: the value '%s' is over 1000000000 requests per second, "
				    "the limit (docs/limits.md); give requests per second, or use "
				    "\"scale\" to convert",
				    display_name, line, shown);
			return FALSE;
		}
		if (!csv_timestamp(time_text, &when)) {
			g_autofree char *shown = plan_text_excerpt(time_text, -1);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u: cannot read the timestamp '%s'; expected ISO 8601 "
				    "(2024-01-01T00:00:00Z) or epoch seconds",
				    display_name, line, shown);
			return FALSE;
		}
		if (when < 0 || when > (double)PLAN_PROFILE_CSV_TIME_MAX) {
			g_autofree char *shown = plan_text_excerpt(time_text, -1);
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
				    "%s:%u: the timestamp '%s' is outside 1970-01-01 to 9999-12-31 "
				    "(docs/limits.md); give ISO 8601 or epoch seconds (milliseconds "
				    "above 10^11) in those years",
				    display_name, line, shown);
			return FALSE;
		}
		if (out_times->len > 0 &&
		    when <= g_array_index(out_times, double, out_times->len - 1)) {
			g_autofree char *shown = plan_text_excerpt(time_text, -1);
			g_set_error(
			    error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u: the timestamp '%s' is not after the one on line %u; rows "
			    "must be in increasing time",
			    display_name, line, shown, previous_line);
			return FALSE;
		}
		g_array_append_val(out_times, when);
		g_array_append_val(out_values, value);
		previous_line = line;
	}
	if (out_times->len == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:1: no data rows; expected lines of timestamp,value", display_name);
		return FALSE;
	}
	*times = g_steal_pointer(&out_times);
	*values = g_steal_pointer(&out_values);
	return TRUE;
}

gint64
plan_profile_span_steps(const GArray *times, gint64 step_s)
{
	guint n;
	double t0;
	double span;
	double steps;

	g_return_val_if_fail(times != NULL && times->len > 0 && step_s > 0, 0);
	n = times->len;
	t0 = g_array_index(times, double, 0);
	/* the series covers its last row's interval too: n rows at 5 minutes span n × 5 min */
	span = n >= 2
		   ? g_array_index(times, double, n - 1) - t0 +
			 (g_array_index(times, double, n - 1) - g_array_index(times, double, n - 2))
		   : (double)step_s;
	steps = ceil(span / (double)step_s - 1e-9);
	/* beyond any limit, without overflowing the conversion */
	if (!(steps < 1e15))
		return G_GINT64_CONSTANT(1000000000000000);
	return MAX(1, (gint64)steps);
}

GArray *
plan_profile_resample(const GArray *times, const GArray *values, gint64 step_s)
{
	GArray *out;
	guint n = times->len;
	double t0;
	gint64 n_steps;
	guint at = 0;

	g_return_val_if_fail(times != NULL && values != NULL && times->len == values->len, NULL);
	g_return_val_if_fail(times->len > 0 && step_s > 0, NULL);

	t0 = g_array_index(times, double, 0);
	n_steps = plan_profile_span_steps(times, step_s);
	g_return_val_if_fail(n_steps <= PLAN_PROFILE_CSV_MAX_STEPS, NULL);
	out = g_array_sized_new(FALSE, FALSE, sizeof(double), (guint)n_steps);
	for (gint64 j = 0; j < n_steps; j++) {
		double lo = t0 + (double)j * (double)step_s;
		double hi = lo + (double)step_s;
		double sum = 0;
		guint count = 0;
		double value;

		while (at < n && g_array_index(times, double, at) < lo)
			at++;
		for (guint i = at; i < n && g_array_index(times, double, i) < hi; i++) {
			sum += g_array_index(values, double, i);
			count++;
		}
		if (count > 0) {
			value = sum / count;
		} else if (at >= n) {
			value = g_array_index(values, double, n - 1);
		} else if (at == 0) {
			/* only when lo rounds below t0; timestamps up to 9999 leave no room */
			value = g_array_index(values, double, 0);
		} else {
			/* at > 0 here: times[0] = t0 ≤ lo, and no sample lies in [lo, hi) */
			double ta = g_array_index(times, double, at - 1);
			double tb = g_array_index(times, double, at);
			double va = g_array_index(values, double, at - 1);
			double vb = g_array_index(values, double, at);
			/* the fraction first: (vb - va) × (lo - ta) alone may overflow */
			value = va + (vb - va) * ((lo - ta) / (tb - ta));
		}
		g_array_append_val(out, value);
	}
	return out;
}
