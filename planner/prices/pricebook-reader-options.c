/* reading a region file's purchase options: "savings_plans", "reserved" and "spot"
 * (docs/prices.md, "Purchase options"). each figure is an ordinary price object; a file laid
 * over the built-in book replaces the options it gives and keeps the rest. */
#include "pricebook-reader-private.h"

#include <string.h>

/* the Spot Advisor's interruption bands (spot-advisor-data.json "ranges"): label and upper end */
static const struct {
	const char *label;
	gint64 max_percent;
} spot_bands[] = {
    {"<5%", 5}, {"5-10%", 10}, {"10-15%", 15}, {"15-20%", 20}, {">20%", 100},
};

/* the option names of a term object, in PlanTerm × PlanUpfront order, as
 * plan_commit_option_name() gives them */
static const char *const option_names[PLAN_N_TERMS * PLAN_N_UPFRONTS] = {
    "1y_no_upfront", "1y_partial_upfront", "1y_all_upfront",
    "3y_no_upfront", "3y_partial_upfront", "3y_all_upfront",
};

/* {"1y_no_upfront": FIGURE, ...}: Savings Plan rates in @unit for one subject */
static void
reader_sp_options(PlanBookReader *reader, const cJSON *node, PlanCommitKind kind,
		  const char *subject, const char *unit)
{
	const char *const *names = option_names;
	PlanCommitSubject *entry;

	if (!plan_book_expect_object(reader, node,
				     "an object of Savings Plan rates like {\"1y_no_upfront\": "
				     "{\"value\": ..., ...}}"))
		return;
	plan_book_check_members(reader, node, names, PLAN_N_TERMS * PLAN_N_UPFRONTS,
				"Savings Plan rates");
	entry = book_commit_subject(reader->book, kind, subject);
	for (guint i = 0; i < PLAN_N_TERMS * PLAN_N_UPFRONTS; i++) {
		const cJSON *child = cJSON_GetObjectItemCaseSensitive(node, names[i]);
		PlanCommitRate *rate =
		    &entry->rates[i / PLAN_N_UPFRONTS][i % PLAN_N_UPFRONTS];
		gsize mark;

		if (child == NULL)
			continue;
		mark = plan_book_path_push(reader, names[i]);
		if (plan_book_read_price(reader, child, unit, &rate->hourly))
			rate->upfront = (PlanPrice){0};
		plan_book_path_pop(reader, mark);
	}
}

/* {"m6i.large": OPTIONS, ...}: per instance type, each with specs in the book */
static void
reader_sp_instances(PlanBookReader *reader, const cJSON *node, PlanCommitKind kind)
{
	if (!plan_book_expect_object(reader, node, "an object of instance types"))
		return;
	for (const cJSON *child = node->child; child != NULL; child = child->next) {
		gsize mark = plan_book_path_push(reader, child->string);

		if (cJSON_GetObjectItemCaseSensitive(node, child->string) != child)
			plan_book_problem(reader, child, "duplicate key '%s'", child->string);
		else if (plan_book_known_instance(reader, child) != NULL)
			reader_sp_options(reader, child, kind, child->string, "hour");
		plan_book_path_pop(reader, mark);
	}
}

/* "fargate": {"x86_64": {"vcpu_hour": OPTIONS, "gb_hour": OPTIONS}, "arm64": {...}} */
static void
reader_sp_fargate(PlanBookReader *reader, const cJSON *node)
{
	static const char *const architectures[] = {"x86_64", "arm64"};
	static const char *const dimensions[] = {"vcpu_hour", "gb_hour"};
	static const char *const units[] = {"vCPU-hour", "GB-hour"};

	if (!plan_book_expect_object(reader, node, "an object with \"x86_64\" and \"arm64\""))
		return;
	plan_book_check_members(reader, node, architectures, G_N_ELEMENTS(architectures),
				"'savings_plans.compute.fargate'");
	for (guint a = 0; a < G_N_ELEMENTS(architectures); a++) {
		const cJSON *arch = cJSON_GetObjectItemCaseSensitive(node, architectures[a]);
		gsize mark;

		if (arch == NULL)
			continue;
		mark = plan_book_path_push(reader, architectures[a]);
		if (plan_book_expect_object(reader, arch,
					    "an object with \"vcpu_hour\" and \"gb_hour\"")) {
			plan_book_check_members(reader, arch, dimensions,
						G_N_ELEMENTS(dimensions), "Fargate rates");
			for (guint d = 0; d < G_N_ELEMENTS(dimensions); d++) {
				const cJSON *options =
				    cJSON_GetObjectItemCaseSensitive(arch, dimensions[d]);
				g_autofree char *subject = NULL;
				gsize inner;

				if (options == NULL)
					continue;
				subject = g_strdup_printf("fargate.%s.%s", architectures[a],
							  dimensions[d]);
				inner = plan_book_path_push(reader, dimensions[d]);
				reader_sp_options(reader, options, PLAN_COMMIT_COMPUTE_SP, subject,
						  units[d]);
				plan_book_path_pop(reader, inner);
			}
		}
		plan_book_path_pop(reader, mark);
	}
}

