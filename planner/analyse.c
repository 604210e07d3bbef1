/* the engine's entry point (analyse.h): one pass over a linked model, every figure once */
#include "analyse.h"

#include <string.h>

#include "plan-error.h"

static void
plan_summary_count(PlanSummary *summary, const PlanModel *model, const GPtrArray *diagnostics)
{
	g_autoptr(GHashTable) azs = g_hash_table_new(g_str_hash, g_str_equal);
	const char *recent[8];
	guint n_recent = 0;

	summary->n_vpcs = model->vpcs->len;
	summary->n_services = model->services->len;
	summary->n_clusters = model->clusters->len;
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		summary->n_subnets += vpc->subnets->len;
		summary->n_nat_gateways += vpc->nat_gateways->len;
		summary->n_load_balancers += vpc->load_balancers->len;
		summary->n_endpoints += vpc->endpoints->len;
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, s);
			gboolean seen = FALSE;
			if (subnet->az == NULL)
				continue;
			/* a region has a handful of AZs: the first few distinct names are compared
			 * before the set is asked (hashing 100,000 names was 1.5% of validate) */
			for (guint k = 0; k < n_recent && !seen; k++)
				seen = strcmp(recent[k], subnet->az) == 0;
			if (seen)
				continue;
			if (n_recent < G_N_ELEMENTS(recent) && !g_hash_table_contains(azs, subnet->az))
				recent[n_recent++] = subnet->az;
			g_hash_table_add(azs, subnet->az);
		}
	}
	summary->n_azs = g_hash_table_size(azs);
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		/* a daemon runs one task per instance of its cluster, not desired_count */
		if (!plan_service_is_daemon(service))
			summary->n_tasks += service->desired_count;
		summary->n_fargate_services += service->launch_type == PLAN_LAUNCH_EC2 ? 0 : 1;
	}
	for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, i);
		summary->n_findings[diagnostic->severity]++;
	}
}

/* a part that prices needs a book: the reason there is none becomes the analysis's error */
static gboolean
plan_analyse_need_book(const PlanResult *result, GError **error)
{
	if (result->used != NULL)
		return TRUE;
	if (result->book_error != NULL)
		g_propagate_error(error, g_error_copy(result->book_error));
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE, "no price book");
	return FALSE;
}

/* the price-missing findings: the cost part's, else those of a cost at the default hours
 * (for validate, compare, simulate and report, which all price what the model runs); copies,
 * so they outlive whichever cost they came from */
static GPtrArray *
plan_analyse_missing_prices(const PlanModel *model, const PlanResult *result)
{
	GPtrArray *missing = plan_diagnostics_new();
	g_autoptr(PlanCost) pricing = NULL;
	const PlanCost *cost = result->cost;

	if (result->used == NULL)
		return missing;
	if (cost == NULL) {
		/* the findings only: no line is formatted for a cost nobody shows */
		PlanCostOptions options = {.compute = result->compute, .findings_only = TRUE};
		/* a book for another region is the cost part's error, not a finding */
		pricing = plan_cost(model, result->used, &options, NULL);
		cost = pricing;
	}
	for (guint i = 0; cost != NULL && i < cost->missing->len; i++)
		g_ptr_array_add(missing, plan_diagnostic_copy(g_ptr_array_index(cost->missing, i)));
	return missing;
}

/* the search, then each service it answered for as the model has it, simulated and priced the
 * same way (the baseline of the saving) */
static gboolean
plan_analyse_optimize(const PlanModel *model, const PlanAnalyseOptions *options,
		      PlanResult *result, GError **error)
{
	PlanOptOptions opt_options = options->optimize;

	if (!plan_analyse_need_book(result, error))
		return FALSE;
	opt_options.book = result->used;
	result->optimization = plan_optimize(model, &opt_options, error);
	if (result->optimization == NULL)
		return FALSE;
	result->optimization_models = g_array_new(FALSE, TRUE, sizeof(PlanOptPoint));
	for (guint i = 0; i < result->optimization->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->optimization->services, i);
		PlanOptPoint point;
		if (!plan_opt_model_point(model, &opt_options, s->service_index, &point, error))
			return FALSE;
		g_array_append_val(result->optimization_models, point);
	}
	return TRUE;
}

