/* ecsplan: positions in JSON text. cJSON keeps no source positions, so the loader scans the
 * text once for the start of every value, in document order, which is also the order of a
 * pre-order walk of the parsed tree; the two are zipped to give each node its line:column. */
#pragma once

#include <glib.h>

#include "model.h"

G_BEGIN_DECLS

/* line starts of a text, for offset -> line:column */
typedef struct _PlanTextIndex PlanTextIndex;

PlanTextIndex *plan_text_index_new(const char *text, gsize length) G_GNUC_WARN_UNUSED_RESULT;
void plan_text_index_free(PlanTextIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanTextIndex, plan_text_index_free)
/* 1-based line and byte column of @offset */
PlanLoc plan_text_index_loc(const PlanTextIndex *index, gsize offset);
/* the same, stepping from the line in *@hint (updated): for offsets asked in ascending order */
PlanLoc plan_text_index_loc_from(const PlanTextIndex *index, gsize offset, guint *hint);

/* scans @text (any bytes; never reads past @length) and returns the offsets (guint32) of every
 * JSON value start in document order. when the nesting is deeper than @max_depth, returns NULL
 * and sets *@error_offset. the offsets are only meaningful for text a JSON parser accepted. */
GArray *plan_json_value_offsets(const char *text, gsize length, guint max_depth,
				gsize *error_offset) G_GNUC_WARN_UNUSED_RESULT;

/* the same, and the text's line index (as plan_text_index_new() builds it) from the same
 * pass, in *@lines (optional) when the scan succeeds */
GArray *plan_json_scan(const char *text, gsize length, guint max_depth, gsize *error_offset,
		       PlanTextIndex **lines) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
