#include "render-cost-diff.h"

#include <cjson/cJSON.h>

#include "compat.h"
#include "escape.h"
#include "json-util.h"
#include "plan-error.h"
#include "table.h"

/* as in `ecsplan cost`: a figure that rests on an unconfirmed price */

/* "+12.34", "-0.50", "0.00" */
static void
report_cost_diff_signed(GString *out, gint64 nanos)
{
	if (nanos > 0)
		g_string_append_c(out, '+');
	report_format_money(nanos, out);
}

static char *
report_cost_diff_money(gint64 nanos, gboolean present, gboolean estimate)
{
	return present ? report_money_cell(nanos, estimate) : g_strdup("-");
}

static char *
report_cost_diff_delta(gint64 nanos)
{
	GString *out = g_string_new(NULL);
	report_cost_diff_signed(out, nanos);
	return g_string_free(out, FALSE);
}

/* "$12.34", "-$12.34" */
static void
report_cost_diff_dollars(GString *out, gint64 nanos, gboolean sign)
{
	if (nanos < 0)
		g_string_append_c(out, '-');
	else if (sign && nanos > 0)
		g_string_append_c(out, '+');
	g_string_append_c(out, '$');
	report_format_money(nanos < 0 ? -nanos : nanos, out);
}

/**
 * report_cost_diff_summary:
 * @diff: (transfer none): the difference
 * Returns: (transfer full): "+$12.34/month (+5.6%)"
 */
char *
report_cost_diff_summary(const PlanCostDiff *diff)
{
	GString *out = g_string_new(NULL);

	g_return_val_if_fail(diff != NULL, NULL);
	report_cost_diff_dollars(out, diff->delta, TRUE);
	g_string_append(out, "/month");
	if (diff->delta == 0) {
		g_string_append(out, " (no change)");
	} else if (!diff->has_percent) {
		g_string_append(out, " (from $0.00)");
	} else {
		g_string_append(out, " (");
		if (diff->percent > 0)
			g_string_append_c(out, '+');
		report_format_decimal(diff->percent, 1, out);
		g_string_append(out, "%)");
	}
	return g_string_free(out, FALSE);
}

static const char *
report_cost_diff_name(const PlanModel *model)
{
	return model->file != NULL ? model->file : model->name != NULL ? model->name : "(model)";
}

/* @text from the models or the price files, through the escaper of the format */
static void
report_cost_diff_put(GString *out, const char *text, gboolean markdown)
{
	if (markdown)
		report_escape_markdown(out, text, REPORT_MARKDOWN_CELL);
	else
		report_escape_terminal(out, text, REPORT_ESCAPE_NONE);
}

/* "$61.71 → $94.56 a month (us-east-1, 730 hours; prices of 2026-11-22)" */
static char *
report_cost_diff_totals_line(const PlanCostDiff *diff, gboolean markdown)
{
	GString *out = g_string_new(NULL);

	report_cost_diff_dollars(out, diff->total_old, FALSE);
	g_string_append(out, " → ");
	report_cost_diff_dollars(out, diff->total_new, FALSE);
	g_string_append(out, " a month (");
	report_cost_diff_put(out, diff->region_old, markdown);
	if (g_strcmp0(diff->region_old, diff->region_new) != 0) {
		g_string_append(out, " → ");
		report_cost_diff_put(out, diff->region_new, markdown);
	}
	g_string_append(out, ", ");
	report_format_decimal(diff->hours, 4, out);
	g_string_append(out, " hours; prices of ");
	report_cost_diff_put(out, diff->book_as_of_old, markdown);
	if (g_strcmp0(diff->book_as_of_old, diff->book_as_of_new) != 0) {
		g_string_append(out, " and ");
		report_cost_diff_put(out, diff->book_as_of_new, markdown);
	}
	g_string_append_c(out, ')');
	if (diff->estimate)
		g_string_append(out, "; " REPORT_ESTIMATE_MARK " marks estimates");
	return g_string_free(out, FALSE);
}

