/* ecsplan: `aws ec2 describe-instance-types` output -> the instance table of a price book
 * (docs/prices.md, "Refreshing the instance table"). The output is one JSON object
 * {"InstanceTypes": [...], "NextToken"?: ...} per page; a file may hold several pages back to
 * back, and several files may be read into one import. */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "pricebook.h"

G_BEGIN_DECLS

/* a file of describe-instance-types output is at most this big (all types of a region in one
 * page are about 4 MiB) */
#define PLAN_INSTANCE_IMPORT_MAX_BYTES (64u * 1024u * 1024u)

typedef struct _PlanInstanceImport PlanInstanceImport;

PlanInstanceImport *plan_instance_import_new(void) G_GNUC_WARN_UNUSED_RESULT;
void plan_instance_import_free(PlanInstanceImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanInstanceImport, plan_instance_import_free)

/* TRUE when @data (the first bytes of a file are enough) starts like describe-instance-types
 * output: a JSON object whose first member is "InstanceTypes" */
gboolean plan_instance_import_sniff(const char *data, gsize length);
/* the same for the start of a file; FALSE when it cannot be read */
gboolean plan_instance_import_sniff_file(const char *filename);

/* reads every page of @data; @name is used in messages. PLAN_ERROR_INVALID_MODEL (exit 2) with
 * "name:line:column: InstanceTypes[i].Field: what was expected" for text that is not JSON,
 * pages that are not describe-instance-types output, or a type whose figures are missing or
 * out of range; PLAN_ERROR_LIMIT for a file over PLAN_INSTANCE_IMPORT_MAX_BYTES */
gboolean plan_instance_import_data(PlanInstanceImport *import, const char *data, gsize length,
				   const char *name, GError **error);
gboolean plan_instance_import_file(PlanInstanceImport *import, const char *filename,
				   GError **error);

/* how many types were read (a type given twice counts once: the last one read wins) */
guint plan_instance_import_count(const PlanInstanceImport *import);
/* the types left out and why ("mac2.metal (macOS only)"), sorted. Returns: (transfer none) */
const GPtrArray *plan_instance_import_skipped(const PlanInstanceImport *import);

/* the imported types as a price-book "instances" object, with the "sources" they cite, added
 * to @root (a book document being written). Figures describe-instance-types does not give (the
 * ECS task limits with trunking, the T types' credits) are kept from @builtin when it has the
 * type with the same ENI count; else the trunked limit is 0 (unconfirmed) and the no-trunk
 * limit is max ENIs - 1 (derived). Types in @root's "instances" already are replaced. */
void plan_instance_import_add_to(const PlanInstanceImport *import, const PlanPriceBook *builtin,
				 cJSON *root);

G_END_DECLS
