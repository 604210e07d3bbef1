/* ecsplan: evaluating candidates — each simulated alone under the profile with every seed and
 * priced at its simulated use; cheapest lower bound first, in fixed batches on a thread pool,
 * so which candidates are pruned never depends on the thread count */
#include "optimize-private.h"

#include <math.h>

#include "cost.h"
#include "plan-error.h"
#include "simulate.h"

/* what one run of a candidate used, in its billing units */
typedef struct {
	double hours;	      /* the run's length */
	double od_hours;      /* on-demand task-hours (Fargate) or instance-hours (EC2) */
	double spot_hours;
	double all_hours;     /* od + spot: what @extra is paid on */
} OptUse;

/* the month of one run: the commitment all month over its units, on-demand above it, Spot at
 * the Spot rate, the extras on every hour; scaled from the run's hours to 730 */
static PlanNanos
opt_month(const PlanOptCandidate *candidate, const OptRates *rates, const OptUse *use)
{
	double committed_hours = (double)opt_committed_units(candidate, rates) * use->hours;
	double od_hours = MAX(use->od_hours - committed_hours, 0.0);
	double scale = use->hours > 0 ? PLAN_COST_DEFAULT_HOURS / use->hours : 0;

	return plan_cost_multiply(committed_hours * scale, rates->committed) +
	       plan_cost_multiply(od_hours * scale, rates->on_demand) +
	       plan_cost_multiply(use->spot_hours * scale, rates->spot) +
	       plan_cost_multiply(use->all_hours * scale, rates->extra);
}

static double
opt_address_full_minutes(const PlanSimRun *run)
{
	double minutes = 0;
	for (guint i = 0; i < run->subnets->len; i++)
		minutes = MAX(minutes, g_array_index(run->subnets, PlanSimSubnet, i).full_minutes);
	return minutes;
}

/* the measures of one candidate from its runs, averaged over the seeds */
static void
opt_measure(const PlanOptCandidate *candidate, const OptRates *rates, const PlanSimResult *sim,
	    PlanOptMeasures *out)
{
	double n = (double)sim->run_results->len;
	double cost = 0;

	memset(out, 0, sizeof(*out));
	out->az_survived = TRUE;
	for (guint r = 0; r < sim->run_results->len; r++) {
		const PlanSimRun *run = g_ptr_array_index(sim->run_results, r);
		const PlanSimService *service = g_ptr_array_index(run->services, 0);
		double requests = service->demand_requests;
		OptUse use = {.hours = (double)sim->duration_s / 3600.0};
		double spot;

		out->unmet_pct += requests > 0 ? 100.0 * service->unmet_requests / requests : 0;
		out->pending_minutes += service->pending_minutes;
		out->p95_util_pct += service->utilization_p95;
		out->task_hours += service->task_hours;
		out->address_full_minutes = MAX(out->address_full_minutes,
						opt_address_full_minutes(run));
		if (service->failure_hit) {
			if (service->failure.recovery_s < 0)
				out->az_survived = FALSE;
			out->az_unmet_pct +=
			    requests > 0 ? 100.0 * service->failure.unmet_requests / requests : 0;
		}
		if (candidate->launch_type == PLAN_LAUNCH_EC2 && run->clusters->len > 0) {
			const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);
			use.all_hours = cluster->instance_hours;
			use.spot_hours = cluster->spot_instance_hours;
		} else {
			use.all_hours = service->task_hours;
			use.spot_hours = service->spot_task_hours;
		}
		use.od_hours = use.all_hours - use.spot_hours;
		spot = use.all_hours > 0 ? 100.0 * use.spot_hours / use.all_hours : 0;
		out->spot_pct += spot;
		cost += (double)opt_month(candidate, rates, &use);
	}
	out->unmet_pct /= n;
	out->pending_minutes /= n;
	out->p95_util_pct /= n;
	out->task_hours /= n;
	out->az_unmet_pct /= n;
	out->spot_pct /= n;
	out->monthly_cost = (PlanNanos)llround(cost / n);
	out->complete = rates->complete;
	out->estimate = rates->estimate;
}

/* the engine's own conditions before the service level: a cost, and addresses */
static gboolean
opt_met(const PlanOptOptions *options, const PlanOptMeasures *measures)
{
	return measures->complete && measures->address_full_minutes <= 0 &&
	       plan_slo_met(options->slo, measures, NULL);
}

typedef struct {
	const PlanModel *model;
	const PlanOptSpace *space;
	const PlanOptOptions *options;
	GMutex lock;
	GCond done;
	guint pending;
	GError *error;	     /* the first failure by candidate index */
	guint64 error_index;
} OptEvalShared;