/**
 * plan_analyse:
 * @model: (transfer none): a model the loader or the importer returned (linked)
 * @options: (transfer none) (nullable): what to do; NULL validates only
 * @error: the first failing part's error (a --prices file that cannot be read, a region
 *   without prices when cost or compare is asked for, an option out of range, a simulation
 *   that cannot run); the codes are PLAN_ERROR's, the CLI maps them to exit codes
 *
 * Chooses the price book once, sizes the clusters once with it, then runs the parts asked for,
 * each with that book and sizing. A region without a built-in book is not an error for
 * validation (the EC2 rules say what they could not check); cost and compare fail then.
 *
 * Returns: (transfer full): the result, or NULL with @error set
 */
PlanResult *
plan_analyse(const PlanModel *model, const PlanAnalyseOptions *options, GError **error)
{
	static const PlanAnalyseOptions validate_only = {.parts = PLAN_ANALYSE_VALIDATE};
	g_autoptr(PlanResult) result = g_new0(PlanResult, 1);
	guint parts;

	g_return_val_if_fail(model != NULL, NULL);
	g_return_val_if_fail(model->linked, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);
	if (options == NULL)
		options = &validate_only;
	parts = options->parts;

	if (options->book != NULL) {
		result->used = options->book;
	} else {
		result->book = plan_price_book_choose(model->region, options->prices_file,
						      &result->book_error);
		/* a --prices file the user named must be readable, whatever the part */
		if (result->book == NULL && options->prices_file != NULL) {
			g_propagate_error(error, g_steal_pointer(&result->book_error));
			return NULL;
		}
		result->used = result->book;
	}
	if (result->used != NULL)
		result->compute = plan_compute(model, result->used);

	if (result->used == NULL && options->prices_optional)
		parts &= ~(guint)(PLAN_ANALYSE_COST | PLAN_ANALYSE_COMPARE | PLAN_ANALYSE_OPTIMIZE);
	if (parts & PLAN_ANALYSE_COST) {
		PlanCostOptions cost_options = options->cost;
		if (!plan_analyse_need_book(result, error))
			return NULL;
		cost_options.compute = result->compute;
		result->cost = plan_cost(model, result->used, &cost_options, error);
		if (result->cost == NULL)
			return NULL;
	}
	result->missing_prices = plan_analyse_missing_prices(model, result);

	if (options->parts & PLAN_ANALYSE_VALIDATE) {
		result->validation = plan_validate(model, result->used, result->compute);
		result->diagnostics = g_ptr_array_new();
		/* what the loader warned about (unknown fields) belongs with the findings */
		g_ptr_array_extend(result->diagnostics, model->load_diagnostics, NULL, NULL);
		g_ptr_array_extend(result->diagnostics, result->validation->diagnostics, NULL,
				   NULL);
		g_ptr_array_extend(result->diagnostics, result->missing_prices, NULL, NULL);
		plan_diagnostics_sort(result->diagnostics);
	}
	plan_summary_count(&result->summary, model, result->diagnostics);
	if (parts & PLAN_ANALYSE_COMPARE) {
		if (!plan_analyse_need_book(result, error))
			return NULL;
		result->compare = plan_compare(model, result->used, &options->compare, error);
		if (result->compare == NULL)
			return NULL;
	}
	if (parts & PLAN_ANALYSE_SIMULATE) {
		PlanSimOptions sim_options = options->simulate;
		sim_options.book = result->used;
		result->simulation = plan_simulate(model, &sim_options, error);
		if (result->simulation == NULL)
			return NULL;
	}
	if ((parts & PLAN_ANALYSE_OPTIMIZE) && !plan_analyse_optimize(model, options, result, error))
		return NULL;
	return g_steal_pointer(&result);
}

/**
 * plan_result_free:
 * @result: (transfer full) (nullable): what plan_analyse() returned
 */
void
plan_result_free(PlanResult *result)
{
	if (result == NULL)
		return;
	g_clear_pointer(&result->optimization_models, g_array_unref);
	g_clear_pointer(&result->optimization, plan_opt_result_free);
	g_clear_pointer(&result->simulation, plan_sim_result_free);
	g_clear_pointer(&result->compare, plan_compare_free);
	g_clear_pointer(&result->cost, plan_cost_free);
	g_clear_pointer(&result->missing_prices, g_ptr_array_unref);
	g_clear_pointer(&result->diagnostics, g_ptr_array_unref);
	g_clear_pointer(&result->validation, plan_validation_free);
	g_clear_pointer(&result->compute, plan_compute_free);
	g_clear_error(&result->book_error);
	g_clear_pointer(&result->book, plan_price_book_free);
	g_free(result);
}
