#include "render-cost.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "compat.h"
#include "escape.h"
#include "json-util.h"
#include "plan-error.h"
#include "table.h"

/* text and markdown put this before a cost or price that is an estimate */

static const char report_cost_legend_text[] =
    REPORT_ESTIMATE_MARK " estimate: the line rests on a price or figure that is not confirmed "
			 "(see 'ecsplan prices'); check the live AWS price page before quoting it";

/* ---- cells shared by text, markdown and csv ---------------------------------------------------
 */

static char *
report_cost_unit_price(const PlanCostLine *line, gboolean mark)
{
	g_autofree char *value = NULL;

	if (line->unpriced)
		return g_strdup("unpriced");
	if (!line->unit_price.present)
		return g_strdup(mark ? "-" : "");
	value = report_nanos_to_string(line->unit_price.nanos);
	if (mark && plan_price_is_estimate(&line->unit_price))
		return g_strconcat(REPORT_ESTIMATE_MARK, value, NULL);
	return g_steal_pointer(&value);
}

static const char *
report_cost_or_dash(const char *text)
{
	return text != NULL ? text : "-";
}

/* "2021 to 2026-09" (the figures behind the lines, oldest to newest), "2026-11-20", with
 * "(2 lines undated)" when some have no date; "no figures" when no line was priced */
static void
report_cost_dates(const PlanCost *cost, GString *out)
{
	if (cost->figures_oldest == NULL && cost->n_undated == 0)
		g_string_append(out, "no figures");
	else if (cost->figures_oldest == NULL)
		g_string_append(out, "undated figures");
	else if (strcmp(cost->figures_oldest, cost->figures_newest) == 0)
		g_string_append(out, cost->figures_oldest);
	else
		g_string_append_printf(out, "%s to %s", cost->figures_oldest,
				       cost->figures_newest);
	if (cost->n_undated > 0)
		g_string_append_printf(out, " (%u %s undated)", cost->n_undated,
				       cost->n_undated == 1 ? "line" : "lines");
}

static char *
report_cost_title(const PlanModel *model, const PlanCost *cost)
{
	g_autofree char *hours = report_decimal_text(cost->hours, 4);
	GString *title = g_string_new("Monthly cost");

	if (model->name != NULL)
		g_string_append_printf(title, " of %s", model->name);
	g_string_append_printf(title, " in %s (USD, %s hours; prices of ", cost->region, hours);
	report_cost_dates(cost, title);
	g_string_append_printf(title, ", %s): ", cost->book_origin);
	if (!cost->complete)
		g_string_append(title, "at least ");
	if (cost->estimate)
		g_string_append(title, REPORT_ESTIMATE_MARK);
	report_format_money(cost->total, title);
	if (!cost->complete)
		g_string_append_printf(title, " (%u %s unpriced)", cost->missing->len,
				       cost->missing->len == 1 ? "figure" : "figures");
	return g_string_free(title, FALSE);
}

/* a total: "at least 12.34" when some of its lines are unpriced */
static char *
report_cost_total_cell(PlanNanos nanos, gboolean estimate, guint n_unpriced)
{
	g_autofree char *money = report_money_cell(nanos, estimate);
	return n_unpriced > 0 ? g_strconcat("at least ", money, NULL) : g_steal_pointer(&money);
}

/* ---- tables ------------------------------------------------------------------------------------
 */

