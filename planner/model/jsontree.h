/* ecsplan: a JSON parser for the loader's common case that builds the same cJSON tree as
 * cJSON_ParseWithLengthOpts, with every node's position, in one pass (issue 18). it takes
 * plain RFC 8259 JSON only (\u escapes of the Basic Multilingual Plane decoded to UTF-8 as
 * cJSON decodes them); anything else (a syntax error, a surrogate or U+0000 escape, a raw
 * control byte in a string, a byte order mark, nesting past the limit, text that is not UTF-8,
 * a NUL byte anywhere) makes it return NULL,
 * and the caller takes the old path (plan_json_scan, then cJSON), which accepts what cJSON
 * accepts and words every error as before. */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "json-arena.h"
#include "jsonpos.h"

G_BEGIN_DECLS

/**
 * plan_json_tree_parse:
 * @text: (array length=length): the text (need not end in NUL)
 * @max_depth: nesting deeper than this returns NULL, as plan_json_scan() refuses it
 * @arena: where the nodes and strings go; the tree lives as long as the arena
 * @lines: (out) (transfer full): the text's line index, when the parse succeeds
 *
 * Every node's valueint is its value's offset in @text + 1, as plan_json_map_offsets() sets it
 * from plan_json_scan(); the rest of each node (type, strings, valuedouble, links) is what
 * cJSON would have built. Only white space (bytes 1 to 32, as cJSON skips them) may follow
 * the value. What it accepts is valid UTF-8 without a NUL byte, so a caller need check that
 * only when it declines.
 *
 * Returns: (transfer none) (nullable): the root, or NULL when the text is not plain JSON
 */
cJSON *plan_json_tree_parse(const char *text, gsize length, guint max_depth,
			    PlanJsonArena *arena, PlanTextIndex **lines);

/* one element of an array plan_json_tree_parse_streamed() hands over */
typedef struct {
	guint key;		    /* the array's key: its index in PlanJsonTreeStream.keys */
	guint index;		    /* the element's index in the array */
	const cJSON *element;	    /* valid during the call only: its memory is reused next */
	const PlanTextIndex *lines; /* the line index so far, which covers the element */
} PlanJsonTreeItem;

typedef void (*PlanJsonTreeSink)(const PlanJsonTreeItem *item, gpointer user_data);

/* which arrays to hand over element by element */
typedef struct {
	const char *const *keys; /* NULL-terminated; at most 64: members of the root object */
	PlanJsonTreeSink sink;
	gpointer user_data;
} PlanJsonTreeStream;

/**
 * plan_json_tree_parse_streamed:
 * @stream: (nullable): the root object's arrays to stream
 *
 * plan_json_tree_parse(), but the first member of the root object named by one of
 * @stream's keys whose value is an array is not kept whole: each element, once parsed, goes
 * to the sink, then its memory is reused for the next, and the tree holds an empty array in
 * its place (with its position). A reader that builds its own objects from each element keeps
 * one element's nodes, warm in the cache, instead of the whole array's: for a 100,000-subnet
 * model, 64 KB instead of 52 MB (issue 18). When this returns NULL (the text is not plain
 * JSON, or not only), the sink may already have seen elements: the caller drops what it built
 * from them.
 */
cJSON *plan_json_tree_parse_streamed(const char *text, gsize length, guint max_depth,
				     PlanJsonArena *arena, const PlanJsonTreeStream *stream,
				     PlanTextIndex **lines);

G_END_DECLS
