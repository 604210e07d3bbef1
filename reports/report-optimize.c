/* ecsplan: the Optimization section of the report (report-optimize.h) */
#include "report-optimize.h"

#include "render.h"
#include "table.h"

static void
report_opt_section_intro(ReportDoc *doc, const ReportOptimizeInfo *info)
{
	g_autofree char *duration = report_duration_text(info->duration_s);
	g_autofree char *step = report_duration_text(info->step_s);

	report_doc_paragraphf(
	    doc,
	    "The cheapest configuration of each service that meets the service level %s, as "
	    "ecsplan optimize finds it: every candidate simulated alone for %s in steps of %s "
	    "under %s, %u seed%s from %" G_GUINT64_FORMAT "%s%s, and priced for 730 hours at "
	    "its simulated use.",
	    info->slo, duration, step,
	    info->profile != NULL ? info->profile : "the model's own load", info->runs,
	    info->runs == 1 ? "" : "s", info->seed, info->fail_az != NULL ? ", losing " : "",
	    info->fail_az != NULL ? info->fail_az : "");
	report_doc_paragraph(
	    doc, "The model's cost is the service as the model has it (launch type, task size, "
		 "instance type, Spot share, scaling target, min and max), bought on demand, "
		 "simulated and priced exactly as a candidate is, with the same seeds and load; "
		 "the saving is the model's cost minus the optimized cost (negative: the level "
		 "costs more than the model spends).");
}

/* the summary table: model cost, optimized cost and saving per service, and the totals */
static void
report_opt_section_table(ReportDoc *doc, const PlanOptResult *result, const GArray *models)
{
	static const char *const columns[] = {"Service", "Model", ">Model USD/month",
					      "Model meets", "Optimized", ">Optimized USD/month",
					      ">Saving USD/month", NULL};
	ReportTable *table = report_table_new(columns);
	PlanNanos model_total = 0;
	PlanNanos best_total = 0;
	gboolean estimate = FALSE;

	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		const PlanOptPoint *own = &g_array_index(models, PlanOptPoint, i);
		g_autofree char *own_config = report_optimize_config(&own->candidate);
		g_autofree char *own_cost =
		    own->measures.complete
			? report_money_cell(own->measures.monthly_cost, own->measures.estimate)
			: g_strdup("not priced");
		g_autofree char *best_config = NULL;
		g_autofree char *best_cost = NULL;
		g_autofree char *saving = NULL;

		if (s->found && own->measures.complete) {
			gboolean est = own->measures.estimate || s->best.measures.estimate;
			best_config = report_optimize_config(&s->best.candidate);
			best_cost = report_money_cell(s->best.measures.monthly_cost,
						      s->best.measures.estimate);
			saving = report_money_cell(
			    own->measures.monthly_cost - s->best.measures.monthly_cost, est);
			model_total += own->measures.monthly_cost;
			best_total += s->best.measures.monthly_cost;
			estimate = estimate || est;
		}
		if (s->found && best_config == NULL) {
			best_config = report_optimize_config(&s->best.candidate);
			best_cost = report_money_cell(s->best.measures.monthly_cost,
						      s->best.measures.estimate);
		}
		report_table_add_rowv(table, s->name, own_config, own_cost,
				      own->met ? "yes" : "no",
				      s->found ? best_config : "none meets the level",
				      s->found ? best_cost : "-", saving != NULL ? saving : "-", NULL);
	}
	/* totals over the services with a saving: both costs known */
	if (result->services->len > 1) {
		g_autofree char *own = report_money_cell(model_total, estimate);
		g_autofree char *best = report_money_cell(best_total, estimate);
		g_autofree char *saving = report_money_cell(model_total - best_total, estimate);
		report_table_add_rowv(table, "total", "", own, "", "", best, saving, NULL);
	}
	report_doc_table(doc, table);
}

/* per service: why the next cheaper fails, and its frontier as a table */
static void
report_opt_section_service(ReportDoc *doc, const PlanOptServiceResult *s)
{
	g_autofree char *heading = g_strdup_printf("Service %s", s->name);
	ReportTable *frontier;

	report_doc_heading(doc, 3, NULL, heading);
	if (s->has_next) {
		g_autofree char *config = report_optimize_config(&s->next.candidate);
		g_autofree char *cost = report_money_cell(s->next.measures.monthly_cost,
							  s->next.measures.estimate);
		report_doc_paragraphf(doc, "%s: %s at %s USD a month%s%s.",
				      s->found ? "The next cheaper candidate" : "The closest candidate",
				      config, cost, s->next_why != NULL ? " fails: " : "",
				      s->next_why != NULL ? s->next_why : "");
	} else if (s->found) {
		report_doc_paragraph(doc, "No cheaper candidate was simulated.");
	}
	report_doc_paragraphf(doc, "%" G_GUINT64_FORMAT " candidates searched.", s->n_candidates);
	if (s->frontier->len == 0)
		return;
	frontier = report_table_new(report_optimize_frontier_columns);
	for (guint j = 0; j < s->frontier->len; j++) {
		const PlanOptPoint *point = &g_array_index(s->frontier, PlanOptPoint, j);
		report_optimize_row(frontier, point->met ? "yes" : "no", point);
	}
	report_doc_table(doc, frontier);
}

void
report_optimize_section(ReportDoc *doc, const PlanModel *model, const PlanOptResult *result,
			const GArray *models, const ReportOptimizeInfo *info,
			ReportOptimizeFigureFunc figure, gpointer figure_data)
{
	g_autoptr(ReportTable) prices = NULL;

	g_return_if_fail(result != NULL && models != NULL &&
			 models->len == result->services->len);
	report_doc_heading(doc, 2, "optimization", "Optimization");
	report_opt_section_intro(doc, info);
	report_opt_section_table(doc, result, models);
	if (figure != NULL)
		figure(doc, figure_data);
	for (guint i = 0; i < result->services->len; i++)
		report_opt_section_service(doc, g_ptr_array_index(result->services, i));
	report_doc_heading(doc, 3, NULL, "Model change");
	report_doc_paragraphf(doc,
			      "The RFC 6902 JSON patch onto the model file (ecsplan optimize "
			      "--patch FILE writes it); the edited model has %u error%s and %u "
			      "warning%s (the model: %u and %u).",
			      result->edited_errors, result->edited_errors == 1 ? "" : "s",
			      result->edited_warnings, result->edited_warnings == 1 ? "" : "s",
			      result->model_errors, result->model_warnings);
	report_doc_code(doc, result->patch);
	prices = report_optimize_prices_table(model, result, models, info->book);
	if (prices != NULL) {
		report_doc_heading(doc, 3, NULL, "Prices behind the figures");
		report_doc_table(doc, g_steal_pointer(&prices));
		report_doc_note(doc, "Sources: docs/sources.md.");
	}
	report_doc_note(doc, report_optimize_legend);
}