const char *
report_cost_category_label(PlanCostCategory category)
{
	static const char *const labels[] = {
	    [PLAN_COST_FARGATE] = "Fargate tasks",
	    [PLAN_COST_FARGATE_SPOT] = "Fargate Spot tasks",
	    [PLAN_COST_EC2] = "EC2 instances",
	    [PLAN_COST_NAT_HOURS] = "NAT gateway hours",
	    [PLAN_COST_NAT_DATA] = "NAT gateway data",
	    [PLAN_COST_LB_HOURS] = "load balancer hours",
	    [PLAN_COST_LB_LCU] = "load balancer capacity units",
	    [PLAN_COST_PUBLIC_IPV4] = "public IPv4 addresses",
	    [PLAN_COST_CROSS_AZ] = "cross-AZ data",
	    [PLAN_COST_INTERNET_EGRESS] = "data out to the internet",
	    [PLAN_COST_ENDPOINT_HOURS] = "VPC endpoint hours",
	    [PLAN_COST_ENDPOINT_DATA] = "VPC endpoint data",
	    [PLAN_COST_DATABASE] = "Databases (RDS)",
	    [PLAN_COST_LOGS] = "CloudWatch Logs",
	};
	G_STATIC_ASSERT(G_N_ELEMENTS(labels) == PLAN_COST_N_CATEGORIES);

	g_return_val_if_fail(category < PLAN_COST_N_CATEGORIES, "");
	return labels[category];
}

static gint
report_cost_compare_categories(gconstpointer a, gconstpointer b, gpointer user_data)
{
	const PlanCost *cost = user_data;
	guint i = *(const guint *)a;
	guint j = *(const guint *)b;
	PlanNanos ci = g_array_index(cost->by_category, PlanCostTotal, i).cost;
	PlanNanos cj = g_array_index(cost->by_category, PlanCostTotal, j).cost;

	if (ci != cj)
		return ci > cj ? -1 : 1;
	return i < j ? -1 : (i > j ? 1 : 0);
}

GArray *
report_cost_categories_by_cost(const PlanCost *cost)
{
	GArray *order = g_array_new(FALSE, FALSE, sizeof(guint));

	g_return_val_if_fail(cost != NULL, order);
	for (guint i = 0; i < cost->by_category->len; i++) {
		if (g_array_index(cost->by_category, PlanCostTotal, i).n_lines > 0)
			g_array_append_val(order, i);
	}
	g_array_sort_with_data(order, report_cost_compare_categories, (gpointer)cost);
	return order;
}

static ReportTable *
report_cost_lines_table(const PlanCost *cost)
{
	static const char *const header[] = {
	    "CATEGORY",	   "RESOURCE", "AZ",	">QUANTITY",   "UNIT", "×",
	    ">UNIT PRICE", "=",	       ">COST", "DESCRIPTION", NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		g_autofree char *quantity = report_decimal_text(line->quantity, 4);
		g_autofree char *price = report_cost_unit_price(line, TRUE);
		g_autofree char *money = line->unpriced
					     ? g_strdup("unpriced")
					     : report_money_cell(line->cost, line->estimate);
		report_table_add_rowv(table, plan_cost_category_to_string(line->category),
				      line->resource, report_cost_or_dash(line->az), quantity,
				      line->unit, "×", price, "=", money, line->description, NULL);
	}
	{
		g_autofree char *total = report_cost_total_cell(cost->total, cost->estimate,
								 cost->complete ? 0 : 1);
		report_table_add_rowv(table, "total", "", "", "", "", "", "", "", total,
				      cost->complete
					  ? "the sum of the line items (each rounded to the "
					    "nano-dollar)"
					  : "the sum of the priced line items: a lower bound, "
					    "the unpriced lines cost more than nothing",
				      NULL);
	}
	return table;
}

/* @what: "CATEGORY", "SERVICE" or "AZ"; @none: the name of the NULL bucket; @skip_empty:
 * leave out buckets without lines (categories the model does not use) */
static ReportTable *
report_cost_totals_table(const GArray *totals, const char *what, const char *none,
			 gboolean skip_empty)
{
	const char *header[] = {what, ">COST", ">LINES", NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < totals->len; i++) {
		const PlanCostTotal *total = &g_array_index(totals, PlanCostTotal, i);
		g_autofree char *money = NULL;
		g_autofree char *lines = NULL;
		if (skip_empty && total->n_lines == 0)
			continue;
		money = report_cost_total_cell(total->cost, total->estimate, total->n_unpriced);
		lines = g_strdup_printf("%u", total->n_lines);
		report_table_add_rowv(table, total->key != NULL ? total->key : none, money, lines,
				      NULL);
	}
	return table;
}

