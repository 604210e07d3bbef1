#include "dynlib.h"

#include <gmodule.h>

#include "plan-error.h"

gboolean
plan_dynlib_load(const char *soname, const char *package, const PlanDynSymbol *symbols,
		 guint n_symbols, GError **error)
{
	GModule *module;

	g_return_val_if_fail(soname != NULL && package != NULL, FALSE);
	g_return_val_if_fail(symbols != NULL || n_symbols == 0, FALSE);

	module = g_module_open(soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
	if (module == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "cannot load %s (%s); install the Debian package %s (make run and make "
			    "test install it)",
			    soname, g_module_error(), package);
		return FALSE;
	}
	/* its functions are called until the process exits */
	g_module_make_resident(module);
	for (guint i = 0; i < n_symbols; i++) {
		if (!g_module_symbol(module, symbols[i].name, symbols[i].address) ||
		    *symbols[i].address == NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "%s has no function %s: it is older than ecsplan needs; "
				    "update the Debian package %s",
				    soname, symbols[i].name, package);
			return FALSE;
		}
	}
	return TRUE;
}

gconstpointer
plan_dynlib_once(PlanDynlibOnce *once, GThreadFunc load, GError **error)
{
	gconstpointer table = g_once(&once->once, load, &once->error);

	if (table == NULL)
		g_propagate_error(error, g_error_copy(once->error));
	return table;
}
