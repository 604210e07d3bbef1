/* the engine's error domain. It is an extended GError domain: an error can carry the number of
 * problems it stands for (a model with 3,000 problems lists the first ones in its message and
 * says how many there are as data), so the CLI never parses a message */
#include "plan-error.h"

typedef struct {
	guint n_problems;
	const char *option; /* static: the analysis option an INVALID_OPTION error is about */
} PlanErrorPrivate;

static void
plan_error_private_init(PlanErrorPrivate *priv)
{
	priv->n_problems = 0;
	priv->option = NULL;
}

static void
plan_error_private_copy(const PlanErrorPrivate *src, PlanErrorPrivate *dest)
{
	dest->n_problems = src->n_problems;
	dest->option = src->option;
}

static void
plan_error_private_clear(PlanErrorPrivate *priv)
{
	priv->n_problems = 0;
	priv->option = NULL;
}

G_DEFINE_EXTENDED_ERROR(PlanError, plan_error)

/**
 * plan_set_problems_error:
 * @file: the file the problems are in (the last line names it)
 * @problems: (element-type utf8): one "file:line:col: ..." line per problem, the first ones
 * @n_problems: how many problems there are in all (at least @problems->len)
 *
 * Sets @error to PLAN_ERROR_INVALID_MODEL: the listed problems, one per line, and "... and N
 * more problems" when some were left out; plan_error_n_problems() gives @n_problems back.
 */
void
plan_set_problems_error(GError **error, const char *file, const GPtrArray *problems,
			guint n_problems)
{
	g_autoptr(GString) text = g_string_new(NULL);
	GError *local;

	for (guint i = 0; i < problems->len; i++) {
		if (i > 0)
			g_string_append_c(text, '\n');
		g_string_append(text, g_ptr_array_index(problems, i));
	}
	if (n_problems > problems->len)
		g_string_append_printf(text, "\n%s: ... and %u more problems", file,
				       n_problems - problems->len);
	local = g_error_new_literal(PLAN_ERROR, PLAN_ERROR_INVALID_MODEL, text->str);
	plan_error_get_private(local)->n_problems = MAX(n_problems, problems->len);
	g_propagate_error(error, local);
}

/* the problems @error stands for: what plan_set_problems_error() recorded, else 1 */
guint
plan_error_n_problems(const GError *error)
{
	PlanErrorPrivate *priv;

	g_return_val_if_fail(error != NULL, 0);
	if (error->domain != PLAN_ERROR)
		return 1;
	priv = plan_error_get_private(error);
	return priv != NULL && priv->n_problems > 0 ? priv->n_problems : 1;
}

/**
 * plan_set_option_error:
 * @option: (transfer none): the option's name in the engine's terms, a static string: "runs",
 *   "fail-az", "step", "duration", "hours", "service"
 *
 * Sets @error to PLAN_ERROR_INVALID_OPTION about @option. The message says what is wrong with
 * the value without naming a command-line flag; the CLI, which knows its flags, names it.
 */
void
plan_set_option_error(GError **error, const char *option, const char *format, ...)
{
	va_list args;
	GError *local;

	va_start(args, format);
	local = g_error_new_valist(PLAN_ERROR, PLAN_ERROR_INVALID_OPTION, format, args);
	va_end(args);
	plan_error_get_private(local)->option = option;
	g_propagate_error(error, local);
}

/* the option an INVALID_OPTION error is about, or NULL */
const char *
plan_error_option(const GError *error)
{
	PlanErrorPrivate *priv;

	g_return_val_if_fail(error != NULL, NULL);
	if (error->domain != PLAN_ERROR)
		return NULL;
	priv = plan_error_get_private(error);
	return priv != NULL ? priv->option : NULL;
}
