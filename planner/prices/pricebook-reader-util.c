/* the price book reader's helpers: problems located by file:line:column and path, members
 * checked against the names a place allows, and one figure with its provenance. shared by
 * pricebook-reader.c (region and instance files) and pricebook-reader-options.c (purchase
 * options), below both. */
#include "pricebook-reader-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json-util.h"
#include "text.h"

/* ---- exact money ---------------------------------------------------------------------------- */

/* the JSON number at @text as nano-units, rounded half away from zero on the decimal digits
 * themselves: going through a double would turn 0.0000000025 into 2.4999... and round it the
 * wrong way. FALSE when the text is not a JSON number or the result does not fit. */
gboolean
book_decimal_to_nanos(const char *text, gsize length, PlanNanos *out)
{
	g_autoptr(GString) digits = g_string_new(NULL); /* mantissa, leading zeros dropped */
	gboolean negative = FALSE;
	gint64 exponent = 0; /* value = digits × 10^exponent */
	gint64 written = 0;
	gint64 shift;
	gint64 kept_length;
	guint64 kept = 0;
	gsize at = 0;

	if (at < length && text[at] == '-') {
		negative = TRUE;
		at++;
	}
	if (at >= length || !g_ascii_isdigit(text[at]))
		return FALSE;
	for (; at < length && g_ascii_isdigit(text[at]); at++) {
		if (digits->len > 0 || text[at] != '0')
			g_string_append_c(digits, text[at]);
	}
	if (at < length && text[at] == '.') {
		at++;
		if (at >= length || !g_ascii_isdigit(text[at]))
			return FALSE;
		for (; at < length && g_ascii_isdigit(text[at]); at++) {
			if (digits->len > 0 || text[at] != '0')
				g_string_append_c(digits, text[at]);
			exponent--;
		}
	}
	if (at < length && (text[at] == 'e' || text[at] == 'E')) {
		gboolean exponent_negative = FALSE;
		at++;
		if (at < length && (text[at] == '+' || text[at] == '-'))
			exponent_negative = text[at++] == '-';
		if (at >= length || !g_ascii_isdigit(text[at]))
			return FALSE;
		/* past 10^±1000 the result is 0 or overflows either way: stop counting there */
		for (; at < length && g_ascii_isdigit(text[at]); at++)
			written = MIN(written * 10 + (text[at] - '0'), 100000);
		exponent += exponent_negative ? -written : written;
	}
	if (digits->len == 0) {
		*out = 0;
		return TRUE;
	}
	/* nanos = digits × 10^(exponent + 9): keep the digits left of that point */
	shift = exponent + 9;
	kept_length = (gint64)digits->len + shift;
	if (kept_length > 18)
		return FALSE;
	for (gint64 i = 0; i < kept_length; i++)
		kept = kept * 10 + (i < (gint64)digits->len ? (guint64)(digits->str[i] - '0') : 0);
	/* half away from zero: the first dropped digit alone decides, on the magnitude */
	if (kept_length >= 0 && kept_length < (gint64)digits->len &&
	    digits->str[kept_length] >= '5')
		kept++;
	*out = negative ? -(PlanNanos)kept : (PlanNanos)kept;
	return TRUE;
}

static gsize
plan_book_reader_offset(const PlanBookReader *reader, const cJSON *node, gboolean *found)
{
	*found = node != NULL && reader->have_offsets && node->valueint > 0;
	return *found ? (gsize)node->valueint - 1 : 0;
}

/* records a problem at @node under the current path: "file:line:col: path: message" */
void
plan_book_problem(PlanBookReader *reader, const cJSON *node, const char *format, ...)
{
	g_autofree char *message = NULL;
	gboolean found = FALSE;
	gsize offset = plan_book_reader_offset(reader, node, &found);
	const char *path = reader->path->len > 0 ? reader->path->str : "(top)";
	PlanBookProblem *problem;
	va_list args;

	reader->n_problems++;
	if (reader->problems->len >= PLAN_PRICE_BOOK_MAX_PROBLEMS)
		return;
	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	problem = g_new0(PlanBookProblem, 1);
	problem->offset = found ? offset : G_MAXSIZE;
	if (found) {
		PlanLoc loc = plan_text_index_loc(reader->lines, offset);
		problem->text = g_strdup_printf("%s:%u:%u: %s: %s", reader->file, loc.line,
						loc.column, path, message);
	} else {
		problem->text = g_strdup_printf("%s: %s: %s", reader->file, path, message);
	}
	g_ptr_array_add(reader->problems, problem);
}

