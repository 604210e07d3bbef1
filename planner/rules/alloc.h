/* ecsplan: subnet allocation — fills subnets whose cidr is "auto" with aligned free blocks */
#pragma once

#include <glib.h>

#include "compute.h"
#include "model.h"

G_BEGIN_DECLS

typedef struct {
	guint reserve_azs; /* keep room, per tier, for this many more AZs of the tier's size */
	double headroom;   /* "size": "auto" asks for peak addresses × headroom (default 2) */
	const PlanCompute *compute; /* nullable: the clusters' sizing, for instance addresses */
} PlanAllocOptions;

#define PLAN_ALLOC_DEFAULT_HEADROOM 2.0

/* one block handed out (a plain record) */
typedef struct {
	guint vpc_index;
	gint subnet_index; /* -1 for a block held back for a future AZ (--reserve-azs) */
	PlanTier tier;
	PlanPrefix prefix;
	gint64 usable;
	char *reason; /* how the size was chosen, e.g. "peak 19 × 2.0 headroom = 38 → /26" */
} PlanAllocation;

void plan_allocation_clear(PlanAllocation *allocation);

/* Allocates every "auto" subnet of every VPC in place (cidr becomes the block, size is
 * cleared), largest blocks first so free space stays in one piece, never moving a subnet that
 * has a CIDR. Returns: (transfer full) a GArray of PlanAllocation in allocation order, or NULL
 * with PLAN_ERROR_NO_SPACE saying how many addresses are missing, or PLAN_ERROR_INVALID_VALUE
 * when a size cannot be honoured. The model is unchanged on failure. */
GArray *plan_alloc(PlanModel *model, const PlanAllocOptions *options, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
