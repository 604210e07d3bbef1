/* the cost difference between two models (docs/compare.md, "diff"): both are priced with
 * plan_cost(), and their line items are matched by what they measure, so a change of count or
 * size shows as one changed line, and a new NAT gateway as an added one */
#include "cost-diff.h"

#include <string.h>

#include "plan-error.h"
#include "pricebook-private.h"

static const char *const plan_cost_diff_change_names[] = {"same", "changed", "added", "removed"};

const char *
plan_cost_diff_change_to_string(PlanCostDiffChange change)
{
	g_return_val_if_fail((guint)change < G_N_ELEMENTS(plan_cost_diff_change_names), NULL);
	return plan_cost_diff_change_names[change];
}

static void
plan_cost_diff_line_clear(gpointer data)
{
	PlanCostDiffLine *line = data;
	g_free(line->resource);
	g_free(line->item);
	g_free(line->description_old);
	g_free(line->description_new);
}

/**
 * plan_cost_diff_free:
 * @diff: (transfer full) (nullable): the result, with its lines
 */
void
plan_cost_diff_free(PlanCostDiff *diff)
{
	if (diff == NULL)
		return;
	g_free(diff->region_old);
	g_free(diff->region_new);
	g_free(diff->book_as_of_old);
	g_free(diff->book_as_of_new);
	g_array_unref(diff->lines);
	g_free(diff);
}

/**
 * plan_cost_line_item:
 * @line: (transfer none): a line item
 *
 * What the line measures, without how much: the unit, " (storage)" for extra ephemeral
 * storage (also in GB-hours, like memory), and " in AZ" for a cluster's lines, which come one
 * per AZ. Other resources live in one place, so a NAT gateway that moves AZ is one changed
 * line, not a removed and an added one. A Fargate service that moves from x86_64 to arm64
 * keeps its items (the architecture is in the price, not the unit).
 *
 * Returns: (transfer full): "vCPU-hour", "GB-hour (storage)", "instance-hour in us-east-1a"
 */
char *
plan_cost_line_item(const PlanCostLine *line)
{
	GString *item = g_string_new(line->unit);

	g_return_val_if_fail(line != NULL, NULL);
	if (line->price_key != NULL && strstr(line->price_key, "ephemeral") != NULL)
		g_string_append(item, " (storage)");
	if (line->az != NULL && line->resource != NULL &&
	    g_str_has_prefix(line->resource, "cluster/"))
		g_string_append_printf(item, " in %s", line->az);
	return g_string_free(item, FALSE);
}

static char *
plan_cost_diff_key(PlanCostCategory category, const char *resource, const char *item)
{
	/* a unit separator cannot occur in model names */
	return g_strdup_printf("%s\x1f%s\x1f%s", plan_cost_category_to_string(category), resource,
			       item);
}

/* adds the lines of @cost to @lines: new entries in @cost's order, or into the entry already
 * there under the same key (@index: key → position) */
static void
plan_cost_diff_collect(GArray *lines, GHashTable *index, const PlanCost *cost, gboolean is_new)
{
	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		g_autofree char *item = plan_cost_line_item(line);
		g_autofree char *key = plan_cost_diff_key(line->category, line->resource, item);
		gpointer found;
		PlanCostDiffLine *entry;

		if (g_hash_table_lookup_extended(index, key, NULL, &found)) {
			entry = &g_array_index(lines, PlanCostDiffLine, GPOINTER_TO_UINT(found));
		} else {
			PlanCostDiffLine fresh = {
			    .category = line->category,
			    .resource = g_strdup(line->resource),
			    .item = g_steal_pointer(&item),
			};
			g_array_append_val(lines, fresh);
			g_hash_table_insert(index, g_steal_pointer(&key),
					    GUINT_TO_POINTER(lines->len - 1));
			entry = &g_array_index(lines, PlanCostDiffLine, lines->len - 1);
		}
		if (is_new) {
			entry->new_cost += line->cost;
			if (entry->description_new == NULL)
				entry->description_new = g_strdup(line->description);
		} else {
			entry->old_cost += line->cost;
			if (entry->description_old == NULL)
				entry->description_old = g_strdup(line->description);
		}
		entry->estimate |= line->estimate;
	}
}