/* the path grows by ".name" while a member is read; @mark restores it */
gsize
plan_book_path_push(PlanBookReader *reader, const char *name)
{
	gsize mark = reader->path->len;
	if (mark > 0)
		g_string_append_c(reader->path, '.');
	g_string_append(reader->path, name);
	return mark;
}

void
plan_book_path_pop(PlanBookReader *reader, gsize mark)
{
	g_string_truncate(reader->path, mark);
}

gboolean
plan_book_expect_object(PlanBookReader *reader, const cJSON *node, const char *what)
{
	if (cJSON_IsObject(node))
		return TRUE;
	plan_book_problem(reader, node, "expected %s, got %s", what, plan_json_type_name(node));
	return FALSE;
}

gboolean
plan_book_expect_string(PlanBookReader *reader, const cJSON *node, const char *what)
{
	if (!cJSON_IsString(node) || node->valuestring == NULL) {
		plan_book_problem(reader, node, "expected %s, got %s", what,
				  plan_json_type_name(node));
		return FALSE;
	}
	if (strlen(node->valuestring) > PLAN_PRICE_BOOK_MAX_STRING) {
		plan_book_problem(reader, node, "string longer than %u bytes",
				  PLAN_PRICE_BOOK_MAX_STRING);
		return FALSE;
	}
	return TRUE;
}

/* reports members of @object not among @names (with a likely typo named) and repeated
 * members (JSON allows them, but which one wins is up to the parser); TRUE when clean */
gboolean
plan_book_check_members(PlanBookReader *reader, const cJSON *object, const char *const *names,
			guint n_names, const char *what)
{
	gboolean clean = TRUE;

	for (const cJSON *child = object->child; child != NULL; child = child->next) {
		gboolean known = FALSE;
		gsize mark;

		for (guint i = 0; i < n_names && !known; i++)
			known = strcmp(names[i], child->string) == 0;
		mark = plan_book_path_push(reader, child->string);
		if (!known) {
			const char *suggestion = plan_text_suggest(child->string, names, n_names);
			g_autofree char *choices = plan_text_join_quoted(names, n_names, 12);
			if (suggestion != NULL)
				plan_book_problem(reader, child,
						  "unknown field '%s' in %s; did you mean '%s'?",
						  child->string, what, suggestion);
			else
				plan_book_problem(reader, child,
						  "unknown field '%s' in %s; expected %s",
						  child->string, what, choices);
			clean = FALSE;
		} else {
			for (const cJSON *before = object->child; before != child;
			     before = before->next) {
				if (strcmp(before->string, child->string) == 0) {
					plan_book_problem(reader, child, "duplicate key '%s'",
							  child->string);
					clean = FALSE;
					break;
				}
			}
		}
		plan_book_path_pop(reader, mark);
	}
	return clean;
}

gboolean
plan_book_require(PlanBookReader *reader, const cJSON *object, const char *name, const char *what)
{
	if (cJSON_GetObjectItemCaseSensitive(object, name) != NULL)
		return TRUE;
	plan_book_problem(reader, object, "missing required field '%s' in %s", name, what);
	return FALSE;
}

/* "undated", or a year, year-month or full date: "2026", "2026-03", "2026-03-28" */
static gboolean
plan_book_date_valid(const char *text)
{
	guint64 year = 0;
	guint64 month = 0;
	guint64 day = 0;
	gsize length = strlen(text);
	g_autofree char *copy = NULL;

	if (strcmp(text, "undated") == 0)
		return TRUE;
	if (length != 4 && length != 7 && length != 10)
		return FALSE;
	for (gsize i = 0; i < length; i++) {
		gboolean dash = i == 4 || i == 7;
		if (dash ? text[i] != '-' : !g_ascii_isdigit(text[i]))
			return FALSE;
	}
	copy = g_strdup(text);
	copy[4] = '\0';
	year = g_ascii_strtoull(copy, NULL, 10);
	if (length >= 7) {
		copy[7] = '\0';
		month = g_ascii_strtoull(copy + 5, NULL, 10);
	}
	if (length == 10)
		day = g_ascii_strtoull(copy + 8, NULL, 10);
	if (year < 2000 || year > 2100)
		return FALSE;
	if (length >= 7 && (month < 1 || month > 12))
		return FALSE;
	if (length == 10 && !g_date_valid_dmy((GDateDay)day, (GDateMonth)month, (GDateYear)year))
		return FALSE;
	return TRUE;
}

gboolean
plan_book_read_date(PlanBookReader *reader, const cJSON *node, const char **out)
{
	if (!plan_book_expect_string(reader, node,
				     "a date like \"2026-03\", \"2026-03-28\" or \"undated\""))
		return FALSE;
	if (!plan_book_date_valid(node->valuestring)) {
		plan_book_problem(reader, node,
				  "expected a date like \"2026\", \"2026-03\", \"2026-03-28\" or "
				  "\"undated\", got \"%s\"",
				  node->valuestring);
		return FALSE;
	}
	*out = plan_book_intern(reader->book, node->valuestring);
	return TRUE;
}

