#include "render-alloc.h"

#include "escape.h"
#include "loader.h"
#include "plan-error.h"
#include "table.h"

static void
report_alloc_text(const PlanModel *model, GArray *allocations, ReportFlags flags, GString *out)
{
	static const char *const header[] = {"VPC", "SUBNET", "AZ", "TIER", "CIDR", ">USABLE",
					     "WHY", NULL};
	g_autoptr(ReportTable) table = report_table_new(header);

	for (guint i = 0; i < allocations->len; i++) {
		const PlanAllocation *allocation = &g_array_index(allocations, PlanAllocation, i);
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, allocation->vpc_index);
		const PlanSubnet *subnet = allocation->subnet_index >= 0
						   ? g_ptr_array_index(vpc->subnets,
								       allocation->subnet_index)
						   : NULL;
		g_autofree char *cidr = plan_prefix_to_string(&allocation->prefix);
		g_autofree char *usable = g_strdup_printf("%" G_GINT64_FORMAT, allocation->usable);

		report_table_add_rowv(table, vpc->name, subnet != NULL ? subnet->name : "(reserved)",
				      subnet != NULL ? subnet->az : "-",
				      plan_tier_to_string(allocation->tier), cidr, usable,
				      allocation->reason, NULL);
	}
	if (allocations->len == 0) {
		report_escape_terminal(out, model->file, REPORT_ESCAPE_NONE);
		g_string_append(out, ": no subnet has \"cidr\": \"auto\"; nothing to allocate\n");
		return;
	}
	g_string_append_printf(out, "%sAllocated%s (largest blocks first; existing subnets kept)\n",
			       report_color(flags, REPORT_ANSI_BOLD),
			       report_color(flags, REPORT_ANSI_RESET));
	report_table_render_text(table, "  ", out);
}

GString *
report_alloc(const PlanModel *model, GArray *allocations, ReportFormat format, ReportFlags flags,
	     GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);

	switch (format) {
	case REPORT_FORMAT_TEXT:
		report_alloc_text(model, allocations, flags, out);
		/* names were escaped where they were written; this catches any other */
		report_escape_terminal_document(out, flags);
		break;
	case REPORT_FORMAT_JSON: {
		g_autofree char *json = plan_model_to_json(model, error);
		if (json == NULL)
			return NULL;
		g_string_append(out, json);
		break;
	}
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "alloc cannot write format '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	return g_steal_pointer(&out);
}
