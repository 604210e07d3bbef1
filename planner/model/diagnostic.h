/* ecsplan: findings — what an analysis reports about a model */
#pragma once

#include <glib.h>

#include "model.h"

G_BEGIN_DECLS

typedef enum {
	PLAN_SEVERITY_NOTE,
	PLAN_SEVERITY_WARNING,
	PLAN_SEVERITY_ERROR,
} PlanSeverity;

/* a plain record; owned by a PlanDiagnostics list */
typedef struct {
	PlanSeverity severity;
	const char *code; /* static: the rule code, e.g. "subnet-overlap" */
	char *path;       /* JSON path of the offending element or field */
	PlanLoc loc;
	char *source;      /* the element's Terraform address / source, or NULL */
	GPtrArray *related; /* char*: paths of other elements involved */
	char *message;      /* what is wrong and how to fix it */
} PlanDiagnostic;

void plan_diagnostic_free(PlanDiagnostic *diagnostic);
PlanDiagnostic *plan_diagnostic_copy(const PlanDiagnostic *diagnostic) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanDiagnostic, plan_diagnostic_free)

const char *plan_severity_to_string(PlanSeverity severity);
gboolean plan_severity_from_string(const char *text, PlanSeverity *severity);

/* a list of diagnostics: a GPtrArray of PlanDiagnostic that owns its elements */
GPtrArray *plan_diagnostics_new(void) G_GNUC_WARN_UNUSED_RESULT;

/* appends a diagnostic about @origin (borrowed; path, loc and source are copied) and returns it
 * (borrowed) so the caller can add related paths. @suffix, when not NULL, is appended to the
 * origin's path (".cidr") and @loc overrides the origin's place when its line is not 0. */
PlanDiagnostic *plan_diagnostics_add(GPtrArray *list, PlanSeverity severity, const char *code,
				     const PlanOrigin *origin, const char *suffix,
				     const PlanLoc *loc, const char *format, ...)
	G_GNUC_PRINTF(7, 8);
void plan_diagnostic_add_related(PlanDiagnostic *diagnostic, const char *path);

/* orders by place in the file, then path, then code, then message: output is deterministic */
void plan_diagnostics_sort(GPtrArray *list);
guint plan_diagnostics_count(GPtrArray *list, PlanSeverity severity);

/* resolves names between elements (a service's subnets, a subnet's NAT gateway, ...) into the
 * *_index fields, puts the ref-unknown and name-duplicate findings in @model->link_diagnostics
 * (replacing earlier ones) and marks the model linked. The loader and the importer call it;
 * call it again after changing names or references by hand */
void plan_model_link(PlanModel *model);

G_END_DECLS