static gboolean
plan_book_read_confidence(PlanBookReader *reader, const cJSON *node, PlanConfidence *out)
{
	g_autofree char *choices = NULL;
	const char *suggestion;

	for (guint i = 0; cJSON_IsString(node) && i < G_N_ELEMENTS(book_confidence_names); i++) {
		if (strcmp(node->valuestring, book_confidence_names[i]) == 0) {
			*out = (PlanConfidence)i;
			return TRUE;
		}
	}
	/* only a value that is wrong pays for the list: 9,600 figures in the built-in books
	 * made it 9% of validating a small model (issue 18) */
	choices = plan_text_join_quoted(book_confidence_names, G_N_ELEMENTS(book_confidence_names),
					G_N_ELEMENTS(book_confidence_names));
	if (!cJSON_IsString(node)) {
		plan_book_problem(reader, node, "expected one of %s, got %s", choices,
				  plan_json_type_name(node));
		return FALSE;
	}
	suggestion = plan_text_suggest(node->valuestring, book_confidence_names,
				       G_N_ELEMENTS(book_confidence_names));
	if (suggestion != NULL)
		plan_book_problem(reader, node, "unknown confidence '%s'; did you mean '%s'?",
				  node->valuestring, suggestion);
	else
		plan_book_problem(reader, node, "unknown confidence '%s'; expected one of %s",
				  node->valuestring, choices);
	return FALSE;
}

/* "S2 S3 S4": every key must be defined under "sources" (here or in the embedded book), so a
 * report can always say where a figure comes from */
static gboolean
plan_book_read_source(PlanBookReader *reader, const cJSON *node, const char **out)
{
	g_auto(GStrv) keys = NULL;
	guint n_keys = 0;

	if (!plan_book_expect_string(reader, node, "source keys like \"S2 S4\""))
		return FALSE;
	keys = g_strsplit(node->valuestring, " ", -1);
	for (guint i = 0; keys[i] != NULL; i++) {
		if (keys[i][0] == '\0')
			continue;
		n_keys++;
		if (!g_hash_table_contains(reader->book->sources, keys[i])) {
			plan_book_problem(reader, node,
					  "unknown source '%s'; define it under \"sources\" with a "
					  "\"title\" and an \"as_of\"",
					  keys[i]);
			return FALSE;
		}
	}
	if (n_keys == 0) {
		plan_book_problem(reader, node,
				  "expected source keys like \"S2 S4\", got an empty string");
		return FALSE;
	}
	*out = plan_book_intern(reader->book, node->valuestring);
	return TRUE;
}

static gboolean
plan_book_read_note(PlanBookReader *reader, const cJSON *node, const char **out)
{
	if (node == NULL) {
		*out = NULL;
		return TRUE;
	}
	if (!plan_book_expect_string(reader, node, "a string"))
		return FALSE;
	*out = plan_book_intern(reader->book, node->valuestring);
	return TRUE;
}

/* member @name of @object (or NULL), with the path extended to it until plan_book_leave() */
const cJSON *
plan_book_enter(PlanBookReader *reader, const cJSON *object, const char *name, gsize *mark)
{
	*mark = plan_book_path_push(reader, name);
	return cJSON_GetObjectItemCaseSensitive(object, name);
}

void
plan_book_leave(PlanBookReader *reader, gsize mark)
{
	plan_book_path_pop(reader, mark);
}

/* "source", "as_of" (when @as_of is not NULL), "confidence" and the optional "note" of a figure,
 * a spec or the LCU dimensions; the caller has checked that the required ones are present */
gboolean
plan_book_read_provenance(PlanBookReader *reader, const cJSON *object, const char **source,
			  const char **as_of, PlanConfidence *confidence, const char **note)
{
	gboolean ok = TRUE;
	const cJSON *member;
	gsize mark;

	member = plan_book_enter(reader, object, "source", &mark);
	ok &= plan_book_read_source(reader, member, source);
	plan_book_leave(reader, mark);
	if (as_of != NULL) {
		member = plan_book_enter(reader, object, "as_of", &mark);
		ok &= plan_book_read_date(reader, member, as_of);
		plan_book_leave(reader, mark);
	}
	member = plan_book_enter(reader, object, "confidence", &mark);
	ok &= plan_book_read_confidence(reader, member, confidence);
	plan_book_leave(reader, mark);
	member = plan_book_enter(reader, object, "note", &mark);
	ok &= plan_book_read_note(reader, member, note);
	plan_book_leave(reader, mark);
	return ok;
}

