/* ecsplan: libFuzzer target for load-profile CSVs (planner/profile.c: the reader, the
 * resampler, the profile table). Any bytes in: no crash, leak, undefined behaviour or GLib
 * critical. Beyond that:
 * - the rows read have increasing times from 1970 to 9999 and values from 0 to 10^9;
 * - a profile is built exactly when the series spans at most PLAN_PROFILE_CSV_MAX_STEPS
 *   steps, and its demand is finite and not negative;
 * - a message quotes no more than a short excerpt of the input. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "plan-error.h"
#include "profile.h"

/* the fuzzer builds tables of at most this many steps, for speed; past the limit it checks
 * only that the profile is refused */
#define FUZZ_CSV_TABLE_MAX 200000

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const gint64 step_choices[] = {1, 5, 60, 300};
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) times = NULL;
	g_autoptr(GArray) values = NULL;
	g_autoptr(PlanProfile) profile = NULL;
	g_autoptr(GPtrArray) spikes = g_ptr_array_new();
	PlanLoad load = {.spikes = spikes};
	PlanProfileClock clock = {.start_unix = 1704067200, .duration_s = 86400, .base_rps = 100};
	gint64 span;
	double demand[16];

	clock.step_s = step_choices[size > 0 ? data[size - 1] % G_N_ELEMENTS(step_choices) : 0];
	if (!plan_profile_csv_read((const char *)data, size, "fuzz.csv", &times, &values,
				   &error)) {
		g_assert(error != NULL && error->message[0] != '\0');
		/* "fuzz.csv:LINE: " and a sentence around excerpts of at most 80 characters */
		g_assert(strlen(error->message) < 1200);
		return 0;
	}
	g_assert(times->len == values->len && times->len > 0);
	for (guint i = 0; i < times->len; i++) {
		double t = g_array_index(times, double, i);
		g_assert(t >= 0 && t <= (double)PLAN_PROFILE_CSV_TIME_MAX);
		g_assert(i == 0 || t > g_array_index(times, double, i - 1));
		g_assert(g_array_index(values, double, i) >= 0);
		g_assert(g_array_index(values, double, i) <= PLAN_PROFILE_CSV_MAX_VALUE);
	}
	span = plan_profile_span_steps(times, clock.step_s);
	g_assert(span >= 1);
	if (span > FUZZ_CSV_TABLE_MAX && span <= PLAN_PROFILE_CSV_MAX_STEPS)
		return 0;
	load.profile = PLAN_PROFILE_CSV;
	profile = plan_profile_new_csv((const char *)data, size, "fuzz.csv", &load, &clock, &error);
	if (span > PLAN_PROFILE_CSV_MAX_STEPS) {
		g_assert(profile == NULL);
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
		return 0;
	}
	g_assert_no_error(error);
	g_assert(profile != NULL);
	plan_profile_fill(profile, 0, G_N_ELEMENTS(demand), NULL, demand);
	for (guint i = 0; i < G_N_ELEMENTS(demand); i++)
		g_assert(isfinite(demand[i]) && demand[i] >= 0);
	g_assert(isfinite(plan_profile_base(profile, span + 7)));
	return 0;
}
