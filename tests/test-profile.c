/* ecsplan: unit tests for the load profiles (planner/sim/profile.c): diurnal and weekly shapes,
 * seeded noise, and CSV profiles resampled to the step, with their errors. Every case states the
 * numbers it expects and why; docs/simulation.md gives the rules they follow. */
#include "model.h"
#include "profile.h"
#include "plan-error.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* the model's element types have no autoptr cleanups of their own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanService, plan_service_free)

static PlanProfileClock
clock_minutes(void)
{
	PlanProfileClock clock = {
	    .start_unix = 1704067200, .step_s = 60, .duration_s = 86400, .base_rps = 100};
	return clock;
}

/* diurnal: the peak at peak_hour, the trough twelve hours away */
static void
test_profile_diurnal(void)
{
	g_autoptr(PlanService) service = plan_service_new();
	PlanProfileClock clock = clock_minutes();
	g_autoptr(PlanProfile) profile = NULL;
	g_autoptr(GError) error = NULL;
	double best = -1;
	gint64 best_step = -1;

	service->load.present = TRUE;
	service->load.profile = PLAN_PROFILE_DIURNAL;
	service->load.set = PLAN_LOAD_TROUGH | PLAN_LOAD_PEAK | PLAN_LOAD_PEAK_HOUR;
	service->load.trough = 200;
	service->load.peak = 1200;
	service->load.peak_hour = 14;
	profile = plan_profile_new(&service->load, &clock, &error);
	g_assert_no_error(error);
	for (gint64 step = 0; step < 1440; step++) {
		double value = plan_profile_base(profile, step);
		if (value > best) {
			best = value;
			best_step = step;
		}
	}
	g_assert_cmpint(best_step, ==, 14 * 60);
	g_assert_cmpfloat_with_epsilon(best, 1200, 1e-9);
	g_assert_cmpfloat_with_epsilon(plan_profile_base(profile, 2 * 60), 200, 1e-9);
	/* the next day repeats */
	g_assert_cmpfloat_with_epsilon(plan_profile_base(profile, 1440 + 14 * 60), 1200, 1e-9);
}

/* weekly: Saturday and Sunday scaled by weekend_factor (2024-01-06 was a Saturday) */
static void
test_profile_weekly(void)
{
	g_autoptr(PlanService) service = plan_service_new();
	PlanProfileClock clock = clock_minutes();
	g_autoptr(PlanProfile) profile = NULL;
	g_autoptr(GError) error = NULL;

	service->load.profile = PLAN_PROFILE_WEEKLY;
	service->load.set = PLAN_LOAD_TROUGH | PLAN_LOAD_PEAK | PLAN_LOAD_WEEKEND_FACTOR;
	service->load.trough = 100;
	service->load.peak = 1000;
	service->load.weekend_factor = 0.5;
	clock.duration_s = 7 * 86400;
	profile = plan_profile_new(&service->load, &clock, &error);
	g_assert_no_error(error);
	g_assert_cmpfloat_with_epsilon(plan_profile_base(profile, 14 * 60), 1000, 1e-9);
	g_assert_cmpfloat_with_epsilon(plan_profile_base(profile, 5 * 1440 + 14 * 60), 500, 1e-9);
}

/* noise is multiplicative with the standard deviation asked for, and seeded */
static void
test_profile_noise(void)
{
	g_autoptr(PlanService) service = plan_service_new();
	PlanProfileClock clock = clock_minutes();
	g_autoptr(PlanProfile) profile = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree double *values = g_new0(double, 100000);
	g_autofree double *again = g_new0(double, 100000);
	PlanRng rng;
	double sum = 0;
	double squares = 0;

	service->load.set = PLAN_LOAD_RPS | PLAN_LOAD_NOISE;
	service->load.rps = 1000;
	service->load.noise = 0.1;
	profile = plan_profile_new(&service->load, &clock, &error);
	g_assert_no_error(error);
	plan_rng_seed(&rng, 42);
	plan_profile_fill(profile, 0, 100000, &rng, values);
	plan_rng_seed(&rng, 42);
	/* chunked differently, the same stream */
	plan_profile_fill(profile, 0, 1000, &rng, again);
	plan_profile_fill(profile, 1000, 99000, &rng, again + 1000);
	g_assert_cmpmem(values, 100000 * sizeof(double), again, 100000 * sizeof(double));
	for (guint i = 0; i < 100000; i++) {
		sum += values[i];
		squares += values[i] * values[i];
	}
	/* mean 1000, standard deviation 100, within sampling error */
	g_assert_cmpfloat(fabs(sum / 100000 - 1000), <, 2);
	g_assert_cmpfloat(fabs(sqrt(squares / 100000 - (sum / 100000) * (sum / 100000)) - 100), <,
			  2);
}

/* the one-pass fill (a table with noise: the draws first, then the table's runs times their
 * factors four at a time) gives the bits of the plain formula worked step by step: base(step)
 * × (1 + noise × normalish(the next draw)), or 0 where that factor is not above 0. Noise 0.5
 * makes factors at or below 0 (normalish reaches −3.46), chunks of 1,024 cross the 1,440-step
 * day, 1,023 leaves tails of 3 for the scalar lanes, and 5,000 takes the two-pass path */
