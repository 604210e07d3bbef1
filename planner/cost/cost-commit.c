/* the commitments the account holds (the model's "pricing" block) applied to the compute they
 * cover (docs/cost.md, "Savings Plans and Reserved Instances"): Fargate on-demand vCPU and GB
 * hours under a Compute Savings Plan, EC2 instance hours under a Reserved Instance, an EC2
 * Instance Savings Plan or a Compute Savings Plan, each line at the commitment's effective
 * hourly rate (hourly + upfront ÷ term hours) from the price book. The block names kinds, not
 * amounts, so a commitment is taken to cover all the compute it can; what no commitment covers
 * (Spot, EBS, storage above 20 GB, public addresses, databases) stays on-demand. */
#include "cost-private.h"

#include <string.h>

/* the order AWS applies them to an instance hour: Reserved Instances first, then EC2 Instance
 * Savings Plans, then Compute Savings Plans (the most specific discount first) */
static const PlanCommitKind cost_commit_ec2_order[] = {
    PLAN_COMMIT_RESERVED, PLAN_COMMIT_EC2_INSTANCE_SP, PLAN_COMMIT_COMPUTE_SP};

static const char *const cost_commit_names[PLAN_N_COMMITS] = {
    "Compute Savings Plan", "EC2 Instance Savings Plan", "Reserved Instance"};
static const char *const cost_commit_upfronts[PLAN_N_UPFRONTS] = {
    "no upfront", "partial upfront", "all upfront"};

/* a committed rate as a line's unit price: the effective hourly rate, with the arithmetic in
 * the note. Strings the price keeps are interned (they live as long as the book's own) */
static PlanPrice
cost_commit_price(const PlanCommitRate *rate, PlanCommitKind kind, PlanTerm term,
		  PlanUpfront upfront)
{
	PlanPrice price = rate->hourly;
	g_autofree char *hourly = cost_number(rate->hourly.value, 9);
	g_autofree char *note = NULL;

	price.nanos = plan_commit_rate_effective(rate);
	price.value = (double)price.nanos / (double)PLAN_NANOS_PER_DOLLAR;
	if (rate->upfront.present) {
		g_autofree char *paid = cost_number(rate->upfront.value, 9);
		g_autofree char *effective = cost_number(price.value, 9);
		note = g_strdup_printf("%s %uy %s (the model's pricing block): effective hourly = "
				       "%s + %s upfront ÷ %" G_GINT64_FORMAT " h = %s",
				       cost_commit_names[kind], plan_term_years(term),
				       cost_commit_upfronts[upfront], hourly, paid,
				       rate->term_hours, effective);
		/* worked out from two figures: no better than the weaker, and derived at best */
		price.confidence = MAX(MAX(rate->hourly.confidence, rate->upfront.confidence),
				       PLAN_CONFIDENCE_DERIVED);
	} else {
		note = g_strdup_printf("%s %uy %s (the model's pricing block): the plan's rate, "
				       "already effective (no upfront on the rate)",
				       cost_commit_names[kind], plan_term_years(term),
				       cost_commit_upfronts[upfront]);
	}
	/* the book's own note (how an estimate was made) stays with the figure */
	if (rate->hourly.note != NULL) {
		char *both = g_strconcat(note, "; ", rate->hourly.note, NULL);
		g_free(note);
		note = both;
	}
	price.note = g_intern_string(note);
	return price;
}

/* the first commitment of @kind in the pricing block whose rate the book has for @subject;
 * @listed: set TRUE when the block has a commitment of @kind at all */
static const PlanCommitment *
cost_commit_find(const PlanModel *model, const PlanPriceBook *book, PlanCommitKind kind,
		 const char *subject, const PlanCommitRate **rate, gboolean *listed)
{
	const GPtrArray *commitments = model->pricing.commitments;

	for (guint i = 0; commitments != NULL && i < commitments->len; i++) {
		const PlanCommitment *item = g_ptr_array_index(commitments, i);
		if (item->type != (int)kind)
			continue;
		*listed = TRUE;
		*rate = plan_price_book_commit(book, kind, subject, (PlanTerm)item->term,
					       (PlanUpfront)item->payment);
		if (*rate != NULL)
			return item;
	}
	return NULL;
}

/* cost_commit_rate() on the model and book alone */
static const char *
cost_commit_rate_in(const PlanModel *model, const PlanPriceBook *book, const char *subject,
		    PlanPrice *committed, const char **unrated)
{
	gboolean fargate = g_str_has_prefix(subject, "fargate.");

	*unrated = NULL;
	for (guint i = 0; i < G_N_ELEMENTS(cost_commit_ec2_order); i++) {
		PlanCommitKind kind = cost_commit_ec2_order[i];
		const PlanCommitRate *rate = NULL;
		const PlanCommitment *item;
		gboolean listed = FALSE;
		/* EC2 Instance Savings Plans and Reserved Instances are for EC2 only */
		if (fargate && kind != PLAN_COMMIT_COMPUTE_SP)
			continue;
		item = cost_commit_find(model, book, kind, subject, &rate, &listed);
		if (item != NULL) {
			*committed = cost_commit_price(rate, kind, (PlanTerm)item->term,
						       (PlanUpfront)item->payment);
			*unrated = NULL;
			return plan_purchase_name(kind, (PlanTerm)item->term,
						  (PlanUpfront)item->payment);
		}
		if (listed && *unrated == NULL) {
			const GPtrArray *commitments = model->pricing.commitments;
			for (guint c = 0; c < commitments->len; c++) {
				const PlanCommitment *first = g_ptr_array_index(commitments, c);
				if (first->type == (int)kind) {
					*unrated = plan_purchase_name(kind, (PlanTerm)first->term,
								      (PlanUpfront)first->payment);
					break;
				}
			}
		}
	}
	return NULL;
}

