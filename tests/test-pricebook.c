/* ecsplan: unit tests for the built-in price books (planner/prices/pricebook.c): every figure
 * checked by hand against the fact sheet, every region and key, the instance types, and exact
 * money; a book from a file, bad files and the JSON `ecsplan prices` writes are
 * test-pricebook-file.c */
#include "plan-error.h"
#include "pricebook-private.h"
#include "render-prices.h"
#include "test-pricebook-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* the keys only us-east-1's book has (docs/prices.md, "How the figures were chosen") */
static const char *const regional_gaps[] = {"nlb.hour", "nlb.lcu_hour", "clb.hour", "clb.gb", NULL};
/* the ALB's LCU-hour: $0.008 is confirmed for us-east-1 and given with "?" for us-east-2 and
 * us-west-2 (aws-facts section 4c: kept there, unconfirmed, so an estimate); elsewhere the
 * fact sheet says UNCONFIRMED, so the other books have none (issue 12) */
static const char *const lcu_regions[] = {"us-east-1", "us-east-2", "us-west-2", NULL};

/* the regions issue 11 added, with the figures the facts support (Fargate from [S4], the
 * same-everywhere public IPv4 and endpoint rates, NAT where a source gives it), and what one
 * vCPU and 2 GB of Fargate x86 cost there for 730 hours, worked by hand from [S4]:
 * 730 x (vCPU + 2 x GB) */
static const struct {
	const char *region;
	PlanNanos vcpu;	    /* fargate.x86_64.vcpu_hour */
	PlanNanos gb;	    /* fargate.x86_64.gb_hour */
	PlanNanos discount; /* fargate.spot_discount, in billionths */
	PlanNanos month;    /* 730 x (vcpu + 2 x gb), in nano-dollars */
} partial_regions[] = {
    /* 730 x (0.0546 + 2 x 0.006) = 730 x 0.0666 = 48.618 */
    {"af-south-1", 54600000, 6000000, 700000000, 48618000000},
    /* 730 x (0.0556 + 0.0122) = 730 x 0.0678 = 49.494 */
    {"ap-east-1", 55600000, 6100000, 700000000, 49494000000},
    /* 730 x (0.05056 + 0.01106) = 730 x 0.06162 = 44.9826; Spot 1 - 0.01981009 / 0.05056 */
    {"ap-northeast-1", 50560000, 5530000, 608187000, 44982600000},
    /* 730 x (0.04656 + 0.01022) = 730 x 0.05678 = 41.4494; 1 - 0.01422902 / 0.04656 */
    {"ap-northeast-2", 46560000, 5110000, 694394000, 41449400000},
    /* 730 x (0.04256 + 0.00931) = 730 x 0.05187 = 37.8651; 1 - 0.0133282 / 0.04256 */
    {"ap-south-1", 42560000, 4655000, 686837000, 37865100000},
    /* 730 x (0.05056 + 0.01106) = 44.9826; 1 - 0.015168 / 0.05056 = 0.7 */
    {"ap-southeast-1", 50560000, 5530000, 700000000, 44982600000},
    /* 730 x (0.0445 + 0.0098) = 730 x 0.0543 = 39.639 */
    {"eu-north-1", 44500000, 4900000, 700000000, 39639000000},
    /* 730 x (0.0486 + 0.0106) = 730 x 0.0592 = 43.216 */
    {"eu-south-1", 48600000, 5300000, 700000000, 43216000000},
    {"eu-west-3", 48600000, 5300000, 700000000, 43216000000},
    /* 730 x (0.0526 + 0.0116) = 730 x 0.0642 = 46.866 */
    {"me-south-1", 52600000, 5800000, 700000000, 46866000000},
    /* 730 x (0.0696 + 0.0152) = 730 x 0.0848 = 61.904; 1 - 0.0212609 / 0.0696 = 0.694527 */
    {"sa-east-1", 69600000, 7600000, 694527000, 61904000000},
    /* 730 x (0.04656 + 0.01022) = 41.4494; 1 - 0.013968 / 0.04656 = 0.7 */
    {"us-west-1", 46560000, 5110000, 700000000, 41449400000},
};

/* the 19 instance types of the fact sheet, table 3a */
static const char *const fact_sheet_types[] = {
    "t2.nano",	  "t3.micro",  "t3.small",   "t3.medium", "t3.large",	"m5.large",  "m5.xlarge",
    "m5.2xlarge", "m6i.large", "m6i.xlarge", "m6g.large", "m6g.xlarge", "m7g.large", "c5.large",
    "c5.xlarge",  "c6g.large", "c7g.large",  "r5.large",  "r6g.large",
};

