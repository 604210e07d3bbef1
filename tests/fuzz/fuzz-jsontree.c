/* ecsplan: libFuzzer target for the loader's one-pass parser (planner/model/jsontree.c), against
 * the path it stands in for: plan_json_scan() for positions and nesting, cJSON for the tree.
 * Declining (NULL) is always allowed; whatever it accepts, the old path must accept too and
 * build the same tree: types, keys, strings, numbers to the bit, positions, links, and the same
 * line:column for every value and for the end of the text. Then the streamed parse (the
 * loader's): each element it hands over is the whole tree's element at the same place, every
 * element of the streamed arrays is handed over once, and the root's other members are the
 * same. */
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fuzz.h"
#include "json-arena.h"
#include "json-util.h"
#include "jsonpos.h"
#include "jsontree.h"
#include "text.h"

#define FUZZ_MAX_DEPTH 64u

FUZZ_DEFINE_INITIALIZE

static void
fuzz_same_loc(const PlanTextIndex *fast, const PlanTextIndex *old, gsize offset)
{
	PlanLoc a = plan_text_index_loc(fast, offset);
	PlanLoc b = plan_text_index_loc(old, offset);

	if (a.line != b.line || a.column != b.column)
		g_error("offset %" G_GSIZE_FORMAT ": %u:%u, cJSON's path says %u:%u", offset,
			a.line, a.column, b.line, b.column);
}

static void
fuzz_same_tree(const cJSON *fast, const cJSON *old, const PlanTextIndex *fast_lines,
	       const PlanTextIndex *old_lines)
{
	const cJSON *a = fast;
	const cJSON *b = old;

	for (; a != NULL && b != NULL; a = a->next, b = b->next) {
		if (a->type != b->type)
			g_error("type %d, cJSON %d", a->type, b->type);
		if ((a->string == NULL) != (b->string == NULL) ||
		    (a->string != NULL && strcmp(a->string, b->string) != 0))
			g_error("key '%s', cJSON '%s'", a->string ? a->string : "(none)",
				b->string ? b->string : "(none)");
		if ((a->valuestring == NULL) != (b->valuestring == NULL) ||
		    (a->valuestring != NULL && strcmp(a->valuestring, b->valuestring) != 0))
			g_error("string '%s', cJSON '%s'", a->valuestring ? a->valuestring : "(none)",
				b->valuestring ? b->valuestring : "(none)");
		if (a->type == cJSON_Number &&
		    memcmp(&a->valuedouble, &b->valuedouble, sizeof(double)) != 0)
			g_error("number %.17g, cJSON %.17g", a->valuedouble, b->valuedouble);
		if (a->valueint != b->valueint)
			g_error("position %d, cJSON's path %d", a->valueint, b->valueint);
		g_assert(a->valueint > 0);
		fuzz_same_loc(fast_lines, old_lines, (gsize)a->valueint - 1);
		if ((a->child == NULL) != (b->child == NULL))
			g_error("children differ");
		if (a->child != NULL) {
			/* cJSON's first child points back at the last one */
			const cJSON *last_a = a->child;
			const cJSON *last_b = b->child;
			while (last_a->next != NULL)
				last_a = last_a->next;
			while (last_b->next != NULL)
				last_b = last_b->next;
			g_assert((a->child->prev == last_a) == (b->child->prev == last_b));
			fuzz_same_tree(a->child, b->child, fast_lines, old_lines);
		}
		if (a->next != NULL)
			g_assert(a->next->prev == a);
	}
	if (a != NULL || b != NULL)
		g_error("a different number of children");
}

/* "" too: a key fuzzing finds at once */
static const char *const fuzz_stream_keys[] = {"vpcs", "services", "a", "", NULL};

typedef struct {
	const cJSON *root; /* the whole tree */
	const PlanTextIndex *lines;
	guint seen;
} FuzzStream;