/**
 * cost_commit_rate:
 * @context: the cost being built
 * @subject: a Fargate dimension key ("fargate.x86_64.vcpu_hour") or an instance type
 *   ("m5.large")
 * @committed: (out caller-allocates): the rate the line is billed at, when one applies
 * @unrated: (out): a purchase name ("reserved-1y-partial-upfront") whose commitment would
 *   cover the line but whose rate the book lacks; NULL when no commitment would
 *
 * Returns: the purchase name of the commitment the line is billed under (a static string), or
 *   NULL: on-demand
 */
const char *
cost_commit_rate(const PlanCostContext *context, const char *subject, PlanPrice *committed,
		 const char **unrated)
{
	return cost_commit_rate_in(context->model, context->book, subject, committed, unrated);
}

/**
 * plan_cost_commit_price:
 * @model: (transfer none): the model whose pricing block names the commitments
 * @book: (transfer none): the book with their rates
 * @subject: a Fargate on-demand dimension key ("fargate.x86_64.vcpu_hour") or an instance type
 *   ("m5.large")
 * @committed: (out caller-allocates): the effective hourly rate the hour is billed at under a
 *   commitment, when one applies (its strings live as long as the book)
 * @unrated: (out) (nullable): TRUE when a commitment would cover the hour but the book has no
 *   rate for it (the hour then stays on-demand, and costs less than that: an estimate)
 *
 * The rule `cost` bills Fargate on-demand vCPU and GB hours and EC2 instance hours by
 * (docs/cost.md, "Savings Plans and Reserved Instances the account holds"), for callers that
 * price hours of their own: `simulate`.
 *
 * Returns: the purchase name of the commitment (a static string), or NULL: on-demand
 */
const char *
plan_cost_commit_price(const PlanModel *model, const PlanPriceBook *book, const char *subject,
		       PlanPrice *committed, gboolean *unrated)
{
	const char *missing = NULL;
	const char *purchase = NULL;

	g_return_val_if_fail(model != NULL && book != NULL && subject != NULL, NULL);
	g_return_val_if_fail(committed != NULL, NULL);
	if (model->pricing.commitments != NULL && model->pricing.commitments->len > 0)
		purchase = cost_commit_rate_in(model, book, subject, committed, &missing);
	if (unrated != NULL)
		*unrated = missing != NULL;
	return purchase;
}

/**
 * cost_add_compute_line:
 * @subject: what a commitment's rate is looked up for: the Fargate dimension key or the
 *   instance type
 *
 * cost_add_line() for a line a commitment can cover (Fargate on-demand vCPU and GB hours, EC2
 * instance hours): at the committed rate when the pricing block holds a commitment the book
 * has a rate for (the key then reads "ec2.m5.large at reserved-1y-partial-upfront" and the
 * description says so), else on-demand; a commitment without a rate in the book leaves the
 * line on-demand, marked an estimate (the account pays less). Takes @resource and
 * @description. Returns: (transfer none) the line
 */
PlanCostLine *
cost_add_compute_line(PlanCostContext *context, PlanCostCategory category, char *resource,
		      const char *service, const char *az, double quantity, const char *unit,
		      const char *price_key, const PlanPrice *price, char *description,
		      const char *subject)
{
	PlanPrice committed;
	const char *unrated = NULL;
	const char *purchase = NULL;
	PlanCostLine *line;

	if (context->model->pricing.commitments != NULL &&
	    context->model->pricing.commitments->len > 0)
		purchase = cost_commit_rate(context, subject, &committed, &unrated);
	if (purchase != NULL) {
		g_autofree char *key = g_strdup_printf("%s at %s", price_key, purchase);
		/* a findings-only cost (context->describe FALSE) has no description */
		char *text = description == NULL
				 ? NULL
				 : g_strdup_printf("%s, at the committed rate (%s, pricing block)",
						   description, purchase);
		g_free(description);
		return cost_add_line(context, category, resource, service, az, quantity, unit,
				     key, &committed, text);
	}
	if (unrated != NULL && description != NULL) {
		char *text = g_strdup_printf("%s; on-demand: the book has no %s rate for %s, so the "
					     "pricing block's commitment is not applied (it costs "
					     "less)",
					     description, unrated, subject);
		g_free(description);
		description = text;
	}
	line = cost_add_line(context, category, resource, service, az, quantity, unit,
			     price_key, price, description);
	if (unrated != NULL)
		line->estimate = TRUE;
	return line;
}

/* the assumption every model with a pricing block lists: what its commitments cover */
void
cost_commit_assume(PlanCostContext *context)
{
	const GPtrArray *commitments = context->model->pricing.commitments;
	g_autoptr(GString) names = g_string_new(NULL);

	if (commitments == NULL || commitments->len == 0)
		return;
	for (guint i = 0; i < commitments->len; i++) {
		const PlanCommitment *item = g_ptr_array_index(commitments, i);
		g_string_append_printf(names, "%s%s", i > 0 ? ", " : "",
				       plan_purchase_name((PlanCommitKind)item->type,
							  (PlanTerm)item->term,
							  (PlanUpfront)item->payment));
	}
	cost_assume(context, "pricing.commitments", (double)commitments->len, "commitments",
		    PLAN_COST_FROM_MODEL,
		    g_strdup_printf("%s: each is taken to cover all the compute it can (the model "
				    "gives no amount): Fargate on-demand vCPU and GB hours (Compute "
				    "SP), EC2 instance hours (RI, then EC2 Instance SP, then Compute "
				    "SP, as AWS applies them); Spot, EBS, storage above 20 GB and "
				    "addresses stay on-demand",
				    names->str));
}
