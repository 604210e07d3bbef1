/* ecsplan: the answer from evaluated candidates — per service the cheapest that meets the
 * service level, the frontier of cost against unmet demand up to it, and why the next cheaper
 * one fails; then the patch and the edited model (patch.c). the same records in any order
 * give the same bytes, so shards merge to what one machine prints */
#include "optimize-private.h"

#include "plan-error.h"

static void
opt_service_result_free(gpointer data)
{
	PlanOptServiceResult *item = data;
	g_free(item->name);
	g_free(item->next_why);
	if (item->frontier != NULL)
		g_array_unref(item->frontier);
	g_free(item);
}

void
plan_opt_result_free(PlanOptResult *result)
{
	if (result == NULL)
		return;
	if (result->services != NULL)
		g_ptr_array_unref(result->services);
	g_free(result->patch);
	g_free(result->model_text);
	g_free(result);
}

/* (cost, index) order: the cheaper first, the lower index on a tie */
static gboolean
opt_cheaper(const PlanOptEvaluated *a, const PlanOptEvaluated *b)
{
	if (a->measures.monthly_cost != b->measures.monthly_cost)
		return a->measures.monthly_cost < b->measures.monthly_cost;
	return a->index < b->index;
}

static int
opt_cost_compare(gconstpointer a, gconstpointer b)
{
	const PlanOptEvaluated *x = *(const PlanOptEvaluated *const *)a;
	const PlanOptEvaluated *y = *(const PlanOptEvaluated *const *)b;
	if (x == y)
		return 0;
	return opt_cheaper(x, y) ? -1 : 1;
}

/* why a simulated candidate fails: the engine's conditions, then the service level's */
static char *
opt_why(const PlanOptOptions *options, const PlanOptEvaluated *record)
{
	char *why = NULL;

	if (!record->measures.complete)
		return g_strdup("the price book lacks a figure its cost needs");
	if (record->measures.address_full_minutes > 0)
		return g_strdup_printf("a subnet ran out of addresses for %.0f minutes",
				       record->measures.address_full_minutes);
	if (!plan_slo_met(options->slo, &record->measures, &why))
		return why;
	g_free(why);
	return NULL;
}

static PlanOptPoint
opt_point(const PlanOptSpace *space, const PlanOptEvaluated *record)
{
	PlanOptPoint point = {0};
	point.candidate = *plan_opt_space_get(space, record->index);
	point.measures = record->measures;
	point.met = record->met;
	return point;
}

/* one service from its records (@records: pointers into the caller's array, any order) */
static PlanOptServiceResult *
opt_reduce_service(const PlanModel *model, const PlanOptSpace *space,
		   const PlanOptOptions *options, const PlanOptServiceSpace *item,
		   const OptDemand *demand, GPtrArray *records)
{
	const PlanService *service = g_ptr_array_index(model->services, item->service_index);
	PlanOptServiceResult *out = g_new0(PlanOptServiceResult, 1);
	const PlanOptEvaluated *best = NULL;
	const PlanOptEvaluated *next = NULL;
	g_autoptr(GPtrArray) simulated = g_ptr_array_new();
	double least_unmet = G_MAXDOUBLE;

	out->service_index = item->service_index;
	out->name = g_strdup(service->name);
	out->n_candidates = item->candidates->len;
	out->frontier = g_array_new(FALSE, TRUE, sizeof(PlanOptPoint));
	for (guint i = 0; i < records->len; i++) {
		const PlanOptEvaluated *record = g_ptr_array_index(records, i);
		if (record->pruned) {
			out->n_pruned++;
			continue;
		}
		out->n_simulated++;
		g_ptr_array_add(simulated, (gpointer)record);
		if (record->met && (best == NULL || opt_cheaper(record, best)))
			best = record;
	}
	g_ptr_array_sort(simulated, opt_cost_compare);
	for (guint i = 0; i < simulated->len; i++) {
		const PlanOptEvaluated *record = g_ptr_array_index(simulated, i);
		/* dearer candidates may have been pruned: the frontier stops at the best; and a
		 * candidate whose bound passes the best may have been pruned in another shard (the
		 * bound holds for the candidates that meet the level only), so none is on it */
		if (best != NULL && opt_cheaper(best, record))
			break;
		if (best != NULL &&
		    opt_met_bound(model, options->book, plan_opt_space_get(space, record->index),
				  demand, options->slo) > best->measures.monthly_cost)
			continue;
		/* a candidate that could not be priced or placed is no trade-off */
		if (!record->measures.complete || record->measures.address_full_minutes > 0)
			continue;
		if (record->measures.unmet_pct < least_unmet) {
			PlanOptPoint point = opt_point(space, record);
			least_unmet = record->measures.unmet_pct;
			g_array_append_val(out->frontier, point);
		}
		if (best != NULL && record != best)
			next = record; /* the dearest cheaper than the best */
	}
	if (best == NULL) {
		/* without an answer: the candidate that comes closest on unmet demand */
		for (guint i = 0; i < simulated->len; i++) {
			const PlanOptEvaluated *record = g_ptr_array_index(simulated, i);
			if (next == NULL || record->measures.unmet_pct < next->measures.unmet_pct)
				next = record;
		}
	}
	if (best != NULL) {
		out->found = TRUE;
		out->best = opt_point(space, best);
		/* the answer ends the frontier even when a cheaper candidate that fails had as
		 * little unmet demand (it failed on another term) */
		if (out->frontier->len == 0 ||
		    g_array_index(out->frontier, PlanOptPoint, out->frontier->len - 1).met != TRUE)
			g_array_append_val(out->frontier, out->best);
	}
	if (next != NULL) {
		out->has_next = TRUE;
		out->next = opt_point(space, next);
		out->next_why = opt_why(options, next);
	}
	return out;
}