/* the lines that changed, then the totals */
static ReportTable *
report_cost_diff_table(const PlanCostDiff *diff)
{
	static const char *const header[] = {"CHANGE", "CATEGORY", "RESOURCE", "ITEM",
					     ">OLD",   ">NEW",	   ">DELTA",   NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < diff->lines->len; i++) {
		const PlanCostDiffLine *line = &g_array_index(diff->lines, PlanCostDiffLine, i);
		g_autofree char *old_cost = NULL;
		g_autofree char *new_cost = NULL;
		g_autofree char *delta = NULL;
		if (line->change == PLAN_COST_DIFF_SAME)
			continue;
		old_cost = report_cost_diff_money(line->old_cost, line->description_old != NULL,
						  line->estimate);
		new_cost = report_cost_diff_money(line->new_cost, line->description_new != NULL,
						  line->estimate);
		delta = report_cost_diff_delta(line->delta);
		report_table_add_rowv(table, plan_cost_diff_change_to_string(line->change),
				      plan_cost_category_to_string(line->category), line->resource,
				      line->item, old_cost, new_cost, delta, NULL);
	}
	{
		g_autofree char *old_total = report_cost_diff_money(diff->total_old, TRUE, FALSE);
		g_autofree char *new_total = report_cost_diff_money(diff->total_new, TRUE, FALSE);
		g_autofree char *delta = report_cost_diff_delta(diff->delta);
		report_table_add_rowv(table, "total", "", "", "", old_total, new_total, delta,
				      NULL);
	}
	return table;
}

static char *
report_cost_diff_unchanged(const PlanCostDiff *diff)
{
	guint same = diff->lines->len - diff->n_changed;
	if (diff->n_changed == 0)
		return g_strdup_printf("No line item changed (%u in all).", diff->lines->len);
	return g_strdup_printf("%u line %s changed; %u unchanged.", diff->n_changed,
			       diff->n_changed == 1 ? "item" : "items", same);
}

static void
report_cost_diff_text(const PlanModel *old_model, const PlanModel *new_model,
		      const PlanCostDiff *diff, ReportFlags flags, GString *out)
{
	const gboolean markdown = FALSE;
	g_autofree char *old_name = report_escape_terminal_dup(report_cost_diff_name(old_model));
	g_autofree char *new_name = report_escape_terminal_dup(report_cost_diff_name(new_model));
	g_autofree char *summary = report_cost_diff_summary(diff);
	g_autofree char *totals = report_cost_diff_totals_line(diff, markdown);
	g_autofree char *unchanged = report_cost_diff_unchanged(diff);
	g_autoptr(ReportTable) table = report_cost_diff_table(diff);

	g_string_append_printf(
	    out, "%sCost change: %s%s, %s → %s\n  %s\n\n", report_color(flags, REPORT_ANSI_BOLD),
	    summary, report_color(flags, REPORT_ANSI_RESET), old_name, new_name, totals);
	report_table_render_text(table, "  ", out);
	g_string_append_printf(out, "\n  %s\n", unchanged);
}

static void
report_cost_diff_markdown(const PlanModel *old_model, const PlanModel *new_model,
			  const PlanCostDiff *diff, GString *out)
{
	const gboolean markdown = TRUE;
	g_autofree char *summary = report_cost_diff_summary(diff);
	g_autofree char *totals = report_cost_diff_totals_line(diff, markdown);
	g_autofree char *unchanged = report_cost_diff_unchanged(diff);
	g_autoptr(ReportTable) table = report_cost_diff_table(diff);

	g_string_append_printf(out, "### Cost change: %s\n\n", summary);
	report_escape_markdown_code(out, report_cost_diff_name(old_model));
	g_string_append(out, " → ");
	report_escape_markdown_code(out, report_cost_diff_name(new_model));
	g_string_append_printf(out, ": %s.\n\n", totals);
	report_table_render_markdown(table, out);
	g_string_append_printf(out, "\n%s\n", unchanged);
}

