/* ecsplan: the price book's insides, shared by pricebook.c (the object and loading) and
 * pricebook-reader.c (the JSON files), and open to tests */
#pragma once

#include "pricebook.h"

G_BEGIN_DECLS

/* a region's book is a few kilobytes and the built-in instance table about 1 MiB (1,355 types);
 * anything far larger is not a price book */
#define PLAN_PRICE_BOOK_MAX_BYTES (4u * 1024u * 1024u)

#define PLAN_N_PRICE_KEYS 27

typedef struct {
	const char *key;  /* "fargate.x86_64.vcpu_hour": the file's nesting mirrors the dots */
	const char *unit; /* the unit the file must state for it */
} PlanPriceKey;

extern const PlanPriceKey book_price_keys[PLAN_N_PRICE_KEYS];
extern const char *const book_confidence_names[PLAN_CONFIDENCE_UNCONFIRMED + 1];
extern const char *const book_instance_field_names[PLAN_INSTANCE_N_FIELDS];
/* the optional burst figures of T types, after the required specs */
#define PLAN_INSTANCE_BURST_CREDITS "credits_hour"
#define PLAN_INSTANCE_BURST_BASELINE "baseline_pct"

typedef struct {
	const char *title;
	const char *as_of;
} PlanSource;

/* one subject's rates under one kind of commitment (pricebook-options.c) */
typedef struct {
	const char *subject; /* "fargate.x86_64.vcpu_hour" or "m6i.large", owned by the book */
	PlanCommitRate rates[PLAN_N_TERMS][PLAN_N_UPFRONTS]; /* hourly.present FALSE: none */
} PlanCommitSubject;

struct _PlanPriceBook {
	GStringChunk *strings; /* every string the book hands out lives here */
	const char *region;
	const char *as_of;
	const char *origin;
	PlanPrice prices[PLAN_N_PRICE_KEYS]; /* by index into book_price_keys */
	GHashTable *instances;		     /* name -> PlanInstanceType* (owned) */
	GHashTable *sources;		     /* key -> PlanSource* (owned) */
	PlanLcuDimensions lcu[2];	     /* [0] ALB, [1] NLB */
	gboolean lcu_present[2];
	GHashTable *commits[PLAN_N_COMMITS]; /* subject -> PlanCommitSubject* (owned) */
	GHashTable *spot;		     /* instance type -> PlanSpotAdvice* (owned) */
	/* figures whose keys the key table cannot list: RDS per engine, DB class and deployment,
	 * and storage types beyond gp2 (book_rds_key_unit); key (interned) -> PlanPrice* (owned) */
	GHashTable *rds;
	PlanSpotAdvice spot_default;	     /* savings.present FALSE: none */
};

typedef enum {
	PLAN_BOOK_DOC_PRICES,	 /* a region's book: models/prices/<region>.json or --prices */
	PLAN_BOOK_DOC_INSTANCES, /* models/prices/instances.json */
} PlanBookDocKind;

/* an empty book: no region, no figures, as_of "undated", origin "built-in" */
PlanPriceBook *book_new(void) G_GNUC_WARN_UNUSED_RESULT;
/* @text copied into the book's storage (NULL stays NULL) */
static inline const char *
plan_book_intern(PlanPriceBook *book, const char *text)
{
	return text == NULL ? NULL : g_string_chunk_insert_const(book->strings, text);
}
/* @book's rates of @kind for @subject, created empty when missing (@subject interned) */
PlanCommitSubject *book_commit_subject(PlanPriceBook *book, PlanCommitKind kind,
				       const char *subject);
/* the Fargate keys a Compute Savings Plan can cover, in book order */
extern const char *const book_commit_fargate_subjects[4];

/* the RDS engines as the model names them (databases[].engine) */
extern const char *const book_rds_engines[5];
/* the unit of an RDS key outside the key table ("rds.postgres.db_m5_large.hour" "hour",
 * "rds.gp3.multi_az_gb_month" "GB-month"), or NULL when @key is not one (docs/prices.md,
 * "RDS figures") */
const char *book_rds_key_unit(const char *key);

/* the index of @key in book_price_keys, or -1 */
gint book_price_key_index(const char *key);
/* an instance type name as EC2 writes it (pricebook-reader.c) */
gboolean book_instance_name_valid(const char *name);

/* reads one file into @book, replacing what it defines; on failure @book may be half updated
 * and must be dropped. errors are PLAN_ERROR_INVALID_MODEL, one "file:line:col: path: ..."
 * line per problem */
gboolean book_read_data(PlanPriceBook *book, const char *data, gsize length, const char *file,
			     PlanBookDocKind kind, GError **error);
/* the "region" string of a file, or NULL (problems are left for book_read_data) */
char *book_peek_region(const char *data, gsize length) G_GNUC_WARN_UNUSED_RESULT;

/* the JSON number at @text in nano-units, rounded half away from zero on its decimal digits
 * (not through a double); FALSE when it is not a JSON number or needs more than 18 digits */
gboolean book_decimal_to_nanos(const char *text, gsize length, PlanNanos *out);

G_END_DECLS
