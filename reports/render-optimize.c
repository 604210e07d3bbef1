#include "render-optimize.h"

#include <cjson/cJSON.h>

#include "compat.h"
#include "escape.h"
#include "json-util.h"
#include "plan-error.h"
#include "table.h"

#include "pricebook.h"

static const char report_optimize_legend[] =
    "Each candidate runs alone under the load profile with every seed; its cost is its compute "
    "for 730 hours at the simulated use (Fargate task-hours, or EC2 instance-hours with EBS), "
    "public IPv4 included; a Savings Plan or Reserved Instance covers the minimum capacity all "
    "month, the rest is on-demand. A task's throughput is task_capacity_rps scaled by its CPU. " REPORT_ESTIMATE_MARK
    " estimate: an unconfirmed figure (Spot discounts, arm64 Fargate Spot)";

static const char *
report_optimize_arch(PlanArchitecture architecture)
{
	return architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
}

char *
report_optimize_config(const PlanOptCandidate *c)
{
	GString *out = g_string_new(NULL);

	if (c->launch_type == PLAN_LAUNCH_FARGATE) {
		g_autofree char *vcpu =
		    report_decimal_text((double)c->cpu_units / PLAN_CPU_UNITS_PER_VCPU, 3);
		g_autofree char *gb = report_decimal_text((double)c->memory_mib / PLAN_MIB_PER_GB, 3);
		g_string_append_printf(out, "Fargate %s %s vCPU / %s GB",
				       report_optimize_arch(c->architecture), vcpu, gb);
	} else {
		g_string_append_printf(out, "EC2 %s%s", c->instance_type,
				       c->trunking ? ", trunking" : "");
	}
	return g_string_free(out, FALSE);
}

