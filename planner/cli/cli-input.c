/* ecsplan CLI: reading an input named on the command line — a file, or "-" for standard
 * input — and recognising the inputs that are not JSON yet (Terraform configuration, a binary
 * plan, a zip file), so the user is told the command that makes the JSON */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "loader.h"
#include "plan-error.h"

/* standard input is read once: a second "-" in one command would see nothing */
static gboolean plan_cli_stdin_used;

const char *
plan_cli_input_name(const char *path)
{
	return g_strcmp0(path, "-") == 0 ? "<stdin>" : path;
}

/* reads standard input to its end, refusing more than @kind's limit (docs/limits.md), as
 * plan_input_read() does for a pipe named by its path */
static gboolean
plan_cli_read_stdin(const PlanInputKind *kind, char **data, gsize *length, GError **error)
{
	g_autoptr(GString) text = g_string_new(NULL);
	char buffer[65536];
	size_t n;

	if (plan_cli_stdin_used) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "standard input ('-') can be read only once in a command");
		return FALSE;
	}
	plan_cli_stdin_used = TRUE;
	if (isatty(STDIN_FILENO))
		plan_cli_printerr("ecsplan: reading the %s from standard input (end it with "
				  "Ctrl-D)\n",
				  kind->what);
	while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
		if (text->len + n > kind->max_bytes) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
				    "cannot read the %s from standard input: it holds more than "
				    "%" G_GSIZE_FORMAT " MiB, the limit for a %s (docs/limits.md); %s",
				    kind->what, kind->max_bytes / PLAN_INPUT_MIB, kind->what, kind->fix);
			return FALSE;
		}
		g_string_append_len(text, buffer, (gssize)n);
	}
	if (ferror(stdin)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO,
			    "cannot read the %s from standard input", kind->what);
		return FALSE;
	}
	*length = text->len;
	*data = g_string_free(g_steal_pointer(&text), FALSE);
	return TRUE;
}

gboolean
plan_cli_read_input(const char *path, const PlanInputKind *kind, char **data, gsize *length,
		    GError **error)
{
	if (g_strcmp0(path, "-") == 0)
		return plan_cli_read_stdin(kind, data, length, error);
	/* the bounded reader: regular files, FIFOs and devices up to the kind's limit */
	return plan_input_read(path, kind, data, length, error);
}

/* the first word of Terraform configuration, after blank lines and comments */
static gboolean
plan_cli_looks_like_hcl(const char *data, gsize length)
{
	static const char *const blocks[] = {"terraform", "provider", "resource", "data",
					     "module",	  "variable", "output",	  "locals"};
	const char *p = data;
	const char *end = data + length;

	while (p < end) {
		if (g_ascii_isspace(*p)) {
			p++;
		} else if (*p == '#' || (*p == '/' && p + 1 < end && p[1] == '/')) {
			const char *eol = memchr(p, '\n', (gsize)(end - p));
			p = eol != NULL ? eol + 1 : end;
		} else if (*p == '/' && p + 1 < end && p[1] == '*') {
			const char *close = g_strstr_len(p + 2, end - p - 2, "*/");
			p = close != NULL ? close + 2 : end;
		} else {
			break;
		}
	}
	for (guint i = 0; i < G_N_ELEMENTS(blocks); i++) {
		gsize n = strlen(blocks[i]);
		/* `resource "aws_vpc" "main" {` or `locals {` */
		if ((gsize)(end - p) > n && strncmp(p, blocks[i], n) == 0 &&
		    (p[n] == ' ' || p[n] == '\t' || p[n] == '{'))
			return TRUE;
	}
	return FALSE;
}

static char
plan_cli_first_char(const char *data, gsize length)
{
	for (gsize i = 0; i < length; i++) {
		if (!g_ascii_isspace(data[i]))
			return data[i];
	}
	return '\0';
}

gboolean
plan_cli_check_json_input(const char *path, const char *data, gsize length, GError **error)
{
	const char *name = plan_cli_input_name(path);
	const char *shown = g_strcmp0(path, "-") == 0 ? "plan.out" : path;

	/* a plan saved by `terraform plan -out` is a zip archive; so is any other zip file */
	if (length >= 4 && memcmp(data, "PK\003\004", 4) == 0) {
		/* compiler-style, as the loader's problems: main() prints it as one */
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:1:1: this is a zip file, as a binary plan from 'terraform plan "
			    "-out' is; ecsplan reads its JSON: run 'terraform show -json %s > "
			    "plan.json' and give plan.json",
			    name, shown);
		return FALSE;
	}
	if (plan_cli_looks_like_hcl(data, length) ||
	    ((g_str_has_suffix(name, ".tf") || g_str_has_suffix(name, ".tfvars")) &&
	     plan_cli_first_char(data, length) != '{')) {
		g_set_error(
		    error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s:1:1: this is Terraform configuration (HCL), not JSON; ecsplan reads "
		    "the JSON of a plan: run 'terraform plan -out plan.out' in its folder, "
		    "then 'terraform show -json plan.out > plan.json', and give plan.json",
		    name);
		return FALSE;
	}
	return TRUE;
}