/* ---- figures checked by hand against the fact sheet --------------------------------------- */

static void
test_pricebook_us_east_1(void)
{
	g_autoptr(PlanPriceBook) book = load_builtin("us-east-1");
	const PlanInstanceType *m5;
	const PlanPrice *price;

	g_assert_cmpstr(plan_price_book_region(book), ==, "us-east-1");
	g_assert_cmpstr(plan_price_book_as_of(book), ==, "2026-11-22");
	g_assert_cmpstr(plan_price_book_origin(book), ==, "built-in");

	price = get(book, "fargate.x86_64.vcpu_hour");
	g_assert_cmpint(price->nanos, ==, 40480000);
	g_assert_cmpfloat(price->value, ==, 0.04048);
	g_assert_cmpstr(price->unit, ==, "vCPU-hour");
	g_assert_cmpstr(price->source, ==, "S2 S3 S4");
	g_assert_cmpstr(price->as_of, ==, "2026-03");
	g_assert_cmpint(price->confidence, ==, PLAN_CONFIDENCE_OK);
	g_assert_false(plan_price_is_estimate(price));

	g_assert_cmpint(get(book, "fargate.x86_64.gb_hour")->nanos, ==, 4445000);
	g_assert_cmpint(get(book, "fargate.arm64.vcpu_hour")->nanos, ==, 32380000);
	g_assert_cmpint(get(book, "fargate.arm64.gb_hour")->nanos, ==, 3560000);
	g_assert_cmpint(get(book, "fargate.ephemeral_gb_hour")->nanos, ==, 111000);
	g_assert_cmpint(get(book, "fargate.ephemeral_gb_hour")->confidence, ==,
			PLAN_CONFIDENCE_SECONDARY);
	/* 1 - 0.01264355 / 0.04048 = 0.68765934..., kept to six places */
	price = get(book, "fargate.spot_discount");
	g_assert_cmpint(price->nanos, ==, 687659000);
	g_assert_cmpstr(price->unit, ==, "ratio");
	/* secondary, not unconfirmed: sourced, so not an estimate (issue 3's rule) */
	g_assert_cmpint(price->confidence, ==, PLAN_CONFIDENCE_SECONDARY);
	g_assert_false(plan_price_is_estimate(price));

	g_assert_cmpint(get(book, "nat.hour")->nanos, ==, 45000000);
	g_assert_cmpint(get(book, "nat.gb")->nanos, ==, 45000000);
	g_assert_cmpint(get(book, "alb.hour")->nanos, ==, 22500000);
	g_assert_cmpint(get(book, "alb.lcu_hour")->nanos, ==, 8000000);
	g_assert_cmpint(get(book, "nlb.hour")->confidence, ==, PLAN_CONFIDENCE_SECONDARY);
	g_assert_cmpint(get(book, "nlb.lcu_hour")->nanos, ==, 6000000);
	g_assert_cmpint(get(book, "public_ipv4.hour")->nanos, ==, 5000000);
	g_assert_cmpint(get(book, "inter_az.gb")->nanos, ==, 10000000);
	g_assert_cmpint(get(book, "internet_egress.gb")->nanos, ==, 90000000);
	g_assert_cmpint(get(book, "endpoint.hour_per_az")->nanos, ==, 10000000);
	g_assert_cmpint(get(book, "endpoint.gb")->nanos, ==, 10000000);

	m5 = plan_price_book_instance(book, "m5.large");
	g_assert_nonnull(m5);
	g_assert_cmpstr(m5->name, ==, "m5.large");
	g_assert_cmpstr(m5->architecture, ==, "x86_64");
	g_assert_cmpint(m5->vcpu, ==, 2);
	g_assert_cmpint(m5->memory_mib, ==, 8192);
	g_assert_cmpint(m5->max_enis, ==, 3);
	g_assert_cmpint(m5->ipv4_per_eni, ==, 10);
	g_assert_cmpint(m5->tasks_no_trunk, ==, 2);
	g_assert_cmpint(m5->tasks_trunk, ==, 10);
	g_assert_true(m5->hourly.present);
	g_assert_cmpint(m5->hourly.nanos, ==, 96000000);
	g_assert_cmpfloat(m5->hourly.value, ==, 0.096);
	g_assert_cmpint(m5->hourly.confidence, ==, PLAN_CONFIDENCE_OK);
	/* the starred cell of table 3a */
	g_assert_cmpint(m5->specs[PLAN_INSTANCE_FIELD_IPV4_PER_ENI].confidence, ==,
			PLAN_CONFIDENCE_DERIVED);
	g_assert_nonnull(m5->specs[PLAN_INSTANCE_FIELD_IPV4_PER_ENI].note);
	g_assert_cmpint(m5->specs[PLAN_INSTANCE_FIELD_VCPU].confidence, ==, PLAN_CONFIDENCE_OK);

	g_assert_cmpint(plan_price_book_instance(book, "t2.nano")->memory_mib, ==, 512);
	g_assert_cmpint(plan_price_book_instance(book, "t3.micro")->tasks_trunk, ==, 0);
	g_assert_cmpstr(plan_price_book_instance(book, "c7g.large")->architecture, ==, "arm64");
	g_assert_cmpint(plan_price_book_instance(book, "m7g.large")->hourly.nanos, ==, 81600000);
	g_assert_null(plan_price_book_instance(book, "m5.huge"));
	g_assert_null(plan_price_book_get(book, "nat.hours"));
}

