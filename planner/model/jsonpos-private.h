/* ecsplan: the line index's insides, for the two passes that build it as they go: the value
 * scan (jsonpos.c) and the parser that keeps positions (jsontree.c) */
#pragma once

#include "jsonpos.h"

G_BEGIN_DECLS

struct _PlanTextIndex {
	gsize *starts; /* the offset of the first byte of each line; starts[0] = 0 */
	guint n_starts;
	guint allocated;
};

static inline PlanTextIndex *
plan_text_index_alloc(void)
{
	PlanTextIndex *index = g_new0(PlanTextIndex, 1);

	index->allocated = 1024;
	index->starts = g_new(gsize, index->allocated);
	index->starts[index->n_starts++] = 0;
	return index;
}

static inline void
plan_text_index_add(PlanTextIndex *index, gsize start)
{
	if (G_UNLIKELY(index->n_starts == index->allocated)) {
		if (index->allocated > G_MAXUINT / 2)
			g_error("%s: more than %u lines", G_STRLOC, G_MAXUINT / 2);
		index->allocated *= 2;
		index->starts = g_renew(gsize, index->starts, index->allocated);
	}
	index->starts[index->n_starts++] = start;
}

G_END_DECLS
