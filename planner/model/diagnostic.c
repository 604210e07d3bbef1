#include "diagnostic.h"

#include <string.h>

void
plan_diagnostic_free(PlanDiagnostic *diagnostic)
{
	if (diagnostic == NULL)
		return;
	g_free(diagnostic->path);
	g_free(diagnostic->source);
	g_clear_pointer(&diagnostic->related, g_ptr_array_unref);
	g_free(diagnostic->message);
	g_free(diagnostic);
}

const char *
plan_severity_to_string(PlanSeverity severity)
{
	switch (severity) {
	case PLAN_SEVERITY_NOTE:
		return "note";
	case PLAN_SEVERITY_WARNING:
		return "warning";
	case PLAN_SEVERITY_ERROR:
	default:
		return "error";
	}
}

gboolean
plan_severity_from_string(const char *text, PlanSeverity *severity)
{
	for (PlanSeverity s = PLAN_SEVERITY_NOTE; s <= PLAN_SEVERITY_ERROR; s++) {
		if (g_strcmp0(text, plan_severity_to_string(s)) == 0) {
			*severity = s;
			return TRUE;
		}
	}
	return FALSE;
}

/**
 * plan_diagnostic_copy:
 * Returns: (transfer full): a deep copy of @diagnostic
 */
PlanDiagnostic *
plan_diagnostic_copy(const PlanDiagnostic *diagnostic)
{
	PlanDiagnostic *copy = g_new0(PlanDiagnostic, 1);

	copy->severity = diagnostic->severity;
	copy->code = diagnostic->code;
	copy->path = g_strdup(diagnostic->path);
	copy->loc = diagnostic->loc;
	copy->source = g_strdup(diagnostic->source);
	copy->message = g_strdup(diagnostic->message);
	for (guint i = 0; diagnostic->related != NULL && i < diagnostic->related->len; i++)
		plan_diagnostic_add_related(copy, g_ptr_array_index(diagnostic->related, i));
	return copy;
}

GPtrArray *
plan_diagnostics_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)plan_diagnostic_free);
}

/**
 * plan_diagnostics_add:
 * @list: (transfer none): the list that takes the new diagnostic
 * @origin: (transfer none) (nullable): the element concerned; NULL for the model as a whole
 *
 * Returns: (transfer none): the diagnostic, owned by @list
 */
PlanDiagnostic *
plan_diagnostics_add(GPtrArray *list, PlanSeverity severity, const char *code,
		     const PlanOrigin *origin, const char *suffix, const PlanLoc *loc,
		     const char *format, ...)
{
	PlanDiagnostic *diagnostic = g_new0(PlanDiagnostic, 1);
	const char *base = origin != NULL && origin->path != NULL ? origin->path : "";
	va_list args;

	diagnostic->severity = severity;
	diagnostic->code = code;
	if (suffix != NULL && base[0] == '\0' && suffix[0] == '.')
		diagnostic->path = g_strdup(suffix + 1);
	else
		diagnostic->path = g_strconcat(base, suffix, NULL);
	if (loc != NULL && loc->line != 0)
		diagnostic->loc = *loc;
	else if (origin != NULL)
		diagnostic->loc = origin->loc;
	if (origin != NULL)
		diagnostic->source = g_strdup(origin->source);
	va_start(args, format);
	diagnostic->message = g_strdup_vprintf(format, args);
	va_end(args);
	g_ptr_array_add(list, diagnostic);
	return diagnostic;
}

void
plan_diagnostic_add_related(PlanDiagnostic *diagnostic, const char *path)
{
	if (diagnostic->related == NULL)
		diagnostic->related = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(diagnostic->related, g_strdup(path));
}

static int
plan_diagnostic_compare(gconstpointer pa, gconstpointer pb)
{
	const PlanDiagnostic *a = *(PlanDiagnostic *const *)pa;
	const PlanDiagnostic *b = *(PlanDiagnostic *const *)pb;
	int cmp;

	/* diagnostics without a place (0:0) sort first: they concern the model as a whole */
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.column != b->loc.column)
		return a->loc.column < b->loc.column ? -1 : 1;
	cmp = g_strcmp0(a->path, b->path);
	if (cmp != 0)
		return cmp;
	cmp = g_strcmp0(a->code, b->code);
	if (cmp != 0)
		return cmp;
	return g_strcmp0(a->message, b->message);
}

void
plan_diagnostics_sort(GPtrArray *list)
{
	/* g_ptr_array_sort is a stable merge sort, so equal keys keep their order */
	g_ptr_array_sort(list, plan_diagnostic_compare);
}

guint
plan_diagnostics_count(GPtrArray *list, PlanSeverity severity)
{
	guint count = 0;
	for (guint i = 0; i < list->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(list, i);
		if (diagnostic->severity == severity)
			count++;
	}
	return count;
}
