/* ecsplan: unit tests for planner/prices/price-update.c and the cache in pricebook.c — a small
 * HTTP server on 127.0.0.1, started by the test on a free port, serves the offer fixtures of
 * tests/prices/, answers 404 for another region and never answers for a third; nothing
 * reaches beyond this machine. $XDG_CACHE_HOME is a fresh temporary folder. */
#include "offer-import.h"
#include "plan-error.h"
#include "price-update.h"
#include "pricebook.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#define USD(whole, nanos) ((PlanNanos)(whole)*PLAN_NANOS_PER_DOLLAR + (PlanNanos)(nanos))

typedef struct {
	GSocket *listener;
	GThread *thread;
	gint stop;
	guint16 port;
	guint n_requests;
} TestServer;

/* "/offers/v1.0/aws/AmazonEC2/current/ap-south-1/index.json" ->
 * tests/prices/AmazonEC2-ap-south-1.json; region sa-east-1: no answer at all (a hung server);
 * anything else: 404 */
static void
test_server_answer(TestServer *server, GSocket *client, const char *path)
{
	g_auto(GStrv) parts = g_strsplit(path, "/", -1);
	g_autofree char *body = NULL;
	gsize length = 0;
	g_autofree char *head = NULL;

	if (g_strv_length(parts) == 8 && strcmp(parts[6], "sa-east-1") == 0) {
		for (guint i = 0; i < 100 && !g_atomic_int_get(&server->stop); i++)
			g_usleep(50000);
		return;
	}
	if (strcmp(path, "/spot-advisor-data.json") == 0) {
		g_autofree char *file =
		    g_test_build_filename(G_TEST_DIST, "prices", "spot-advisor-data.json", NULL);
		g_file_get_contents(file, &body, &length, NULL);
	}
	/* "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/REGION/index.json" too */
	if (g_strv_length(parts) == 8 && strcmp(parts[7], "index.json") == 0) {
		g_autofree char *name = g_strdup_printf("%s-%s.json", parts[4], parts[6]);
		g_autofree char *file = g_test_build_filename(G_TEST_DIST, "prices", name, NULL);
		g_file_get_contents(file, &body, &length, NULL);
	}
	if (body != NULL)
		head = g_strdup_printf("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
				       "Content-Length: %" G_GSIZE_FORMAT
				       "\r\nConnection: close\r\n\r\n",
				       length);
	else
		head = g_strdup(
		    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
	g_socket_send(client, head, strlen(head), NULL, NULL);
	for (gsize sent = 0; body != NULL && sent < length;) {
		gssize n = g_socket_send(client, body + sent, length - sent, NULL, NULL);
		if (n <= 0)
			break;
		sent += (gsize)n;
	}
}

static gpointer
test_server_run(gpointer data)
{
	TestServer *server = data;

	while (!g_atomic_int_get(&server->stop)) {
		g_autoptr(GSocket) client = g_socket_accept(server->listener, NULL, NULL);
		char request[4096];
		gssize n;
		g_auto(GStrv) words = NULL;

		if (client == NULL)
			continue; /* the listener's timeout: look at the stop flag again */
		g_socket_set_timeout(client, 5);
		n = g_socket_receive(client, request, sizeof request - 1, NULL, NULL);
		if (n <= 0)
			continue;
		request[n] = '\0';
		server->n_requests++;
		words = g_strsplit(request, " ", 3);
		if (g_strv_length(words) >= 2)
			test_server_answer(server, client, words[1]);
		g_socket_close(client, NULL);
	}
	return NULL;
}

static void
test_server_start(TestServer *server)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) address = g_inet_socket_address_new(loopback, 0);
	g_autoptr(GSocketAddress) bound = NULL;

	server->listener =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
	g_assert_no_error(error);
	g_assert_true(g_socket_bind(server->listener, address, TRUE, &error));
	g_assert_true(g_socket_listen(server->listener, &error));
	g_socket_set_timeout(server->listener, 1);
	bound = g_socket_get_local_address(server->listener, &error);
	g_assert_no_error(error);
	server->port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(bound));
	server->thread = g_thread_new("test-server", test_server_run, server);
}

static void
test_server_stop(TestServer *server)
{
	g_atomic_int_set(&server->stop, 1);
	g_thread_join(server->thread);
	g_socket_close(server->listener, NULL);
	g_object_unref(server->listener);
}

static TestServer server;
static char *endpoint;
static const char *const two_offers[] = {"AmazonEC2", "AmazonECS", NULL};
static const char *const purchase_offers[] = {"AmazonEC2", PLAN_SAVINGS_PLAN_OFFER,
					      PLAN_SPOT_ADVISOR, NULL};

