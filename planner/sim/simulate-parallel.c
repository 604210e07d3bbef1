/* the simulator's runs on a thread pool. Each run is a task of its own; or, when the plan
 * steps in blocks (sim_plan_blocked(): no service can change what another does) and more than
 * one thread runs, each run is cut into parts, ranges of its services, and each part steps
 * through a segment of time as a task of its own. The parts of a run meet at the end of each
 * segment: the last to finish replays their subnet changes in the order one run makes them
 * (sim_replay_subnets()) and queues the next segment. Many small tasks share the work out
 * evenly between the threads whatever the number of runs (3 runs on 2 threads), however the
 * runs differ in length, and when another process slows one core down. Results are stored by
 * run index, so the output is the same bytes whatever the threads and their timing. */
#include "simulate-private.h"

#include <string.h>
#include <time.h>

/* the steps of a segment: a split run's parts meet this often (16 blocks of SIM_CHUNK, 11
 * days at 60 s steps; a task of 25 services' segment is about a millisecond), and their logs
 * of subnet changes hold one segment's */
#define SIM_SEGMENT_STEPS (16 * (gint64)SIM_CHUNK)
/* split runs under way at once, per thread: each holds its states */
#define SIM_RUNS_PER_THREAD 2

double
sim_thread_cpu_s(void)
{
	struct timespec now;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

typedef struct SimJobs SimJobs;

/* a part of a split run, pushed to the pool once per segment; or, part SIM_START_PART, the
 * start of a run */
typedef struct {
	SimJobs *jobs;
	guint run;
	guint part;
} SimPartTask;
#define SIM_START_PART G_MAXUINT

/* a run cut into parts */
typedef struct {
	SimRun *run;	    /* its subnets (replayed into), at the end every service's state */
	SimRun **parts;	    /* [n_parts], in service order */
	SimPartTask *tasks; /* [n_parts] */
	gint64 from;	    /* the segment its parts step: from, to − 1 */
	gint64 to;
	gint left; /* atomic: parts still stepping it */
} SimSplitRun;

struct SimJobs {
	const SimPlan *plan;
	PlanSimRun **results;
	GThreadPool *pool;
	guint n_parts;	     /* 1: whole runs */
	SimSplitRun *split;  /* [runs] when n_parts > 1 */
	SimPartTask *starts; /* [runs]: the first runs' starts, queued by the calling thread */
	gint next_run;	     /* atomic: the next split run to start */
	gint progress;	     /* atomic: SIM_PROGRESS_STEPS units */
	gint done;	     /* runs done, under lock */
	GMutex lock;
	GCond finished;
	/* nullable: filled in under lock, with the workers it names */
	PlanSimTimings *timings;
	gint64 runs_start;
	GThread *workers[PLAN_SIM_TIMED_THREADS];
};

/* a task ends: its CPU time to its worker's figures, and @run_done: a run is finished */
static void
sim_jobs_task_end(SimJobs *jobs, double cpu_start, gboolean run_done)
{
	if (jobs->timings == NULL && !run_done)
		return;
	g_mutex_lock(&jobs->lock);
	if (jobs->timings != NULL) {
		PlanSimTimings *timings = jobs->timings;
		GThread *self = g_thread_self();
		guint i = 0;

		while (i < timings->threads && jobs->workers[i] != self)
			i++;
		if (i == timings->threads && i < PLAN_SIM_TIMED_THREADS) {
			jobs->workers[i] = self;
			timings->threads++;
		}
		i = MIN(i, PLAN_SIM_TIMED_THREADS - 1);
		timings->thread_cpu_s[i] += sim_thread_cpu_s() - cpu_start;
		timings->thread_tasks[i]++;
		timings->thread_end_s[i] =
		    (double)(g_get_monotonic_time() - jobs->runs_start) / 1e6;
		timings->tasks++;
	}
	if (run_done) {
		jobs->done++;
		g_cond_signal(&jobs->finished);
	}
	g_mutex_unlock(&jobs->lock);
}

/* a whole run; @data is its index + 1 */
static void
sim_job(gpointer data, gpointer user_data)
{
	SimJobs *jobs = user_data;
	guint index = GPOINTER_TO_UINT(data) - 1;
	double cpu_start = jobs->timings != NULL ? sim_thread_cpu_s() : 0;
	g_autoptr(SimRun) run = sim_run_new(jobs->plan, index, &jobs->progress);

	sim_run_init(run);
	sim_run_steps(run);
	jobs->results[index] = sim_run_result(run);
	g_clear_pointer(&run, sim_run_free);
	g_atomic_int_inc(&jobs->progress);
	sim_jobs_task_end(jobs, cpu_start, TRUE);
}

/* ---- split runs -------------------------------------------------------------------------- */

/* queues the segment of @split's parts that starts at @from; the AZ failure, when it falls
 * there, first takes each part's services in turn, and its subnet changes are replayed before
 * any the step makes, as one run makes them */
static void
sim_split_segment(SimJobs *jobs, SimSplitRun *split, gint64 from)
{
	const SimPlan *plan = jobs->plan;
	gint64 to = MIN(plan->n_steps, (from / SIM_SEGMENT_STEPS + 1) * SIM_SEGMENT_STEPS);

	if (plan->fail_slot >= 0 && from == plan->fail_step) {
		for (guint p = 0; p < jobs->n_parts; p++) {
			split->parts[p]->step = from;
			sim_fail_az(split->parts[p]);
		}
		sim_replay_subnets(split->run, split->parts, jobs->n_parts, from, from + 1);
	}
	if (plan->fail_slot >= 0 && plan->fail_step > from && plan->fail_step < to)
		to = plan->fail_step;
	split->from = from;
	split->to = to;
	g_atomic_int_set(&split->left, (gint)jobs->n_parts);
	for (guint p = 0; p < jobs->n_parts; p++)
		g_thread_pool_push(jobs->pool, &split->tasks[p], NULL);
}

/* makes run @r's parts, places their initial tasks and queues its first segment */
static void
sim_split_start(SimJobs *jobs, guint r)
{
	const SimPlan *plan = jobs->plan;
	SimSplitRun *split = &jobs->split[r];
	guint n = plan->n_services;

	split->run = sim_run_new_range(plan, r, NULL, 0, 0);
	split->parts = g_new0(SimRun *, jobs->n_parts);
	split->tasks = g_new0(SimPartTask, jobs->n_parts);
	for (guint p = 0; p < jobs->n_parts; p++) {
		/* part 0 counts the run's progress: every part steps the same blocks */
		SimRun *part =
		    sim_run_new_range(plan, r, p == 0 ? &jobs->progress : NULL,
				      p * n / jobs->n_parts, (p + 1) * n / jobs->n_parts);

		part->part = TRUE;
		part->log_subnets = TRUE;
		/* the points of a step are indexed by service: the parts write the run's series */
		if (part->series != NULL) {
			g_free(part->series);
			part->series = split->run->series;
			part->series_borrowed = TRUE;
		}
		split->parts[p] = part;
		split->tasks[p] = (SimPartTask){jobs, r, p};
		sim_run_init(part);
	}
	/* the initial tasks' addresses, at step 0 before any the step itself changes */
	sim_replay_subnets(split->run, split->parts, jobs->n_parts, 0, 1);
	sim_split_segment(jobs, split, 0);
}

/* run @r's parts are through: their services' states into the run, its result, and the next
 * run started */
static void
sim_split_finish(SimJobs *jobs, guint r)
{
	const SimPlan *plan = jobs->plan;
	SimSplitRun *split = &jobs->split[r];
	SimRun *run = split->run;
	gint next;

	for (guint p = 0; p < jobs->n_parts; p++) {
		SimRun *part = split->parts[p];
		for (guint s = part->first_service; s < part->end_service; s++) {
			run->services[s] = part->services[s];
			memset(&part->services[s], 0, sizeof part->services[s]);
		}
		run->n_series += part->n_series;
	}
	/* every part lost the same NAT gateways at the same step */
	memcpy(run->nat_lost_step, split->parts[0]->nat_lost_step,
	       MAX(plan->n_nats, 1) * sizeof *run->nat_lost_step);
	run->step = plan->n_steps;
	jobs->results[r] = sim_run_result(run);
	for (guint p = 0; p < jobs->n_parts; p++)
		sim_run_free(split->parts[p]);
	g_clear_pointer(&split->parts, g_free);
	g_clear_pointer(&split->tasks, g_free);
	g_clear_pointer(&split->run, sim_run_free);
	g_atomic_int_inc(&jobs->progress);
	next = g_atomic_int_add(&jobs->next_run, 1);
	if ((guint)next < plan->options.runs)
		sim_split_start(jobs, (guint)next);
}

/* a part of a split run through its segment; the last part of the segment to finish replays
 * the segment's subnet changes, then queues the next segment or finishes the run */
static void
sim_part_job(gpointer data, gpointer user_data)
{
	SimPartTask *task = data;
	SimJobs *jobs = user_data;
	SimSplitRun *split = &jobs->split[task->run];
	guint r = task->run;
	double cpu_start = jobs->timings != NULL ? sim_thread_cpu_s() : 0;
	gboolean run_done = FALSE;

	/* on a worker, not the calling thread: the states and initial placements are work too */
	if (task->part == SIM_START_PART) {
		sim_split_start(jobs, r);
		sim_jobs_task_end(jobs, cpu_start, FALSE);
		return;
	}
	sim_run_blocks(split->parts[task->part], split->from, split->to);
	if (g_atomic_int_dec_and_test(&split->left)) {
		sim_replay_subnets(split->run, split->parts, jobs->n_parts, split->from, split->to);
		if (split->to < jobs->plan->n_steps) {
			sim_split_segment(jobs, split, split->to);
		} else {
			sim_split_finish(jobs, r);
			run_done = TRUE;
		}
	}
	sim_jobs_task_end(jobs, cpu_start, run_done);
}

/* ---- all runs ------------------------------------------------------------------------------ */

static guint
sim_threads(const PlanSimOptions *options)
{
	guint threads = options->threads > 0 ? options->threads : g_get_num_processors();
	return MAX(1, MIN(threads, options->runs));
}

void
sim_run_all(const SimPlan *plan, PlanSimRun **results, PlanSimTimings *timings)
{
	const PlanSimOptions *options = &plan->options;
	SimJobs jobs = {.plan = plan, .results = results, .n_parts = 1, .timings = timings};
	guint threads = sim_threads(options);
	/* the units the runs count (SIM_PROGRESS_STEPS): they were once compared with a total
	 * of service-steps, so the bar sat at 0% and jumped to 100% */
	guint64 total = (guint64)options->runs * ((guint64)plan->n_steps / SIM_PROGRESS_STEPS + 1);
	double cpu_start = timings != NULL ? sim_thread_cpu_s() : 0;

	g_mutex_init(&jobs.lock);
	g_cond_init(&jobs.finished);
	jobs.runs_start = g_get_monotonic_time();
	/* one run without a progress report needs no thread */
	if (options->runs == 1 && options->progress == NULL) {
		sim_job(GUINT_TO_POINTER(1), &jobs);
	} else {
		/* services step apart only in blocks; a part per thread */
		if (plan->blocked && threads > 1)
			jobs.n_parts = MIN(threads, plan->n_services);
		jobs.pool = g_thread_pool_new(jobs.n_parts > 1 ? sim_part_job : sim_job, &jobs,
					      (gint)threads, TRUE, NULL);
		if (jobs.n_parts > 1) {
			guint first = MIN(options->runs, threads * SIM_RUNS_PER_THREAD);
			jobs.split = g_new0(SimSplitRun, options->runs);
			jobs.starts = g_new0(SimPartTask, first);
			g_atomic_int_set(&jobs.next_run, (gint)first);
			for (guint r = 0; r < first; r++) {
				jobs.starts[r] = (SimPartTask){&jobs, r, SIM_START_PART};
				g_thread_pool_push(jobs.pool, &jobs.starts[r], NULL);
			}
		} else {
			for (guint r = 0; r < options->runs; r++)
				g_thread_pool_push(jobs.pool, GUINT_TO_POINTER(r + 1), NULL);
		}
		if (timings != NULL)
			timings->start_cpu_s = sim_thread_cpu_s() - cpu_start;
		g_mutex_lock(&jobs.lock);
		while ((guint)jobs.done < options->runs) {
			gint64 until = g_get_monotonic_time() + G_TIME_SPAN_SECOND / 10;
			g_cond_wait_until(&jobs.finished, &jobs.lock, until);
			if (options->progress != NULL) {
				guint64 done = (guint64)(guint)g_atomic_int_get(&jobs.progress);
				g_mutex_unlock(&jobs.lock);
				options->progress(MIN(done, total), total, options->progress_data);
				g_mutex_lock(&jobs.lock);
			}
		}
		g_mutex_unlock(&jobs.lock);
		g_thread_pool_free(jobs.pool, FALSE, TRUE);
		if (options->progress != NULL)
			options->progress(total, total, options->progress_data);
	}
	if (timings != NULL) {
		timings->runs_wall_s = (double)(g_get_monotonic_time() - jobs.runs_start) / 1e6;
		timings->parts = jobs.n_parts;
	}
	g_free(jobs.split);
	g_free(jobs.starts);
	g_mutex_clear(&jobs.lock);
	g_cond_clear(&jobs.finished);
}
