/* ecsplan: the AWS commercial regions and the Availability Zone names each one can show */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* a plain record pointing into static, read-only data: nothing here is ever freed.
 * azs is NULL-terminated and lists every AZ *name* that exists for some account (names are
 * shuffled per account, and a few regions show each account only some of them); see regions.c.
 * only standard AZs are listed: Local Zones ("us-east-1-bos-1a") and Wavelength Zones are not,
 * so plan_region_has_az() reports them as unknown. */
typedef struct {
	const char *name;	  /* API name, e.g. "us-east-1" */
	const char *display_name; /* console name, e.g. "US East (N. Virginia)" */
	const char *const *azs;	  /* e.g. "us-east-1a" ... NULL */
} PlanRegion;

/* the largest edit distance plan_region_suggest() still calls a typo */
#define PLAN_REGION_SUGGEST_MAX_DISTANCE 3

const PlanRegion *plan_region_lookup(const char *name);
gboolean plan_region_has_az(const PlanRegion *region, const char *az);
const PlanRegion *plan_region_all(guint *n_regions);
const char *plan_region_suggest(const char *name);

G_END_DECLS
