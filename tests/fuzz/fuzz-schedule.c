/* ecsplan: libFuzzer target for scheduled-action expressions (planner/model/schedule.c: at, rate,
 * cron). Any bytes in: no crash, leak, undefined behaviour or GLib critical. Beyond that:
 * - plan_schedule_check() and plan_schedule_steps() agree on what can be read;
 * - the steps are ascending, distinct and inside the run;
 * - a failure says why. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "plan-error.h"
#include "schedule.h"

FUZZ_DEFINE_INITIALIZE

/* one run: a week of minutes from a Monday, or a year of hours */
static void
fuzz_schedule_run(const char *text, gboolean readable, gint64 step_s, gint64 n_steps,
		  guint max_fires)
{
	const gint64 start = 1704067200; /* 2024-01-01T00:00:00Z, a Monday */
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) steps = plan_schedule_steps(text, start, step_s, n_steps, max_fires, &error);

	if (steps == NULL) {
		g_assert(error != NULL && error->message[0] != '\0');
		/* what check() accepts fails only on the fire limit */
		g_assert(readable == (error->code == PLAN_ERROR_LIMIT));
		return;
	}
	g_assert(readable);
	g_assert(steps->len <= max_fires);
	for (guint i = 0; i < steps->len; i++) {
		gint64 step = g_array_index(steps, gint64, i);
		g_assert(step >= 0 && step < n_steps);
		g_assert(i == 0 || step > g_array_index(steps, gint64, i - 1));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	gboolean readable;

	/* schedules are JSON strings: no NUL inside */
	if (memchr(data, '\0', size) != NULL)
		return 0;
	text = g_strndup((const char *)data, size);
	readable = plan_schedule_check(text, &error);
	g_assert(readable == (error == NULL));
	if (!readable)
		g_assert(error->domain == PLAN_ERROR && error->code == PLAN_ERROR_INVALID_MODEL &&
			 error->message[0] != '\0');
	fuzz_schedule_run(text, readable, 60, 7 * 1440, PLAN_SCHEDULE_MAX_FIRES);
	fuzz_schedule_run(text, readable, 3600, 366 * 24, 1000);
	return 0;
}
