/* ecsplan: the price book — dated, sourced prices per region, read from models/prices/ (embedded)
 * or from a user's file given with --prices */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* money is integer nano-dollars: sums never drift, rounding happens only for display */
typedef gint64 PlanNanos;
#define PLAN_NANOS_PER_DOLLAR G_GINT64_CONSTANT(1000000000)

typedef enum {
	PLAN_CONFIDENCE_OK,          /* official page, or two sources that agree */
	PLAN_CONFIDENCE_SECONDARY,   /* one secondary source */
	PLAN_CONFIDENCE_DERIVED,     /* worked out from confirmed figures */
	PLAN_CONFIDENCE_UNCONFIRMED, /* a placeholder: reports mark it as an estimate */
} PlanConfidence;

/* one figure and where it comes from (a plain record; strings owned by the book) */
typedef struct {
	PlanNanos nanos;     /* the price, per unit */
	double value;        /* the same as written in the book (dollars, or a ratio) */
	const char *unit;    /* "vCPU-hour", "GB", "hour", "ratio" */
	const char *source;  /* "S2 S3 S4": keys into the book's sources */
	const char *as_of;   /* "2026-03" */
	PlanConfidence confidence;
	gboolean present;
	const char *note;    /* why the figure is what it is (a conflict, a stand-in), or NULL */
} PlanPrice;

/* an estimate rests on an unconfirmed (or missing) figure; reports mark it */
gboolean plan_price_is_estimate(const PlanPrice *price);

/* "ok", "secondary", "derived", "unconfirmed": the words the book files use */
const char *plan_confidence_to_string(PlanConfidence confidence);

/* the book's default region, used when neither the command line nor a price file names one */
#define PLAN_PRICE_BOOK_DEFAULT_REGION "us-east-1"

/* the spec fields of an instance type, in the order of the PlanInstanceType members */
typedef enum {
	PLAN_INSTANCE_FIELD_ARCHITECTURE,
	PLAN_INSTANCE_FIELD_VCPU,
	PLAN_INSTANCE_FIELD_MEMORY_MIB,
	PLAN_INSTANCE_FIELD_MAX_ENIS,
	PLAN_INSTANCE_FIELD_IPV4_PER_ENI,
	PLAN_INSTANCE_FIELD_TASKS_NO_TRUNK,
	PLAN_INSTANCE_FIELD_TASKS_TRUNK,
	PLAN_INSTANCE_N_FIELDS,
} PlanInstanceField;

/* the JSON name of a spec field: "architecture", "vcpu", "memory_mib", ... */
const char *plan_instance_field_name(PlanInstanceField field);

/* where one spec value comes from (strings owned by the book) */
typedef struct {
	const char *source;
	PlanConfidence confidence;
	const char *note; /* or NULL */
} PlanSpecOrigin;

/* an EC2 instance type: specs are region-independent, the price is the region's */
typedef struct {
	const char *name;          /* "m5.large" */
	const char *architecture;  /* "x86_64" or "arm64" */
	gint64 vcpu;
	gint64 memory_mib;         /* installed memory */
	gint64 max_enis;
	gint64 ipv4_per_eni;
	gint64 tasks_no_trunk;     /* awsvpc tasks without ENI trunking: max_enis - 1 */
	gint64 tasks_trunk;        /* with trunking; 0 when the type does not support it */
	/* burstable (T) types only, in thousandths: CPU credits earned per hour (t2.2xlarge:
	 * 81.6 = 81600) and the baseline per vCPU in percent (17% = 17000), credits / vCPUs / 60
	 * minutes; both 0 for a type that does not burst (optional in the files) */
	gint64 credits_hour_milli;
	gint64 baseline_pct_milli;
	PlanSpecOrigin credits_origin;  /* source NULL when the type has no burst figures */
	PlanSpecOrigin baseline_origin;
	PlanPrice hourly;          /* on-demand Linux, this region; present FALSE when unknown */
	PlanSpecOrigin specs[PLAN_INSTANCE_N_FIELDS]; /* per spec field, by PlanInstanceField */
} PlanInstanceType;

typedef struct _PlanPriceBook PlanPriceBook;

/* the regions the embedded book covers */
GStrv plan_price_book_regions(void) G_GNUC_WARN_UNUSED_RESULT;
/* the embedded book for @region; PLAN_ERROR_INVALID_VALUE when the region is not covered */
/* the one place that picks an analysis's book: @file (a --prices file, nullable) laid over the
 * built-in book, else the region's cached book (plan_price_cache_path) laid over the built-in
 * one, else the built-in book for @region (NULL: the default region). a known region
 * without built-in figures gets a book of instance specs only: every figure is then missing,
 * and the analyses say so (price-missing). NULL with @error set for an unknown region or a
 * file that cannot be read */