static void
test_profile_noise_one_pass(void)
{
	g_autoptr(PlanService) service = plan_service_new();
	PlanProfileClock clock = clock_minutes();
	g_autoptr(PlanProfile) profile = NULL;
	g_autoptr(GError) error = NULL;
	const guint lengths[] = {1024, 1023, 5000, 1, 4};
	guint total = 0;
	PlanRng fast;
	PlanRng plain;
	guint zeros = 0;

	service->load.present = TRUE;
	service->load.profile = PLAN_PROFILE_DIURNAL;
	service->load.set = PLAN_LOAD_TROUGH | PLAN_LOAD_PEAK | PLAN_LOAD_PEAK_HOUR | PLAN_LOAD_NOISE;
	service->load.trough = 200;
	service->load.peak = 1200;
	service->load.peak_hour = 14;
	service->load.noise = 0.5;
	clock.duration_s = 3 * 86400;
	profile = plan_profile_new(&service->load, &clock, &error);
	g_assert_no_error(error);
	plan_rng_seed(&fast, 7);
	plan_rng_seed(&plain, 7);
	for (guint c = 0; c < G_N_ELEMENTS(lengths); c++) {
		g_autofree double *values = g_new0(double, lengths[c]);
		plan_profile_fill(profile, total, lengths[c], &fast, values);
		for (guint i = 0; i < lengths[c]; i++) {
			double factor = 1.0 + 0.5 * plan_rng_normalish(&plain);
			double want =
			    factor > 0 ? plan_profile_base(profile, total + i) * factor : 0;
			g_assert_cmpmem(&values[i], sizeof(double), &want, sizeof(double));
			zeros += values[i] == 0 ? 1 : 0;
		}
		total += lengths[c];
	}
	/* factor ≤ 0 needs normalish ≤ −2, about 1% of the Irwin–Hall draws: some of 7,052 */
	g_assert_cmpuint(zeros, >, 10);
	g_assert_cmpuint(zeros, <, 300);
	/* both streams are at the same place after it */
	g_assert_cmpuint(plan_rng_next(&fast), ==, plan_rng_next(&plain));
}

/* CSV at 5 minutes onto 1-minute steps: linear between samples; at 30 s: the mean of two */
static void
test_profile_csv_resample(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) times = NULL;
	g_autoptr(GArray) values = NULL;
	g_autoptr(GArray) steps = NULL;
	const char *five = "Timestamp,Value\n"
			   "2024-01-01T00:00:00Z,0\n"
			   "2024-01-01T00:05:00Z,300\n"
			   "1704067800,600\n";
	const char *thirty = "# per 30 s, epoch milliseconds\n"
			     "1704067200000,10\n1704067230000,20\n1704067260000,30\n"
			     "1704067290000,40\n";

	g_assert_true(
	    plan_profile_csv_read(five, strlen(five), "five.csv", &times, &values, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(times->len, ==, 3);
	steps = plan_profile_resample(times, values, 60);
	/* 3 rows 5 minutes apart cover 15 minutes */
	g_assert_cmpuint(steps->len, ==, 15);
	g_assert_cmpfloat_with_epsilon(g_array_index(steps, double, 0), 0, 1e-9);
	g_assert_cmpfloat_with_epsilon(g_array_index(steps, double, 1), 60, 1e-9);
	g_assert_cmpfloat_with_epsilon(g_array_index(steps, double, 7), 420, 1e-9);
	g_assert_cmpfloat_with_epsilon(g_array_index(steps, double, 14), 600, 1e-9);
	g_clear_pointer(&times, g_array_unref);
	g_clear_pointer(&values, g_array_unref);
	g_clear_pointer(&steps, g_array_unref);

	g_assert_true(
	    plan_profile_csv_read(thirty, strlen(thirty), "thirty.csv", &times, &values, &error));
	steps = plan_profile_resample(times, values, 60);
	g_assert_cmpuint(steps->len, ==, 2);
	g_assert_cmpfloat_with_epsilon(g_array_index(steps, double, 0), 15, 1e-9);
	g_assert_cmpfloat_with_epsilon(g_array_index(steps, double, 1), 35, 1e-9);
}

static void
test_profile_csv_errors(void)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
	    {"t,v\n2024-01-01T00:00:00Z,1\nyesterday,2\n",
	     "bad.csv:3: cannot read the timestamp 'yesterday'; expected ISO 8601 "
	     "(2024-01-01T00:00:00Z) or epoch seconds"},
	    {"1704067200,1\n1704067260,lots\n", "bad.csv:2: the value 'lots' is not a number"},
	    {"1704067200,1\n1704067260,-4\n",
	     "bad.csv:2: the value '-4' is negative; demand is requests per second, 0 or more"},
	    {"1704067260,1\n\n1704067200,2\n",
	     "bad.csv:3: the timestamp '1704067200' is not after the one on line 1; rows must be "
	     "in increasing time"},
	    {"1704067200\n", "bad.csv:1: expected 'timestamp,value', got '1704067200'"},
	    {"timestamp,value\n", "bad.csv:1: no data rows; expected lines of timestamp,value"},
	    {"", "bad.csv:1: no data rows; expected lines of timestamp,value"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GArray) times = NULL;
		g_autoptr(GArray) values = NULL;
		g_assert_false(plan_profile_csv_read(cases[i].text, strlen(cases[i].text),
						     "bad.csv", &times, &values, &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==, cases[i].message);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/profile/diurnal", test_profile_diurnal);
	g_test_add_func("/planner/profile/weekly", test_profile_weekly);
	g_test_add_func("/planner/profile/noise", test_profile_noise);
	g_test_add_func("/planner/profile/noise-one-pass", test_profile_noise_one_pass);
	g_test_add_func("/planner/profile/csv-resample", test_profile_csv_resample);
	g_test_add_func("/planner/profile/csv-errors", test_profile_csv_errors);
	return g_test_run();
}
