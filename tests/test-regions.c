/* ecsplan: unit tests for planner/regions.c (the region and AZ table) */
#include "regions.h"

#include <string.h>

typedef struct {
	const char *region;
	const char *az;
	gboolean exists;
} AzCase;

/* real names some account has, and near misses that no account has */
static const AzCase az_cases[] = {
    {"us-east-1", "us-east-1a", TRUE},
    {"us-east-1", "us-east-1f", TRUE},
    {"us-east-1", "us-east-1g", FALSE},
    {"us-east-2", "us-east-2a", TRUE},
    {"us-east-2", "us-east-2c", TRUE},
    {"us-east-2", "us-east-2d", FALSE},
    {"us-west-1", "us-west-1b", TRUE}, /* two AZs, three letters across accounts */
    {"us-west-1", "us-west-1c", TRUE},
    {"us-west-2", "us-west-2d", TRUE},
    {"eu-west-2", "eu-west-2c", TRUE},
    {"eu-west-1", "eu-west-1d", FALSE},
    {"ap-northeast-1", "ap-northeast-1d", TRUE},
    {"ca-central-1", "ca-central-1d", TRUE},
    {"ca-west-1", "ca-west-1c", TRUE},
    {"mx-central-1", "mx-central-1a", TRUE},
    {"ap-east-2", "ap-east-2b", TRUE},
    {"ap-southeast-6", "ap-southeast-6c", TRUE},
    {"ap-southeast-7", "ap-southeast-7a", TRUE},
    {"il-central-1", "il-central-1c", TRUE},
    {"us-east-1", "us-east-2a", FALSE},	      /* real AZ, other region */
    {"us-east-1", "us-east-1-bos-1a", FALSE}, /* a Local Zone, deliberately unknown */
    {"us-east-1", "use1-az4", FALSE},	      /* an AZ ID, not a name */
    {"us-east-1", "us-east-1", FALSE},
    {"us-east-1", "US-EAST-1A", FALSE}, /* names are exact, like the AWS API */
    {"us-east-1", "", FALSE},
};

static void
test_regions_has_az(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(az_cases); i++) {
		const PlanRegion *region = plan_region_lookup(az_cases[i].region);

		g_assert_nonnull(region);
		if (plan_region_has_az(region, az_cases[i].az) != az_cases[i].exists)
			g_test_fail_printf("'%s' in %s: expected %s", az_cases[i].az, region->name,
					   az_cases[i].exists ? "known" : "unknown");
	}
}

static guint
count_azs(const PlanRegion *region)
{
	guint n = 0;
	while (region->azs[n] != NULL)
		n++;
	return n;
}

static void
test_regions_us_east_2_exact(void)
{
	const PlanRegion *region = plan_region_lookup("us-east-2");

	g_assert_nonnull(region);
	g_assert_cmpstr(region->display_name, ==, "US East (Ohio)");
	g_assert_cmpuint(count_azs(region), ==, 3);
	g_assert_cmpstr(region->azs[0], ==, "us-east-2a");
	g_assert_cmpstr(region->azs[1], ==, "us-east-2b");
	g_assert_cmpstr(region->azs[2], ==, "us-east-2c");
}

static void
test_regions_us_east_1_six(void)
{
	const PlanRegion *region = plan_region_lookup("us-east-1");

	g_assert_nonnull(region);
	g_assert_cmpuint(count_azs(region), ==, 6);
	g_assert_true(plan_region_has_az(region, "us-east-1f"));
	g_assert_false(plan_region_has_az(region, "us-east-1g"));
}

static void
test_regions_lookup_unknown(void)
{
	static const char *const unknown[] = {
	    "us-east-3",      "eu-west-4",  "us-gov-west-1", /* GovCloud: other partition */
	    "cn-north-1",				     /* China: other partition */
	    "eusc-de-east-1", /* European Sovereign Cloud: other partition */
	    "US-EAST-1",      "us-east-1a", "",
	    "useast1",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(unknown); i++) {
		if (plan_region_lookup(unknown[i]) != NULL)
			g_test_fail_printf("'%s' should be unknown", unknown[i]);
	}
}