static char *
report_optimize_tasks(const PlanOptCandidate *c)
{
	if (c->min == c->max)
		return g_strdup_printf("%" G_GINT64_FORMAT, c->min);
	return g_strdup_printf("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, c->min, c->max);
}

static char *
report_optimize_target(const PlanOptCandidate *c)
{
	return c->has_target ? report_decimal_text(c->target, 2) : g_strdup("-");
}

static char *
report_optimize_pct(double value)
{
	GString *out = g_string_new(NULL);
	report_format_decimal(value, 3, out);
	g_string_append_c(out, '%');
	return g_string_free(out, FALSE);
}

static char *
report_optimize_minutes(double value)
{
	return report_decimal_text(value, 1);
}

static void
report_optimize_row(ReportTable *table, const char *first, const PlanOptPoint *point)
{
	const PlanOptCandidate *c = &point->candidate;
	g_autofree char *config = report_optimize_config(c);
	g_autofree char *tasks = report_optimize_tasks(c);
	g_autofree char *target = report_optimize_target(c);
	g_autofree char *spot = g_strdup_printf("%u%%", c->spot_pct);
	g_autofree char *cost = report_money_cell(point->measures.monthly_cost,
						  point->measures.estimate);
	g_autofree char *unmet = report_optimize_pct(point->measures.unmet_pct);
	g_autofree char *pending = report_optimize_minutes(point->measures.pending_minutes);
	g_autofree char *p95 = report_optimize_pct(point->measures.p95_util_pct);

	report_table_add_rowv(table, first, config, tasks, target, c->purchase, spot, cost, unmet,
			      pending, p95, NULL);
}

/* "7 d", "6 h", "90 m", "45 s": the largest unit that divides it */
static char *
report_optimize_duration(gint64 seconds)
{
	if (seconds > 0 && seconds % 86400 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " d", seconds / 86400);
	if (seconds > 0 && seconds % 3600 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " h", seconds / 3600);
	if (seconds > 0 && seconds % 60 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " m", seconds / 60);
	return g_strdup_printf("%" G_GINT64_FORMAT " s", seconds);
}

static void
report_optimize_header(const PlanModel *model, const PlanOptResult *result,
		       const ReportOptimizeInfo *info, GString *out)
{
	g_autofree char *duration = report_optimize_duration(info->duration_s);

	g_string_append(out, "Optimize ");
	report_escape_terminal(out, model->name != NULL ? model->name : model->file,
			       REPORT_ESCAPE_NONE);
	g_string_append_printf(out, ": %u service%s, %" G_GUINT64_FORMAT " candidates\n",
			       result->services->len, result->services->len == 1 ? "" : "s",
			       result->n_candidates);
	g_string_append(out, "  service level ");
	report_escape_terminal(out, info->slo, REPORT_ESCAPE_NONE);
	g_string_append_printf(out, "; %s in %" G_GINT64_FORMAT " s steps, %u seed%s from %" G_GUINT64_FORMAT,
			       duration, info->step_s, info->runs, info->runs == 1 ? "" : "s",
			       info->seed);
	if (info->profile != NULL) {
		g_string_append(out, ", profile ");
		report_escape_terminal(out, info->profile, REPORT_ESCAPE_NONE);
	}
	if (info->fail_az != NULL) {
		g_string_append(out, ", AZ lost: ");
		report_escape_terminal(out, info->fail_az, REPORT_ESCAPE_NONE);
	}
	g_string_append(out, "\n\n");
}

/* ---- the figures behind the answers ---- */

typedef struct {
	char *key;
	const PlanPrice *price;
} ReportOptPrice;

static void
report_opt_price_clear(gpointer data)
{
	g_free(((ReportOptPrice *)data)->key);
}

static void
report_opt_price_add(GArray *prices, char *key, const PlanPrice *price)
{
	g_autofree char *owned = key;

	if (price == NULL || !price->present)
		return;
	for (guint i = 0; i < prices->len; i++)
		if (g_strcmp0(g_array_index(prices, ReportOptPrice, i).key, owned) == 0)
			return;
	{
		ReportOptPrice item = {g_steal_pointer(&owned), price};
		g_array_append_val(prices, item);
	}
}

static const char *
report_opt_commit_kind(PlanCommitKind kind)
{
	switch (kind) {
	case PLAN_COMMIT_COMPUTE_SP:
		return "savings_plans.compute";
	case PLAN_COMMIT_EC2_INSTANCE_SP:
		return "savings_plans.ec2_instance";
	case PLAN_COMMIT_RESERVED:
	default:
		return "reserved";
	}
}

static void
report_opt_prices_fargate(const PlanPriceBook *book, const PlanService *service,
			  const PlanOptCandidate *c, GArray *prices)
{
	const char *arch = c->architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
	static const char *const dimensions[] = {"vcpu_hour", "gb_hour"};

	for (guint d = 0; d < G_N_ELEMENTS(dimensions); d++) {
		g_autofree char *key = g_strdup_printf("fargate.%s.%s", arch, dimensions[d]);
		if (c->committed) {
			const PlanCommitRate *rate =
			    plan_price_book_commit(book, c->commit, key, c->term, c->upfront);
			if (rate != NULL)
				report_opt_price_add(
				    prices,
				    g_strdup_printf("%s.%s.%s", report_opt_commit_kind(c->commit), key,
						    plan_commit_option_name(c->term, c->upfront)),
				    &rate->hourly);
		} else {
			report_opt_price_add(prices, g_strdup(key), plan_price_book_get(book, key));
		}
	}
	if (c->spot_pct > 0)
		report_opt_price_add(prices, g_strdup("fargate.spot_discount"),
				     plan_price_book_get(book, "fargate.spot_discount"));
	if (service->ephemeral_storage_gb > 20)
		report_opt_price_add(prices, g_strdup("fargate.ephemeral_gb_hour"),
				     plan_price_book_get(book, "fargate.ephemeral_gb_hour"));
}

static void
report_opt_prices_ec2(const PlanModel *model, const PlanPriceBook *book,
		      const PlanService *service, const PlanOptCandidate *c, GArray *prices)
{
	const PlanInstanceType *type = plan_price_book_instance(book, c->instance_type);
	const PlanCluster *cluster = service->cluster_index >= 0
					 ? g_ptr_array_index(model->clusters, service->cluster_index)
					 : NULL;

	if (type == NULL)
		return;
	report_opt_price_add(prices, g_strdup_printf("%s hour", type->name), &type->hourly);
	if (c->spot_pct > 0) {
		const PlanSpotAdvice *advice = plan_price_book_ec2_spot(book, type->name);
		if (advice != NULL)
			report_opt_price_add(prices,
					     advice->region_default
						 ? g_strdup("spot.ec2_default.savings")
						 : g_strdup_printf("spot.%s.savings", type->name),
					     &advice->savings);
	}
	if (c->committed) {
		const PlanCommitRate *rate =
		    plan_price_book_commit(book, c->commit, type->name, c->term, c->upfront);
		if (rate != NULL) {
			g_autofree char *stem =
			    g_strdup_printf("%s.%s.%s", report_opt_commit_kind(c->commit), type->name,
					    plan_commit_option_name(c->term, c->upfront));
			report_opt_price_add(prices, g_strdup_printf("%s.hourly", stem), &rate->hourly);
			report_opt_price_add(prices, g_strdup_printf("%s.upfront", stem),
					     &rate->upfront);
		}
	}
	report_opt_price_add(prices,
			     g_strdup(cluster != NULL && cluster->ebs_type == PLAN_STORAGE_GP2
					  ? "ebs.gp2.gb_month"
					  : "ebs.gp3.gb_month"),
			     plan_price_book_get(book, cluster != NULL &&
							       cluster->ebs_type == PLAN_STORAGE_GP2
							   ? "ebs.gp2.gb_month"
							   : "ebs.gp3.gb_month"));
}

/* the book's figures the answers rest on, in the order the services first use them */
static GArray *
report_opt_prices(const PlanModel *model, const PlanOptResult *result, const PlanPriceBook *book)
{
	GArray *prices = g_array_new(FALSE, FALSE, sizeof(ReportOptPrice));

	g_array_set_clear_func(prices, report_opt_price_clear);
	if (book == NULL)
		return prices;
	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		const PlanService *service;
		if (!s->found)
			continue;
		service = g_ptr_array_index(model->services, s->service_index);
		if (s->best.candidate.launch_type == PLAN_LAUNCH_FARGATE) {
			report_opt_prices_fargate(book, service, &s->best.candidate, prices);
			if (service->assign_public_ip)
				report_opt_price_add(prices, g_strdup("public_ipv4.hour"),
						     plan_price_book_get(book, "public_ipv4.hour"));
		} else {
			report_opt_prices_ec2(model, book, service, &s->best.candidate, prices);
		}
	}
	return prices;
}

