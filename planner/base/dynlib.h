/* ecsplan: libraries loaded when first needed. libcurl (`prices update`) and librsvg with
 * cairo (PNG and PDF output) bring some 55 more shared libraries (TLS, Kerberos, LDAP, X11,
 * fonts) whose loading and constructors cost every run 10 ms, whatever the command: linked, a
 * `validate` started in 15.6 ms, loaded on use in 5 ms (issue 18). A caller lists the functions
 * it uses with their types from the library's own header, and calls them through the
 * pointers this fills. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* one function of a library: its name and where its address goes */
typedef struct {
	const char *name;
	gpointer *address;
} PlanDynSymbol;

/**
 * plan_dynlib_load:
 * @soname: the library's file name, as the dynamic linker finds it ("libcurl.so.4")
 * @package: the Debian package that has it, for the message when it is missing
 * @symbols: (array length=n_symbols): the functions to look up
 *
 * Opens @soname (kept for the life of the process) and fills every symbol's address, or sets
 * @error (PLAN_ERROR_FAILED) naming the library, what failed and the package to install. Not
 * thread-safe on its own: callers load once (g_once).
 *
 * Returns: whether every symbol was found
 */
gboolean plan_dynlib_load(const char *soname, const char *package, const PlanDynSymbol *symbols,
			  guint n_symbols, GError **error);

/* a caller's table of functions, loaded once per process */
typedef struct {
	GOnce once;
	GError *error; /* why the load failed, for every later call */
} PlanDynlibOnce;

#define PLAN_DYNLIB_ONCE_INIT {G_ONCE_INIT, NULL}

/**
 * plan_dynlib_once:
 * @load: fills the caller's table with plan_dynlib_load(); called with a GError ** and returns
 *   the table, or NULL with the error set
 *
 * Returns: (nullable): the table @load returned the first time, or NULL with @error set to a
 * copy of why it failed
 */
gconstpointer plan_dynlib_once(PlanDynlibOnce *once, GThreadFunc load, GError **error);

G_END_DECLS