/* the element of one of the whole tree's root arrays at @element's place, index for index */
static void
fuzz_stream_sink(const PlanJsonTreeItem *item, gpointer user_data)
{
	FuzzStream *stream = user_data;
	const cJSON *whole = NULL;
	cJSON a;
	cJSON b;

	g_assert(cJSON_IsObject(stream->root));
	for (const cJSON *member = stream->root->child; member != NULL && whole == NULL;
	     member = member->next) {
		const cJSON *nth = cJSON_IsArray(member) ? member->child : NULL;
		for (guint i = 0; nth != NULL && i < item->index; i++)
			nth = nth->next;
		if (nth != NULL && nth->valueint == item->element->valueint &&
		    strcmp(member->string, fuzz_stream_keys[item->key]) == 0)
			whole = nth;
	}
	if (whole == NULL)
		g_error("streamed element %u of '%s' is not in the whole tree", item->index,
			fuzz_stream_keys[item->key]);
	/* the element alone: its siblings are not the sink's */
	a = *item->element;
	b = *whole;
	a.next = NULL;
	b.next = NULL;
	fuzz_same_tree(&a, &b, item->lines, stream->lines);
	stream->seen++;
}

static void
fuzz_same_streamed(const char *text, size_t size, const cJSON *whole,
		   const PlanTextIndex *whole_lines)
{
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;
	FuzzStream stream = {whole, whole_lines, 0};
	PlanJsonTreeStream options = {fuzz_stream_keys, fuzz_stream_sink, &stream};
	const cJSON *root =
	    plan_json_tree_parse_streamed(text, size, FUZZ_MAX_DEPTH, arena, &options, &lines);
	const cJSON *a;
	const cJSON *b;
	guint handed = 0;

	if (root == NULL)
		g_error("the streamed parse declines what the whole parse accepts");
	if (!cJSON_IsObject(root)) {
		g_assert(stream.seen == 0);
		return;
	}
	/* the same members, but each streamed array empty: its elements went to the sink */
	for (a = root->child, b = whole->child; a != NULL && b != NULL; a = a->next, b = b->next) {
		g_assert(a->type == b->type && a->valueint == b->valueint);
		if (cJSON_IsArray(a) && a->child == NULL)
			for (const cJSON *item = b->child; item != NULL; item = item->next)
				handed++;
		else if (a->child != NULL)
			fuzz_same_tree(a->child, b->child, lines, whole_lines);
	}
	g_assert(a == NULL && b == NULL);
	if (handed != stream.seen)
		g_error("%u elements handed over, %u in the streamed arrays", stream.seen, handed);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanJsonArena) old_arena = NULL;
	g_autoptr(PlanTextIndex) lines = NULL;
	g_autoptr(PlanTextIndex) old_lines = NULL;
	g_autoptr(GArray) offsets = NULL;
	const char *end = NULL;
	gsize error_offset = 0;
	cJSON *fast;
	cJSON *old;

	fast = plan_json_tree_parse(text, size, FUZZ_MAX_DEPTH, arena, &lines);
	if (fast == NULL) {
		g_assert(lines == NULL);
		return 0;
	}
	/* what it accepts is UTF-8 without a NUL: its callers check that only when it declines */
	if (!plan_text_utf8_validate(text, size, NULL))
		g_error("accepted text that is not UTF-8, or holds a NUL byte");
	offsets = plan_json_scan(text, size, FUZZ_MAX_DEPTH, &error_offset, &old_lines);
	if (offsets == NULL)
		g_error("accepted nesting the scan refuses at offset %" G_GSIZE_FORMAT,
			error_offset);
	old_arena = plan_json_arena_push();
	old = cJSON_ParseWithLengthOpts(text, size, &end, FALSE);
	plan_json_arena_pop(old_arena);
	if (old == NULL)
		g_error("accepted text cJSON refuses");
	for (const char *at = end; at < text + size; at++) {
		if ((guchar)*at > 32)
			g_error("accepted text after the value");
	}
	plan_json_map_offsets(old, offsets);
	fuzz_same_tree(fast, old, lines, old_lines);
	fuzz_same_loc(lines, old_lines, size);
	fuzz_same_streamed(text, size, fast, lines);
	return 0;
}