static gboolean
plan_book_read_amount(PlanBookReader *reader, const cJSON *node, gboolean ratio, double *value,
		      PlanNanos *nanos)
{
	gboolean found = FALSE;
	gsize offset;

	if (!cJSON_IsNumber(node) || !isfinite(node->valuedouble)) {
		plan_book_problem(reader, node, "expected %s, got %s",
				  ratio ? "a ratio from 0 to 1" : "a price in dollars",
				  plan_json_type_name(node));
		return FALSE;
	}
	if (node->valuedouble < 0) {
		plan_book_problem(reader, node, "expected a price of 0 or more, got %g",
				  node->valuedouble);
		return FALSE;
	}
	offset = plan_book_reader_offset(reader, node, &found);
	if (!found ||
	    !book_decimal_to_nanos(reader->data + offset, reader->length - offset, nanos)) {
		/* only reachable if the position scan and the parser disagree; the double is then
		 * the best we have */
		if (node->valuedouble * 1e9 > (double)G_MAXINT64 / 2)
			*nanos = G_MAXINT64;
		else
			*nanos = (PlanNanos)round(node->valuedouble * 1e9);
	}
	if (ratio && *nanos > PLAN_NANOS_PER_DOLLAR) {
		plan_book_problem(reader, node, "expected a ratio from 0 to 1, got %g",
				  node->valuedouble);
		return FALSE;
	}
	if (*nanos > PLAN_PRICE_MAX_NANOS) {
		plan_book_problem(reader, node, "price %g is out of range; expected at most %d",
				  node->valuedouble, 1000000);
		return FALSE;
	}
	*value = node->valuedouble;
	return TRUE;
}

static gboolean
plan_book_read_unit(PlanBookReader *reader, const cJSON *node, const char *expected)
{
	if (!plan_book_expect_string(reader, node, "a unit"))
		return FALSE;
	if (strcmp(node->valuestring, expected) != 0) {
		plan_book_problem(reader, node, "expected unit '%s', got '%s'", expected,
				  node->valuestring);
		return FALSE;
	}
	return TRUE;
}

/* one figure: {"value", "unit", "source", "as_of", "confidence", "note"?}; @out is only
 * written when the whole figure is valid */
gboolean
plan_book_read_price(PlanBookReader *reader, const cJSON *node, const char *unit, PlanPrice *out)
{
	static const char *const fields[] = {"value", "unit",	    "source",
					     "as_of", "confidence", "note"};
	PlanPrice price = {0};
	const cJSON *member;
	gboolean ok = TRUE;
	gsize mark;

	if (!plan_book_expect_object(
		reader, node, "a price object like {\"value\": 0.045, \"unit\": \"hour\", ...}"))
		return FALSE;
	ok &= plan_book_check_members(reader, node, fields, G_N_ELEMENTS(fields), "a price");
	for (guint i = 0; i < 5; i++)
		ok &= plan_book_require(reader, node, fields[i], "a price");
	if (!ok)
		return FALSE;
	member = plan_book_enter(reader, node, "value", &mark);
	ok &= plan_book_read_amount(reader, member, strcmp(unit, "ratio") == 0, &price.value,
				    &price.nanos);
	plan_book_leave(reader, mark);
	member = plan_book_enter(reader, node, "unit", &mark);
	ok &= plan_book_read_unit(reader, member, unit);
	plan_book_leave(reader, mark);
	ok &= plan_book_read_provenance(reader, node, &price.source, &price.as_of,
					&price.confidence, &price.note);
	if (!ok)
		return FALSE;
	price.unit = plan_book_intern(reader->book, unit);
	price.present = TRUE;
	*out = price;
	return TRUE;
}

static int
plan_book_compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

PlanInstanceType *
plan_book_known_instance(PlanBookReader *reader, const cJSON *child)
{
	PlanInstanceType *type = g_hash_table_lookup(reader->book->instances, child->string);
	/* the names in name order, as plan_price_book_instances lists them */
	guint n_names = 0;
	g_autofree const char **names = NULL;
	const char *suggestion;

	if (type != NULL)
		return type;
	names = (const char **)g_hash_table_get_keys_as_array(reader->book->instances, &n_names);
	qsort(names, n_names, sizeof *names, plan_book_compare_names);
	suggestion = plan_text_suggest(child->string, names, n_names);
	if (suggestion != NULL)
		plan_book_problem(reader, child,
				  "no specs for instance type '%s'; did you mean '%s'?",
				  child->string, suggestion);
	else
		plan_book_problem(reader, child,
				  "no specs for instance type '%s'; add them under \"instances\"",
				  child->string);
	return NULL;
}