static PlanCostDiffChange
plan_cost_diff_classify(const PlanCostDiffLine *line)
{
	if (line->description_old == NULL)
		return PLAN_COST_DIFF_ADDED;
	if (line->description_new == NULL)
		return PLAN_COST_DIFF_REMOVED;
	return line->old_cost == line->new_cost ? PLAN_COST_DIFF_SAME : PLAN_COST_DIFF_CHANGED;
}

/**
 * plan_cost_diff:
 * @old_cost: (transfer none): the cost before
 * @new_cost: (transfer none): the cost after
 *
 * Matches the line items of the two costs by (category, resource, item)
 * (plan_cost_line_item()). Lines of one cost that share a key are added together. Each match
 * has the old and new cost and the delta; a line only in NEW is added (old 0), one only in OLD
 * removed (new 0). The lines add up to the totals on both sides.
 *
 * Returns: (transfer full): the difference
 */
PlanCostDiff *
plan_cost_diff(const PlanCost *old_cost, const PlanCost *new_cost)
{
	g_autoptr(PlanCostDiff) diff = g_new0(PlanCostDiff, 1);
	g_autoptr(GHashTable) index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	g_return_val_if_fail(old_cost != NULL && new_cost != NULL, NULL);

	diff->hours = new_cost->hours;
	diff->region_old = g_strdup(old_cost->region);
	diff->region_new = g_strdup(new_cost->region);
	diff->book_as_of_old = g_strdup(old_cost->book_as_of);
	diff->book_as_of_new = g_strdup(new_cost->book_as_of);
	diff->total_old = old_cost->total;
	diff->total_new = new_cost->total;
	diff->delta = new_cost->total - old_cost->total;
	diff->estimate = old_cost->estimate || new_cost->estimate;
	diff->has_percent = old_cost->total != 0;
	if (diff->has_percent)
		diff->percent = (double)diff->delta / (double)old_cost->total * 100.0;
	diff->lines = g_array_new(FALSE, TRUE, sizeof(PlanCostDiffLine));
	g_array_set_clear_func(diff->lines, plan_cost_diff_line_clear);

	/* NEW first, so matched and added lines keep NEW's order; OLD's lines then land in
	 * their match, or after everything else (the removed ones, in OLD's order) */
	plan_cost_diff_collect(diff->lines, index, new_cost, TRUE);
	plan_cost_diff_collect(diff->lines, index, old_cost, FALSE);
	for (guint i = 0; i < diff->lines->len; i++) {
		PlanCostDiffLine *line = &g_array_index(diff->lines, PlanCostDiffLine, i);
		line->delta = line->new_cost - line->old_cost;
		line->change = plan_cost_diff_classify(line);
		if (line->change != PLAN_COST_DIFF_SAME)
			diff->n_changed++;
	}
	return g_steal_pointer(&diff);
}

/**
 * plan_cost_parse_dollars:
 * @text: an amount in dollars: digits with an optional sign, '$' and decimal part
 * @nanos: (out): the amount in nano-dollars, exactly (no binary rounding)
 *
 * Returns: TRUE, or FALSE with PLAN_ERROR_INVALID_VALUE
 */
gboolean
plan_cost_parse_dollars(const char *text, PlanNanos *nanos, GError **error)
{
	g_autoptr(GString) number = g_string_new(NULL);
	const char *at = text;

	g_return_val_if_fail(text != NULL && nanos != NULL, FALSE);
	if (*at == '+' || *at == '-') {
		if (*at == '-')
			g_string_append_c(number, '-');
		at++;
	}
	if (*at == '$')
		at++;
	g_string_append(number, at);
	/* book_decimal_to_nanos reads a JSON number from the start of its text and stops at the
	 * first character that cannot continue it: check that the whole text is digits with at
	 * most one point (no exponent) */
	for (gsize i = number->str[0] == '-' ? 1 : 0, points = 0; i < number->len; i++) {
		points += number->str[i] == '.';
		if ((!g_ascii_isdigit(number->str[i]) && number->str[i] != '.') || points > 1) {
			g_string_truncate(number, 0);
			break;
		}
	}
	if (number->len == 0 || g_strcmp0(number->str, "-") == 0 ||
	    !book_decimal_to_nanos(number->str, number->len, nanos)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
			    "'%s' is not an amount in dollars; use e.g. 10 or 12.50", text);
		return FALSE;
	}
	return TRUE;
}
