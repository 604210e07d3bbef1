/* ecsplan: what the price book's tests share (test-pricebook-util.c): the built-in books, a
 * book from text, a figure that must be there, and the tables of bad files */
#pragma once

#include "pricebook.h"

G_BEGIN_DECLS

/* the name the books loaded from text carry in their messages */
#define DISPLAY "p.json"

/* the regions with every figure (the fact sheet's eight) */
extern const char *const covered_regions[8];

/* the built-in book of @region; it must load. Returns: (transfer full) */
PlanPriceBook *load_builtin(const char *region);
/* @text as a book file for @region (NULL: the file's own). Returns: (transfer full) */
PlanPriceBook *load_text(const char *text, const char *region, GError **error);
/* the figure @key of @book; it must be there */
const PlanPrice *get(const PlanPriceBook *book, const char *key);

/* a book file that must fail, and the first line of its message */
typedef struct {
	const char *name;
	const char *text;
	const char *message; /* the whole first line of the error */
} BadCase;

/* loads each of @cases for @region (NULL: the file's own) and fails the test with every case
 * that loaded or said something else: a table is fixed faster when all its misses show */
void check_bad_cases(const BadCase *cases, gsize n_cases, const char *region);

G_END_DECLS