static void
test_pricebook_eu_west_2(void)
{
	g_autoptr(PlanPriceBook) book = load_builtin("eu-west-2");
	const PlanPrice *nat = get(book, "nat.hour");

	g_assert_cmpint(nat->nanos, ==, 50000000);
	g_assert_cmpint(nat->confidence, ==, PLAN_CONFIDENCE_UNCONFIRMED);
	g_assert_true(plan_price_is_estimate(nat));
	g_assert_cmpint(get(book, "fargate.x86_64.vcpu_hour")->nanos, ==, 46560000);
	g_assert_cmpint(get(book, "fargate.x86_64.vcpu_hour")->confidence, ==,
			PLAN_CONFIDENCE_SECONDARY);
	g_assert_cmpint(get(book, "fargate.spot_discount")->nanos, ==, 700000000);
	g_assert_cmpint(get(book, "alb.hour")->nanos, ==, 26460000);
	/* no ALB LCU figure: the fact sheet has none for eu-west-2 (issue 12) */
	g_assert_null(plan_price_book_get(book, "alb.lcu_hour"));
	/* table 3b: no eu-west-2 cell for r5.large; specs stay, the price is absent */
	g_assert_false(plan_price_book_instance(book, "r5.large")->hourly.present);
	g_assert_cmpint(plan_price_book_instance(book, "m5.large")->hourly.nanos, ==, 117800000);
	g_assert_cmpint(plan_price_book_instance(book, "m5.large")->hourly.confidence, ==,
			PLAN_CONFIDENCE_UNCONFIRMED);
}

static void
test_pricebook_eu_west_1_conflict(void)
{
	g_autoptr(PlanPriceBook) book = load_builtin("eu-west-1");
	const PlanPrice *vcpu = get(book, "fargate.x86_64.vcpu_hour");

	/* the fact sheet believes 0.04048 but another source says 0.04656 */
	g_assert_cmpint(vcpu->nanos, ==, 40480000);
	g_assert_cmpint(vcpu->confidence, ==, PLAN_CONFIDENCE_UNCONFIRMED);
	g_assert_nonnull(strstr(vcpu->note, "0.04656"));
}

/* ---- every region, every key ------------------------------------------------------------- */

static void
add_sources(GHashTable *used, const char *source)
{
	g_auto(GStrv) keys = g_strsplit(source, " ", -1);
	for (guint i = 0; keys[i] != NULL; i++)
		g_hash_table_add(used, g_strdup(keys[i]));
}

static void
check_price(const PlanPriceBook *book, const char *what, const PlanPrice *price, GHashTable *used)
{
	g_auto(GStrv) keys = g_strsplit(price->source, " ", -1);

	g_assert_true(price->present);
	g_assert_cmpint(price->nanos, >=, 0);
	g_assert_cmpint(price->nanos, ==, (PlanNanos)(price->value * 1e9 + 0.5));
	g_assert_nonnull(price->as_of);
	for (guint i = 0; keys[i] != NULL; i++) {
		if (plan_price_book_source_title(book, keys[i]) == NULL)
			g_test_fail_printf("%s %s: source '%s' is not defined",
					   plan_price_book_region(book), what, keys[i]);
	}
	/* "never silently": a placeholder says why it is one */
	if (price->confidence == PLAN_CONFIDENCE_UNCONFIRMED && price->note == NULL)
		g_test_fail_printf("%s %s: unconfirmed without a note",
				   plan_price_book_region(book), what);
	add_sources(used, price->source);
}