static ReportTable *
report_cost_assumptions_table(const PlanCost *cost)
{
	static const char *const header[] = {"ASSUMPTION", ">VALUE", "UNIT", "FROM", "WHY", NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < cost->assumptions->len; i++) {
		const PlanCostAssumption *assumption =
		    &g_array_index(cost->assumptions, PlanCostAssumption, i);
		g_autofree char *value = report_decimal_text(assumption->value, 4);
		report_table_add_rowv(table, assumption->name, value, assumption->unit,
				      plan_cost_from_to_string(assumption->from), assumption->why,
				      NULL);
	}
	return table;
}

/* the five tables, in the order both text and markdown print them */
typedef struct {
	const char *heading;
	ReportTable *table;
} ReportCostSection;

/* the headings, in ReportCostTable order (the order text and markdown print the tables) */
static const char *const report_cost_headings[] = {
    "Line items (quantity × unit price = cost)",
    "By category",
    "By service",
    "By AZ",
    "Assumptions (change them in the model's usage blocks, or with --hours)",
};

static void
report_cost_sections(const PlanCost *cost, ReportCostSection sections[5])
{
	G_STATIC_ASSERT(G_N_ELEMENTS(report_cost_headings) == REPORT_COST_N_TABLES);
	sections[REPORT_COST_TABLE_LINES] = (ReportCostSection){
	    report_cost_headings[REPORT_COST_TABLE_LINES], report_cost_lines_table(cost)};
	sections[REPORT_COST_TABLE_BY_CATEGORY] =
	    (ReportCostSection){report_cost_headings[REPORT_COST_TABLE_BY_CATEGORY],
				report_cost_totals_table(cost->by_category, "CATEGORY", "-", TRUE)};
	sections[REPORT_COST_TABLE_BY_SERVICE] = (ReportCostSection){
	    report_cost_headings[REPORT_COST_TABLE_BY_SERVICE],
	    report_cost_totals_table(cost->by_service, "SERVICE", "(shared)", FALSE)};
	sections[REPORT_COST_TABLE_BY_AZ] = (ReportCostSection){
	    report_cost_headings[REPORT_COST_TABLE_BY_AZ],
	    report_cost_totals_table(cost->by_az, "AZ", "(several or none)", FALSE)};
	sections[REPORT_COST_TABLE_ASSUMPTIONS] =
	    (ReportCostSection){report_cost_headings[REPORT_COST_TABLE_ASSUMPTIONS],
				report_cost_assumptions_table(cost)};
}

static void
report_cost_sections_free(ReportCostSection sections[5])
{
	for (guint i = 0; i < 5; i++)
		g_clear_pointer(&sections[i].table, report_table_free);
}

ReportTable *
report_cost_table(const PlanCost *cost, ReportCostTable which)
{
	ReportCostSection sections[5];
	ReportTable *table;

	g_return_val_if_fail(cost != NULL && which < REPORT_COST_N_TABLES, NULL);
	report_cost_sections(cost, sections);
	table = g_steal_pointer(&sections[which].table);
	report_cost_sections_free(sections);
	return table;
}

const char *
report_cost_table_heading(ReportCostTable which)
{
	g_return_val_if_fail(which < REPORT_COST_N_TABLES, NULL);
	return report_cost_headings[which];
}

const char *
report_cost_legend(void)
{
	return report_cost_legend_text;
}

/* "error: clusters[0].instance_type: no price for ... [price-missing]" */
static char *
report_cost_missing_text(const PlanDiagnostic *missing)
{
	return g_strdup_printf("%s: %s: %s [%s]", plan_severity_to_string(missing->severity),
			       missing->path, missing->message, missing->code);
}

