/* the price book's purchase options: Compute and EC2 Instance Savings Plans, standard Reserved
 * Instances and EC2 Spot (issue 11 item 3; compare and cost read them for issue 12). the
 * region files' "savings_plans", "reserved" and "spot" members are read in
 * pricebook-reader-options.c; docs/prices.md, "Purchase options", describes both. */
#include "pricebook-private.h"

#include <string.h>

const char *const book_commit_fargate_subjects[4] = {
    "fargate.x86_64.vcpu_hour",
    "fargate.x86_64.gb_hour",
    "fargate.arm64.vcpu_hour",
    "fargate.arm64.gb_hour",
};

static const char *const commit_option_names[PLAN_N_TERMS][PLAN_N_UPFRONTS] = {
    {"1y_no_upfront", "1y_partial_upfront", "1y_all_upfront"},
    {"3y_no_upfront", "3y_partial_upfront", "3y_all_upfront"},
};

static const char *const purchase_names[PLAN_N_COMMITS][PLAN_N_TERMS][PLAN_N_UPFRONTS] = {
    {{"compute-sp-1y-no-upfront", "compute-sp-1y-partial-upfront", "compute-sp-1y-all-upfront"},
     {"compute-sp-3y-no-upfront", "compute-sp-3y-partial-upfront", "compute-sp-3y-all-upfront"}},
    {{"ec2-instance-sp-1y-no-upfront", "ec2-instance-sp-1y-partial-upfront",
      "ec2-instance-sp-1y-all-upfront"},
     {"ec2-instance-sp-3y-no-upfront", "ec2-instance-sp-3y-partial-upfront",
      "ec2-instance-sp-3y-all-upfront"}},
    {{"reserved-1y-no-upfront", "reserved-1y-partial-upfront", "reserved-1y-all-upfront"},
     {"reserved-3y-no-upfront", "reserved-3y-partial-upfront", "reserved-3y-all-upfront"}},
};

guint
plan_term_years(PlanTerm term)
{
	g_return_val_if_fail((guint)term < PLAN_N_TERMS, 1);
	return term == PLAN_TERM_3Y ? 3 : 1;
}

const char *
plan_commit_option_name(PlanTerm term, PlanUpfront upfront)
{
	g_return_val_if_fail((guint)term < PLAN_N_TERMS, NULL);
	g_return_val_if_fail((guint)upfront < PLAN_N_UPFRONTS, NULL);
	return commit_option_names[term][upfront];
}

const char *
plan_purchase_name(PlanCommitKind kind, PlanTerm term, PlanUpfront upfront)
{
	g_return_val_if_fail((guint)kind < PLAN_N_COMMITS, NULL);
	g_return_val_if_fail((guint)term < PLAN_N_TERMS, NULL);
	g_return_val_if_fail((guint)upfront < PLAN_N_UPFRONTS, NULL);
	return purchase_names[kind][term][upfront];
}

PlanCommitSubject *
book_commit_subject(PlanPriceBook *book, PlanCommitKind kind, const char *subject)
{
	PlanCommitSubject *entry = g_hash_table_lookup(book->commits[kind], subject);

	if (entry == NULL) {
		entry = g_new0(PlanCommitSubject, 1);
		entry->subject = plan_book_intern(book, subject);
		for (guint t = 0; t < PLAN_N_TERMS; t++) {
			for (guint u = 0; u < PLAN_N_UPFRONTS; u++)
				entry->rates[t][u].term_hours =
				    PLAN_HOURS_PER_YEAR * plan_term_years((PlanTerm)t);
		}
		g_hash_table_insert(book->commits[kind], (gpointer)entry->subject, entry);
	}
	return entry;
}

/**
 * plan_price_book_commit:
 * Returns: (transfer none) (nullable): the rate, owned by @book
 */
