/* ecsplan: the model schema — one table per element kind, shared by the loader (reading)
 * and the writer, so that field names, types and defaults live in one place */
#pragma once

#include <glib.h>

#include "model.h"

G_BEGIN_DECLS

typedef enum {
	FIELD_STRING,
	FIELD_BOOL,
	FIELD_INT,
	FIELD_NUMBER,
	FIELD_ENUM,
	FIELD_STRINGS,
	FIELD_CIDR,
	FIELD_CIDR_LIST,
	FIELD_OBJECT,
	FIELD_ARRAY,
	FIELD_NOTES,
	FIELD_SIZE,
	FIELD_PEERINGS,
	FIELD_VERSION,
} PlanFieldKind;

typedef enum {
	FIELD_REQUIRED = 1 << 0,
	FIELD_CIDR_AUTO = 1 << 1, /* "auto" is allowed */
	FIELD_IPV4 = 1 << 2,
	FIELD_IPV6 = 1 << 3,
	FIELD_SCHEDULE = 1 << 4, /* FIELD_STRING: at(...), rate(...) or cron(...) (schedule.h) */
	FIELD_TIME = 1 << 5,	 /* FIELD_STRING: an ISO 8601 date and time, UTC unless given */
} PlanFieldFlags;

typedef struct _PlanSchema PlanSchema;

typedef struct {
	const char *name;
	PlanFieldKind kind;
	gsize offset;
	guint flags;
	gint64 min; /* FIELD_INT / FIELD_NUMBER bounds */
	gint64 max;
	const char *const *values; /* FIELD_ENUM: index = enum value */
	const PlanSchema *schema;  /* FIELD_OBJECT / FIELD_ARRAY */
	/* optional: a guint bitmask in the target that records which fields were given, so that
	 * "not given" and "given as 0" differ (usage figures: cost lists defaults as such).
	 * set_bit 0 means the field has no bit. the writer writes such a field exactly when set */
	gsize set_offset;
	guint set_bit;
} PlanField;

struct _PlanSchema {
	const char *what;            /* "subnet": used in messages */
	gpointer (*create)(void);    /* FIELD_ARRAY elements; NULL for embedded objects */
	GDestroyNotify destroy;
	gsize present_offset;        /* embedded objects: offset of their gboolean "present" */
	const PlanField *fields;
	guint n_fields;
	/* optional, FIELD_ARRAY elements: @n of them in one block owned by @owner (the object
	 * holding the array), each element_size bytes, made as create() makes one */
	gpointer (*create_block)(gpointer owner, guint n);
	gsize element_size;
};

extern const PlanSchema schema_model;

G_END_DECLS
