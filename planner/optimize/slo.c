/* the service-level expression of `ecsplan optimize` (docs/optimize.md, "The service level") */
#include "slo.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "input.h"
#include "optimize.h"
#include "parse.h"
#include "plan-error.h"
#include "text.h"

/* a number has at most this many characters (15 digits and a point) and decimals: any decimal
 * of 15 significant digits reads into a double and prints back as the same decimal (DBL_DIG is
 * 15), which makes the canonical form exact; 10^-9 % is far below any measure's resolution */
#define SLO_NUMBER_MAX 16
#define SLO_DECIMALS_MAX 9

typedef enum {
	SLO_PERCENT,  /* P% from 0 to 100 */
	SLO_DURATION, /* D with a unit; stored in minutes */
	SLO_FLAG,     /* the name alone */
} SloKind;

/* one row per term, in canonical order */
static const struct {
	const char *name;
	SloKind kind;
	gsize offset; /* of the double (or the gboolean of a flag) in PlanSlo */
	const char *example;
} slo_terms[] = {
    {"unmet", SLO_PERCENT, offsetof(PlanSlo, max_unmet_pct), "unmet<=0.1%"},
    {"pending", SLO_DURATION, offsetof(PlanSlo, max_pending_minutes), "pending<=30m"},
    {"p95util", SLO_PERCENT, offsetof(PlanSlo, max_p95_util_pct), "p95util<=80%"},
    {"az-loss", SLO_FLAG, offsetof(PlanSlo, require_az_survival), "az-loss"},
    {"spot", SLO_PERCENT, offsetof(PlanSlo, max_spot_pct), "spot<=50%"},
};

static double *
slo_bound(PlanSlo *slo, guint term)
{
	return (double *)(gpointer)((char *)slo + slo_terms[term].offset);
}

static double
slo_bound_get(const PlanSlo *slo, guint term)
{
	return *(const double *)(gconstpointer)((const char *)slo + slo_terms[term].offset);
}

PlanSlo *
plan_slo_new(void)
{
	PlanSlo *slo = g_new0(PlanSlo, 1);

	slo->max_unmet_pct = -1;
	slo->max_pending_minutes = -1;
	slo->max_p95_util_pct = -1;
	slo->require_az_survival = FALSE;
	slo->max_spot_pct = -1;
	return slo;
}

void
plan_slo_free(PlanSlo *slo)
{
	g_free(slo);
}

/* ---- reading ---- */

typedef struct {
	const char *text;
	gsize pos;
	GError **error;
} SloReader;

static gboolean
slo_is_word_char(char c)
{
	return g_ascii_isalnum(c) || c == '-' || c == '_';
}

static void
slo_skip_space(SloReader *reader)
{
	while (reader->text[reader->pos] == ' ' || reader->text[reader->pos] == '\t')
		reader->pos++;
}

/* what stands at @pos, for "got ...": the next word or character, or "the end" */
static char *
slo_got(const char *text, gsize pos)
{
	gsize end = pos;
	g_autofree char *shown = NULL;

	if (text[pos] == '\0')
		return g_strdup("the end of the expression");
	while (text[end] != '\0' && slo_is_word_char(text[end]) && end - pos < 20)
		end++;
	if (end == pos) {
		/* one character: a UTF-8 sequence whole, so the excerpt shows it as written */
		end = pos + 1;
		while ((text[end] & 0xc0) == 0x80 && end - pos < 4)
			end++;
	}
	shown = plan_text_excerpt(text + pos, (gssize)(end - pos));
	return g_strdup_printf("'%s'", shown);
}

static gboolean
slo_fail(SloReader *reader, gsize column_pos, const char *format, ...) G_GNUC_PRINTF(3, 4);

static gboolean
slo_fail(SloReader *reader, gsize column_pos, const char *format, ...)
{
	g_autofree char *shown = plan_text_excerpt(reader->text, -1);
	g_autofree char *what = NULL;
	va_list args;

	va_start(args, format);
	what = g_strdup_vprintf(format, args);
	va_end(args);
	g_set_error(reader->error, PLAN_ERROR, PLAN_ERROR_USAGE,
		    "cannot read the service level '%s': column %" G_GSIZE_FORMAT ": %s", shown,
		    column_pos + 1, what);
	return FALSE;
}

