/* ecsplan: the findings and subnet table of `ecsplan validate` */
#pragma once

#include <glib.h>

#include "network.h"
#include "render.h"

G_BEGIN_DECLS

/* formats: text, json. @diagnostics: everything to show (load warnings and findings), sorted.
 * Returns: (transfer full) the rendered document */
GString *report_validate(const PlanModel *model, GPtrArray *diagnostics,
			 const PlanValidation *validation, ReportFormat format, ReportFlags flags,
			 GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* one diagnostic as a compiler-style line "file:line:col: severity[code]: message" */
void report_diagnostic_line(const char *file, const PlanDiagnostic *diagnostic, ReportFlags flags,
			    GString *out);

#define REPORT_VALIDATE_FORMATS                                                                \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON))

G_END_DECLS
