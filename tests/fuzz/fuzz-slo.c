/* ecsplan: libFuzzer target for the service level of `ecsplan optimize`
 * (planner/optimize/slo.c). Any bytes in: no crash, leak, undefined behaviour or GLib critical.
 * Beyond that:
 * - a refusal is PLAN_ERROR_USAGE with a message that says where (a column) or why the whole
 *   text is refused (empty, too long);
 * - an expression read has every bound in its domain (percentages 0..100, minutes 0..100
 *   years, or absent);
 * - its canonical form reads back as the same record and prints as the same text;
 * - the check against measures built from the bounds agrees with the bounds: measures on
 *   every bound meet it, and a measure above one bound fails it, naming that term. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "optimize.h"
#include "parse.h"
#include "plan-error.h"
#include "slo.h"

FUZZ_DEFINE_INITIALIZE

static void
fuzz_check_bound(double bound, double max)
{
	g_assert(bound == -1 || (bound >= 0 && bound <= max));
}

static void
fuzz_check_met(const PlanSlo *slo)
{
	PlanOptMeasures on = {0};
	PlanOptMeasures over;
	char *why = NULL;

	on.unmet_pct = MAX(slo->max_unmet_pct, 0);
	on.pending_minutes = MAX(slo->max_pending_minutes, 0);
	on.p95_util_pct = MAX(slo->max_p95_util_pct, 0);
	on.az_survived = TRUE;
	on.spot_pct = MAX(slo->max_spot_pct, 0);
	g_assert(plan_slo_met(slo, &on, &why) && why == NULL);

	over = on;
	over.unmet_pct = slo->max_unmet_pct + 1;
	over.az_survived = !slo->require_az_survival;
	if (slo->max_unmet_pct >= 0 || slo->require_az_survival) {
		g_assert(!plan_slo_met(slo, &over, &why));
		g_assert(why != NULL);
		g_assert(slo->max_unmet_pct < 0 || g_str_has_prefix(why, "unmet "));
		g_free(why);
	} else {
		g_assert(plan_slo_met(slo, &over, NULL));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanSlo) slo = NULL;
	g_autoptr(PlanSlo) again = NULL;
	g_autofree char *canonical = NULL;
	g_autofree char *twice = NULL;

	if (memchr(data, '\0', size) != NULL)
		return 0;
	text = g_strndup((const char *)data, size);
	slo = plan_slo_parse(text, &error);
	if (slo == NULL) {
		g_assert(error != NULL && error->domain == PLAN_ERROR &&
			 error->code == PLAN_ERROR_USAGE);
		g_assert(strstr(error->message, ": column ") != NULL ||
			 g_str_has_prefix(error->message, "the service level is "));
		g_assert(g_utf8_validate(error->message, -1, NULL));
		return 0;
	}
	g_assert(error == NULL);
	fuzz_check_bound(slo->max_unmet_pct, 100);
	fuzz_check_bound(slo->max_p95_util_pct, 100);
	fuzz_check_bound(slo->max_spot_pct, 100);
	fuzz_check_bound(slo->max_pending_minutes, (double)PLAN_PARSE_DURATION_MAX / 60);

	canonical = plan_slo_to_string(slo);
	again = plan_slo_parse(canonical, &error);
	g_assert(error == NULL && again != NULL);
	g_assert(memcmp(again, slo, sizeof *slo) == 0);
	twice = plan_slo_to_string(again);
	g_assert(strcmp(twice, canonical) == 0);
	/* five terms of at most 9 + 16 + 1 characters, four commas */
	g_assert(strlen(canonical) <= 5 * 26 + 4);
	fuzz_check_met(slo);
	return 0;
}
