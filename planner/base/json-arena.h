/* ecsplan: a bump arena for cJSON trees. cJSON allocates every node and every string with its
 * own malloc: a model of 100,000 subnets makes about 1.5 million of them, which cost more than
 * the parsing itself. between push and pop, cJSON allocates from the arena; the trees built
 * meanwhile are released all at once when the arena is freed, never with cJSON_Delete.
 * cJSON's hooks are process-wide, so arenas are used from one thread at a time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PlanJsonArena PlanJsonArena;

/* an arena without cJSON's hooks, for plan_json_arena_take(); returns: (transfer full) */
PlanJsonArena *plan_json_arena_new(void) G_GNUC_WARN_UNUSED_RESULT;
/* installs the arena's hooks; returns: (transfer full) */
PlanJsonArena *plan_json_arena_push(void) G_GNUC_WARN_UNUSED_RESULT;
/* restores cJSON's default allocator; the arena's memory stays valid until it is freed */
void plan_json_arena_pop(PlanJsonArena *arena);
void plan_json_arena_free(PlanJsonArena *arena);
/* a block from @arena directly, for a parser that builds cJSON nodes itself */
gpointer plan_json_arena_take(PlanJsonArena *arena, gsize size);
/* a point in an arena to come back to: what plan_json_arena_rewind() needs */
typedef struct {
	gconstpointer chunks;
	guint8 *next;
	gsize left;
	gsize chunk_size;
} PlanJsonArenaMark;

void plan_json_arena_mark(const PlanJsonArena *arena, PlanJsonArenaMark *mark);
/* gives back every block taken since @mark, to be taken again: a parser that hands each
 * element of a long array to a reader and forgets it (jsontree.c) keeps one element's
 * memory, warm in the cache, instead of the whole array's */
void plan_json_arena_rewind(PlanJsonArena *arena, const PlanJsonArenaMark *mark);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanJsonArena, plan_json_arena_free)

G_END_DECLS
