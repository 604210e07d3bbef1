/* ecsplan: small helpers shared by every module that reads JSON with cJSON */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

/* "a string", "a number", "true", "an object", ...: for "expected X, got Y" messages */
const char *plan_json_type_name(const cJSON *node);

G_END_DECLS
