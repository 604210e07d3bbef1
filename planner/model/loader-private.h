/* ecsplan: the loader's state and the schema walk shared by its two files: loader.c (the
 * text: checks, the parse, streaming, the order of problems, the entry points) and
 * loader-read.c (a cJSON element read into a model record, driven by the schema tables) */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>
#include <string.h>

#include "jsonpos.h"
#include "model.h"
#include "schema-private.h"

G_BEGIN_DECLS

/* at most this many unreadable-model problems are listed; the rest are counted */
#define PLAN_LOADER_MAX_PROBLEMS 100

typedef struct {
	const char *file;
	PlanTextIndex *lines;
	guint line_hint; /* the line of the last position asked: they come in document order */
	gboolean have_offsets; /* every node's valueint holds its offset + 1 (see plan_json_map_offsets) */
	GString *path;
	GPtrArray *problems; /* char*: one line each */
	GArray *problem_offsets; /* gsize: where each of problems is in the text */
	guint n_problems;
	/* problems->len when the reading of the root began: the streamed elements' problems come
	 * first, and each part keeps its own first PLAN_LOADER_MAX_PROBLEMS (see
	 * plan_loader_in_order) */
	guint root_problems;
	GPtrArray *warnings; /* PlanDiagnostic */
	PlanModel *model;    /* the model the streamed elements go into */
	gboolean streamed;   /* some root array went element by element */
} PlanLoader;

/* @node's line and column (0, 0 when it has none) */
PlanLoc plan_loader_loc(PlanLoader *loader, const cJSON *node);
/* records a problem that makes the model unreadable, at @node, under the current path */
void plan_loader_problem(PlanLoader *loader, const cJSON *node, const char *format, ...)
	G_GNUC_PRINTF(3, 4);
/* @node, an object, into @target by @schema: required fields, known fields, unknown-field
 * warnings, duplicate keys */
void plan_loader_read_object(PlanLoader *loader, const cJSON *node, const PlanSchema *schema,
			     gpointer target);
/* element @index of an array of @schema objects, appended to @out: in @block, when the
 * schema puts the elements side by side, else made on its own */
void plan_loader_read_element(PlanLoader *loader, const cJSON *item, guint index,
			      const PlanSchema *schema, GPtrArray *out, guint8 *block);

/* the path's appends and cuts, inlined: through g_string_append and g_string_truncate they
 * were a tenth of reading a large model's elements (issue 18) */
static inline void
plan_loader_path_append(PlanLoader *loader, const char *text, gsize n)
{
	GString *path = loader->path;

	if (G_UNLIKELY(path->len + n >= path->allocated_len)) {
		gsize len = path->len;
		g_string_set_size(path, len + n);
		path->len = len;
	}
	memcpy(path->str + path->len, text, n);
	path->len += n;
	path->str[path->len] = '\0';
}

static inline void
plan_loader_path_cut(PlanLoader *loader, gsize mark)
{
	loader->path->len = mark;
	loader->path->str[mark] = '\0';
}

G_END_DECLS