PlanPriceBook *plan_price_book_choose(const char *region, const char *file,
				      GError **error) G_GNUC_WARN_UNUSED_RESULT;
PlanPriceBook *plan_price_book_load_builtin(const char *region, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;
/* the built-in book, or the instance specs alone for a known region without built-in figures
 * (what plan_price_book_choose falls back to); NULL for an unknown region */
PlanPriceBook *plan_price_book_load_builtin_specs(const char *region, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;
/* where `ecsplan prices update` keeps @region's book: $XDG_CACHE_HOME/ecsplan/prices/REGION.json
 * (it may not exist); plan_price_book_choose() prefers it to the built-in book */
char *plan_price_cache_path(const char *region) G_GNUC_WARN_UNUSED_RESULT;
/* where `ecsplan prices import` keeps the instance table it read from describe-instance-types
 * output: $XDG_CACHE_HOME/ecsplan/prices/instances.json (it may not exist); every book reads
 * it over the built-in table */
char *plan_price_instances_cache_path(void) G_GNUC_WARN_UNUSED_RESULT;
/* reads an instance table ({"ecsplan_instances": 1, "sources", "instances"}) into @book,
 * replacing the types it defines; on failure @book may be half updated and must be dropped */
gboolean plan_price_book_read_instances(PlanPriceBook *book, const char *data, gsize length,
					const char *name, GError **error);
/* a user's file in the same format (docs/prices.md); errors name the file, path and line.
 * the file may be partial: it replaces the figures it defines and the embedded book for its
 * region supplies the rest. @region may be NULL: then the file's "region", or the default. */
PlanPriceBook *plan_price_book_load_file(const char *filename, const char *region,
					 GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* the same for a file already in memory; @display_name is used in messages */
PlanPriceBook *plan_price_book_load_data(const char *data, gsize length, const char *display_name,
					 const char *region, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;
void plan_price_book_free(PlanPriceBook *book);
/* TRUE when the book prices anything at all (a figure or an instance type's hour) */
gboolean plan_price_book_has_figures(const PlanPriceBook *book);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanPriceBook, plan_price_book_free)

const char *plan_price_book_region(const PlanPriceBook *book);
const char *plan_price_book_as_of(const PlanPriceBook *book);
const char *plan_price_book_origin(const PlanPriceBook *book); /* "built-in" or the file name */

/* keys: "fargate.x86_64.vcpu_hour", "fargate.x86_64.gb_hour", "fargate.arm64.vcpu_hour",
 * "fargate.arm64.gb_hour", "fargate.spot_discount", "fargate.ephemeral_gb_hour",
 * "nat.hour", "nat.gb", "alb.hour", "alb.lcu_hour", "nlb.hour", "nlb.lcu_hour",
 * "public_ipv4.hour", "inter_az.gb", "internet_egress.gb", "endpoint.hour_per_az",
 * "endpoint.gb". NULL when the book has no such figure. */
const PlanPrice *plan_price_book_get(const PlanPriceBook *book, const char *key);
/* every key the book has, in a stable order (for `ecsplan prices`) */
GPtrArray *plan_price_book_keys(const PlanPriceBook *book) G_GNUC_WARN_UNUSED_RESULT;
/* every key a book can have, in that same order, and the unit each one is priced in */
const char *const *plan_price_key_names(guint *n_keys);
const char *plan_price_key_unit(const char *key);

const PlanInstanceType *plan_price_book_instance(const PlanPriceBook *book, const char *name);
/* all instance types, sorted by name */
GPtrArray *plan_price_book_instances(const PlanPriceBook *book) G_GNUC_WARN_UNUSED_RESULT;

/* a source key's title and address ("S4" -> "theuves/fgcalc data.js ...") */
const char *plan_price_book_source_title(const PlanPriceBook *book, const char *key);
/* the source's own date, as the fact sheet gives it ("2026-03-28", "undated") */
const char *plan_price_book_source_as_of(const PlanPriceBook *book, const char *key);
/* the source keys the book defines, in natural order (S2, S3, S3b, S4, ..., S10) */
GPtrArray *plan_price_book_sources(const PlanPriceBook *book) G_GNUC_WARN_UNUSED_RESULT;

/* the LCU dimensions (per LCU, per hour) [S17]: ALB and NLB (TCP) */
typedef struct {
	double new_connections_per_second;
	double active_connections_per_minute;
	double processed_gb_per_hour;
	double rule_evaluations_per_second; /* 0 for NLB */
	const char *source;
	const char *as_of;
	PlanConfidence confidence;
	const char *note; /* or NULL */
} PlanLcuDimensions;

const PlanLcuDimensions *plan_price_book_lcu(const PlanPriceBook *book, gboolean network);

/* ---- purchase options: Savings Plans, Reserved Instances, EC2 Spot (docs/prices.md) -------- */

typedef enum {
	PLAN_COMMIT_COMPUTE_SP,	     /* Compute Savings Plans: Fargate and EC2, any family */
	PLAN_COMMIT_EC2_INSTANCE_SP, /* EC2 Instance Savings Plans: one family in one region */
	PLAN_COMMIT_RESERVED,	     /* standard Reserved Instances, Linux, shared tenancy */
	PLAN_N_COMMITS,
} PlanCommitKind;

typedef enum {
	PLAN_TERM_1Y,
	PLAN_TERM_3Y,
	PLAN_N_TERMS,
} PlanTerm;

typedef enum {
	PLAN_UPFRONT_NO,
	PLAN_UPFRONT_PARTIAL,
	PLAN_UPFRONT_ALL,
	PLAN_N_UPFRONTS,
} PlanUpfront;

/* a year of a commitment, as AWS and the Price List count it (365 × 24) */
#define PLAN_HOURS_PER_YEAR G_GINT64_CONSTANT(8760)

/* one purchase option's rate for one thing (a plain record; strings owned by the book).
 * effective hourly = hourly + upfront / term_hours (plan_commit_rate_effective) */
typedef struct {
	PlanPrice hourly;   /* per unit-hour: a Savings Plan's rate (vCPU-hour, GB-hour or
			     * instance hour), or a Reserved Instance's recurring hourly fee,
			     * owed for every hour of the term whether used or not */
	PlanPrice upfront;  /* Reserved Instances: paid once per instance for the whole term
			     * (unit "instance"); present FALSE for Savings Plans, whose rates are
			     * already effective (the upfront only changes how the commitment is
			     * paid), and for no-upfront RIs */
	gint64 term_hours;  /* 8760 or 26280 */
} PlanCommitRate;

/* the rate of @kind for @term and @upfront on @subject, or NULL when the book has none:
 * @subject is "fargate.x86_64.vcpu_hour", "fargate.x86_64.gb_hour", "fargate.arm64.vcpu_hour"
 * or "fargate.arm64.gb_hour" (Compute SP only), or an instance type ("m6i.large") */
const PlanCommitRate *plan_price_book_commit(const PlanPriceBook *book, PlanCommitKind kind,
					     const char *subject, PlanTerm term,
					     PlanUpfront upfront);
/* hourly + upfront / term_hours in nano-dollars per unit-hour, rounded half up; the upfront
 * counts only when present */
PlanNanos plan_commit_rate_effective(const PlanCommitRate *rate);
/* the subjects the book has @kind rates for, sorted (fargate keys first, then types).
 * Returns: (transfer container) (element-type utf8) strings owned by the book */
GPtrArray *plan_price_book_commit_subjects(const PlanPriceBook *book, PlanCommitKind kind)
    G_GNUC_WARN_UNUSED_RESULT;
/* "compute-sp-1y-no-upfront", "ec2-instance-sp-3y-partial-upfront", "reserved-1y-all-upfront":
 * the purchase names reports and JSON use (static strings) */
const char *plan_purchase_name(PlanCommitKind kind, PlanTerm term, PlanUpfront upfront);
/* "1y_no_upfront", ..., "3y_all_upfront": the option names of the book file */
const char *plan_commit_option_name(PlanTerm term, PlanUpfront upfront);
/* 1 or 3 */
guint plan_term_years(PlanTerm term);

/* EC2 Spot for one instance type: the Spot Advisor's figures, or the region's default */
typedef struct {
	PlanPrice savings;	  /* ratio: Spot price = on-demand × (1 − savings) */
	const char *interruption; /* the Spot Advisor's band: "<5%", "5-10%", "10-15%",
				   * "15-20%", ">20%" of instances interrupted a month; NULL when
				   * unknown (the region's default) */
	gint64 interruption_max_percent; /* the band's upper end: 5, 10, 15, 20, 100; 0 unknown */
	gboolean region_default;  /* TRUE: no figure for this type; the region's default */
} PlanSpotAdvice;

/* EC2 Spot for @instance_type: its own figures if the book has them, else the region's default
 * (region_default TRUE, interruption NULL), else NULL. Fargate Spot: "fargate.spot_discount" */
const PlanSpotAdvice *plan_price_book_ec2_spot(const PlanPriceBook *book,
					       const char *instance_type);
/* the instance types with their own Spot figures, sorted.
 * Returns: (transfer container) (element-type utf8) strings owned by the book */
GPtrArray *plan_price_book_spot_types(const PlanPriceBook *book) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
