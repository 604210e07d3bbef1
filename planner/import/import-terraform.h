/* ecsplan: Terraform import — the output of `terraform show -json` (a saved plan or a state)
 * becomes a PlanModel. docs/terraform.md describes what is mapped and how links are found. */
#pragma once

#include <glib.h>

#include "model.h"

G_BEGIN_DECLS

/* options of one import; a plain record, zero-initialised means "no overrides" */
typedef struct {
	const char *region; /* when not NULL, used instead of the region the plan names */
} PlanImportOptions;

/* TRUE when @data looks like `terraform show -json` output rather than an ecsplan model: a
 * JSON object with no "ecsplan" key and at least one of the keys Terraform writes at the top
 * ("format_version", "planned_values", "values", "prior_state", ...). Reads only the top-level
 * keys, never parses values, and stops at the "ecsplan" key of a model. */
gboolean plan_import_is_terraform(const char *data, gsize length);

/* Imports a plan or a state. Problems that make the input unusable (not JSON, no or an unknown
 * major format_version, values of the wrong JSON type, reference cycles) fail with
 * PLAN_ERROR_INVALID_MODEL, one "file:line:column: path: message" line per problem. What the
 * importer could not map (unresolved links, resources it does not model, deletions) becomes
 * findings in the model's load_diagnostics, and a copy in @findings when it is not NULL. */
PlanModel *plan_import_terraform(const char *data, gsize length, const char *display_name,
				 const PlanImportOptions *options, GPtrArray *findings,
				 GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* the model element name the importer gives a Terraform address ("module.vpc.aws_subnet.
 * private[0]" -> "vpc-private-0"), before names are made unique. Returns: (transfer full) */
char *plan_import_name_from_address(const char *address) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