typedef struct {
	OptEvalShared *shared;
	const PlanOptCandidate *candidate;
	PlanOptEvaluated *record;
} OptJob;

/* one candidate's runs, every seed. Returns: (transfer full) */
static PlanSimResult *
opt_run(const PlanModel *model, const PlanOptOptions *options, const PlanOptCandidate *candidate,
	GError **error)
{
	g_autoptr(OptCandidateModel) cm =
	    opt_candidate_model_new(model, options->book, candidate, options->profile);
	PlanSimOptions sim_options;

	plan_sim_options_init(&sim_options);
	sim_options.duration_s = options->duration_s;
	sim_options.step_s = options->step_s;
	sim_options.seed = options->seed;
	sim_options.runs = MAX(options->runs, 1);
	sim_options.threads = 1; /* the candidates are the parallel unit */
	sim_options.profile = options->profile;
	sim_options.fail_az = options->fail_az;
	sim_options.fail_at_s = options->fail_at_s;
	sim_options.base_dir = options->base_dir;
	sim_options.allow_outside_files = options->allow_outside_files;
	sim_options.max_events = 1;
	sim_options.book = options->book; /* the instance types; prices are ours */
	return plan_simulate(opt_candidate_model_get(cm), &sim_options, error);
}

gboolean
opt_service_demand(const PlanModel *model, const PlanOptSpace *space,
		   const PlanOptOptions *options, const PlanOptServiceSpace *item, OptDemand *out,
		   GError **error)
{
	g_autoptr(PlanSimResult) sim = NULL;

	(void)space;
	memset(out, 0, sizeof(*out));
	if (item->candidates->len == 0)
		return TRUE;
	sim = opt_run(model, options,
		      &g_array_index(item->candidates, PlanOptCandidate, 0), error);
	if (sim == NULL)
		return FALSE;
	for (guint r = 0; r < sim->run_results->len; r++) {
		const PlanSimRun *run = g_ptr_array_index(sim->run_results, r);
		const PlanSimService *service = g_ptr_array_index(run->services, 0);
		out->mean_requests += service->demand_requests / sim->run_results->len;
		out->max_requests = MAX(out->max_requests, service->demand_requests);
	}
	out->hours = (double)sim->duration_s / 3600.0;
	out->known = TRUE;
	return TRUE;
}

static gboolean
opt_simulate(const OptEvalShared *shared, const PlanOptCandidate *candidate,
	     PlanOptEvaluated *record, GError **error)
{
	const PlanOptOptions *options = shared->options;
	g_autoptr(PlanSimResult) sim = opt_run(shared->model, options, candidate, error);
	OptRates rates;

	if (sim == NULL)
		return FALSE;
	opt_rates(shared->model, options->book, candidate, &rates);
	opt_measure(candidate, &rates, sim, &record->measures);
	record->met = opt_met(options, &record->measures);
	return TRUE;
}

static void
opt_job_run(gpointer data, gpointer user_data)
{
	OptJob *job = data;
	OptEvalShared *shared = job->shared;
	g_autoptr(GError) local_error = NULL;
	gboolean ok = opt_simulate(shared, job->candidate, job->record, &local_error);

	(void)user_data;
	g_mutex_lock(&shared->lock);
	if (!ok && (shared->error == NULL || job->record->index < shared->error_index)) {
		g_clear_error(&shared->error);
		shared->error = g_steal_pointer(&local_error);
		shared->error_index = job->record->index;
	}
	shared->pending--;
	if (shared->pending == 0)
		g_cond_signal(&shared->done);
	g_mutex_unlock(&shared->lock);
	g_free(job);
}

/* one service's shard, cheapest bound first; @records is indexed by local candidate index */
typedef struct {
	guint local;
	PlanNanos bound;
} OptOrder;

static int
opt_order_compare(gconstpointer a, gconstpointer b)
{
	const OptOrder *x = a;
	const OptOrder *y = b;
	if (x->bound != y->bound)
		return x->bound < y->bound ? -1 : 1;
	return x->local < y->local ? -1 : x->local > y->local;
}

static gboolean
opt_in_shard(const PlanOptOptions *options, guint64 index)
{
	return options->shard_count <= 1 || index % options->shard_count == options->shard_index;
}

static guint
opt_threads(const PlanOptOptions *options)
{
	return options->threads > 0 ? options->threads : MAX(g_get_num_processors(), 1);
}

