/* ecsplan: progress on a terminal for a run that takes more than a second (issue 16, item 7).
 *
 * A thread wakes every tenth of a second and, once the run has lasted PLAN_CLI_PROGRESS_DELAY_MS,
 * redraws one line on stderr: a bar and a percentage when the engine reports how far it is (a
 * progress callback), else the time so far. The engine's callbacks only store two numbers, so
 * a callback on a busy loop costs a mutex, never a write. Nothing is drawn unless stderr is a
 * terminal that shows what \r does (not TERM=dumb) and the command is not --quiet, so pipes,
 * files and the golden tests never see it; the line is wiped before the command prints. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* a run shorter than this shows nothing: no flicker on the usual, fast commands */
#define PLAN_CLI_PROGRESS_DELAY_MS 1000
#define PLAN_CLI_PROGRESS_TICK_MS 100
#define PLAN_CLI_PROGRESS_WIDTH 30

struct _PlanCliProgress {
	char *label; /* "comparing", "simulating" */
	gint64 started_us;
	gint64 delay_us;
	GMutex lock; /* guards the fields below */
	GCond wake;
	gboolean stopping;
	guint64 done;
	guint64 total; /* 0: not known, the time is shown instead */
	gboolean drawn;
	GThread *thread;
};

/* the delay, shortened by tests that need the line on a fast run */
static gint64
plan_cli_progress_delay_us(void)
{
	const char *text = g_getenv("ECSPLAN_TEST_PROGRESS_DELAY_MS");
	guint64 ms = PLAN_CLI_PROGRESS_DELAY_MS;

	if (text != NULL && !g_ascii_string_to_unsigned(text, 10, 0, 60000, &ms, NULL))
		ms = PLAN_CLI_PROGRESS_DELAY_MS;
	return (gint64)ms * 1000;
}

/* one line, redrawn over itself; called with the lock held */
static void
plan_cli_progress_draw(PlanCliProgress *progress, gint64 now_us)
{
	guint seconds = (guint)((now_us - progress->started_us) / G_USEC_PER_SEC);

	if (progress->total > 0) {
		guint64 done = MIN(progress->done, progress->total);
		guint filled = (guint)(done * PLAN_CLI_PROGRESS_WIDTH / progress->total);
		char bar[PLAN_CLI_PROGRESS_WIDTH + 1];

		for (guint i = 0; i < PLAN_CLI_PROGRESS_WIDTH; i++)
			bar[i] = i < filled ? '#' : '.';
		bar[PLAN_CLI_PROGRESS_WIDTH] = '\0';
		fprintf(stderr, "\r%s [%s] %3u%% %u s", progress->label, bar,
			(guint)(done * 100 / progress->total), seconds);
	} else {
		fprintf(stderr, "\r%s... %u s", progress->label, seconds);
	}
	fflush(stderr);
	progress->drawn = TRUE;
}

static gpointer
plan_cli_progress_thread(gpointer data)
{
	PlanCliProgress *progress = data;

	g_mutex_lock(&progress->lock);
	while (!progress->stopping) {
		gint64 now = g_get_monotonic_time();
		if (now - progress->started_us >= progress->delay_us)
			plan_cli_progress_draw(progress, now);
		g_cond_wait_until(&progress->wake, &progress->lock,
				  now + PLAN_CLI_PROGRESS_TICK_MS * G_TIME_SPAN_MILLISECOND);
	}
	g_mutex_unlock(&progress->lock);
	return NULL;
}

/**
 * plan_cli_progress_start:
 * @label: what the run is doing ("comparing")
 * @quiet: the command's --quiet: no progress either
 *
 * Returns: (transfer full) (nullable): the progress, or NULL when stderr is not a terminal that
 * can show it, or @quiet; plan_cli_progress_update() and plan_cli_progress_stop() take NULL
 */
PlanCliProgress *
plan_cli_progress_start(const char *label, gboolean quiet)
{
	PlanCliProgress *progress;

	if (quiet || !isatty(STDERR_FILENO) || g_strcmp0(g_getenv("TERM"), "dumb") == 0)
		return NULL;
	progress = g_new0(PlanCliProgress, 1);
	progress->label = g_strdup(label);
	progress->started_us = g_get_monotonic_time();
	progress->delay_us = plan_cli_progress_delay_us();
	g_mutex_init(&progress->lock);
	g_cond_init(&progress->wake);
	/* no thread (a process at its limit): no progress line, and the run goes on */
	progress->thread =
	    g_thread_try_new("ecsplan-progress", plan_cli_progress_thread, progress, NULL);
	if (progress->thread == NULL) {
		g_mutex_clear(&progress->lock);
		g_cond_clear(&progress->wake);
		g_free(progress->label);
		g_free(progress);
		return NULL;
	}
	return progress;
}

/**
 * plan_cli_progress_update:
 * @done: the units of work done
 * @total: the units of the whole run (0: unknown)
 * @user_data: (nullable): the PlanCliProgress
 *
 * Records how far the run is; the thread draws it. The signature is the engine's progress
 * callback's (PlanSimProgressFunc, PlanProgressFunc).
 */
void
plan_cli_progress_update(guint64 done, guint64 total, gpointer user_data)
{
	PlanCliProgress *progress = user_data;

	if (progress == NULL)
		return;
	g_mutex_lock(&progress->lock);
	progress->done = done;
	progress->total = total;
	g_mutex_unlock(&progress->lock);
}

/**
 * plan_cli_progress_stop:
 * @progress: (nullable) (transfer full)
 *
 * Ends the thread and wipes the line when one was drawn (a run past the delay gets its last
 * state drawn once, so a run that ends between two ticks still shows 100%), then frees.
 */
void
plan_cli_progress_stop(PlanCliProgress *progress)
{
	gint64 now;

	if (progress == NULL)
		return;
	g_mutex_lock(&progress->lock);
	progress->stopping = TRUE;
	g_cond_signal(&progress->wake);
	g_mutex_unlock(&progress->lock);
	g_thread_join(progress->thread);

	now = g_get_monotonic_time();
	if (now - progress->started_us >= progress->delay_us)
		plan_cli_progress_draw(progress, now);
	if (progress->drawn) {
		/* the label, the bar and the figures: wipe them all */
		int width = (int)strlen(progress->label) + PLAN_CLI_PROGRESS_WIDTH + 20;
		fprintf(stderr, "\r%*s\r", width, "");
		fflush(stderr);
	}
	g_mutex_clear(&progress->lock);
	g_cond_clear(&progress->wake);
	g_free(progress->label);
	g_free(progress);
}
