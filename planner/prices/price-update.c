/* the price cache and its update (price-update.h): offer files are fetched with libcurl (one
 * code path for every offer; loaded on the first fetch, planner/base/dynlib.h) into a temporary folder beside the cache, imported with
 * offer-import.c, and the book replaces the cache file by rename, so a reader sees the old book
 * or the new one, never half of either, and a failed update leaves the old one */
#include "price-update.h"

#include <curl/curl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dynlib.h"
#include "offer-import.h"
#include "plan-error.h"
#include "pricebook.h"

static const char *const update_offers[] = {
    "AmazonEC2",       "AmazonECS",		"AWSELB",     "AmazonVPC",
    "AWSDataTransfer", PLAN_SAVINGS_PLAN_OFFER, PLAN_SPOT_ADVISOR, NULL};

/* where @offer of @region is fetched from and the name it has in a --from folder:
 * bulk offers and the Savings Plans file from the Price List endpoint, the Spot Advisor file
 * (one for every region) from its own address, or from the test endpoint when one is given */
static void
update_source(const PlanPriceUpdateOptions *options, const char *offer, const char *region,
	      char **url, char **name)
{
	const char *endpoint = options->endpoint != NULL ? options->endpoint : PLAN_PRICE_ENDPOINT;

	if (strcmp(offer, PLAN_SPOT_ADVISOR) == 0) {
		*name = g_strdup("spot-advisor-data.json");
		*url = options->endpoint != NULL
			   ? g_strdup_printf("%s/spot-advisor-data.json", options->endpoint)
			   : g_strdup(PLAN_SPOT_ADVISOR_URL);
		return;
	}
	*name = g_strdup_printf("%s-%s.json", offer, region);
	if (strcmp(offer, PLAN_SAVINGS_PLAN_OFFER) == 0)
		*url = g_strdup_printf("%s/savingsPlan/v1.0/aws/%s/current/%s/index.json", endpoint,
				       offer, region);
	else
		*url = g_strdup_printf("%s/offers/v1.0/aws/%s/current/%s/index.json", endpoint,
				       offer, region);
}

/* ---- fetching ----------------------------------------------------------------------------- */

static size_t
update_write(char *data, size_t size, size_t count, void *user)
{
	GOutputStream *out = user;
	gsize written = 0;

	if (!g_output_stream_write_all(out, data, size * count, &written, NULL, NULL))
		return 0;
	return written;
}

/* the libcurl functions this file calls, typed by curl.h; filled once by update_curl() */
typedef struct {
	__typeof__(curl_easy_init) *init;
	__typeof__(curl_easy_setopt) *setopt;
	__typeof__(curl_easy_perform) *perform;
	__typeof__(curl_easy_getinfo) *getinfo;
	__typeof__(curl_easy_cleanup) *cleanup;
	__typeof__(curl_easy_strerror) *error_text;
} UpdateCurl;

static UpdateCurl update_curl_api;

static gpointer
update_curl_load(gpointer data)
{
	GError **error = data;
	UpdateCurl *api = &update_curl_api;
	/* through pointers, curl_easy_setopt() and curl_easy_getinfo() are not type-checked as
	 * curl.h's macros check them: each option below is given the type curl's manual names */
	const PlanDynSymbol symbols[] = {
	    {"curl_easy_init", (gpointer *)&api->init},
	    {"curl_easy_setopt", (gpointer *)&api->setopt},
	    {"curl_easy_perform", (gpointer *)&api->perform},
	    {"curl_easy_getinfo", (gpointer *)&api->getinfo},
	    {"curl_easy_cleanup", (gpointer *)&api->cleanup},
	    {"curl_easy_strerror", (gpointer *)&api->error_text},
	};

	if (!plan_dynlib_load("libcurl.so.4", "libcurl4", symbols, G_N_ELEMENTS(symbols), error))
		return NULL;
	return api;
}

/* libcurl's functions, loaded the first time; NULL with @error set when it cannot be loaded */
static const UpdateCurl *
update_curl(GError **error)
{
	static PlanDynlibOnce once = PLAN_DYNLIB_ONCE_INIT;

	return plan_dynlib_once(&once, update_curl_load, error);
}

/* @url into @path, streamed: the file is never held in memory */
static gboolean
update_fetch(const char *url, const char *path, guint timeout_s, GError **error)
{
	const UpdateCurl *api = update_curl(error);
	g_autoptr(GFile) file = g_file_new_for_path(path);
	g_autoptr(GFileOutputStream) out = NULL;
	char message[CURL_ERROR_SIZE] = "";
	CURL *curl;
	CURLcode code;
	long status = 0;

	if (api == NULL)
		return FALSE;
	out = g_file_replace(file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
	if (out == NULL)
		return FALSE;
	curl = api->init();
	if (curl == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot start an HTTP transfer");
		return FALSE;
	}
	api->setopt(curl, CURLOPT_URL, url);
	api->setopt(curl, CURLOPT_WRITEFUNCTION, update_write);
	api->setopt(curl, CURLOPT_WRITEDATA, out);
	api->setopt(curl, CURLOPT_ERRORBUFFER, message);
	api->setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
	api->setopt(curl, CURLOPT_MAXREDIRS, 5L);
	api->setopt(curl, CURLOPT_NOSIGNAL, 1L);
	api->setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)timeout_s);
	/* a server that stops sending: less than 1 byte a second for @timeout_s fails */
	api->setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	api->setopt(curl, CURLOPT_LOW_SPEED_TIME, (long)timeout_s);
	api->setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	api->setopt(curl, CURLOPT_USERAGENT, "ecsplan");
	code = api->perform(curl);
	api->getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	api->cleanup(curl);
	if (code != CURLE_OK) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot fetch '%s': %s", url,
			    message[0] != '\0' ? message : api->error_text(code));
		return FALSE;
	}
	if (status != 200) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO,
			    "cannot fetch '%s': the server answered HTTP %ld", url, status);
		return FALSE;
	}
	return g_output_stream_close(G_OUTPUT_STREAM(out), NULL, error);
}