static void
report_opt_prices_text(const PlanModel *model, const PlanOptResult *result,
		       const PlanPriceBook *book, GString *out)
{
	g_autoptr(GArray) prices = report_opt_prices(model, result, book);
	static const char *const columns[] = {"FIGURE", ">VALUE", "UNIT", "SOURCE", "AS OF", NULL};
	g_autoptr(ReportTable) table = report_table_new(columns);

	if (prices->len == 0)
		return;
	for (guint i = 0; i < prices->len; i++) {
		const ReportOptPrice *item = &g_array_index(prices, ReportOptPrice, i);
		g_autofree char *value = report_nanos_to_string(item->price->nanos);
		g_autofree char *shown = g_strdup_printf(
		    "%s%s", plan_price_is_estimate(item->price) ? REPORT_ESTIMATE_MARK : "", value);
		report_table_add_rowv(table, item->key, shown, item->price->unit,
				      item->price->source != NULL ? item->price->source : "-",
				      item->price->as_of != NULL ? item->price->as_of : "-", NULL);
	}
	g_string_append(out, "\nPrices behind the answers (sources: docs/sources.md)\n");
	report_table_render_text(table, "  ", out);
}

static void
report_opt_prices_json(const PlanModel *model, const PlanOptResult *result,
		       const PlanPriceBook *book, cJSON *root)
{
	g_autoptr(GArray) prices = report_opt_prices(model, result, book);
	cJSON *array;

	if (book == NULL)
		return;
	array = cJSON_AddArrayToObject(root, "prices");
	for (guint i = 0; i < prices->len; i++) {
		const ReportOptPrice *item = &g_array_index(prices, ReportOptPrice, i);
		cJSON *entry = cJSON_CreateObject();
		cJSON_AddStringToObject(entry, "key", item->key);
		report_json_add_money(entry, "value", item->price->nanos);
		cJSON_AddStringToObject(entry, "unit", item->price->unit);
		if (item->price->source != NULL)
			cJSON_AddStringToObject(entry, "source", item->price->source);
		if (item->price->as_of != NULL)
			cJSON_AddStringToObject(entry, "as_of", item->price->as_of);
		cJSON_AddBoolToObject(entry, "estimate", plan_price_is_estimate(item->price));
		cJSON_AddItemToArray(array, entry);
	}
}

static const char *const report_optimize_columns[] = {
    "SERVICE", "CONFIGURATION", ">TASKS", ">TARGET", "PURCHASE", ">SPOT", ">USD/MONTH",
    ">UNMET", ">PENDING MIN", ">P95 UTIL", NULL};

static const char *const report_optimize_frontier_columns[] = {
    "MEETS", "CONFIGURATION", ">TASKS", ">TARGET", "PURCHASE", ">SPOT", ">USD/MONTH",
    ">UNMET", ">PENDING MIN", ">P95 UTIL", NULL};