static void
report_cost_text(const PlanModel *model, const PlanCost *cost, ReportFlags flags, GString *out)
{
	g_autofree char *title = report_cost_title(model, cost);
	ReportCostSection sections[5];

	report_cost_sections(cost, sections);
	g_string_append(out, report_color(flags, REPORT_ANSI_BOLD));
	report_escape_terminal(out, title, REPORT_ESCAPE_NONE);
	g_string_append_printf(out, "%s\n", report_color(flags, REPORT_ANSI_RESET));
	for (guint i = 0; i < G_N_ELEMENTS(sections); i++) {
		g_string_append_printf(out, "\n%s%s%s\n", report_color(flags, REPORT_ANSI_BOLD),
				       sections[i].heading, report_color(flags, REPORT_ANSI_RESET));
		report_table_render_text(sections[i].table, "  ", out);
	}
	if (cost->missing->len > 0) {
		g_string_append_printf(out, "\n%sMissing prices%s\n",
				       report_color(flags, REPORT_ANSI_BOLD),
				       report_color(flags, REPORT_ANSI_RESET));
		for (guint i = 0; i < cost->missing->len; i++) {
			const PlanDiagnostic *missing = g_ptr_array_index(cost->missing, i);
			g_autofree char *text = report_cost_missing_text(missing);
			g_string_append(out, "  ");
			report_escape_terminal(out, text, REPORT_ESCAPE_NONE);
			g_string_append_c(out, '\n');
		}
	}
	g_string_append_printf(out, "\n  %s\n", report_cost_legend_text);
	report_cost_sections_free(sections);
}

static void
report_cost_markdown(const PlanModel *model, const PlanCost *cost, GString *out)
{
	g_autofree char *title = report_cost_title(model, cost);
	ReportCostSection sections[5];

	report_cost_sections(cost, sections);
	g_string_append(out, "## ");
	report_escape_markdown(out, title, REPORT_MARKDOWN_INLINE);
	g_string_append_c(out, '\n');
	for (guint i = 0; i < G_N_ELEMENTS(sections); i++) {
		g_string_append_printf(out, "\n### %s\n\n", sections[i].heading);
		report_table_render_markdown(sections[i].table, out);
	}
	if (cost->missing->len > 0) {
		g_string_append(out, "\n### Missing prices\n\n");
		for (guint i = 0; i < cost->missing->len; i++) {
			const PlanDiagnostic *missing = g_ptr_array_index(cost->missing, i);
			g_autofree char *text = report_cost_missing_text(missing);
			g_string_append(out, "- ");
			report_escape_markdown(out, text, REPORT_MARKDOWN_INLINE);
			g_string_append_c(out, '\n');
		}
	}
	g_string_append_printf(out, "\n%s.\n", report_cost_legend_text);
	report_cost_sections_free(sections);
}

/* ---- csv ------------------------------------------------------------------------------------- */

static void
report_cost_csv(const PlanCost *cost, GString *out)
{
	static const char *const header[] = {
	    "category",	  "resource", "az",	  "service",   "description", "quantity", "unit",
	    "unit_price", "cost",     "estimate", "price_key", "confidence",  "source",	  "as_of"};
	/* the columns of text from the model or a price file (formulas neutralised); the others
	 * are ecsplan's own: a negative cost stays a number */
	const guint32 user = REPORT_CSV_USER(1) | REPORT_CSV_USER(2) | REPORT_CSV_USER(3) |
			     REPORT_CSV_USER(4) | REPORT_CSV_USER(6) | REPORT_CSV_USER(10) |
			     REPORT_CSV_USER(12) | REPORT_CSV_USER(13);

	report_csv_row(out, header, G_N_ELEMENTS(header), 0);
	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		g_autofree char *quantity = report_decimal_text(line->quantity, 9);
		g_autofree char *price = report_cost_unit_price(line, FALSE);
		g_autofree char *money =
		    line->unpriced ? g_strdup("") : report_nanos_to_string(line->cost);
		const char *cells[] = {
		    plan_cost_category_to_string(line->category),
		    line->resource,
		    line->az,
		    line->service,
		    line->description,
		    quantity,
		    line->unit,
		    price,
		    money,
		    line->estimate ? "true" : "false",
		    line->price_key,
		    plan_confidence_to_string(line->unit_price.confidence),
		    line->unit_price.source,
		    line->unit_price.as_of,
		};
		G_STATIC_ASSERT(G_N_ELEMENTS(cells) == G_N_ELEMENTS(header));
		report_csv_row(out, cells, G_N_ELEMENTS(cells), user);
	}
}

