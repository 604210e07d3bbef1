/* ecsplan: reading and writing models as JSON (the only module that uses cJSON for input) */
#pragma once

#include <glib.h>

#include "model.h"

G_BEGIN_DECLS

/* limits on input, so that no file can make the loader misbehave */
#define PLAN_MODEL_MAX_BYTES (256u * 1024u * 1024u)
#define PLAN_MODEL_MAX_DEPTH 64u
#define PLAN_MODEL_MAX_STRING 65536u
#define PLAN_MODEL_MAX_COUNT 1000000 /* tasks, instances, counts of anything */

/* the built-in example model (seed 000), embedded as a GResource */
#define PLAN_MODEL_BUILTIN "seed000-off-to-the-cloud"

/* Reads a model. Problems that make the model unreadable (syntax, types, ranges, missing
 * required fields) fail with PLAN_ERROR_INVALID_MODEL and a message of one line per problem,
 * "file:line:column: path: what was expected"; all of them, not only the first. Warnings
 * (field-unknown) go to the model's load_diagnostics. */
PlanModel *plan_model_load_file(const char *filename, GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* what a load may leave out; the default computes everything */
typedef enum {
	PLAN_MODEL_LOAD_DEFAULT = 0,
	/* no model->sha256: hashing the bytes is a tenth of a large model's validation, and only
	 * the report prints it */
	PLAN_MODEL_LOAD_NO_CHECKSUM = 1 << 0,
} PlanModelLoadFlags;
PlanModel *plan_model_load_data_with_flags(const char *data, gsize length,
					   const char *display_name, PlanModelLoadFlags flags,
					   GError **error) G_GNUC_WARN_UNUSED_RESULT;
PlanModel *plan_model_load_data(const char *data, gsize length, const char *display_name,
				GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* @name: an example under models/examples/ without ".json"; NULL for the default */
PlanModel *plan_model_load_builtin(const char *name, GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* the names of the built-in examples, sorted */
GStrv plan_model_builtin_names(void) G_GNUC_WARN_UNUSED_RESULT;

/* Writes a model as JSON text in the loader's field order; fields equal to their default are
 * left out. Returns: (transfer full): the text, or NULL with @error set when cJSON cannot print
 * it (out of memory, or over its 2 GiB limit) */
char *plan_model_to_json(const PlanModel *model, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* the model's JSON Schema (draft 2020-12), from the loader's field tables (schema-json.c).
 * Returns: (transfer full) */
char *plan_model_schema_to_json(void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