static gboolean
slo_read_name(SloReader *reader, guint *term)
{
	const char *names[G_N_ELEMENTS(slo_terms)];
	gsize start = reader->pos;
	g_autofree char *word = NULL;
	g_autofree char *got = NULL;
	const char *suggestion;

	while (slo_is_word_char(reader->text[reader->pos]))
		reader->pos++;
	for (guint i = 0; i < G_N_ELEMENTS(slo_terms); i++)
		names[i] = slo_terms[i].name;
	if (reader->pos == start) {
		got = slo_got(reader->text, start);
		return slo_fail(reader, start,
				"expected a term: unmet<=P%%, pending<=D, p95util<=P%%, az-loss "
				"or spot<=P%%; got %s",
				got);
	}
	word = g_strndup(reader->text + start, reader->pos - start);
	for (guint i = 0; i < G_N_ELEMENTS(slo_terms); i++) {
		if (strcmp(word, slo_terms[i].name) == 0) {
			*term = i;
			return TRUE;
		}
	}
	got = slo_got(reader->text, start);
	suggestion = plan_text_suggest(word, names, G_N_ELEMENTS(names));
	if (suggestion != NULL)
		return slo_fail(reader, start, "unknown measure %s (did you mean '%s'?)", got,
				suggestion);
	return slo_fail(reader, start,
			"unknown measure %s; expected unmet, pending, p95util, az-loss or spot", got);
}

/* the number after "<=": digits with at most one point; @token (out) its text */
static gboolean
slo_read_number(SloReader *reader, guint term, double *value, char **token)
{
	gsize start = reader->pos;
	g_autofree char *text = NULL;
	g_autofree char *got = NULL;
	const char *point;

	while (g_ascii_isdigit(reader->text[reader->pos]) || reader->text[reader->pos] == '.')
		reader->pos++;
	text = g_strndup(reader->text + start, reader->pos - start);
	point = strchr(text, '.');
	if (reader->pos - start > SLO_NUMBER_MAX || !plan_parse_decimal(text, value) ||
	    (point != NULL && strlen(point + 1) > SLO_DECIMALS_MAX)) {
		got = reader->pos > start ? plan_text_excerpt(text, -1) : NULL;
		if (got == NULL) {
			g_autofree char *next = slo_got(reader->text, start);
			return slo_fail(reader, start,
					"expected a number after '%s<=' (as in %s), got %s",
					slo_terms[term].name, slo_terms[term].example, next);
		}
		return slo_fail(reader, start,
				"expected a decimal number of at most 15 digits and 9 decimals "
				"after '%s<=' (as in %s), got '%s'",
				slo_terms[term].name, slo_terms[term].example, got);
	}
	*token = g_steal_pointer(&text);
	return TRUE;
}

static gboolean
slo_read_percent(SloReader *reader, guint term, double *bound)
{
	gsize start = reader->pos;
	g_autofree char *token = NULL;
	double value = 0;

	if (!slo_read_number(reader, term, &value, &token))
		return FALSE;
	if (reader->text[reader->pos] != '%') {
		g_autofree char *got = slo_got(reader->text, reader->pos);
		return slo_fail(reader, reader->pos,
				"expected '%%' after '%s' (%s is a percentage, as in %s), got %s",
				token, slo_terms[term].name, slo_terms[term].example, got);
	}
	if (value > 100)
		return slo_fail(reader, start,
				"%s is a percentage from 0%% to 100%%, got %s%%",
				slo_terms[term].name, token);
	reader->pos++;
	*bound = value;
	return TRUE;
}

static gboolean
slo_read_duration(SloReader *reader, guint term, double *bound)
{
	static const char units[] = "smhdw";
	gsize start = reader->pos;
	g_autofree char *token = NULL;
	g_autofree char *duration = NULL;
	g_autoptr(GError) error = NULL;
	double value = 0;
	gint64 seconds = 0;
	char unit;

	if (!slo_read_number(reader, term, &value, &token))
		return FALSE;
	unit = reader->text[reader->pos];
	if (unit == '\0' || strchr(units, unit) == NULL) {
		g_autofree char *got = slo_got(reader->text, reader->pos);
		return slo_fail(reader, reader->pos,
				"expected a unit s, m, h, d or w after '%s' (as in %s), got %s",
				token, slo_terms[term].example, got);
	}
	reader->pos++;
	duration = g_strdup_printf("%s%c", token, unit);
	if (!plan_parse_duration(duration, &seconds, &error)) {
		/* the number and the unit read: it is over 100 years or not whole seconds */
		static const double unit_seconds[] = {1, 60, 3600, 86400, 604800};
		double total = value * unit_seconds[strchr(units, unit) - units];
		return slo_fail(reader, start, "%s is %s, got %s", slo_terms[term].name,
				total > (double)PLAN_PARSE_DURATION_MAX
				    ? "at most 100 years"
				    : "whole seconds (the shortest is 1s)",
				duration);
	}
	*bound = (double)seconds / 60.0;
	return TRUE;
}

