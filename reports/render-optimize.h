/* ecsplan: the answer of `ecsplan optimize`: per service the cheapest configuration that meets
 * the service level, why the next cheaper one fails, the frontier; the model change */
#pragma once

#include <glib.h>

#include "optimize.h"
#include "render.h"

G_BEGIN_DECLS

#define REPORT_OPTIMIZE_FORMATS                                                                    \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON))

/* what the search was asked, for the header (a plain record; strings borrowed) */
typedef struct {
	const char *slo;     /* the service level as given */
	const char *profile; /* nullable: --profile */
	gint64 duration_s;
	gint64 step_s;
	guint runs;
	guint64 seed;
	const char *fail_az; /* nullable: "us-east-1a@6h" as given */
	const PlanPriceBook *book; /* nullable: the book the search priced with; its figures
				    * behind the answers are listed with their sources */
} ReportOptimizeInfo;

/* formats: text, json. the counts of simulated and pruned candidates are not printed: they
 * depend on the sharding, and the output must not (the CLI says them on stderr).
 * Returns: (transfer full) */
GString *report_optimize(const PlanModel *model, const PlanOptResult *result,
			 const ReportOptimizeInfo *info, ReportFormat format, ReportFlags flags,
			 GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* "Fargate arm64 0.5 vCPU / 1 GB", "EC2 m6g.large, trunking". Returns: (transfer full) */
char *report_optimize_config(const PlanOptCandidate *candidate) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