static void
report_optimize_text(const PlanModel *model, const PlanOptResult *result,
		     const ReportOptimizeInfo *info, GString *out)
{
	g_autoptr(ReportTable) table = report_table_new(report_optimize_columns);
	guint n_found = 0;

	report_optimize_header(model, result, info, out);
	g_string_append(out, "Cheapest configuration per service that meets the level\n");
	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		g_autofree char *name = report_escape_terminal_dup(s->name);
		if (!s->found) {
			report_table_add_rowv(table, name, "none meets it", "", "", "", "", "", "",
					      "", "", NULL);
			continue;
		}
		n_found++;
		report_optimize_row(table, name, &s->best);
	}
	report_table_render_text(table, "  ", out);
	if (n_found > 0) {
		g_autofree char *total = report_money_cell(result->total_cost, result->estimate);
		g_string_append_printf(out, "  total %s a month for %u service%s\n", total, n_found,
				       n_found == 1 ? "" : "s");
	}

	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		g_autoptr(ReportTable) frontier = report_table_new(report_optimize_frontier_columns);
		g_string_append(out, "\nService '");
		report_escape_terminal(out, s->name, REPORT_ESCAPE_NONE);
		g_string_append_printf(out, "': %" G_GUINT64_FORMAT " candidates\n", s->n_candidates);
		if (s->has_next) {
			g_autofree char *config = report_optimize_config(&s->next.candidate);
			g_autofree char *cost = report_money_cell(s->next.measures.monthly_cost,
								  s->next.measures.estimate);
			g_string_append_printf(out, "  %s: %s at %s USD a month",
					       s->found ? "next cheaper" : "closest", config, cost);
			if (s->next_why != NULL) {
				g_string_append(out, " fails: ");
				report_escape_terminal(out, s->next_why, REPORT_ESCAPE_NONE);
			}
			g_string_append_c(out, '\n');
		} else if (s->found) {
			g_string_append(out, "  no cheaper candidate\n");
		}
		if (s->frontier->len == 0)
			continue;
		g_string_append(out, "  frontier, cost against unmet demand:\n");
		for (guint j = 0; j < s->frontier->len; j++) {
			const PlanOptPoint *point = &g_array_index(s->frontier, PlanOptPoint, j);
			report_optimize_row(frontier, point->met ? "yes" : "no", point);
		}
		report_table_render_text(frontier, "  ", out);
	}
	report_opt_prices_text(model, result, info->book, out);
	g_string_append_printf(out,
			       "\nModel change: the edited model has %u error%s and %u warning%s "
			       "(the model: %u and %u); --patch FILE writes the JSON patch, "
			       "--output-model FILE the edited model\n",
			       result->edited_errors, result->edited_errors == 1 ? "" : "s",
			       result->edited_warnings, result->edited_warnings == 1 ? "" : "s",
			       result->model_errors, result->model_warnings);
	g_string_append_printf(out, "\n%s\n", report_optimize_legend);
}


/* ---- JSON ---- */

static cJSON *
report_optimize_json_point(const PlanOptPoint *point)
{
	const PlanOptCandidate *c = &point->candidate;
	const PlanOptMeasures *m = &point->measures;
	cJSON *item = cJSON_CreateObject();
	cJSON *measures;

	cJSON_AddStringToObject(item, "launch_type", plan_launch_type_to_string(c->launch_type));
	cJSON_AddStringToObject(item, "architecture", report_optimize_arch(c->architecture));
	report_json_add_int(item, "cpu", c->cpu_units);
	report_json_add_int(item, "memory", c->memory_mib);
	if (c->instance_type != NULL) {
		cJSON_AddStringToObject(item, "instance_type", c->instance_type);
		cJSON_AddBoolToObject(item, "trunking", c->trunking);
	}
	report_json_add_int(item, "spot_pct", c->spot_pct);
	cJSON_AddStringToObject(item, "purchase", c->purchase);
	if (c->has_target)
		cJSON_AddNumberToObject(item, "target", c->target);
	report_json_add_int(item, "min", c->min);
	report_json_add_int(item, "max", c->max);
	report_json_add_money(item, "monthly_cost", m->monthly_cost);
	report_json_add_money(item, "lower_bound", c->lower_bound);
	cJSON_AddBoolToObject(item, "estimate", m->estimate);
	cJSON_AddBoolToObject(item, "meets", point->met);
	measures = cJSON_AddObjectToObject(item, "measures");
	cJSON_AddNumberToObject(measures, "unmet_pct", m->unmet_pct);
	cJSON_AddNumberToObject(measures, "pending_minutes", m->pending_minutes);
	cJSON_AddNumberToObject(measures, "p95_util_pct", m->p95_util_pct);
	cJSON_AddBoolToObject(measures, "az_survived", m->az_survived);
	cJSON_AddNumberToObject(measures, "az_unmet_pct", m->az_unmet_pct);
	cJSON_AddNumberToObject(measures, "spot_pct", m->spot_pct);
	cJSON_AddNumberToObject(measures, "address_full_minutes", m->address_full_minutes);
	cJSON_AddNumberToObject(measures, "task_hours", m->task_hours);
	return item;
}