static void
test_pricebook_every_region(void)
{
	g_auto(GStrv) regions = plan_price_book_regions();
	guint n_keys = 0;
	const char *const *keys = plan_price_key_names(&n_keys);

	g_assert_cmpuint(n_keys, ==,
			 27); /* 25 + logs.ingest_gb, logs.storage_gb_month (issue 13) */
	g_assert_cmpuint(g_strv_length(regions), ==,
			 G_N_ELEMENTS(covered_regions) + G_N_ELEMENTS(partial_regions));
	for (guint r = 0; r < G_N_ELEMENTS(covered_regions); r++) {
		g_autoptr(PlanPriceBook) book = load_builtin(covered_regions[r]);
		g_autoptr(GHashTable) used =
		    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_autoptr(GPtrArray) present = plan_price_book_keys(book);
		g_autoptr(GPtrArray) sources = plan_price_book_sources(book);
		g_autoptr(GPtrArray) instances = plan_price_book_instances(book);

		g_assert_true(g_strv_contains((const char *const *)regions, covered_regions[r]));
		g_assert_cmpstr(plan_price_book_region(book), ==, covered_regions[r]);
		g_assert_cmpstr(plan_price_book_as_of(book), ==, "2026-11-22");
		/* every key, except that outside us-east-1 the books have no NLB or CLB figure:
		 * the fact sheet has none there, and a borrowed us-east-1 rate would read as the
		 * region's (issue 12); cost prices those lines as missing */
		gboolean east = g_strcmp0(covered_regions[r], "us-east-1") == 0;
		gboolean lcu_priced = g_strv_contains(lcu_regions, covered_regions[r]);
		guint k_present = 0;
		g_assert_cmpuint(present->len, ==,
				 n_keys - (east ? 0 : G_N_ELEMENTS(regional_gaps) - 1) -
				     (lcu_priced ? 0 : 1));
		for (guint k = 0; k < n_keys; k++) {
			const PlanPrice *price = plan_price_book_get(book, keys[k]);
			if ((!east &&
			     g_strv_contains((const char *const *)regional_gaps, keys[k])) ||
			    (!lcu_priced && strcmp(keys[k], "alb.lcu_hour") == 0)) {
				g_assert_null(price);
				continue;
			}
			if (strcmp(keys[k], "alb.lcu_hour") == 0)
				g_assert_true(east != plan_price_is_estimate(price));
			g_assert_nonnull(price);
			g_assert_cmpstr(g_ptr_array_index(present, k_present++), ==, keys[k]);
			g_assert_cmpstr(price->unit, ==, plan_price_key_unit(keys[k]));
			check_price(book, keys[k], price, used);
		}
		for (guint n = 0; n < 2; n++) {
			const PlanLcuDimensions *lcu = plan_price_book_lcu(book, n == 1);
			g_assert_nonnull(lcu);
			add_sources(used, lcu->source);
		}
		/* purchase options: every figure checked like the others, sources counted */
		for (guint kind = 0; kind < PLAN_N_COMMITS; kind++) {
			g_autoptr(GPtrArray) subjects = plan_price_book_commit_subjects(book, kind);
			for (guint i = 0; i < subjects->len; i++) {
				const char *subject = g_ptr_array_index(subjects, i);
				for (guint t = 0; t < PLAN_N_TERMS; t++) {
					for (guint u = 0; u < PLAN_N_UPFRONTS; u++) {
						const PlanCommitRate *rate = plan_price_book_commit(
						    book, kind, subject, t, u);
						if (rate == NULL)
							continue;
						check_price(book, subject, &rate->hourly, used);
						if (rate->upfront.present)
							check_price(book, subject, &rate->upfront,
								    used);
					}
				}
			}
		}
		g_assert_nonnull(plan_price_book_ec2_spot(book, "m5.large"));
		check_price(book, "spot", &plan_price_book_ec2_spot(book, "m5.large")->savings,
			    used);
		g_assert_cmpuint(instances->len, >=, G_N_ELEMENTS(fact_sheet_types));
		for (guint i = 0; i < instances->len; i++) {
			const PlanInstanceType *type = g_ptr_array_index(instances, i);
			if (i > 0)
				g_assert_cmpstr(
				    ((const PlanInstanceType *)g_ptr_array_index(instances, i - 1))
					->name,
				    <, type->name);
			if (type->hourly.present)
				check_price(book, type->name, &type->hourly, used);
			else if (g_strcmp0(covered_regions[r], "us-east-1") == 0)
				/* the fact sheet's 19 types are all priced in us-east-1; the specs
				 * carried in for issue 11 have no price there yet */
				for (guint t = 0; t < G_N_ELEMENTS(fact_sheet_types); t++)
					g_assert_cmpstr(fact_sheet_types[t], !=, type->name);
			for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++)
				add_sources(used, type->specs[f].source);
			if (type->credits_hour_milli > 0) {
				add_sources(used, type->credits_origin.source);
				add_sources(used, type->baseline_origin.source);
			}
		}
		/* the book lists the sources it uses, and only those */
		for (guint i = 0; i < sources->len; i++) {
			if (!g_hash_table_contains(used, g_ptr_array_index(sources, i)))
				g_test_fail_printf("%s: source '%s' is listed but not used",
						   covered_regions[r],
						   (const char *)g_ptr_array_index(sources, i));
		}
	}
}