static gboolean
opt_evaluate_service(OptEvalShared *shared, GThreadPool *pool,
		     const PlanOptServiceSpace *item, GArray *records, guint64 *done,
		     guint64 total, GError **error)
{
	const PlanOptOptions *options = shared->options;
	g_autoptr(GArray) order = g_array_new(FALSE, FALSE, sizeof(OptOrder));
	PlanOptEvaluated *slot[OPT_BATCH];
	gboolean found = FALSE;
	PlanNanos best = 0;
	guint next = 0;

	OptDemand demand;

	/* the demand every candidate of the service serves, read once: it tightens the bound of
	 * the candidates that could meet the level */
	if (!opt_service_demand(shared->model, shared->space, options, item, &demand, error))
		return FALSE;
	for (guint j = 0; j < item->candidates->len; j++) {
		const PlanOptCandidate *c = &g_array_index(item->candidates, PlanOptCandidate, j);
		OptOrder o = {j, 0};
		if (!opt_in_shard(options, item->first + j))
			continue;
		o.bound = opt_met_bound(shared->model, options->book, c, &demand, options->slo);
		g_array_append_val(order, o);
	}
	g_array_sort(order, opt_order_compare);
	while (next < order->len) {
		guint n = 0;
		/* a batch: the next candidates whose bound does not exceed the best so far */
		while (next < order->len && n < OPT_BATCH) {
			const OptOrder *o = &g_array_index(order, OptOrder, next++);
			PlanOptEvaluated record = {.index = item->first + o->local};
			if (found && o->bound > best) {
				record.pruned = TRUE;
				g_array_append_val(records, record);
				continue;
			}
			g_array_append_val(records, record);
			slot[n++] = &g_array_index(records, PlanOptEvaluated, records->len - 1);
		}
		/* @records does not grow while the batch runs */
		shared->pending = n;
		for (guint i = 0; i < n; i++) {
			OptJob *job = g_new0(OptJob, 1);
			job->shared = shared;
			job->record = slot[i];
			job->candidate = plan_opt_space_get(shared->space, slot[i]->index);
			if (pool != NULL)
				g_thread_pool_push(pool, job, NULL);
			else
				opt_job_run(job, NULL);
		}
		g_mutex_lock(&shared->lock);
		while (shared->pending > 0)
			g_cond_wait(&shared->done, &shared->lock);
		g_mutex_unlock(&shared->lock);
		if (shared->error != NULL) {
			g_propagate_error(error, g_steal_pointer(&shared->error));
			return FALSE;
		}
		/* the best after the batch, taken in index order */
		for (guint i = 0; i < n; i++) {
			if (slot[i]->met && (!found || slot[i]->measures.monthly_cost < best)) {
				best = slot[i]->measures.monthly_cost;
				found = TRUE;
			}
		}
		*done = records->len;
		if (options->progress != NULL)
			options->progress(*done, total, options->progress_data);
	}
	return TRUE;
}

static int
opt_record_compare(gconstpointer a, gconstpointer b)
{
	const PlanOptEvaluated *x = a;
	const PlanOptEvaluated *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

GArray *
plan_opt_evaluate(const PlanModel *model, const PlanOptSpace *space,
		  const PlanOptOptions *options, GError **error)
{
	g_autoptr(GArray) records = NULL;
	GThreadPool *pool = NULL;
	OptEvalShared shared = {.model = model, .space = space, .options = options};
	guint threads;
	guint64 total = 0;
	guint64 done = 0;
	gboolean ok = TRUE;

	g_return_val_if_fail(model != NULL && space != NULL && options != NULL, NULL);
	g_return_val_if_fail(options->slo != NULL && options->book != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);
	if (options->shard_count > 1 && options->shard_index >= options->shard_count) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "shard %u is not below the shard count %u", options->shard_index,
			    options->shard_count);
		return NULL;
	}
	for (guint64 i = 0; i < space->total; i++)
		total += opt_in_shard(options, i);
	/* reserved for every record of the shard, so the array never moves while a batch's jobs
	 * write into it */
	records = g_array_sized_new(FALSE, TRUE, sizeof(PlanOptEvaluated), (guint)MAX(total, 1));
	g_mutex_init(&shared.lock);
	g_cond_init(&shared.done);
	threads = opt_threads(options);
	if (threads > 1)
		pool = g_thread_pool_new(opt_job_run, NULL, (gint)threads, FALSE, NULL);
	for (guint i = 0; i < space->services->len && ok; i++) {
		const PlanOptServiceSpace *item = g_ptr_array_index(space->services, i);
		ok = opt_evaluate_service(&shared, pool, item, records, &done, total, error);
	}
	if (pool != NULL)
		g_thread_pool_free(pool, FALSE, TRUE);
	g_mutex_clear(&shared.lock);
	g_cond_clear(&shared.done);
	if (!ok)
		return NULL;
	g_array_sort(records, opt_record_compare);
	return g_steal_pointer(&records);
}