/* ---- the update --------------------------------------------------------------------------- */

/* removes the temporary folder and what is in it */
static void
update_remove_dir(const char *dir)
{
	g_autoptr(GDir) handle = g_dir_open(dir, 0, NULL);
	const char *name;

	while (handle != NULL && (name = g_dir_read_name(handle)) != NULL) {
		g_autofree char *path = g_build_filename(dir, name, NULL);
		g_unlink(path);
	}
	g_rmdir(dir);
}

/**
 * plan_price_update:
 * @region: an AWS region
 * @options: (nullable): where the files come from
 * Returns: TRUE, or FALSE with @error set and the cache file untouched
 */
gboolean
plan_price_update(const char *region, const PlanPriceUpdateOptions *options, char **summary,
		  GError **error)
{
	static const PlanPriceUpdateOptions defaults = {0};
	const char *const *offers;
	g_autofree char *cache_path = NULL;
	g_autofree char *cache_dir = NULL;
	g_autofree char *work = NULL;
	g_autoptr(PlanOfferImport) import = NULL;
	g_autoptr(PlanPriceBook) specs = NULL;
	g_autoptr(PlanPriceBook) check = NULL;
	g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func(g_free);
	g_autofree char *text = NULL;
	g_autoptr(GError) local_error = NULL;
	guint timeout_s;
	guint n_read = 0;
	guint n_regional = 0; /* the Spot Advisor file is there for every region: not counted */
	gboolean ok = TRUE;

	g_return_val_if_fail(region != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
	if (options == NULL)
		options = &defaults;
	offers = options->offers != NULL ? options->offers : update_offers;
	timeout_s = options->timeout_s > 0 ? options->timeout_s : 30;
	/* the built-in specs, not the cached book: an update must be able to replace a bad one */
	specs = plan_price_book_load_builtin_specs(region, error);
	if (specs == NULL)
		return FALSE;

	cache_path = plan_price_cache_path(region);
	cache_dir = g_path_get_dirname(cache_path);
	if (g_mkdir_with_parents(cache_dir, 0700) != 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot make the cache folder '%s'",
			    cache_dir);
		return FALSE;
	}
	work = g_build_filename(cache_dir, ".update-XXXXXX", NULL);
	if (g_mkdtemp(work) == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot make a folder in '%s'",
			    cache_dir);
		return FALSE;
	}
	import = plan_offer_import_new(region);
	for (guint i = 0; ok && offers[i] != NULL; i++) {
		g_autofree char *name = NULL;
		g_autofree char *url = NULL;
		g_autofree char *path = NULL;

		update_source(options, offers[i], region, &url, &name);
		if (options->from_dir != NULL) {
			path = g_build_filename(options->from_dir, name, NULL);
			/* an air-gapped copy may hold some offers only */
			if (!g_file_test(path, G_FILE_TEST_EXISTS))
				continue;
		} else {
			path = g_build_filename(work, name, NULL);
			ok = update_fetch(url, path, timeout_s, error);
			if (!ok)
				break;
		}
		ok = plan_offer_import_file(import, path, error);
		n_read++;
		if (strcmp(offers[i], PLAN_SPOT_ADVISOR) != 0)
			n_regional++;
	}
	update_remove_dir(work);
	if (!ok)
		return FALSE;
	if (n_regional == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO,
			    "no offer file for '%s' in '%s' (expected names like "
			    "AmazonEC2-%s.json)",
			    region, options->from_dir, region);
		return FALSE;
	}
	text = plan_offer_import_to_book(import, specs, skipped, error);
	if (text == NULL)
		return FALSE;
	check = plan_price_book_load_data(text, strlen(text), cache_path, region, &local_error);
	if (check == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the imported book does not read back: %s", local_error->message);
		return FALSE;
	}
	/* g_file_set_contents writes a temporary file and renames it over the old one */
	if (!g_file_set_contents(cache_path, text, -1, &local_error)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot write '%s': %s", cache_path,
			    local_error->message);
		return FALSE;
	}
	if (summary != NULL) {
		g_autoptr(GPtrArray) figures = plan_offer_import_figures(import);
		*summary = g_strdup_printf("%s: %u figures from %u offer %s into %s", region,
					   figures->len - skipped->len, n_read,
					   n_read == 1 ? "file" : "files", cache_path);
	}
	return TRUE;
}