static GString *
report_optimize_json(const PlanModel *model, const PlanOptResult *result,
		     const ReportOptimizeInfo *info, GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	g_autoptr(GString) out = g_string_new(NULL);
	cJSON *services;
	cJSON *search;

	cJSON_AddStringToObject(root, "model", model->name != NULL ? model->name : model->file);
	search = cJSON_AddObjectToObject(root, "search");
	cJSON_AddStringToObject(search, "slo", info->slo);
	if (info->profile != NULL)
		cJSON_AddStringToObject(search, "profile", info->profile);
	report_json_add_int(search, "duration_s", info->duration_s);
	report_json_add_int(search, "step_s", info->step_s);
	report_json_add_int(search, "runs", info->runs);
	report_json_add_int(search, "seed", (gint64)info->seed);
	if (info->fail_az != NULL)
		cJSON_AddStringToObject(search, "fail_az", info->fail_az);
	report_json_add_int(search, "candidates", (gint64)result->n_candidates);
	services = cJSON_AddArrayToObject(root, "services");
	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		cJSON *item = cJSON_CreateObject();
		cJSON *frontier;
		cJSON_AddStringToObject(item, "name", s->name);
		report_json_add_int(item, "candidates", (gint64)s->n_candidates);
		if (s->found)
			cJSON_AddItemToObject(item, "best", report_optimize_json_point(&s->best));
		else
			cJSON_AddNullToObject(item, "best");
		if (s->has_next) {
			cJSON *next = report_optimize_json_point(&s->next);
			if (s->next_why != NULL)
				cJSON_AddStringToObject(next, "fails", s->next_why);
			cJSON_AddItemToObject(item, s->found ? "next_cheaper" : "closest", next);
		}
		frontier = cJSON_AddArrayToObject(item, "frontier");
		for (guint j = 0; j < s->frontier->len; j++)
			cJSON_AddItemToArray(frontier, report_optimize_json_point(&g_array_index(
							   s->frontier, PlanOptPoint, j)));
		cJSON_AddItemToArray(services, item);
	}
	report_json_add_money(root, "total_monthly_cost", result->total_cost);
	report_opt_prices_json(model, result, info->book, root);
	cJSON_AddBoolToObject(root, "estimate", result->estimate);
	{
		cJSON *edited = cJSON_AddObjectToObject(root, "edited_model");
		g_autoptr(cJSON) patch = cJSON_Parse(result->patch);
		report_json_add_int(edited, "errors", result->edited_errors);
		report_json_add_int(edited, "warnings", result->edited_warnings);
		report_json_add_int(edited, "model_errors", result->model_errors);
		report_json_add_int(edited, "model_warnings", result->model_warnings);
		if (patch != NULL)
			cJSON_AddItemToObject(edited, "patch", g_steal_pointer(&patch));
	}
	if (!plan_json_print_append(out, root, TRUE, error))
		return NULL;
	g_string_append_c(out, '\n');
	return g_steal_pointer(&out);
}

GString *
report_optimize(const PlanModel *model, const PlanOptResult *result,
		const ReportOptimizeInfo *info, ReportFormat format, ReportFlags flags,
		GError **error)
{
	GString *out;

	g_return_val_if_fail(model != NULL && result != NULL && info != NULL, NULL);
	switch (format) {
	case REPORT_FORMAT_TEXT:
		out = g_string_new(NULL);
		report_optimize_text(model, result, info, out);
		report_escape_terminal_document(out, flags);
		return out;
	case REPORT_FORMAT_JSON:
		return report_optimize_json(model, result, info, error);
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "optimize cannot write %s", report_format_info(format)->name);
		return NULL;
	}
}