/* after a term: white space, then ',' or '&&' (TRUE, @more set) or the end (TRUE) */
static gboolean
slo_read_separator(SloReader *reader, gsize term_start, gboolean *more)
{
	const char *text = reader->text;
	g_autofree char *got = NULL;
	g_autofree char *term_text = NULL;

	term_text = plan_text_excerpt(text + term_start, (gssize)(reader->pos - term_start));
	slo_skip_space(reader);
	*more = FALSE;
	if (text[reader->pos] == '\0')
		return TRUE;
	if (text[reader->pos] == ',') {
		reader->pos++;
		*more = TRUE;
		return TRUE;
	}
	if (text[reader->pos] == '&' && text[reader->pos + 1] == '&') {
		reader->pos += 2;
		*more = TRUE;
		return TRUE;
	}
	got = slo_got(text, reader->pos);
	return slo_fail(reader, reader->pos,
			"expected ',', '&&' or the end after the term '%s', got %s", term_text, got);
}

PlanSlo *
plan_slo_parse(const char *text, GError **error)
{
	g_autoptr(PlanSlo) slo = plan_slo_new();
	SloReader reader = {text, 0, error};
	gsize seen[G_N_ELEMENTS(slo_terms)];
	gboolean more = TRUE;
	gsize length;

	g_return_val_if_fail(text != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);
	length = strlen(text);
	if (length > PLAN_SLO_MAX_LENGTH) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the service level is %" G_GSIZE_FORMAT " bytes long; the most is %d "
			    "(docs/limits.md)",
			    length, PLAN_SLO_MAX_LENGTH);
		return NULL;
	}
	for (guint i = 0; i < G_N_ELEMENTS(seen); i++)
		seen[i] = G_MAXSIZE;
	slo_skip_space(&reader);
	if (text[reader.pos] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the service level is empty; give terms such as 'unmet<=0.1%%' or "
			    "'unmet<=0.1%%,pending<=30m,az-loss'");
		return NULL;
	}
	while (more) {
		gsize start;
		guint term = 0;

		slo_skip_space(&reader);
		start = reader.pos;
		if (!slo_read_name(&reader, &term))
			return NULL;
		if (seen[term] != G_MAXSIZE) {
			slo_fail(&reader, start, "'%s' is given twice (first at column %" G_GSIZE_FORMAT
				 ")", slo_terms[term].name, seen[term] + 1);
			return NULL;
		}
		seen[term] = start;
		if (slo_terms[term].kind == SLO_FLAG) {
			gsize after = reader.pos;
			while (text[after] == ' ' || text[after] == '\t')
				after++;
			if (strchr("<>=", text[after]) != NULL && text[after] != '\0') {
				slo_fail(&reader, after,
					 "'%s' takes no bound: it holds when the service recovers from "
					 "the loss of one AZ; expected ',', '&&' or the end",
					 slo_terms[term].name);
				return NULL;
			}
			*(gboolean *)(gpointer)((char *)slo + slo_terms[term].offset) = TRUE;
		} else {
			slo_skip_space(&reader);
			if (text[reader.pos] != '<' || text[reader.pos + 1] != '=') {
				g_autofree char *got = NULL;
				gsize at = reader.pos;
				/* show the whole operator: "<", ">=", "=" */
				while (strchr("<>=!", text[at]) != NULL && text[at] != '\0' &&
				       at - reader.pos < 2)
					at++;
				got = at > reader.pos
					  ? g_strdup_printf("'%.*s'", (int)(at - reader.pos),
							    text + reader.pos)
					  : slo_got(text, reader.pos);
				slo_fail(&reader, reader.pos,
					 "expected '<=' after '%s' (as in %s), got %s",
					 slo_terms[term].name, slo_terms[term].example, got);
				return NULL;
			}
			reader.pos += 2;
			slo_skip_space(&reader);
			if (slo_terms[term].kind == SLO_PERCENT
				? !slo_read_percent(&reader, term, slo_bound(slo, term))
				: !slo_read_duration(&reader, term, slo_bound(slo, term)))
				return NULL;
		}
		if (!slo_read_separator(&reader, start, &more))
			return NULL;
		if (more) {
			slo_skip_space(&reader);
			if (text[reader.pos] == '\0') {
				slo_fail(&reader, reader.pos,
					 "expected a term after the last separator, got the end of "
					 "the expression");
				return NULL;
			}
		}
	}
	return g_steal_pointer(&slo);
}

