/* ecsplan: the findings and subnet table of `ecsplan validate` */
#pragma once

#include <glib.h>

#include "network.h"
#include "render.h"

G_BEGIN_DECLS

/* formats: text, json, sarif, junit. @diagnostics: everything to show (load warnings and findings),
 * sorted. Returns: (transfer full) the rendered document */
GString *report_validate(const PlanModel *model, GPtrArray *diagnostics,
			 const PlanValidation *validation, ReportFormat format, ReportFlags flags,
			 GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* the same document written out in pieces as it is made, through @write: text and json in
 * pieces of about 64 KiB, each ending a line (the subnet rows of a large model are never held
 * whole), sarif and junit in one piece. Returns: TRUE, or FALSE with @error set (by @write, or
 * as report_validate() sets it) */
gboolean report_validate_write(const PlanModel *model, GPtrArray *diagnostics,
			       const PlanValidation *validation, ReportFormat format,
			       ReportFlags flags, ReportWriteFunc write, gpointer data,
			       GError **error);

/* one diagnostic as a compiler-style line "file:line:col: severity[code]: message" */
void report_diagnostic_line(const char *file, const PlanDiagnostic *diagnostic, ReportFlags flags,
			    GString *out);

/* a model that could not be read, for the machine formats (json, sarif, junit): @diagnostics
 * are its problems, each with code "model-unreadable"; text is refused (main prints the
 * problems on stderr). Returns: (transfer full) the rendered document */
GString *report_validate_unreadable(const char *file, GPtrArray *diagnostics, ReportFormat format,
				    GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* SARIF 2.1.0 of @diagnostics about @file (render-ci.c); @readable FALSE marks the run as
 * failed (the model could not be read) */
void report_validate_sarif(const char *file, GPtrArray *diagnostics, gboolean readable,
			   GString *out);
/* JUnit XML: one test case per finding, failing for errors and warnings (render-ci.c) */
gboolean report_validate_junit(const char *file, GPtrArray *diagnostics, GString *out,
			       GError **error);

#define REPORT_VALIDATE_FORMATS                                                                    \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON) |         \
	 REPORT_FORMAT_MASK(REPORT_FORMAT_SARIF) | REPORT_FORMAT_MASK(REPORT_FORMAT_JUNIT))
/* the formats a machine reads: an unreadable model is reported in them too */
#define REPORT_VALIDATE_MACHINE_FORMATS                                                            \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_JSON) | REPORT_FORMAT_MASK(REPORT_FORMAT_SARIF) |        \
	 REPORT_FORMAT_MASK(REPORT_FORMAT_JUNIT))

G_END_DECLS