PlanOptResult *
plan_opt_reduce(const PlanModel *model, const PlanOptSpace *space, const PlanOptOptions *options,
		const PlanOptEvaluated *records, gsize n_records, GError **error)
{
	g_autoptr(PlanOptResult) result = g_new0(PlanOptResult, 1);
	g_autofree const PlanOptEvaluated **by_index = NULL;

	g_return_val_if_fail(model != NULL && space != NULL && options != NULL, NULL);
	g_return_val_if_fail(records != NULL || n_records == 0, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	by_index = g_new0(const PlanOptEvaluated *, MAX(space->total, 1));
	for (gsize i = 0; i < n_records; i++) {
		const PlanOptEvaluated *record = &records[i];
		if (record->index >= space->total) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "candidate %" G_GUINT64_FORMAT
				    " is outside the search space of %" G_GUINT64_FORMAT,
				    record->index, space->total);
			return NULL;
		}
		if (by_index[record->index] != NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "candidate %" G_GUINT64_FORMAT " was evaluated twice",
				    record->index);
			return NULL;
		}
		by_index[record->index] = record;
	}
	for (guint64 i = 0; i < space->total; i++) {
		if (by_index[i] == NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "candidate %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
				    " was not evaluated",
				    i, space->total);
			return NULL;
		}
	}
	result->services = g_ptr_array_new_with_free_func(opt_service_result_free);
	for (guint s = 0; s < space->services->len; s++) {
		const PlanOptServiceSpace *item = g_ptr_array_index(space->services, s);
		g_autoptr(GPtrArray) mine = g_ptr_array_sized_new(item->candidates->len);
		PlanOptServiceResult *answer;
		OptDemand demand;
		if (!opt_service_demand(model, space, options, item, &demand, error))
			return NULL;
		for (guint j = 0; j < item->candidates->len; j++)
			g_ptr_array_add(mine, (gpointer)by_index[item->first + j]);
		answer = opt_reduce_service(model, space, options, item, &demand, mine);
		result->n_candidates += answer->n_candidates;
		result->n_simulated += answer->n_simulated;
		result->n_pruned += answer->n_pruned;
		if (answer->found) {
			result->total_cost += answer->best.measures.monthly_cost;
			result->estimate = result->estimate || answer->best.measures.estimate;
		}
		g_ptr_array_add(result->services, answer);
	}
	if (!opt_apply(model, options, result, error))
		return NULL;
	return g_steal_pointer(&result);
}

PlanOptResult *
plan_optimize(const PlanModel *model, const PlanOptOptions *options, GError **error)
{
	g_autoptr(PlanOptSpace) space = NULL;
	g_autoptr(GArray) records = NULL;

	g_return_val_if_fail(model != NULL && model->linked, NULL);
	g_return_val_if_fail(options != NULL && options->book != NULL && options->slo != NULL,
			     NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	space = plan_opt_space_new(model, options, error);
	if (space == NULL)
		return NULL;
	records = plan_opt_evaluate(model, space, options, error);
	if (records == NULL)
		return NULL;
	return plan_opt_reduce(model, space, options, (const PlanOptEvaluated *)records->data,
			       records->len, error);
}
