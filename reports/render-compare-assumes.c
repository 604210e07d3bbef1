/* ecsplan: what a break-even row's answer assumes, in words (docs/compare.md, "What a row
 * assumes"): the tasks' CPU use and, for a burstable type, the use at which the answer flips;
 * on the Spot row the EC2 Spot saving (its source and interruption band), Fargate Spot's
 * discount and the saving at which the answer flips. The text and Markdown tables show it in
 * the ASSUMES column, the JSON as `assumes.text`; below both documents */
#include "render-compare-private.h"

#include "number.h"

static void
report_compare_append_percent(GString *out, double share)
{
	report_format_decimal(share * 100.0, 1, out);
	g_string_append_c(out, '%');
}

/* "CPU use 30.0% (given); at 12 tasks EC2 is cheaper below 48.9% use" and the like */
static void
report_compare_assumes_cpu(GString *out, const PlanCompareEntry *entry,
			   const PlanCompareBreakEvenRow *row)
{
	if (!row->burstable) {
		if (entry->n_burstable_skipped > 0)
			g_string_append(out, "CPU use not given: burstable types left out");
		else
			g_string_append(out, "CPU use does not move it (type not burstable)");
		return;
	}
	g_string_append(out, "CPU use ");
	if (row->utilization_known)
		report_compare_append_percent(out, row->cpu_utilization);
	else
		g_string_append(out, "unknown");
	g_string_append(out, row->utilization_known ? " (given)" : "");
	switch (row->utilization_flip) {
	case PLAN_COMPARE_FLIP_AT:
		g_string_append_printf(out, "; at %" G_GINT64_FORMAT " EC2 is cheaper below ",
				       row->at_tasks);
		report_compare_append_percent(out, row->utilization_flip_at);
		break;
	case PLAN_COMPARE_FLIP_ANY:
		g_string_append_printf(out, "; at %" G_GINT64_FORMAT " EC2 is cheaper at any use",
				       row->at_tasks);
		break;
	case PLAN_COMPARE_FLIP_NEVER:
		g_string_append_printf(out,
				       "; at %" G_GINT64_FORMAT " EC2 is dearer even with idle tasks",
				       row->at_tasks);
		break;
	case PLAN_COMPARE_FLIP_BASELINE:
		g_string_append(out, "; standard mode, throttled above ");
		report_compare_append_percent(out, row->utilization_flip_at);
		break;
	case PLAN_COMPARE_FLIP_NONE:
	default:
		break;
	}
}

/* "EC2 Spot 65.0% off (spot_discount, unconfirmed; interruption band unknown), Fargate Spot
 * 70.0% off; at 200 EC2 is cheaper above 71.2% off" */
static void
report_compare_assumes_spot(GString *out, const PlanCompareBreakEvenRow *row)
{
	g_string_append(out, "; EC2 Spot ");
	report_compare_append_percent(out, row->spot_savings);
	if (g_strcmp0(row->spot_source, "Spot Advisor") == 0)
		g_string_append_printf(out, " off (Spot Advisor; interruption %s)",
				       row->interruption != NULL ? row->interruption : "band unknown");
	else
		g_string_append(out, " off (spot_discount, unconfirmed; interruption band unknown)");
	g_string_append(out, ", Fargate Spot ");
	report_compare_append_percent(out, row->fargate_spot_discount);
	g_string_append(out, " off");
	switch (row->spot_flip) {
	case PLAN_COMPARE_FLIP_AT:
		g_string_append_printf(out, "; at %" G_GINT64_FORMAT " EC2 is cheaper above ",
				       row->at_tasks);
		report_compare_append_percent(out, row->spot_flip_at);
		g_string_append(out, " off");
		break;
	case PLAN_COMPARE_FLIP_ANY:
		g_string_append_printf(out, "; at %" G_GINT64_FORMAT " EC2 is cheaper at any saving",
				       row->at_tasks);
		break;
	case PLAN_COMPARE_FLIP_NEVER:
		g_string_append_printf(out,
				       "; at %" G_GINT64_FORMAT " EC2 is dearer even with free instances",
				       row->at_tasks);
		break;
	case PLAN_COMPARE_FLIP_BASELINE:
	case PLAN_COMPARE_FLIP_NONE:
	default:
		break;
	}
}

/**
 * report_compare_row_assumes:
 * @entry: (transfer none): the service or the total the row belongs to
 * @row: (transfer none): a priced break-even row
 *
 * Returns: (transfer full): what the row's answer rests on, one line
 */
char *
report_compare_row_assumes(const PlanCompareEntry *entry, const PlanCompareBreakEvenRow *row)
{
	GString *out = g_string_new(NULL);

	report_compare_assumes_cpu(out, entry, row);
	if (g_strcmp0(row->purchase, "spot") == 0)
		report_compare_assumes_spot(out, row);
	return g_string_free(out, FALSE);
}