/* ---- json ------------------------------------------------------------------------------------ */

static void
report_json_add_decimal(cJSON *object, const char *key, double value)
{
	g_autofree char *text = report_decimal_text(value, 9);
	cJSON_AddItemToObject(object, key, cJSON_CreateRaw(text));
}

static void
report_json_add_string_or_null(cJSON *object, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(object, key, value);
	else
		cJSON_AddNullToObject(object, key);
}

static cJSON *
report_cost_json_line(const PlanCostLine *line)
{
	cJSON *item = cJSON_CreateObject();
	cJSON *price = cJSON_CreateObject();

	cJSON_AddStringToObject(item, "category", plan_cost_category_to_string(line->category));
	cJSON_AddStringToObject(item, "resource", line->resource);
	cJSON_AddStringToObject(item, "description", line->description);
	report_json_add_decimal(item, "quantity", line->quantity);
	cJSON_AddStringToObject(item, "unit", line->unit);
	if (line->unit_price.present)
		report_json_add_money(item, "unit_price", line->unit_price.nanos);
	else
		cJSON_AddNullToObject(item, "unit_price");
	if (line->unpriced)
		cJSON_AddNullToObject(item, "cost");
	else
		report_json_add_money(item, "cost", line->cost);
	cJSON_AddBoolToObject(item, "estimate", line->estimate);
	if (line->unpriced)
		cJSON_AddBoolToObject(item, "unpriced", TRUE);
	report_json_add_string_or_null(item, "az", line->az);
	report_json_add_string_or_null(item, "service", line->service);
	cJSON_AddStringToObject(price, "key", line->price_key);
	cJSON_AddStringToObject(price, "confidence",
				plan_confidence_to_string(line->unit_price.confidence));
	report_json_add_string_or_null(price, "source", line->unit_price.source);
	report_json_add_string_or_null(price, "as_of", line->unit_price.as_of);
	report_json_add_string_or_null(price, "note", line->unit_price.note);
	cJSON_AddItemToObject(item, "price", price);
	return item;
}

static cJSON *
report_cost_json_totals(const GArray *totals, const char *key)
{
	cJSON *array = cJSON_CreateArray();

	for (guint i = 0; i < totals->len; i++) {
		const PlanCostTotal *total = &g_array_index(totals, PlanCostTotal, i);
		cJSON *item = cJSON_CreateObject();
		report_json_add_string_or_null(item, key, total->key);
		report_json_add_money(item, "cost", total->cost);
		cJSON_AddBoolToObject(item, "estimate", total->estimate);
		report_json_add_int(item, "lines", total->n_lines);
		if (total->n_unpriced > 0)
			report_json_add_int(item, "unpriced_lines", total->n_unpriced);
		cJSON_AddItemToArray(array, item);
	}
	return array;
}