/* every region issue 11 added: its Fargate figures as worked above, each with a source that
 * resolves and a note when unconfirmed; nothing the facts lack (ALB, NLB, transfer, EC2) is
 * there, so it stays price-missing, never $0 */
static void
test_pricebook_partial_regions(void)
{
	for (guint r = 0; r < G_N_ELEMENTS(partial_regions); r++) {
		g_autoptr(PlanPriceBook) book = load_builtin(partial_regions[r].region);
		g_autoptr(GHashTable) used =
		    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_autoptr(GPtrArray) present = plan_price_book_keys(book);
		const PlanPrice *vcpu = get(book, "fargate.x86_64.vcpu_hour");
		const PlanPrice *gb = get(book, "fargate.x86_64.gb_hour");
		const PlanPrice *arm = get(book, "fargate.arm64.vcpu_hour");

		g_assert_cmpint(vcpu->nanos, ==, partial_regions[r].vcpu);
		g_assert_cmpint(gb->nanos, ==, partial_regions[r].gb);
		g_assert_cmpint(get(book, "fargate.spot_discount")->nanos, ==,
				partial_regions[r].discount);
		g_assert_cmpint(730 * (vcpu->nanos + 2 * gb->nanos), ==, partial_regions[r].month);
		g_assert_cmpint(vcpu->confidence, ==, PLAN_CONFIDENCE_SECONDARY);
		g_assert_true(plan_price_is_estimate(arm) ==
			      (strcmp(partial_regions[r].region, "sa-east-1") != 0));
		g_assert_cmpstr(plan_price_book_as_of(book), ==, "2026-12-03");
		for (guint k = 0; k < present->len; k++)
			check_price(book, g_ptr_array_index(present, k),
				    get(book, g_ptr_array_index(present, k)), used);
		g_assert_null(plan_price_book_get(book, "alb.hour"));
		g_assert_null(plan_price_book_get(book, "inter_az.gb"));
		g_assert_null(plan_price_book_get(book, "fargate.ephemeral_gb_hour"));
		g_assert_false(plan_price_book_instance(book, "m6i.large")->hourly.present);
		/* NAT only where a source gives the region's rate: ap-southeast-1, $0.059 [S19c] */
		if (strcmp(partial_regions[r].region, "ap-southeast-1") == 0)
			g_assert_cmpint(get(book, "nat.hour")->nanos, ==, 59000000);
		else
			g_assert_null(plan_price_book_get(book, "nat.hour"));
	}
	/* sa-east-1's ARM rate is published [S6]: 0.0557, not 0.0696 x 0.8 = 0.05568 */
	{
		g_autoptr(PlanPriceBook) book = load_builtin("sa-east-1");
		g_assert_cmpint(get(book, "fargate.arm64.vcpu_hour")->nanos, ==, 55700000);
	}
}

static void
test_pricebook_instances(void)
{
	g_autoptr(PlanPriceBook) book = load_builtin(NULL);

	for (guint i = 0; i < G_N_ELEMENTS(fact_sheet_types); i++) {
		const PlanInstanceType *type = plan_price_book_instance(book, fact_sheet_types[i]);
		gboolean burstable = g_str_has_prefix(type->name, "t");
		gboolean graviton = strstr(type->name, "g.") != NULL;

		g_assert_nonnull(type);
		/* ENI arithmetic [S9]: the primary ENI takes no task */
		g_assert_cmpint(type->tasks_no_trunk, ==, type->max_enis - 1);
		g_assert_cmpint(type->tasks_trunk == 0, ==, burstable);
		g_assert_cmpstr(type->architecture, ==, graviton ? "arm64" : "x86_64");
		g_assert_cmpint(type->memory_mib % 512, ==, 0);
		for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++) {
			g_assert_nonnull(type->specs[f].source);
			if (type->specs[f].confidence != PLAN_CONFIDENCE_OK)
				g_assert_nonnull(type->specs[f].note);
		}
		g_assert_true(type->hourly.present);
	}
}

