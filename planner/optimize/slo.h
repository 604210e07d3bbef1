/* ecsplan: the service level `ecsplan optimize` must meet, as a small expression:
 * "unmet<=0.1%,pending<=30m,p95util<=80%,az-loss,spot<=50%" (docs/optimize.md, "The service
 * level"). A plain record: each bound is a number, negative when the term is absent. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the longest expression read (a handful of terms need some 60 bytes) */
#define PLAN_SLO_MAX_LENGTH 1000

/* the optimize.h forward declaration names this struct */
struct PlanSlo {
	double max_unmet_pct;	    /* unmet demand, percent of the requests; < 0: free */
	double max_pending_minutes; /* minutes with a task waiting for a place; < 0: free */
	double max_p95_util_pct;    /* the 95th percentile of utilization, percent; < 0: free */
	gboolean require_az_survival; /* the service recovers from the loss of one AZ */
	double max_spot_pct;	    /* Spot share of the task-hours, percent; < 0: free */
};
typedef struct PlanSlo PlanSlo;

/**
 * plan_slo_parse:
 * @text: terms joined by ',' or '&&' (white space around them is ignored):
 *   unmet<=P%  pending<=D (D with a unit s, m or h)  p95util<=P%  az-loss  spot<=P%
 *   with P a decimal from 0 to 100 and each term at most once
 * Returns: (transfer full): the service level, or NULL with PLAN_ERROR_USAGE; the message
 * quotes @text, names the column (1-based, in bytes) where reading stopped and what was
 * expected there
 */
PlanSlo *plan_slo_parse(const char *text, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* a service level with every term absent (it is met by anything) */
PlanSlo *plan_slo_new(void) G_GNUC_WARN_UNUSED_RESULT;
void plan_slo_free(PlanSlo *slo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanSlo, plan_slo_free)

/**
 * plan_slo_to_string:
 * Returns: (transfer full): the canonical form: the terms present in the order unmet,
 * pending, p95util, az-loss, spot, joined by ',', numbers in their shortest decimal form and
 * pending in minutes ("unmet<=0.1%,pending<=30m"); "" when no term is present. Parsing it
 * gives the same record; two expressions meaning the same thing give the same text (shard
 * files compare it).
 */
char *plan_slo_to_string(const PlanSlo *slo) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
