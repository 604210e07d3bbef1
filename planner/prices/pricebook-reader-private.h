/* ecsplan: the price book reader's state and helpers, shared by pricebook-reader.c (the region
 * and instance files) and pricebook-reader-options.c (purchase options: Savings Plans, Reserved
 * Instances, EC2 Spot) */
#pragma once

#include <cjson/cJSON.h>

#include "pricebook-private.h"
#include "jsonpos.h"

G_BEGIN_DECLS

#define PLAN_PRICE_BOOK_MAX_PROBLEMS 50u
#define PLAN_PRICE_BOOK_MAX_STRING 1024u
/* no AWS unit price comes near a million dollars; the cap keeps nano-dollar sums far from
 * overflowing a gint64 (1e15 nanos per unit leaves a factor of 9000 for quantities) */
#define PLAN_PRICE_MAX_NANOS (G_GINT64_CONSTANT(1000000) * PLAN_NANOS_PER_DOLLAR)

/* one problem and where it is, so the list reads top to bottom whatever order it was found in */
typedef struct {
	gsize offset; /* G_MAXSIZE when the place is unknown */
	char *text;
} PlanBookProblem;

typedef struct {
	PlanPriceBook *book; /* borrowed: the book being filled */
	const char *file;
	const char *data;
	gsize length;
	PlanTextIndex *lines;
	gboolean have_offsets; /* every node's valueint holds its offset + 1 (plan_json_map_offsets) */
	GString *path;
	GPtrArray *problems; /* PlanBookProblem* */
	guint n_problems;
} PlanBookReader;

/* records a problem at @node under the current path: "file:line:col: path: message" */
void plan_book_problem(PlanBookReader *reader, const cJSON *node, const char *format, ...)
    G_GNUC_PRINTF(3, 4);
/* the path grows by ".name" while a member is read; @mark restores it */
gsize plan_book_path_push(PlanBookReader *reader, const char *name);
void plan_book_path_pop(PlanBookReader *reader, gsize mark);
gboolean plan_book_expect_object(PlanBookReader *reader, const cJSON *node, const char *what);
gboolean plan_book_expect_string(PlanBookReader *reader, const cJSON *node, const char *what);
/* unknown (with a likely typo named) and repeated members of @object; TRUE when clean */
gboolean plan_book_check_members(PlanBookReader *reader, const cJSON *object,
				 const char *const *names, guint n_names, const char *what);
gboolean plan_book_require(PlanBookReader *reader, const cJSON *object, const char *name,
			   const char *what);
/* one figure {"value", "unit", "source", "as_of", "confidence", "note"?} in @unit; @out is only
 * written when the whole figure is valid */
gboolean plan_book_read_price(PlanBookReader *reader, const cJSON *node, const char *unit,
			      PlanPrice *out);
/* a date: "2026", "2026-03", "2026-03-28" or "undated" */
gboolean plan_book_read_date(PlanBookReader *reader, const cJSON *node, const char **out);
/* member @name of @object (or NULL), with the path extended to it until plan_book_leave() */
const cJSON *plan_book_enter(PlanBookReader *reader, const cJSON *object, const char *name,
			     gsize *mark);
void plan_book_leave(PlanBookReader *reader, gsize mark);
/* "source", "as_of" (when @as_of is not NULL), "confidence" and the optional "note" */
gboolean plan_book_read_provenance(PlanBookReader *reader, const cJSON *object,
				   const char **source, const char **as_of,
				   PlanConfidence *confidence, const char **note);
/* the type named by member @child when the book has its specs, else NULL with a problem (a
 * likely typo named) */
PlanInstanceType *plan_book_known_instance(PlanBookReader *reader, const cJSON *child);

/* the purchase-option members of a region file (pricebook-reader-options.c) */
void plan_book_read_savings_plans(PlanBookReader *reader, const cJSON *node);
void plan_book_read_reserved(PlanBookReader *reader, const cJSON *node);
void plan_book_read_spot(PlanBookReader *reader, const cJSON *node);

G_END_DECLS