/* the instance table beyond the fact sheet (issue 11 item 2), figures checked by hand against
 * the sources' own rows */
static void
test_pricebook_every_instance(void)
{
	/* specs need no region: the instance table of a region without built-in figures */
	g_autoptr(PlanPriceBook) book = plan_price_book_load_builtin_specs("il-central-1", NULL);
	g_autoptr(GPtrArray) instances = plan_price_book_instances(book);
	const PlanInstanceType *type;
	guint arm = 0;
	guint burst = 0;

	/* every type Karpenter's DescribeInstanceTypes table has [S10k] with ENI figures [S10v]:
	 * 1,363 less hpc6a.48xlarge, hpc6id.32xlarge, hpc7a (4 sizes), hpc8a.96xlarge and
	 * trn2.48xlarge, which the limits file lacks */
	g_assert_cmpuint(instances->len, ==, 1355);
	for (guint i = 0; i < instances->len; i++) {
		type = g_ptr_array_index(instances, i);
		arm += strcmp(type->architecture, "arm64") == 0;
		burst += type->credits_hour_milli > 0;
		g_assert_cmpint(type->tasks_no_trunk, <, type->max_enis);
		for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++) {
			if (type->specs[f].confidence != PLAN_CONFIDENCE_OK)
				g_assert_nonnull(type->specs[f].note);
		}
	}
	/* t2, t3, t3a, t4g: 7 sizes each */
	g_assert_cmpuint(burst, ==, 28);
	g_assert_cmpuint(arm, >, 300);

	/* m6i.large: 2 vCPU, 8 GiB = 8192 MiB, 3 ENIs x 10 IPv4; 3 - 1 = 2 tasks without
	 * trunking, 10 with [S9] */
	type = plan_price_book_instance(book, "m6i.large");
	g_assert_cmpint(type->vcpu, ==, 2);
	g_assert_cmpint(type->memory_mib, ==, 8192);
	g_assert_cmpint(type->max_enis * type->ipv4_per_eni, ==, 3 * 10);
	g_assert_cmpint(type->tasks_no_trunk, ==, 2);
	g_assert_cmpint(type->tasks_trunk, ==, 10);
	/* a large size: c7i.48xlarge, 192 vCPU, 384 GiB = 393216 MiB, 15 ENIs x 50 IPv4; not in
	 * the 2023 ECS table, so 15 - 1 = 14 tasks (derived) and no trunking (unconfirmed) */
	type = plan_price_book_instance(book, "c7i.48xlarge");
	g_assert_cmpint(type->vcpu, ==, 192);
	g_assert_cmpint(type->memory_mib, ==, 384 * 1024);
	g_assert_cmpint(type->max_enis, ==, 15);
	g_assert_cmpint(type->ipv4_per_eni, ==, 50);
	g_assert_cmpint(type->tasks_no_trunk, ==, 14);
	g_assert_cmpint(type->specs[PLAN_INSTANCE_FIELD_TASKS_NO_TRUNK].confidence, ==,
			PLAN_CONFIDENCE_DERIVED);
	g_assert_cmpint(type->tasks_trunk, ==, 0);
	g_assert_cmpint(type->specs[PLAN_INSTANCE_FIELD_TASKS_TRUNK].confidence, ==,
			PLAN_CONFIDENCE_UNCONFIRMED);
	/* metal and Graviton: m7g.metal, 64 vCPU, 256 GiB, arm64 */
	type = plan_price_book_instance(book, "m7g.metal");
	g_assert_cmpint(type->vcpu, ==, 64);
	g_assert_cmpint(type->memory_mib, ==, 256 * 1024);
	g_assert_cmpstr(type->architecture, ==, "arm64");
	/* ECS and EKS differ: m6a.8xlarge, 7 tasks without trunking and 90 with [S9b] (the fact
	 * sheet's example), while EKS counts 84 branch ENIs [S10v]; the note says so */
	type = plan_price_book_instance(book, "m6a.8xlarge");
	g_assert_cmpint(type->tasks_no_trunk, ==, 7);
	g_assert_cmpint(type->tasks_trunk, ==, 90);
	g_assert_nonnull(strstr(type->specs[PLAN_INSTANCE_FIELD_TASKS_TRUNK].note, "EKS gives 84"));
	/* a family the ECS guide lists as not supporting trunking: c5n [S9b] */
	type = plan_price_book_instance(book, "c5n.large");
	g_assert_cmpint(type->tasks_trunk, ==, 0);
	g_assert_cmpint(type->specs[PLAN_INSTANCE_FIELD_TASKS_TRUNK].confidence, ==,
			PLAN_CONFIDENCE_OK);
	/* dual network cards: c6in.32xlarge has 8 + 8 = 16 ENIs [S10v]; the 2023 ECS table gives
	 * 13 tasks without trunking, not 16 - 1 = 15, and the book keeps the ECS figure */
	type = plan_price_book_instance(book, "c6in.32xlarge");
	g_assert_cmpint(type->max_enis, ==, 16);
	g_assert_cmpint(type->tasks_no_trunk, ==, 13);
	g_assert_cmpint(type->tasks_trunk, ==, 120);

	/* burstable baselines [S10t]: t3.nano earns 6 credits an hour on 2 vCPUs, 6 / 2 / 60 =
	 * 5%; t2.2xlarge 81.6 on 8 vCPUs, 81.6 / 8 / 60 = 17% */
	type = plan_price_book_instance(book, "t3.nano");
	g_assert_cmpint(type->credits_hour_milli, ==, 6000);
	g_assert_cmpint(type->baseline_pct_milli, ==, 5000);
	type = plan_price_book_instance(book, "t2.2xlarge");
	g_assert_cmpint(type->credits_hour_milli, ==, 81600);
	g_assert_cmpint(type->baseline_pct_milli, ==, 17000);
	g_assert_cmpstr(type->credits_origin.source, ==, "S10t");
	/* t4g.xlarge: 96 / 4 / 60 = 40% */
	type = plan_price_book_instance(book, "t4g.xlarge");
	g_assert_cmpint(type->baseline_pct_milli, ==, 40000);
	g_assert_cmpint(plan_price_book_instance(book, "m6i.large")->credits_hour_milli, ==, 0);
}

