/* ecsplan: the result of `ecsplan alloc` */
#pragma once

#include <glib.h>

#include "alloc.h"
#include "render.h"

G_BEGIN_DECLS

#define REPORT_ALLOC_FORMATS                                                                   \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON))

/* json: the completed model; text: the plan as a table. Returns: (transfer full) */
GString *report_alloc(const PlanModel *model, GArray *allocations, ReportFormat format,
		      ReportFlags flags, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
