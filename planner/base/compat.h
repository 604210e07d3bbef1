/* ecsplan: autoptr cleanups for foreign types, declared once */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cJSON, cJSON_Delete)