static void
test_pricebook_lcu(void)
{
	g_autoptr(PlanPriceBook) book = load_builtin("us-east-1");
	const PlanLcuDimensions *alb = plan_price_book_lcu(book, FALSE);
	const PlanLcuDimensions *nlb = plan_price_book_lcu(book, TRUE);

	g_assert_cmpfloat(alb->new_connections_per_second, ==, 25);
	g_assert_cmpfloat(alb->active_connections_per_minute, ==, 3000);
	g_assert_cmpfloat(alb->processed_gb_per_hour, ==, 1);
	g_assert_cmpfloat(alb->rule_evaluations_per_second, ==, 1000);
	g_assert_cmpfloat(nlb->new_connections_per_second, ==, 800);
	g_assert_cmpfloat(nlb->active_connections_per_minute, ==, 100000);
	g_assert_cmpfloat(nlb->processed_gb_per_hour, ==, 1);
	g_assert_cmpfloat(nlb->rule_evaluations_per_second, ==, 0);
	g_assert_cmpstr(alb->source, ==, "S17");
	g_assert_cmpint(alb->confidence, ==, PLAN_CONFIDENCE_OK);
}

static void
test_pricebook_sources(void)
{
	g_autoptr(PlanPriceBook) book = load_builtin("us-east-1");
	g_autoptr(GPtrArray) sources = plan_price_book_sources(book);
	g_autoptr(GString) order = g_string_new(NULL);

	for (guint i = 0; i < sources->len; i++)
		g_string_append_printf(order, "%s ", (const char *)g_ptr_array_index(sources, i));
	/* natural order: S3b after S3, S10 after S9 */
	g_assert_cmpstr(
	    order->str, ==,
	    "S2 S3 S3b S4 S9 S9b S10 S10k S10t S10v S11 S12 S13 S14 S16 S17 S19 S19b S20 "
	    "S21 S22 S22b S43 S50 S51 S52 ");
	g_assert_nonnull(strstr(plan_price_book_source_title(book, "S4"), "theuves/fgcalc"));
	g_assert_cmpstr(plan_price_book_source_as_of(book, "S12"), ==, "2026-03-28");
	g_assert_null(plan_price_book_source_title(book, "S99"));
}