const PlanCommitRate *
plan_price_book_commit(const PlanPriceBook *book, PlanCommitKind kind, const char *subject,
		       PlanTerm term, PlanUpfront upfront)
{
	const PlanCommitSubject *entry;

	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail((guint)kind < PLAN_N_COMMITS, NULL);
	g_return_val_if_fail(subject != NULL, NULL);
	g_return_val_if_fail((guint)term < PLAN_N_TERMS, NULL);
	g_return_val_if_fail((guint)upfront < PLAN_N_UPFRONTS, NULL);
	entry = g_hash_table_lookup(book->commits[kind], subject);
	if (entry == NULL || !entry->rates[term][upfront].hourly.present)
		return NULL;
	return &entry->rates[term][upfront];
}

PlanNanos
plan_commit_rate_effective(const PlanCommitRate *rate)
{
	PlanNanos upfront;

	g_return_val_if_fail(rate != NULL, 0);
	if (!rate->upfront.present || rate->term_hours <= 0)
		return rate->hourly.nanos;
	/* the upfront is at most 10^15 nanos (the book's cap), so the sum cannot overflow;
	 * half up on the remainder, money being never negative */
	upfront = rate->upfront.nanos / rate->term_hours;
	if ((rate->upfront.nanos % rate->term_hours) * 2 >= rate->term_hours)
		upfront++;
	return rate->hourly.nanos + upfront;
}

/* Fargate keys first in book order, then instance types by name */
static gint
book_compare_subjects(gconstpointer a, gconstpointer b)
{
	const char *left = *(const char *const *)a;
	const char *right = *(const char *const *)b;
	gint left_rank = G_N_ELEMENTS(book_commit_fargate_subjects);
	gint right_rank = G_N_ELEMENTS(book_commit_fargate_subjects);

	for (guint i = 0; i < G_N_ELEMENTS(book_commit_fargate_subjects); i++) {
		if (strcmp(left, book_commit_fargate_subjects[i]) == 0)
			left_rank = (gint)i;
		if (strcmp(right, book_commit_fargate_subjects[i]) == 0)
			right_rank = (gint)i;
	}
	if (left_rank != right_rank)
		return left_rank - right_rank;
	return strcmp(left, right);
}

static gboolean
book_commit_subject_empty(const PlanCommitSubject *entry)
{
	for (guint t = 0; t < PLAN_N_TERMS; t++) {
		for (guint u = 0; u < PLAN_N_UPFRONTS; u++) {
			if (entry->rates[t][u].hourly.present)
				return FALSE;
		}
	}
	return TRUE;
}

/**
 * plan_price_book_commit_subjects:
 * Returns: (transfer container) (element-type utf8): the subjects, owned by @book
 */
GPtrArray *
plan_price_book_commit_subjects(const PlanPriceBook *book, PlanCommitKind kind)
{
	GPtrArray *subjects = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;

	g_return_val_if_fail(book != NULL, subjects);
	g_return_val_if_fail((guint)kind < PLAN_N_COMMITS, subjects);
	g_hash_table_iter_init(&iter, book->commits[kind]);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		const PlanCommitSubject *entry = value;
		if (!book_commit_subject_empty(entry))
			g_ptr_array_add(subjects, (gpointer)entry->subject);
	}
	g_ptr_array_sort(subjects, book_compare_subjects);
	return subjects;
}

/**
 * plan_price_book_ec2_spot:
 * Returns: (transfer none) (nullable): the advice, owned by @book
 */
const PlanSpotAdvice *
plan_price_book_ec2_spot(const PlanPriceBook *book, const char *instance_type)
{
	const PlanSpotAdvice *advice;

	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail(instance_type != NULL, NULL);
	advice = g_hash_table_lookup(book->spot, instance_type);
	if (advice != NULL)
		return advice;
	return book->spot_default.savings.present ? &book->spot_default : NULL;
}

static gint
book_compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/**
 * plan_price_book_spot_types:
 * Returns: (transfer container) (element-type utf8): the types, owned by @book
 */
GPtrArray *
plan_price_book_spot_types(const PlanPriceBook *book)
{
	GPtrArray *types = g_ptr_array_new();
	GHashTableIter iter;
	gpointer key;

	g_return_val_if_fail(book != NULL, types);
	g_hash_table_iter_init(&iter, book->spot);
	while (g_hash_table_iter_next(&iter, &key, NULL))
		g_ptr_array_add(types, key);
	g_ptr_array_sort(types, book_compare_strings);
	return types;
}
