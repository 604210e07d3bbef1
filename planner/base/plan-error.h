/* ecsplan: the engine's error domain */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PLAN_ERROR (plan_error_quark())

/* codes are stable: the CLI maps them to exit codes (see planner/cli/ecsplan.c) */
typedef enum {
	PLAN_ERROR_INVALID_MODEL, /* the model cannot be read: syntax, types, limits (exit 2) */
	PLAN_ERROR_INVALID_VALUE, /* one value is out of its domain (a CIDR, a size, a price) */
	PLAN_ERROR_IO,            /* reading or writing a file failed */
	PLAN_ERROR_NO_SPACE,      /* an allocation did not fit */
	PLAN_ERROR_GNUPLOT,       /* the chart program failed */
	PLAN_ERROR_USAGE,         /* the command line is wrong (exit 2) */
	PLAN_ERROR_FAILED,        /* anything else */
	PLAN_ERROR_LIMIT,         /* an input is over a documented limit (docs/limits.md; exit 2) */
	PLAN_ERROR_INVALID_OPTION, /* an analysis option is out of its domain: hours, a service
				    * name, a book for another region (exit 2) */
} PlanError;

GQuark plan_error_quark(void);

/* PLAN_ERROR_INVALID_MODEL listing the first @problems (char*, one line each) of @n_problems */
void plan_set_problems_error(GError **error, const char *file, const GPtrArray *problems,
			     guint n_problems);
/* how many problems @error stands for (1 for an ordinary error) */
guint plan_error_n_problems(const GError *error);
/* PLAN_ERROR_INVALID_OPTION about the analysis option @option (a static name) */
void plan_set_option_error(GError **error, const char *option, const char *format, ...)
    G_GNUC_PRINTF(3, 4);
/* the option an INVALID_OPTION error is about, or NULL */
const char *plan_error_option(const GError *error);

G_END_DECLS