void
plan_book_read_savings_plans(PlanBookReader *reader, const cJSON *node)
{
	static const char *const fields[] = {"compute", "ec2_instance"};
	static const char *const compute_fields[] = {"fargate", "ec2"};
	const cJSON *member;
	gsize mark;

	if (!plan_book_expect_object(reader, node,
				     "an object with \"compute\" and \"ec2_instance\""))
		return;
	plan_book_check_members(reader, node, fields, G_N_ELEMENTS(fields), "'savings_plans'");
	if ((member = cJSON_GetObjectItemCaseSensitive(node, "compute")) != NULL) {
		mark = plan_book_path_push(reader, "compute");
		if (plan_book_expect_object(reader, member,
					    "an object with \"fargate\" and \"ec2\"")) {
			const cJSON *inner;
			gsize inner_mark;

			plan_book_check_members(reader, member, compute_fields,
						G_N_ELEMENTS(compute_fields),
						"'savings_plans.compute'");
			if ((inner = cJSON_GetObjectItemCaseSensitive(member, "fargate")) != NULL) {
				inner_mark = plan_book_path_push(reader, "fargate");
				reader_sp_fargate(reader, inner);
				plan_book_path_pop(reader, inner_mark);
			}
			if ((inner = cJSON_GetObjectItemCaseSensitive(member, "ec2")) != NULL) {
				inner_mark = plan_book_path_push(reader, "ec2");
				reader_sp_instances(reader, inner, PLAN_COMMIT_COMPUTE_SP);
				plan_book_path_pop(reader, inner_mark);
			}
		}
		plan_book_path_pop(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(node, "ec2_instance")) != NULL) {
		mark = plan_book_path_push(reader, "ec2_instance");
		reader_sp_instances(reader, member, PLAN_COMMIT_EC2_INSTANCE_SP);
		plan_book_path_pop(reader, mark);
	}
}

/* {"hourly": FIGURE, "upfront": FIGURE}: one Reserved Instance offering; "upfront" is required
 * for partial and all upfront, optional (absent means none) for no upfront */
static void
reader_reserved_option(PlanBookReader *reader, const cJSON *node, PlanUpfront upfront,
		       PlanCommitRate *out)
{
	static const char *const fields[] = {"hourly", "upfront"};
	PlanCommitRate rate = *out;
	const cJSON *member;
	gboolean ok = TRUE;
	gsize mark;

	if (!plan_book_expect_object(reader, node,
				     "an object like {\"hourly\": {...}, \"upfront\": {...}}"))
		return;
	ok &= plan_book_check_members(reader, node, fields, G_N_ELEMENTS(fields),
				      "a Reserved Instance offering");
	ok &= plan_book_require(reader, node, "hourly", "a Reserved Instance offering");
	if (upfront != PLAN_UPFRONT_NO)
		ok &= plan_book_require(reader, node, "upfront", "a partial or all upfront offering");
	if (!ok)
		return;
	member = cJSON_GetObjectItemCaseSensitive(node, "hourly");
	mark = plan_book_path_push(reader, "hourly");
	ok &= plan_book_read_price(reader, member, "hour", &rate.hourly);
	plan_book_path_pop(reader, mark);
	rate.upfront = (PlanPrice){0};
	if ((member = cJSON_GetObjectItemCaseSensitive(node, "upfront")) != NULL) {
		mark = plan_book_path_push(reader, "upfront");
		ok &= plan_book_read_price(reader, member, "instance", &rate.upfront);
		plan_book_path_pop(reader, mark);
	}
	if (ok)
		*out = rate;
}

void
plan_book_read_reserved(PlanBookReader *reader, const cJSON *node)
{
	const char *const *names = option_names;

	if (!plan_book_expect_object(reader, node, "an object of instance types"))
		return;
	for (const cJSON *child = node->child; child != NULL; child = child->next) {
		gsize mark = plan_book_path_push(reader, child->string);
		PlanCommitSubject *entry;

		if (cJSON_GetObjectItemCaseSensitive(node, child->string) != child) {
			plan_book_problem(reader, child, "duplicate key '%s'", child->string);
		} else if (plan_book_known_instance(reader, child) != NULL &&
			   plan_book_expect_object(reader, child,
						   "an object of offerings like "
						   "{\"1y_all_upfront\": {...}}")) {
			plan_book_check_members(reader, child, names,
						PLAN_N_TERMS * PLAN_N_UPFRONTS,
						"Reserved Instance offerings");
			entry = book_commit_subject(reader->book, PLAN_COMMIT_RESERVED,
						    child->string);
			for (guint i = 0; i < PLAN_N_TERMS * PLAN_N_UPFRONTS; i++) {
				const cJSON *option =
				    cJSON_GetObjectItemCaseSensitive(child, names[i]);
				gsize inner;

				if (option == NULL)
					continue;
				inner = plan_book_path_push(reader, names[i]);
				reader_reserved_option(
				    reader, option, (PlanUpfront)(i % PLAN_N_UPFRONTS),
				    &entry->rates[i / PLAN_N_UPFRONTS][i % PLAN_N_UPFRONTS]);
				plan_book_path_pop(reader, inner);
			}
		}
		plan_book_path_pop(reader, mark);
	}
}