/* ---- writing ---- */

/* the shortest decimal that reads back as @value, in the grammar's digits (no exponent): a
 * number read has at most 15 significant digits and 9 decimals, so one below 10^-4 (where %g
 * writes an exponent) is exact in 9 decimals */
static void
slo_append_number(GString *out, double value)
{
	char buffer[G_ASCII_DTOSTR_BUF_SIZE];
	gsize length;

	g_ascii_formatd(buffer, sizeof buffer, "%.15g", value);
	if (strchr(buffer, 'e') == NULL) {
		g_string_append(out, buffer);
		return;
	}
	g_ascii_formatd(buffer, sizeof buffer, "%.9f", value);
	length = strlen(buffer);
	while (length > 1 && buffer[length - 1] == '0')
		length--;
	if (buffer[length - 1] == '.')
		length--;
	g_string_append_len(out, buffer, (gssize)length);
}

char *
plan_slo_to_string(const PlanSlo *slo)
{
	GString *out = g_string_new(NULL);

	g_return_val_if_fail(slo != NULL, NULL);
	for (guint i = 0; i < G_N_ELEMENTS(slo_terms); i++) {
		double bound;

		if (slo_terms[i].kind == SLO_FLAG) {
			if (!slo->require_az_survival)
				continue;
			g_string_append_printf(out, "%s%s", out->len > 0 ? "," : "",
					       slo_terms[i].name);
			continue;
		}
		bound = slo_bound_get(slo, i);
		if (bound < 0)
			continue;
		g_string_append_printf(out, "%s%s<=", out->len > 0 ? "," : "", slo_terms[i].name);
		if (slo_terms[i].kind == SLO_PERCENT) {
			slo_append_number(out, bound);
			g_string_append_c(out, '%');
		} else if (fmod(bound, 1.0) == 0) {
			slo_append_number(out, bound);
			g_string_append_c(out, 'm');
		} else {
			/* whole seconds that are not whole minutes */
			slo_append_number(out, round(bound * 60));
			g_string_append_c(out, 's');
		}
	}
	return g_string_free(out, FALSE);
}

/* ---- checking ---- */

/* a measure beside its bound: short, but never printed equal to a bound it exceeds */
static char *
slo_measure_text(double value, double bound)
{
	char a[G_ASCII_DTOSTR_BUF_SIZE];
	char b[G_ASCII_DTOSTR_BUF_SIZE];

	g_ascii_formatd(b, sizeof b, "%.15g", bound);
	for (int digits = 4; digits <= 17; digits++) {
		char format[8];
		g_snprintf(format, sizeof format, "%%.%dg", digits);
		g_ascii_formatd(a, sizeof a, format, value);
		if (strcmp(a, b) != 0)
			break;
	}
	return g_strdup(a);
}

gboolean
plan_slo_met(const PlanSlo *slo, const PlanOptMeasures *measures, char **why)
{
	const double values[G_N_ELEMENTS(slo_terms)] = {
	    measures->unmet_pct, measures->pending_minutes, measures->p95_util_pct, 0,
	    measures->spot_pct,
	};
	g_autoptr(GString) reasons = g_string_new(NULL);

	g_return_val_if_fail(slo != NULL && measures != NULL, FALSE);
	for (guint i = 0; i < G_N_ELEMENTS(slo_terms); i++) {
		double bound;
		g_autofree char *value = NULL;
		g_autofree char *limit = NULL;
		const char *unit = slo_terms[i].kind == SLO_PERCENT ? "%" : "m";

		if (slo_terms[i].kind == SLO_FLAG) {
			if (slo->require_az_survival && !measures->az_survived)
				g_string_append_printf(reasons, "%sdoes not recover from the AZ loss",
						       reasons->len > 0 ? "; " : "");
			continue;
		}
		bound = slo_bound_get(slo, i);
		/* a measure that is not a number (nothing measured) fails a bound set on it */
		if (bound < 0 || values[i] <= bound)
			continue;
		value = slo_measure_text(values[i], bound);
		limit = slo_measure_text(bound, -1);
		g_string_append_printf(reasons, "%s%s %s%s > %s%s", reasons->len > 0 ? "; " : "",
				       slo_terms[i].name, value, unit, limit, unit);
	}
	if (reasons->len == 0) {
		if (why != NULL)
			*why = NULL;
		return TRUE;
	}
	if (why != NULL)
		*why = g_string_free(g_steal_pointer(&reasons), FALSE);
	return FALSE;
}