static gboolean
report_cost_json(const PlanCost *cost, GString *out, GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	cJSON *book = cJSON_CreateObject();
	cJSON *lines = cJSON_CreateArray();
	cJSON *totals = cJSON_CreateObject();
	cJSON *assumptions = cJSON_CreateArray();

	cJSON_AddStringToObject(root, "currency", "USD");
	report_json_add_decimal(root, "hours", cost->hours);
	cJSON_AddStringToObject(root, "region", cost->region);
	cJSON_AddStringToObject(book, "as_of", cost->book_as_of);
	cJSON_AddStringToObject(book, "origin", cost->book_origin);
	/* the dates of the figures the lines used, each figure's own */
	report_json_add_string_or_null(book, "figures_oldest", cost->figures_oldest);
	report_json_add_string_or_null(book, "figures_newest", cost->figures_newest);
	report_json_add_int(book, "lines_undated", cost->n_undated);
	cJSON_AddItemToObject(root, "price_book", book);
	report_json_add_money(root, "total", cost->total);
	cJSON_AddBoolToObject(root, "estimate", cost->estimate);
	/* false: "total" is a lower bound and "missing" names the figures the book lacks */
	cJSON_AddBoolToObject(root, "complete", cost->complete);
	if (!cost->complete) {
		cJSON *missing = cJSON_CreateArray();
		for (guint i = 0; i < cost->missing->len; i++) {
			const PlanDiagnostic *diagnostic = g_ptr_array_index(cost->missing, i);
			cJSON *item = cJSON_CreateObject();
			cJSON_AddStringToObject(item, "code", diagnostic->code);
			cJSON_AddStringToObject(item, "severity",
						plan_severity_to_string(diagnostic->severity));
			cJSON_AddStringToObject(item, "path", diagnostic->path);
			cJSON_AddStringToObject(item, "message", diagnostic->message);
			cJSON_AddItemToArray(missing, item);
		}
		cJSON_AddItemToObject(root, "missing", missing);
	}
	for (guint i = 0; i < cost->lines->len; i++)
		cJSON_AddItemToArray(
		    lines, report_cost_json_line(&g_array_index(cost->lines, PlanCostLine, i)));
	cJSON_AddItemToObject(root, "line_items", lines);
	cJSON_AddItemToObject(totals, "by_category",
			      report_cost_json_totals(cost->by_category, "category"));
	cJSON_AddItemToObject(totals, "by_service",
			      report_cost_json_totals(cost->by_service, "service"));
	cJSON_AddItemToObject(totals, "by_az", report_cost_json_totals(cost->by_az, "az"));
	cJSON_AddItemToObject(root, "totals", totals);
	for (guint i = 0; i < cost->assumptions->len; i++) {
		const PlanCostAssumption *assumption =
		    &g_array_index(cost->assumptions, PlanCostAssumption, i);
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "name", assumption->name);
		report_json_add_decimal(item, "value", assumption->value);
		cJSON_AddStringToObject(item, "unit", assumption->unit);
		cJSON_AddStringToObject(item, "from", plan_cost_from_to_string(assumption->from));
		cJSON_AddStringToObject(item, "why", assumption->why);
		cJSON_AddItemToArray(assumptions, item);
	}
	cJSON_AddItemToObject(root, "assumptions", assumptions);
	if (!plan_json_print_append(out, root, TRUE, error))
		return FALSE;
	g_string_append_c(out, '\n');
	return TRUE;
}

/**
 * report_cost:
 * @model: (transfer none): the model that was priced (its name heads the text)
 * @cost: (transfer none): the result of plan_cost()
 * Returns: (transfer full): the document, or NULL with @error set (a format cost cannot give)
 */
GString *
report_cost(const PlanModel *model, const PlanCost *cost, ReportFormat format, ReportFlags flags,
	    GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);

	g_return_val_if_fail(model != NULL, NULL);
	g_return_val_if_fail(cost != NULL, NULL);
	switch (format) {
	case REPORT_FORMAT_TEXT:
		report_cost_text(model, cost, flags, out);
		/* names were escaped where they were written; this catches any other */
		report_escape_terminal_document(out, flags);
		break;
	case REPORT_FORMAT_MARKDOWN:
		report_cost_markdown(model, cost, out);
		break;
	case REPORT_FORMAT_CSV:
		report_cost_csv(cost, out);
		break;
	case REPORT_FORMAT_JSON:
		if (!report_cost_json(cost, out, error))
			return NULL;
		break;
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "cost cannot be shown as '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	return g_steal_pointer(&out);
}
