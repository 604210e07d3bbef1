/* the simulator's runs on a thread pool. Each run is a task of its own; or, when the plan
 * steps in blocks (sim_plan_blocked(): no service can change what another does) and more than
 * one thread runs, each run steps through segments of time, each segment a task: the whole
 * run while every thread has work, or, when a thread would wait (the last run of 3 on 2
 * threads, runs of different lengths, a core another process slows down), cut into parts,
 * ranges of its services, each part a task. The parts of a segment meet at its end: the last
 * to finish replays their subnet changes in the order one run makes them
 * (sim_replay_subnets()) and queues the next segment. A run keeps to one thread, and its
 * state in that core's cache, until another thread has nothing else to do. Results are
 * stored by run index, so the output is the same bytes whatever the threads and timing. */
#include "simulate-private.h"

#include <string.h>
#include <time.h>

/* the steps of a segment: a split run's parts meet this often (16 blocks of SIM_CHUNK, 11
 * days at 60 s steps: a millisecond or two for the bench's 25 services), and their logs of
 * subnet changes hold one segment's */
#define SIM_SEGMENT_STEPS (16 * (gint64)SIM_CHUNK)
/* the parts a segment is cut into, per thread: more parts than threads, so a thread that
 * finishes one takes another and neither waits long for the slower */
#define SIM_PARTS_PER_THREAD 4

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

/* a run that steps in segments */
typedef struct {
	SimRun *run;	    /* every service's state, and its subnets (replayed into) */
	SimRun **parts;	    /* [max_parts]: each steps a range of run's services */
	SimPartTask *tasks; /* [max_parts] */
	guint n_active;	    /* the parts stepping the segment */
	gint64 from;	    /* the segment: from, to − 1 */
	gint64 to;
	gint left; /* atomic: parts still stepping it */
} SimSplitRun;

