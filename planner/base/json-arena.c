#include "json-arena.h"

#include <cjson/cJSON.h>

/* a block of memory and its size */
typedef struct {
	guint8 *data;
	gsize size;
} PlanJsonChunk;

struct _PlanJsonArena {
	GSList *chunks; /* PlanJsonChunk */
	guint8 *next;
	gsize left;
	gsize chunk_size;
	gboolean pushed;
};

static PlanJsonArena *plan_json_arena_active;

/* chunks of freed arenas, kept for the next arena: the model's parse tree and a report's tree
 * are built one after the other, and reusing pages already touched saves the page faults that
 * were a third of the run time. capped, so a long-lived process does not hoard memory. */
static GSList *plan_json_chunk_cache;
static gsize plan_json_chunk_cache_bytes;
#define PLAN_JSON_CHUNK_CACHE_MAX ((gsize)512 * 1024 * 1024)

static PlanJsonChunk *
plan_json_chunk_get(gsize size)
{
	PlanJsonChunk *chunk;

	for (GSList *link = plan_json_chunk_cache; link != NULL; link = link->next) {
		chunk = link->data;
		if (chunk->size >= size) {
			plan_json_chunk_cache = g_slist_delete_link(plan_json_chunk_cache, link);
			plan_json_chunk_cache_bytes -= chunk->size;
			return chunk;
		}
	}
	chunk = g_new(PlanJsonChunk, 1);
	chunk->data = g_malloc(size);
	chunk->size = size;
	return chunk;
}

static void
plan_json_chunk_put(gpointer data)
{
	PlanJsonChunk *chunk = data;

	if (plan_json_chunk_cache_bytes + chunk->size > PLAN_JSON_CHUNK_CACHE_MAX) {
		g_free(chunk->data);
		g_free(chunk);
		return;
	}
	plan_json_chunk_cache_bytes += chunk->size;
	plan_json_chunk_cache = g_slist_prepend(plan_json_chunk_cache, chunk);
}

/**
 * plan_json_arena_take:
 * @size: bytes wanted
 *
 * A block of @size bytes (8-byte aligned: enough for a cJSON node's pointers and double, and
 * 8 bytes of padding less per node than malloc's 16 on average, 3 MB of the 100,000-subnet
 * model's tree) from @arena, pushed or not: a parser that builds cJSON nodes itself
 * (jsontree.c) allocates through this without cJSON's hooks.
 * Returns: (transfer none): the block, valid until the arena is freed
 */
gpointer
plan_json_arena_take(PlanJsonArena *arena, gsize size)
{
	guint8 *block;

	size = (size + 7u) & ~(size_t)7u;
	if (size > arena->left) {
		PlanJsonChunk *chunk = plan_json_chunk_get(MAX(size, arena->chunk_size));
		/* grow geometrically: big files take few chunks, small files little memory */
		arena->chunk_size = MIN(arena->chunk_size * 2, (gsize)64 * 1024 * 1024);
		arena->chunks = g_slist_prepend(arena->chunks, chunk);
		arena->next = chunk->data;
		arena->left = chunk->size;
	}
	block = arena->next;
	arena->next += size;
	arena->left -= size;
	return block;
}

void
plan_json_arena_mark(const PlanJsonArena *arena, PlanJsonArenaMark *mark)
{
	mark->chunks = arena->chunks;
	mark->next = arena->next;
	mark->left = arena->left;
	mark->chunk_size = arena->chunk_size;
}

void
plan_json_arena_rewind(PlanJsonArena *arena, const PlanJsonArenaMark *mark)
{
	/* the chunks taken since the mark go back to the cache, where the next take finds them */
	while (arena->chunks != NULL && (gconstpointer)arena->chunks != mark->chunks) {
		GSList *head = arena->chunks;
		arena->chunks = g_slist_remove_link(head, head);
		plan_json_chunk_put(head->data);
		g_slist_free_1(head);
	}
	arena->next = mark->next;
	arena->left = mark->left;
	arena->chunk_size = mark->chunk_size;
}

static void *
plan_json_arena_alloc(size_t size)
{
	return plan_json_arena_take(plan_json_arena_active, size);
}

static void
plan_json_arena_release(void *pointer)
{
	/* released with the arena */
}

PlanJsonArena *
plan_json_arena_new(void)
{
	PlanJsonArena *arena = g_new0(PlanJsonArena, 1);

	arena->chunk_size = 64 * 1024;
	return arena;
}

PlanJsonArena *
plan_json_arena_push(void)
{
	PlanJsonArena *arena;
	cJSON_Hooks hooks = {plan_json_arena_alloc, plan_json_arena_release};

	g_return_val_if_fail(plan_json_arena_active == NULL, NULL);
	arena = plan_json_arena_new();
	arena->pushed = TRUE;
	plan_json_arena_active = arena;
	cJSON_InitHooks(&hooks);
	return arena;
}

void
plan_json_arena_pop(PlanJsonArena *arena)
{
	g_return_if_fail(arena != NULL && arena == plan_json_arena_active);
	cJSON_InitHooks(NULL);
	plan_json_arena_active = NULL;
	arena->pushed = FALSE;
}

void
plan_json_arena_free(PlanJsonArena *arena)
{
	if (arena == NULL)
		return;
	if (arena->pushed)
		plan_json_arena_pop(arena);
	g_slist_free_full(arena->chunks, plan_json_chunk_put);
	g_free(arena);
}