/* {"savings": FIGURE, "interruption": "<5%"}; @with_band: the band is required (a type's own
 * figures), else refused (the region's default has none) */
static void
reader_spot_advice(PlanBookReader *reader, const cJSON *node, gboolean with_band,
		   PlanSpotAdvice *out)
{
	static const char *const fields[] = {"savings", "interruption"};
	PlanSpotAdvice advice = {.region_default = !with_band};
	const cJSON *member;
	gboolean ok = TRUE;
	gsize mark;

	if (!plan_book_expect_object(reader, node,
				     with_band ? "an object like {\"savings\": {...}, "
						 "\"interruption\": \"<5%\"}"
					       : "an object like {\"savings\": {...}}"))
		return;
	ok &= plan_book_check_members(reader, node, fields, with_band ? 2 : 1,
				      with_band ? "EC2 Spot figures" : "the EC2 Spot default");
	ok &= plan_book_require(reader, node, "savings", "EC2 Spot figures");
	if (with_band)
		ok &= plan_book_require(reader, node, "interruption", "EC2 Spot figures");
	if (!ok)
		return;
	member = cJSON_GetObjectItemCaseSensitive(node, "savings");
	mark = plan_book_path_push(reader, "savings");
	ok &= plan_book_read_price(reader, member, "ratio", &advice.savings);
	plan_book_path_pop(reader, mark);
	if (with_band) {
		member = cJSON_GetObjectItemCaseSensitive(node, "interruption");
		mark = plan_book_path_push(reader, "interruption");
		if (plan_book_expect_string(reader, member, "a band like \"<5%\"")) {
			for (guint i = 0; i < G_N_ELEMENTS(spot_bands); i++) {
				if (strcmp(member->valuestring, spot_bands[i].label) == 0) {
					advice.interruption =
					    plan_book_intern(reader->book, spot_bands[i].label);
					advice.interruption_max_percent = spot_bands[i].max_percent;
				}
			}
			if (advice.interruption == NULL) {
				plan_book_problem(reader, member,
						  "unknown interruption band '%s'; expected "
						  "\"<5%%\", \"5-10%%\", \"10-15%%\", \"15-20%%\" "
						  "or \">20%%\"",
						  member->valuestring);
				ok = FALSE;
			}
		} else {
			ok = FALSE;
		}
		plan_book_path_pop(reader, mark);
	}
	if (ok)
		*out = advice;
}

void
plan_book_read_spot(PlanBookReader *reader, const cJSON *node)
{
	static const char *const fields[] = {"ec2_default", "ec2"};
	const cJSON *member;
	gsize mark;

	if (!plan_book_expect_object(reader, node, "an object with \"ec2_default\" and \"ec2\""))
		return;
	plan_book_check_members(reader, node, fields, G_N_ELEMENTS(fields), "'spot'");
	if ((member = cJSON_GetObjectItemCaseSensitive(node, "ec2_default")) != NULL) {
		mark = plan_book_path_push(reader, "ec2_default");
		reader_spot_advice(reader, member, FALSE, &reader->book->spot_default);
		plan_book_path_pop(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(node, "ec2")) == NULL)
		return;
	mark = plan_book_path_push(reader, "ec2");
	if (plan_book_expect_object(reader, member, "an object of instance types")) {
		for (const cJSON *child = member->child; child != NULL; child = child->next) {
			gsize inner = plan_book_path_push(reader, child->string);
			PlanSpotAdvice advice = {0};

			if (cJSON_GetObjectItemCaseSensitive(member, child->string) != child) {
				plan_book_problem(reader, child, "duplicate key '%s'",
						  child->string);
			} else if (plan_book_known_instance(reader, child) != NULL) {
				reader_spot_advice(reader, child, TRUE, &advice);
				if (advice.savings.present)
					g_hash_table_replace(
					    reader->book->spot,
					    (gpointer)plan_book_intern(reader->book, child->string),
					    g_memdup2(&advice, sizeof advice));
			}
			plan_book_path_pop(reader, inner);
		}
	}
	plan_book_path_pop(reader, mark);
}