struct SimJobs {
	const SimPlan *plan;
	PlanSimRun **results;
	GThreadPool *pool;
	guint threads;
	guint max_parts;     /* 1: whole runs */
	SimSplitRun *split;  /* [runs] when max_parts > 1 */
	SimPartTask *starts; /* [runs]: the first runs' starts, queued by the calling thread */
	gint next_run;	     /* atomic: the next split run to start */
	gint busy;	     /* atomic: workers in a task */
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

/* the parts the next segment of a run is cut into: one while every thread has a task, or all
 * of them when a thread would wait (nothing queued and a worker outside a task) */
static guint
sim_split_parts(SimJobs *jobs)
{
	if (jobs->plan->force_parts > 0)
		return MIN(jobs->plan->force_parts, jobs->max_parts);
	if (g_thread_pool_unprocessed(jobs->pool) == 0 &&
	    (guint)g_atomic_int_get(&jobs->busy) < jobs->threads)
		return jobs->max_parts;
	return 1;
}

/* queues the segment of @split that starts at @from. The AZ failure, when it falls there,
 * first takes every service (part 0 over all of them), its subnet changes are replayed before
 * any the step makes, as one run makes them, and the other parts learn the dead subnets and
 * lost NAT gateways */
static void
sim_split_segment(SimJobs *jobs, SimSplitRun *split, gint64 from)
{
	const SimPlan *plan = jobs->plan;
	guint n = plan->n_services;
	gint64 to = MIN(plan->n_steps, (from / SIM_SEGMENT_STEPS + 1) * SIM_SEGMENT_STEPS);
	guint parts;

	if (plan->fail_slot >= 0 && from == plan->fail_step) {
		SimRun *first = split->parts[0];

		first->first_service = 0;
		first->end_service = n;
		first->step = from;
		sim_fail_az(first);
		sim_replay_subnets(split->run, split->parts, 1, from, from + 1);
		for (guint p = 1; p < jobs->max_parts; p++) {
			SimRun *part = split->parts[p];
			memcpy(part->subnets, first->subnets,
			       MAX(plan->n_subnets, 1) * sizeof *part->subnets);
			memcpy(part->nat_lost_step, first->nat_lost_step,
			       MAX(plan->n_nats, 1) * sizeof *part->nat_lost_step);
			part->failed = TRUE;
		}
	}
	if (plan->fail_slot >= 0 && plan->fail_step > from && plan->fail_step < to)
		to = plan->fail_step;
	parts = sim_split_parts(jobs);
	split->from = from;
	split->to = to;
	split->n_active = parts;
	for (guint p = 0; p < parts; p++) {
		split->parts[p]->first_service = p * n / parts;
		split->parts[p]->end_service = (p + 1) * n / parts;
	}
	if (jobs->timings != NULL) {
		g_mutex_lock(&jobs->lock);
		jobs->timings->segments++;
		jobs->timings->split_segments += parts > 1 ? 1 : 0;
		g_mutex_unlock(&jobs->lock);
	}
	g_atomic_int_set(&split->left, (gint)parts);
	for (guint p = 0; p < parts; p++)
		g_thread_pool_push(jobs->pool, &split->tasks[p], NULL);
}

/* a part of run @r: its own subnet log, scratch and view of the failure; the run's services
 * and series */
static SimRun *
sim_split_part_new(SimJobs *jobs, SimSplitRun *split, guint r, gint *progress)
{
	SimRun *part = sim_run_new_range(jobs->plan, r, progress, 0, 0);

	g_free(part->services);
	part->services = split->run->services;
	part->services_borrowed = TRUE;
	if (part->series != NULL) {
		g_free(part->series);
		part->series = split->run->series;
		part->series_borrowed = TRUE;
	}
	part->part = TRUE;
	part->log_subnets = TRUE;
	return part;
}

/* makes run @r and its parts, places its initial tasks and queues its first segment */
static void
sim_split_start(SimJobs *jobs, guint r)
{
	const SimPlan *plan = jobs->plan;
	SimSplitRun *split = &jobs->split[r];

	split->run = sim_run_new(plan, r, NULL);
	split->parts = g_new0(SimRun *, jobs->max_parts);
	split->tasks = g_new0(SimPartTask, jobs->max_parts);
	for (guint p = 0; p < jobs->max_parts; p++) {
		/* part 0 steps every segment: it counts the run's progress */
		split->parts[p] =
		    sim_split_part_new(jobs, split, r, p == 0 ? &jobs->progress : NULL);
		split->tasks[p] = (SimPartTask){jobs, r, p};
	}
	/* the initial tasks of every service, and their addresses at step 0 before any the step
	 * itself changes */
	split->parts[0]->first_service = 0;
	split->parts[0]->end_service = plan->n_services;
	sim_run_init(split->parts[0]);
	sim_replay_subnets(split->run, split->parts, 1, 0, 1);
	sim_split_segment(jobs, split, 0);
}

/* run @r is through: its result, and the next run started */
static void
sim_split_finish(SimJobs *jobs, guint r)
{
	const SimPlan *plan = jobs->plan;
	SimSplitRun *split = &jobs->split[r];
	SimRun *run = split->run;
	gint next;

	for (guint p = 0; p < jobs->max_parts; p++)
		run->n_series += split->parts[p]->n_series;
	/* part 0 met the failure, if any */
	memcpy(run->nat_lost_step, split->parts[0]->nat_lost_step,
	       MAX(plan->n_nats, 1) * sizeof *run->nat_lost_step);
	run->step = plan->n_steps;
	jobs->results[r] = sim_run_result(run);
	for (guint p = 0; p < jobs->max_parts; p++)
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

	g_atomic_int_inc(&jobs->busy);
	/* on a worker, not the calling thread: the states and initial placements are work too */
	if (task->part == SIM_START_PART) {
		sim_split_start(jobs, r);
	} else {
		sim_run_blocks(split->parts[task->part], split->from, split->to);
		if (g_atomic_int_dec_and_test(&split->left)) {
			sim_replay_subnets(split->run, split->parts, split->n_active, split->from,
					   split->to);
			if (split->to < jobs->plan->n_steps) {
				sim_split_segment(jobs, split, split->to);
			} else {
				sim_split_finish(jobs, r);
				run_done = TRUE;
			}
		}
	}
	g_atomic_int_add(&jobs->busy, -1);
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
	guint threads = sim_threads(options);
	SimJobs jobs = {.plan = plan,
			.results = results,
			.threads = threads,
			.max_parts = 1,
			.timings = timings};
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
		/* services step apart only in blocks */
		if (plan->blocked && (threads > 1 || plan->force_parts > 0))
			jobs.max_parts = MAX(MIN(threads * SIM_PARTS_PER_THREAD, plan->n_services),
					     MIN(plan->force_parts, plan->n_services));
		jobs.pool = g_thread_pool_new(jobs.max_parts > 1 ? sim_part_job : sim_job, &jobs,
					      (gint)threads, TRUE, NULL);
		if (jobs.max_parts > 1) {
			/* a run per thread at once: each holds its states */
			guint first = MIN(options->runs, threads);
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
		timings->parts = jobs.max_parts;
	}
	g_free(jobs.split);
	g_free(jobs.starts);
	g_mutex_clear(&jobs.lock);
	g_cond_clear(&jobs.finished);
}