static char *
read_cache(const char *region)
{
	g_autofree char *path = plan_price_cache_path(region);
	char *text = NULL;
	g_file_get_contents(path, &text, NULL, NULL);
	return text;
}

/* the update fetches both offers, writes the cache, and every command's book comes from it:
 * c6i.xlarge at $0.17 (SKU C6IXLLINUXAPS300); --prices still wins over the cache */
static void
test_update_and_precedence(void)
{
	PlanPriceUpdateOptions options = {.endpoint = endpoint, .offers = two_offers};
	g_autoptr(GError) error = NULL;
	g_autofree char *summary = NULL;
	g_autofree char *cache = plan_price_cache_path("ap-south-1");
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(PlanPriceBook) given = NULL;
	g_autofree char *override =
	    g_test_build_filename(G_TEST_DIST, "prices", "imported-ap-south-1.json", NULL);

	g_assert_true(plan_price_update("ap-south-1", &options, &summary, &error));
	g_assert_no_error(error);
	g_assert_nonnull(strstr(summary, "ap-south-1: 14 figures from 2 offer files"));
	g_assert_true(g_file_test(cache, G_FILE_TEST_IS_REGULAR));
	book = plan_price_book_choose("ap-south-1", NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(plan_price_book_origin(book), ==, cache);
	g_assert_cmpint(plan_price_book_instance(book, "c6i.xlarge")->hourly.nanos, ==,
			USD(0, 170000000));
	g_assert_nonnull(strstr(plan_price_book_instance(book, "c6i.xlarge")->hourly.note,
				"SKU C6IXLLINUXAPS300"));
	given = plan_price_book_choose("ap-south-1", override, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(plan_price_book_origin(given), ==, override);
}

/* a 404 and a server that never answers (1 s timeout) both fail with PLAN_ERROR_IO and leave
 * the cached book byte for byte as it was */
static void
test_failures_keep_cache(void)
{
	PlanPriceUpdateOptions options = {
	    .endpoint = endpoint, .offers = two_offers, .timeout_s = 1};
	g_autoptr(GError) not_found = NULL;
	g_autoptr(GError) hung = NULL;
	g_autofree char *before = NULL;
	g_autofree char *after = NULL;
	g_autofree char *sa_path = plan_price_cache_path("sa-east-1");
	g_autofree char *sa_after = NULL;
	const char *old_book = "{\"ecsplan_prices\": 1, \"region\": \"sa-east-1\"}";

	/* eu-west-1 has no fixture: the server answers 404 */
	g_assert_false(plan_price_update("eu-west-1", &options, NULL, &not_found));
	g_assert_error(not_found, PLAN_ERROR, PLAN_ERROR_IO);
	g_assert_nonnull(strstr(not_found->message, "the server answered HTTP 404"));
	g_assert_null(read_cache("eu-west-1"));

	g_assert_true(g_file_set_contents(sa_path, old_book, -1, NULL));
	g_assert_false(plan_price_update("sa-east-1", &options, NULL, &hung));
	g_assert_error(hung, PLAN_ERROR, PLAN_ERROR_IO);
	g_assert_nonnull(strstr(hung->message, "cannot fetch"));
	sa_after = read_cache("sa-east-1");
	g_assert_cmpstr(sa_after, ==, old_book);

	before = read_cache("ap-south-1");
	options.offers = NULL; /* AWSELB and the others: 404 */
	g_assert_false(plan_price_update("ap-south-1", &options, NULL, NULL));
	after = read_cache("ap-south-1");
	g_assert_nonnull(before);
	g_assert_cmpstr(before, ==, after);
}

/* --from DIR: the files copied by hand, no network */
static void
test_from_dir(void)
{
	g_autofree char *dir = g_test_build_filename(G_TEST_DIST, "prices", NULL);
	PlanPriceUpdateOptions options = {.from_dir = dir};
	g_autoptr(GError) error = NULL;
	g_autofree char *summary = NULL;
	guint requests = server.n_requests;

	g_assert_true(plan_price_update("ap-south-1", &options, &summary, &error));
	g_assert_no_error(error);
	/* AmazonEC2, AmazonECS and AWSComputeSavingsPlan for ap-south-1, and the Spot Advisor */
	g_assert_nonnull(strstr(summary, "from 4 offer files"));
	g_assert_cmpuint(server.n_requests, ==, requests);
	/* a folder without the region's files says so */
	g_assert_false(plan_price_update("eu-north-1", &options, NULL, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_IO);
}

/* a damaged cache file is named, with how to repair it */
static void
test_damaged_cache(void)
{
	g_autofree char *path = plan_price_cache_path("eu-north-1");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = NULL;

	g_assert_true(g_file_set_contents(path, "{ not json", -1, NULL));
	book = plan_price_book_choose("eu-north-1", NULL, &error);
	g_assert_null(book);
	g_assert_nonnull(strstr(error->message, "the cached price book is damaged"));
	g_unlink(path);
}

/* the update also fetches the Savings Plans offer
 * (/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/ap-south-1/index.json) and the Spot
 * Advisor file (ENDPOINT/spot-advisor-data.json with a test endpoint): the cached book then has
 * c6i.xlarge's standard RI (876 / 8760 = $0.1 an hour, 1 year all upfront), its Compute SP rate
 * ($0.119, 1 year no upfront) and its Spot saving (0.62, interrupted 5-10% a month); --from
 * reads the same files from a folder */
static void
test_update_purchase_options(void)
{
	PlanPriceUpdateOptions options = {.endpoint = endpoint, .offers = purchase_offers};
	g_autoptr(GError) error = NULL;
	g_autofree char *summary = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	const PlanCommitRate *rate;
	const PlanSpotAdvice *spot;

	for (guint pass = 0; pass < 2; pass++) {
		g_autofree char *from = g_test_build_filename(G_TEST_DIST, "prices", NULL);
		g_clear_pointer(&summary, g_free);
		g_clear_pointer(&book, plan_price_book_free);
		if (pass == 1) {
			options.endpoint = NULL;
			options.from_dir = from;
		}
		g_assert_true(plan_price_update("ap-south-1", &options, &summary, &error));
		g_assert_no_error(error);
		/* 4 EC2 on-demand + 5 RI figures, 6 Savings Plans rates, 2 Spot types */
		g_assert_nonnull(strstr(summary, "ap-south-1: 17 figures from 3 offer files"));
		book = plan_price_book_choose("ap-south-1", NULL, &error);
		g_assert_no_error(error);
		rate = plan_price_book_commit(book, PLAN_COMMIT_RESERVED, "c6i.xlarge", PLAN_TERM_1Y,
					      PLAN_UPFRONT_ALL);
		g_assert_cmpint(plan_commit_rate_effective(rate), ==, USD(0, 100000000));
		rate = plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "c6i.xlarge",
					      PLAN_TERM_1Y, PLAN_UPFRONT_NO);
		g_assert_cmpint(plan_commit_rate_effective(rate), ==, USD(0, 119000000));
		spot = plan_price_book_ec2_spot(book, "c6i.xlarge");
		g_assert_cmpint(spot->savings.nanos, ==, 620000000);
		g_assert_cmpstr(spot->interruption, ==, "5-10%");
	}
}

int
main(int argc, char **argv)
{
	g_autofree char *cache_home = g_dir_make_tmp("ecsplan-cache-XXXXXX", NULL);
	g_autofree char *prices_dir = NULL;
	int status;

	/* before anything asks GLib for the cache folder, which it remembers */
	g_setenv("XDG_CACHE_HOME", cache_home, TRUE);
	g_test_init(&argc, &argv, NULL);
	prices_dir = g_build_filename(cache_home, "ecsplan", "prices", NULL);
	g_mkdir_with_parents(prices_dir, 0700);
	test_server_start(&server);
	endpoint = g_strdup_printf("http://127.0.0.1:%u", server.port);
	g_test_add_func("/planner/price-update/update-and-precedence", test_update_and_precedence);
	g_test_add_func("/planner/price-update/purchase-options", test_update_purchase_options);
	g_test_add_func("/planner/price-update/failures-keep-cache", test_failures_keep_cache);
	g_test_add_func("/planner/price-update/from-dir", test_from_dir);
	g_test_add_func("/planner/price-update/damaged-cache", test_damaged_cache);
	status = g_test_run();
	test_server_stop(&server);
	g_free(endpoint);
	/* the temporary cache folder and what the tests left in it */
	{
		g_autoptr(GDir) dir = g_dir_open(prices_dir, 0, NULL);
		const char *name;
		while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
			g_autofree char *path = g_build_filename(prices_dir, name, NULL);
			g_unlink(path);
		}
		g_rmdir(prices_dir);
		g_autofree char *ecsplan_dir = g_build_filename(cache_home, "ecsplan", NULL);
		g_rmdir(ecsplan_dir);
		g_rmdir(cache_home);
	}
	return status;
}