static void
test_regions_opt_in_present(void)
{
	/* opt-in and recent regions that a stale table would miss */
	static const char *const present[] = {
	    "af-south-1",     "ap-east-1",	"ap-east-2",	  "ap-south-2",
	    "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
	    "ap-southeast-7", "ca-west-1",	"eu-central-2",	  "eu-south-1",
	    "eu-south-2",     "il-central-1",	"me-central-1",	  "me-south-1",
	    "mx-central-1",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(present); i++) {
		const PlanRegion *region = plan_region_lookup(present[i]);
		if (region == NULL) {
			g_test_fail_printf("'%s' is missing", present[i]);
			continue;
		}
		g_assert_cmpstr(region->name, ==, present[i]);
	}
}

typedef struct {
	const char *typed;
	const char *suggestion; /* NULL: no suggestion */
} SuggestCase;

static const SuggestCase suggest_cases[] = {
    /* us-east-1 and us-west-1 are both one edit away; ties go to the name that sorts first */
    {"us-est-1", "us-east-1"},
    {"us-east-1", "us-east-1"},
    {"US-EAST-1", "us-east-1"},
    {"us-east-1a", "us-east-1"}, /* an AZ where a region belongs */
    {"eu-west1", "eu-west-1"},
    {"euwest-2", "eu-west-2"},
    {"ap-southeast1", "ap-southeast-1"},
    {"eu-centrl-2", "eu-central-2"},
    {"mx-centrl-1", "mx-central-1"},
    {"us-gov-west-1", NULL}, /* four edits from us-west-1 */
    {"mars-north-1", NULL},
    {"", NULL},
    {"a-very-long-name-that-is-no-region-at-all", NULL},
};

static void
test_regions_suggest(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(suggest_cases); i++) {
		const char *got = plan_region_suggest(suggest_cases[i].typed);
		if (g_strcmp0(got, suggest_cases[i].suggestion) != 0)
			g_test_fail_printf("suggest('%s'): got %s, expected %s",
					   suggest_cases[i].typed, got != NULL ? got : "(null)",
					   suggest_cases[i].suggestion != NULL
					       ? suggest_cases[i].suggestion
					       : "(null)");
	}
}

/* the invariants the lookup relies on and the data must keep: sorted unique names, and every
 * AZ is "<region><one lowercase letter>" */
static void
test_regions_table_shape(void)
{
	guint n_regions = 0;
	const PlanRegion *all = plan_region_all(&n_regions);

	g_assert_nonnull(all);
	g_assert_cmpuint(n_regions, >=, 34);
	g_assert_true(plan_region_all(NULL) == all);

	for (guint i = 0; i < n_regions; i++) {
		const PlanRegion *region = &all[i];
		gsize name_len = strlen(region->name);
		guint n_azs = count_azs(region);

		g_assert_cmpuint(name_len, >, 0);
		g_assert_nonnull(region->display_name);
		g_assert_cmpuint(strlen(region->display_name), >, 0);
		if (i > 0 && strcmp(all[i - 1].name, region->name) >= 0)
			g_test_fail_printf("table not sorted at '%s' after '%s'", region->name,
					   all[i - 1].name);
		g_assert_true(plan_region_lookup(region->name) == region);
		/* AWS has no single-AZ region; every one we list shows at least two */
		g_assert_cmpuint(n_azs, >=, 2);
		g_assert_cmpuint(n_azs, <=, 26);

		for (guint j = 0; j < n_azs; j++) {
			const char *az = region->azs[j];

			if (strlen(az) != name_len + 1 ||
			    strncmp(az, region->name, name_len) != 0 || az[name_len] < 'a' ||
			    az[name_len] > 'z')
				g_test_fail_printf("AZ '%s' is not '%s' plus one letter", az,
						   region->name);
			/* letters strictly increasing: no duplicates, stable order for reports */
			if (j > 0 && az[name_len] <= region->azs[j - 1][name_len])
				g_test_fail_printf("AZ '%s' out of order in '%s'", az,
						   region->name);
			g_assert_true(plan_region_has_az(region, az));
		}
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/regions/has-az", test_regions_has_az);
	g_test_add_func("/planner/regions/us-east-2-exact", test_regions_us_east_2_exact);
	g_test_add_func("/planner/regions/us-east-1-six", test_regions_us_east_1_six);
	g_test_add_func("/planner/regions/lookup-unknown", test_regions_lookup_unknown);
	g_test_add_func("/planner/regions/opt-in-present", test_regions_opt_in_present);
	g_test_add_func("/planner/regions/suggest", test_regions_suggest);
	g_test_add_func("/planner/regions/table-shape", test_regions_table_shape);

	return g_test_run();
}