static void
test_pricebook_builtin_errors(void)
{
	g_autoptr(GError) error = NULL;
	/* a commercial region no source gives a figure for (issue 11 covers 20 of them) */
	g_autoptr(PlanPriceBook) book = plan_price_book_load_builtin("il-central-1", &error);

	g_assert_null(book);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
	g_assert_nonnull(strstr(error->message, "no built-in prices for region 'il-central-1'"));
	g_assert_nonnull(strstr(error->message, "'eu-central-1'"));
	g_clear_error(&error);

	book = plan_price_book_load_builtin("us-est-1", &error);
	g_assert_null(book);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
	g_assert_cmpstr(error->message, ==, "unknown region 'us-est-1'; did you mean 'us-east-1'?");
	g_clear_error(&error);

	/* instances.json sits beside the regions but is not one */
	book = plan_price_book_load_builtin("instances", &error);
	g_assert_null(book);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
}

/* ---- exact money ----------------------------------------------------------------------------- */

typedef struct {
	const char *text;
	gboolean ok;
	PlanNanos nanos;
} DecimalCase;

static const DecimalCase decimal_cases[] = {
    {"0.04048", TRUE, 40480000},
    {"0.004445", TRUE, 4445000},
    {"0.096", TRUE, 96000000},
    {"0", TRUE, 0},
    {"-0", TRUE, 0},
    {"0.0000000025", TRUE, 3}, /* half away from zero; a double would give 2 */
    {"0.00000000249999", TRUE, 2},
    {"-0.0000000025", TRUE, -3},
    {"0.0000000015", TRUE, 2},
    {"1e-9", TRUE, 1},
    {"5E-10", TRUE, 1},
    {"4.9e-10", TRUE, 0},
    {"1.5e-12", TRUE, 0},
    {"45e-3", TRUE, 45000000},
    {"1e+3", TRUE, G_GINT64_CONSTANT(1000000000000)},
    {"1000000", TRUE, G_GINT64_CONSTANT(1000000000000000)},
    {"0.045, \"unit\"", TRUE, 45000000}, /* stops where the number does */
    {"12345678901", FALSE, 0},		 /* 19 digits of nanos: refused, not wrapped */
    {"1e400", FALSE, 0},
    {"abc", FALSE, 0},
    {"-", FALSE, 0},
    {"1.", FALSE, 0},
    {".5", FALSE, 0},
    {"1e", FALSE, 0},
};

static void
test_pricebook_decimal(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(decimal_cases); i++) {
		const DecimalCase *c = &decimal_cases[i];
		PlanNanos nanos = -42;
		gboolean ok = book_decimal_to_nanos(c->text, strlen(c->text), &nanos);

		if (ok != c->ok)
			g_test_fail_printf("'%s': expected %s", c->text,
					   c->ok ? "a number" : "FALSE");
		else if (ok && nanos != c->nanos)
			g_test_fail_printf("'%s': expected %" G_GINT64_FORMAT
					   ", got %" G_GINT64_FORMAT,
					   c->text, c->nanos, nanos);
	}
}

static void
test_pricebook_nanos_to_string(void)
{
	static const struct {
		PlanNanos nanos;
		const char *text;
	} cases[] = {
	    {40480000, "0.04048"},
	    {96000000, "0.096"},
	    {0, "0.00"},
	    {10000000, "0.01"},
	    {1, "0.000000001"},
	    {G_GINT64_CONSTANT(1500000000), "1.50"},
	    {-4445000, "-0.004445"},
	    {687659000, "0.687659"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *text = report_nanos_to_string(cases[i].nanos);
		g_assert_cmpstr(text, ==, cases[i].text);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/pricebook/us-east-1", test_pricebook_us_east_1);
	g_test_add_func("/planner/pricebook/eu-west-2", test_pricebook_eu_west_2);
	g_test_add_func("/planner/pricebook/eu-west-1-conflict", test_pricebook_eu_west_1_conflict);
	g_test_add_func("/planner/pricebook/every-region", test_pricebook_every_region);
	g_test_add_func("/planner/pricebook/partial-regions", test_pricebook_partial_regions);
	g_test_add_func("/planner/pricebook/instances", test_pricebook_instances);
	g_test_add_func("/planner/pricebook/every-instance", test_pricebook_every_instance);
	g_test_add_func("/planner/pricebook/lcu", test_pricebook_lcu);
	g_test_add_func("/planner/pricebook/sources", test_pricebook_sources);
	g_test_add_func("/planner/pricebook/builtin-errors", test_pricebook_builtin_errors);
	g_test_add_func("/planner/pricebook/decimal", test_pricebook_decimal);
	g_test_add_func("/planner/pricebook/nanos-to-string", test_pricebook_nanos_to_string);
	return g_test_run();
}