static cJSON *
report_cost_diff_json_side(const PlanModel *model, const char *region, const char *as_of)
{
	cJSON *side = cJSON_CreateObject();
	cJSON_AddStringToObject(side, "model", report_cost_diff_name(model));
	cJSON_AddStringToObject(side, "region", region);
	cJSON_AddStringToObject(side, "price_book_as_of", as_of);
	return side;
}

static gboolean
report_cost_diff_json(const PlanModel *old_model, const PlanModel *new_model,
		      const PlanCostDiff *diff, GString *out, GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	cJSON *lines = cJSON_CreateArray();
	GString *number = g_string_new(NULL);

	report_json_add_money(root, "total_old", diff->total_old);
	report_json_add_money(root, "total_new", diff->total_new);
	report_json_add_money(root, "delta", diff->delta);
	if (diff->has_percent) {
		report_format_decimal(diff->percent, 4, number);
		cJSON_AddItemToObject(root, "delta_percent", cJSON_CreateRaw(number->str));
	} else {
		cJSON_AddNullToObject(root, "delta_percent");
	}
	{
		g_autofree char *summary = report_cost_diff_summary(diff);
		cJSON_AddStringToObject(root, "summary", summary);
	}
	g_string_truncate(number, 0);
	report_format_decimal(diff->hours, 9, number);
	cJSON_AddStringToObject(root, "currency", "USD");
	cJSON_AddItemToObject(root, "hours", cJSON_CreateRaw(number->str));
	cJSON_AddItemToObject(
	    root, "old",
	    report_cost_diff_json_side(old_model, diff->region_old, diff->book_as_of_old));
	cJSON_AddItemToObject(
	    root, "new",
	    report_cost_diff_json_side(new_model, diff->region_new, diff->book_as_of_new));
	for (guint i = 0; i < diff->lines->len; i++) {
		const PlanCostDiffLine *line = &g_array_index(diff->lines, PlanCostDiffLine, i);
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "category",
					plan_cost_category_to_string(line->category));
		cJSON_AddStringToObject(item, "resource", line->resource);
		report_json_add_money(item, "old", line->old_cost);
		report_json_add_money(item, "new", line->new_cost);
		report_json_add_money(item, "delta", line->delta);
		cJSON_AddStringToObject(item, "item", line->item);
		cJSON_AddStringToObject(item, "change",
					plan_cost_diff_change_to_string(line->change));
		cJSON_AddBoolToObject(item, "estimate", line->estimate);
		cJSON_AddItemToArray(lines, item);
	}
	cJSON_AddItemToObject(root, "line_items", lines);
	g_string_free(number, TRUE);
	if (!plan_json_print_append(out, root, TRUE, error))
		return FALSE;
	g_string_append_c(out, '\n');
	return TRUE;
}

/**
 * report_cost_diff:
 * @old_model: (transfer none): the model before (named in the title)
 * @new_model: (transfer none): the model after
 * @diff: (transfer none): the result of plan_cost_diff()
 * Returns: (transfer full): the document, or NULL with @error set (a format diff cannot give)
 */
GString *
report_cost_diff(const PlanModel *old_model, const PlanModel *new_model, const PlanCostDiff *diff,
		 ReportFormat format, ReportFlags flags, GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);

	g_return_val_if_fail(old_model != NULL && new_model != NULL && diff != NULL, NULL);
	switch (format) {
	case REPORT_FORMAT_TEXT:
		report_cost_diff_text(old_model, new_model, diff, flags, out);
		/* names were escaped where they were written; this catches any other */
		report_escape_terminal_document(out, flags);
		break;
	case REPORT_FORMAT_MARKDOWN:
		report_cost_diff_markdown(old_model, new_model, diff, out);
		break;
	case REPORT_FORMAT_JSON:
		if (!report_cost_diff_json(old_model, new_model, diff, out, error))
			return NULL;
		break;
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "diff cannot be shown as '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	return g_steal_pointer(&out);
}
