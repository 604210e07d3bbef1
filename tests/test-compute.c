/* unit tests for planner/compute.c, compute-cluster.c and the compute rules: the Fargate table at
 * every row's edges, capacity provider splits, packing limits, cluster sizing per AZ, and the
 * seed 002 model. every expected number says how it was worked out. instance specs come from the
 * embedded us-east-1 book (facts §3a): m5.large 2 vCPU / 8192 MiB / 2 awsvpc tasks (10 with
 * trunking), t3.medium 2 vCPU / 4096 MiB / 2 tasks (no trunking), t2.nano 1 vCPU / 512 MiB.
 * registered memory = installed − floor(installed × 253 / 10000): m5.large 8192 − 207 = 7985,
 * t3.medium 4096 − 103 = 3993, t2.nano 512 − 12 = 500. */
#include <string.h>

#include "analyse.h"
#include "compute-private.h"
#include "loader.h"
#include "network.h"
#include "test-util.h"

/* the model declares no cleanup for a lone service; the tests build some */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanService, plan_service_free)

static PlanPriceBook *
book_us_east_1(void)
{
	g_autoptr(GError) error = NULL;
	PlanPriceBook *book = plan_price_book_load_builtin("us-east-1", &error);
	g_assert_no_error(error);
	g_assert_nonnull(book);
	return book;
}

static const PlanInstanceType *
instance(const PlanPriceBook *book, const char *name)
{
	const PlanInstanceType *type = plan_price_book_instance(book, name);
	g_assert_nonnull(type);
	return type;
}

/* ---- Fargate table ---- */

typedef struct {
	gint64 cpu;
	gint64 memory;
	gboolean valid;
} FargateCase;

/* each row's lowest and highest memory, one step outside each end, and one value off the
 * step; plus CPU values that are not in the table */
static const FargateCase fargate_cases[] = {
    /* 256: the list 512, 1024, 2048 */
    {256, 512, TRUE},
    {256, 1024, TRUE},
    {256, 2048, TRUE},
    {256, 256, FALSE},
    {256, 1536, FALSE},
    {256, 3072, FALSE},
    {256, 4096, FALSE},
    /* 512: 1024..4096 step 1024 */
    {512, 1024, TRUE},
    {512, 2048, TRUE},
    {512, 3072, TRUE},
    {512, 4096, TRUE},
    {512, 512, FALSE},
    {512, 5120, FALSE},
    {512, 1536, FALSE},
    /* 1024: 2048..8192 step 1024 */
    {1024, 2048, TRUE},
    {1024, 8192, TRUE},
    {1024, 1024, FALSE},
    {1024, 9216, FALSE},
    {1024, 2560, FALSE},
    /* 2048: 4096..16384 step 1024 */
    {2048, 4096, TRUE},
    {2048, 16384, TRUE},
    {2048, 3072, FALSE},
    {2048, 17408, FALSE},
    /* 4096: 8192..30720 step 1024 */
    {4096, 8192, TRUE},
    {4096, 30720, TRUE},
    {4096, 7168, FALSE},
    {4096, 31744, FALSE},
    /* 8192: 16384..61440 step 4096 */
    {8192, 16384, TRUE},
    {8192, 20480, TRUE},
    {8192, 61440, TRUE},
    {8192, 12288, FALSE},
    {8192, 17408, FALSE}, /* 16384 + 1024: off the 4096 step */
    {8192, 65536, FALSE},
    /* 16384: 32768..122880 step 8192 */
    {16384, 32768, TRUE},
    {16384, 40960, TRUE},
    {16384, 122880, TRUE},
    {16384, 24576, FALSE},
    {16384, 36864, FALSE}, /* 32768 + 4096: off the 8192 step */
    {16384, 126976, FALSE},
    /* CPU values the table does not have */
    {0, 512, FALSE},
    {128, 512, FALSE},
    {768, 2048, FALSE},
    {32768, 65536, FALSE},
};

static void
test_fargate_valid(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(fargate_cases); i++) {
		const FargateCase *c = &fargate_cases[i];
		if (plan_fargate_size_valid(c->cpu, c->memory) != c->valid)
			g_error("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ": expected %s", c->cpu,
				c->memory, c->valid ? "valid" : "invalid");
	}
}

/* every size the rows list is valid, and the table has 3+4+7+13+23+12+12 = 74 of them:
 * 512's 1024..4096 is 4 values, 1024's 2048..8192 is 7, 2048's 4096..16384 is 13,
 * 4096's 8192..30720 is 23, 8192's 16384..61440 / 4096 is 12, 16384's 32768..122880 / 8192 is 12 */
static void
test_fargate_rows(void)
{
	guint n_rows = 0;
	const PlanFargateRow *rows = plan_fargate_rows(&n_rows);
	g_autoptr(GArray) all = plan_fargate_nearest(1024, 2048, 1000);

	g_assert_cmpuint(n_rows, ==, 7);
	g_assert_cmpuint(all->len, ==, 74);
	for (guint i = 0; i < all->len; i++) {
		const PlanTaskSize *size = &g_array_index(all, PlanTaskSize, i);
		g_assert_true(plan_fargate_size_valid(size->cpu_units, size->memory_mib));
	}
	g_assert_cmpint(rows[6].cpu_units, ==, 16384);
}

typedef struct {
	gint64 cpu;
	gint64 memory;
	gboolean found;
	gint64 fit_cpu;
	gint64 fit_memory;
} FitCase;

static const FitCase fit_cases[] = {
    {0, 0, TRUE, 256, 512},	      /* nothing asked: the smallest size */
    {256, 512, TRUE, 256, 512},	      /* already valid */
    {256, 2049, TRUE, 512, 3072},     /* 256 tops out at 2048; 512's first ≥ 2049 is 3072 */
    {256, 3000, TRUE, 512, 3072},     /* same */
    {300, 512, TRUE, 512, 1024},      /* CPU 300 needs the 512 row, whose least memory is 1024 */
    {1024, 10000, TRUE, 2048, 10240}, /* 1024 tops out at 8192; 2048: 4096 + 6 × 1024 */
    {4096, 31744, TRUE, 8192, 32768}, /* 4096 tops out at 30720; 8192: 16384 + 4 × 4096 */
    {16384, 122880, TRUE, 16384, 122880},
    {16384, 122881, FALSE, 0, 0}, /* above the largest size */
    {20000, 1024, FALSE, 0, 0},
};

static void
test_fargate_fit(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(fit_cases); i++) {
		const FitCase *c = &fit_cases[i];
		gint64 cpu = 0;
		gint64 memory = 0;
		g_assert_cmpint(plan_fargate_fit(c->cpu, c->memory, &cpu, &memory), ==, c->found);
		if (!c->found)
			continue;
		g_assert_cmpint(cpu, ==, c->fit_cpu);
		g_assert_cmpint(memory, ==, c->fit_memory);
	}
}

/* distance = |log2(cpu ratio)| + |log2(memory ratio)|; at equal distance a size that holds the
 * request comes first */
static void
test_fargate_nearest(void)
{
	g_autofree char *text = NULL;
	g_autoptr(GArray) sizes = NULL;

	/* 256/4096: 512/4096 (1 + 0, holds) and 256/2048 (0 + 1) tie at 1; then 512/3072 at
	 * 1 + log2(4096/3072) = 1.415 */
	text = plan_fargate_nearest_text(256, 4096, 3);
	g_assert_cmpstr(text, ==, "512/4096, 256/2048 or 512/3072");
	g_clear_pointer(&text, g_free);
	/* 768/2048: 1024/2048 (log2(1024/768) = 0.415), 512/2048 (0.585), 1024/3072 (1.0) */
	text = plan_fargate_nearest_text(768, 2048, 3);
	g_assert_cmpstr(text, ==, "1024/2048, 512/2048 or 1024/3072");
	g_clear_pointer(&text, g_free);
	/* 4096/31744: the 4096 row's top values, 1024 MiB apart (log2(31744/30720) = 0.047 ...) */
	text = plan_fargate_nearest_text(4096, 31744, 2);
	g_assert_cmpstr(text, ==, "4096/30720 or 4096/29696");
	sizes = plan_fargate_nearest(256, 512, 1);
	g_assert_cmpuint(sizes->len, ==, 1);
	g_assert_cmpint(g_array_index(sizes, PlanTaskSize, 0).memory_mib, ==, 512);
}

/* ---- task size ---- */

static PlanContainer *
add_container(PlanService *service, gint64 cpu, gint64 memory, gint64 reservation, gint64 port)
{
	PlanContainer *container = plan_container_new();
	container->name = g_strdup_printf("c%u", service->containers->len);
	container->cpu = cpu;
	container->memory = memory;
	container->memory_reservation = reservation;
	container->port = port;
	g_ptr_array_add(service->containers, container);
	return container;
}

static void
test_task_size(void)
{
	g_autoptr(PlanService) service = plan_service_new();
	gint64 cpu = -1;
	gint64 memory = -1;

	/* nothing set anywhere: 0/0 */
	plan_service_task_size(service, &cpu, &memory);
	g_assert_cmpint(cpu, ==, 0);
	g_assert_cmpint(memory, ==, 0);
	/* containers: cpu 128 + 64 = 192; memory: hard 300 (the reservation 100 is ignored
	 * when a hard limit is set) + reservation 200 = 500 */
	add_container(service, 128, 300, 100, 0);
	add_container(service, 64, 0, 200, 0);
	plan_service_task_size(service, &cpu, &memory);
	g_assert_cmpint(cpu, ==, 192);
	g_assert_cmpint(memory, ==, 500);
	/* task-level values win, per dimension */
	service->cpu = 256;
	plan_service_task_size(service, &cpu, &memory);
	g_assert_cmpint(cpu, ==, 256);
	g_assert_cmpint(memory, ==, 500);
	service->memory = 1024;
	plan_service_task_size(service, &cpu, &memory);
	g_assert_cmpint(memory, ==, 1024);
	plan_service_container_sums(service, &cpu, &memory);
	g_assert_cmpint(cpu, ==, 192);
	g_assert_cmpint(memory, ==, 500);
	/* Service Connect: without a task-level size the proxy's 256 CPU units and 64 MiB [S45]
	 * join the containers' sums: 192 + 256 = 448, 500 + 64 = 564; the sums themselves and
	 * a task-level size do not move */
	service->service_connect = TRUE;
	service->cpu = 0;
	service->memory = 0;
	plan_service_task_size(service, &cpu, &memory);
	g_assert_cmpint(cpu, ==, 448);
	g_assert_cmpint(memory, ==, 564);
	plan_service_container_sums(service, &cpu, &memory);
	g_assert_cmpint(cpu, ==, 192);
	g_assert_cmpint(memory, ==, 500);
	service->cpu = 512;
	plan_service_task_size(service, &cpu, &memory);
	g_assert_cmpint(cpu, ==, 512);
	g_assert_cmpint(memory, ==, 564);
}

/* ---- capacity provider strategy ---- */

typedef struct {
	const char *name;
	gint64 tasks;
	guint n_items;
	const char *providers[3];
	gint64 bases[3];
	gint64 weights[3];
	gint64 expected[3];
	gint64 on_demand;
	gint64 spot;
} SplitCase;

static const SplitCase split_cases[] = {
    /* the ECS example: 8 × 1/4 = 2, 8 × 3/4 = 6 */
    {"weights-1-3", 8, 2, {"FARGATE", "FARGATE_SPOT"}, {0, 0}, {1, 3}, {2, 6}, 2, 6},
    /* base 2 first, then 8 left: 2 and 6, so 4 and 6 */
    {"base-then-weights", 10, 2, {"FARGATE", "FARGATE_SPOT"}, {2, 0}, {1, 3}, {4, 6}, 4, 6},
    /* 5 × 1/4 = 1.25 → 1, 5 × 3/4 = 3.75 → 3; the leftover task goes to the larger remainder
     * (15 mod 4 = 3 against 5 mod 4 = 1): 1 and 4 */
    {"largest-remainder", 5, 2, {"FARGATE", "FARGATE_SPOT"}, {0, 0}, {1, 3}, {1, 4}, 1, 4},
    /* 7 × 2/3 = 4.67 → 4, 7 × 1/3 = 2.33 → 2; leftover to remainder 14 mod 3 = 2 > 7 mod 3 = 1 */
    {"weights-2-1", 7, 2, {"FARGATE_SPOT", "FARGATE"}, {0, 0}, {2, 1}, {5, 2}, 2, 5},
    /* the base holds more than there are tasks: all 3 on it */
    {"base-exceeds", 3, 2, {"FARGATE", "FARGATE_SPOT"}, {5, 0}, {1, 1}, {3, 0}, 3, 0},
    /* equal weights, 4 tasks: 1 each, the leftover to the first of three equal remainders */
    {"three-equal",
     4,
     3,
     {"FARGATE", "FARGATE_SPOT", "FARGATE"},
     {0, 0, 0},
     {1, 1, 1},
     {2, 1, 1},
     3,
     1},
    /* a weight of 0 only gets its base: FARGATE base 1 weight 0, the rest (9) to SPOT */
    {"weight-zero", 10, 2, {"FARGATE", "FARGATE_SPOT"}, {1, 0}, {0, 1}, {1, 9}, 1, 9},
    /* every weight 0 (ECS refuses it): the rest goes to the first item */
    {"all-zero", 4, 2, {"FARGATE_SPOT", "FARGATE"}, {1, 0}, {0, 0}, {4, 0}, 0, 4},
    {"no-tasks", 0, 2, {"FARGATE", "FARGATE_SPOT"}, {2, 0}, {1, 3}, {0, 0}, 0, 0},
};

static void
run_split_case(gconstpointer data)
{
	const SplitCase *c = data;
	g_autoptr(PlanService) service = plan_service_new();
	gint64 counts[3] = {-1, -1, -1};
	gint64 on_demand = -1;
	gint64 spot = -1;

	for (guint i = 0; i < c->n_items; i++) {
		PlanStrategyItem *item = plan_strategy_item_new();
		item->capacity_provider = g_strdup(c->providers[i]);
		item->base = c->bases[i];
		item->weight = c->weights[i];
		g_ptr_array_add(service->capacity_provider_strategy, item);
	}
	plan_strategy_split(service, c->tasks, counts);
	for (guint i = 0; i < c->n_items; i++)
		g_assert_cmpint(counts[i], ==, c->expected[i]);
	plan_service_spot_split(service, c->tasks, &on_demand, &spot);
	g_assert_cmpint(on_demand, ==, c->on_demand);
	g_assert_cmpint(spot, ==, c->spot);
}

/* a service without a strategy is all on-demand, and the split writes nothing */
static void
test_split_no_strategy(void)
{
	g_autoptr(PlanService) service = plan_service_new();
	gint64 on_demand = -1;
	gint64 spot = -1;
	gint64 untouched = 42;

	plan_strategy_split(service, 5, &untouched);
	g_assert_cmpint(untouched, ==, 42);
	plan_service_spot_split(service, 5, &on_demand, &spot);
	g_assert_cmpint(on_demand, ==, 5);
	g_assert_cmpint(spot, ==, 0);
}

/* ---- packing ---- */

static void
test_registered(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	PlanInstanceType m4_large = {.name = "m4.large", .vcpu = 2, .memory_mib = 8192};

	/* the documented case [S15]: 8192 − floor(8192 × 253 / 10000 = 207.26) = 7985 */
	g_assert_cmpint(plan_instance_registered_memory(&m4_large), ==, 7985);
	g_assert_cmpint(plan_instance_registered_cpu(&m4_large), ==, 2048);
	g_assert_cmpint(plan_instance_registered_memory(instance(book, "m5.large")), ==, 7985);
	/* 4096 − floor(103.6) = 3993 */
	g_assert_cmpint(plan_instance_registered_memory(instance(book, "t3.medium")), ==, 3993);
	/* 512 − floor(12.95) = 500 */
	g_assert_cmpint(plan_instance_registered_memory(instance(book, "t2.nano")), ==, 500);
	g_assert_cmpint(plan_instance_registered_cpu(instance(book, "t2.nano")), ==, 1024);
	/* 16384 − floor(414.5) = 15970 */
	g_assert_cmpint(plan_instance_registered_memory(instance(book, "m5.xlarge")), ==, 15970);
}

typedef struct {
	const char *name;
	const char *type;
	gint64 cpu;
	gint64 memory;
	PlanNetworkMode mode;
	gboolean host_port;
	gboolean trunking;
	gint64 tasks;
	PlanLimit limit;
} PackingCase;

static const PackingCase packing_cases[] = {
    /* t3.medium 2048 units / 1024 = 2; memory 3993 / 512 = 7; bridge: no ENI limit */
    {"cpu-bound", "t3.medium", 1024, 512, PLAN_NETWORK_BRIDGE, FALSE, FALSE, 2, PLAN_LIMIT_CPU},
    /* m5.large: CPU 2048 / 256 = 8; memory 7985 / 3000 = 2.66 → 2 */
    {"memory-bound", "m5.large", 256, 3000, PLAN_NETWORK_BRIDGE, FALSE, FALSE, 2,
     PLAN_LIMIT_MEMORY},
    /* m5.large awsvpc: CPU 2048 / 128 = 16, memory 7985 / 512 = 15, ENIs 3 − 1 = 2 */
    {"eni-bound", "m5.large", 128, 512, PLAN_NETWORK_AWSVPC, FALSE, FALSE, 2, PLAN_LIMIT_ENI},
    /* the same with trunking: 10 slots, still below 16 and 15 */
    {"eni-bound-trunk", "m5.large", 128, 512, PLAN_NETWORK_AWSVPC, FALSE, TRUE, 10, PLAN_LIMIT_ENI},
    /* t3 does not support trunking: the cluster's trunking changes nothing, 2 slots */
    {"eni-no-trunk-support", "t3.medium", 128, 512, PLAN_NETWORK_AWSVPC, FALSE, TRUE, 2,
     PLAN_LIMIT_ENI},
    /* host mode with a port: 1 per instance, although CPU (8) and memory (15) allow more */
    {"port-bound", "m5.large", 256, 512, PLAN_NETWORK_HOST, TRUE, FALSE, 1, PLAN_LIMIT_PORT},
    {"bridge-port-bound", "m5.large", 256, 512, PLAN_NETWORK_BRIDGE, TRUE, FALSE, 1,
     PLAN_LIMIT_PORT},
    /* t2.nano 256/256: CPU 1024 / 256 = 4, memory 500 / 256 = 1; the port ties at 1 and the
     * first dimension to reach the least (memory) is named */
    {"seed002", "t2.nano", 256, 256, PLAN_NETWORK_BRIDGE, TRUE, FALSE, 1, PLAN_LIMIT_MEMORY},
    /* 256/600 on t2.nano: 500 / 600 = 0, it does not fit */
    {"too-big", "t2.nano", 256, 600, PLAN_NETWORK_BRIDGE, FALSE, FALSE, 0, PLAN_LIMIT_MEMORY},
    /* 4096 units on a 2-vCPU type: 2048 / 4096 = 0 */
    {"too-big-cpu", "m5.large", 4096, 512, PLAN_NETWORK_BRIDGE, FALSE, FALSE, 0, PLAN_LIMIT_CPU},
};

static void
run_packing_case(gconstpointer data)
{
	const PackingCase *c = data;
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	PlanTaskShape shape = {c->cpu, c->memory, c->mode, c->host_port};
	PlanPacking packing = plan_packing(instance(book, c->type), &shape, c->trunking);

	g_assert_cmpint(packing.tasks, ==, c->tasks);
	g_assert_cmpstr(plan_limit_to_string(packing.limit), ==, plan_limit_to_string(c->limit));
}

/* the hypothetical the cost and compare commands use */
static void
test_instances_needed(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	const PlanInstanceType *m5 = instance(book, "m5.large");
	PlanTaskShape shape = {1024, 512, PLAN_NETWORK_BRIDGE, FALSE};
	PlanTaskShape big = {4096, 512, PLAN_NETWORK_BRIDGE, FALSE};
	gint64 per_az[3] = {0};

	/* 2 per instance (CPU 2048 / 1024); 7 tasks over 3 AZs = 3, 2, 2 → ceil(3/2), ceil(2/2),
	 * ceil(2/2) = 2 + 1 + 1 = 4 */
	g_assert_cmpint(plan_instances_needed(m5, &shape, FALSE, 7, 3, per_az), ==, 4);
	g_assert_cmpint(per_az[0], ==, 2);
	g_assert_cmpint(per_az[1], ==, 1);
	g_assert_cmpint(per_az[2], ==, 1);
	/* 3 small tasks over 3 AZs: one instance in each, though one instance could hold 2 */
	g_assert_cmpint(plan_instances_needed(m5, &shape, FALSE, 3, 3, NULL), ==, 3);
	/* the same 7 tasks in one AZ: ceil(7 / 2) = 4; 0 AZs counts as 1 */
	g_assert_cmpint(plan_instances_needed(m5, &shape, FALSE, 7, 0, NULL), ==, 4);
	g_assert_cmpint(plan_instances_needed(m5, &shape, FALSE, 0, 3, NULL), ==, 0);
	g_assert_cmpint(plan_instances_needed(m5, &big, FALSE, 1, 1, NULL), ==, -1);
}

/* ---- bin-packing ---- */

/* first-fit decreasing: 2 tasks of 512 then 2 of 1536 on m5.large (2048 units). in model order
 * first fit would need 3 instances (512 + 512, 1536, 1536); larger first it needs 2
 * (1536 + 512 twice) */
static void
test_bins_decreasing(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanBins) bins = compute_bins_new(instance(book, "m5.large"), NULL, FALSE);
	g_autoptr(PlanBins) plain = compute_bins_new(instance(book, "m5.large"), NULL, FALSE);
	PlanBinItem items[] = {
	    {{512, 512, PLAN_NETWORK_BRIDGE, FALSE}, 2, NULL},
	    {{1536, 512, PLAN_NETWORK_BRIDGE, FALSE}, 2, NULL},
	};

	g_assert_cmpint(compute_bins_pack(bins, items, G_N_ELEMENTS(items)), ==, 2);
	/* plain first fit, in the given order */
	g_assert_true(compute_bins_add(plain, &items[0]));
	g_assert_true(compute_bins_add(plain, &items[1]));
	g_assert_cmpint(compute_bins_count(plain), ==, 3);
}

/* a large count stays exact: 1,000,001 tasks of 1024 units, 2 per m5.large → 500,001 */
static void
test_bins_large(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanBins) bins = compute_bins_new(instance(book, "m5.large"), NULL, FALSE);
	PlanBinItem items[] = {
	    {{1024, 512, PLAN_NETWORK_BRIDGE, FALSE}, 1000001, NULL},
	    /* 3 of 512: the one half-full instance takes 2 (1024 free), a new one the third */
	    {{512, 512, PLAN_NETWORK_BRIDGE, FALSE}, 3, NULL},
	};

	g_assert_cmpint(compute_bins_pack(bins, items, G_N_ELEMENTS(items)), ==, 500002);
}

/* host ports: two services on port 80 cannot share an instance; on 80 and 443 they can */
static void
test_bins_ports(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanBins) same = compute_bins_new(instance(book, "m5.large"), NULL, FALSE);
	g_autoptr(PlanBins) different = compute_bins_new(instance(book, "m5.large"), NULL, FALSE);
	g_autoptr(GArray) port_80 = g_array_new(FALSE, FALSE, sizeof(gint64));
	g_autoptr(GArray) port_443 = g_array_new(FALSE, FALSE, sizeof(gint64));
	gint64 p80 = 80;
	gint64 p443 = 443;
	PlanBinItem items[2];

	g_array_append_val(port_80, p80);
	g_array_append_val(port_443, p443);
	items[0] = (PlanBinItem){{256, 512, PLAN_NETWORK_HOST, TRUE}, 1, port_80};
	items[1] = (PlanBinItem){{256, 512, PLAN_NETWORK_HOST, TRUE}, 1, port_80};
	g_assert_cmpint(compute_bins_pack(same, items, 2), ==, 2);
	items[1].ports = port_443;
	g_assert_cmpint(compute_bins_pack(different, items, 2), ==, 1);
}

/* ---- cluster sizing ---- */

static PlanModel *
cluster_model(const char *instance_type, guint n_azs)
{
	PlanModel *model = plan_model_new();
	PlanVpc *vpc = plan_vpc_new();
	PlanCluster *cluster = plan_cluster_new();
	g_autoptr(GError) error = NULL;
	static const char *const azs[] = {"us-east-1a", "us-east-1b", "us-east-1c"};

	model->file = g_strdup("test.json");
	model->region = g_strdup("us-east-1");
	vpc->name = g_strdup("main");
	vpc->origin.path = g_strdup("vpcs[0]");
	vpc->cidr.state = PLAN_CIDR_OK;
	vpc->cidr.text = g_strdup("10.0.0.0/16");
	g_assert_true(
	    plan_prefix_parse("10.0.0.0/16", PLAN_FAMILY_IPV4, &vpc->cidr.prefix, NULL, &error));
	for (guint i = 0; i < n_azs; i++) {
		PlanSubnet *subnet = plan_subnet_new();
		g_autofree char *cidr = g_strdup_printf("10.0.%u.0/24", i);
		subnet->name = g_strdup_printf("private-%c", 'a' + i);
		subnet->origin.path = g_strdup_printf("vpcs[0].subnets[%u]", i);
		subnet->az = g_strdup(azs[i]);
		subnet->cidr.state = PLAN_CIDR_OK;
		subnet->cidr.text = g_strdup(cidr);
		g_assert_true(
		    plan_prefix_parse(cidr, PLAN_FAMILY_IPV4, &subnet->cidr.prefix, NULL, &error));
		g_ptr_array_add(vpc->subnets, subnet);
		g_ptr_array_add(cluster->subnets, g_strdup(subnet->name));
	}
	g_ptr_array_add(model->vpcs, vpc);
	cluster->name = g_strdup("ecs");
	cluster->origin.path = g_strdup("clusters[0]");
	cluster->instance_type = g_strdup(instance_type);
	cluster->max = 100;
	g_ptr_array_add(model->clusters, cluster);
	return model;
}

static PlanCluster *
model_cluster(PlanModel *model)
{
	return g_ptr_array_index(model->clusters, 0);
}

static PlanService *
add_ec2_service(PlanModel *model, const char *name, gint64 cpu, gint64 memory, gint64 desired,
		PlanNetworkMode mode)
{
	PlanService *service = plan_service_new();
	service->name = g_strdup(name);
	service->origin.path = g_strdup_printf("services[%u]", model->services->len);
	service->launch_type = PLAN_LAUNCH_EC2;
	service->network_mode = mode;
	service->cluster = g_strdup("ecs");
	service->cpu = cpu;
	service->memory = memory;
	service->desired_count = desired;
	g_ptr_array_add(model->services, service);
	return service;
}

/* field by field: the autoscaling record owns policy arrays that must stay */
static void
set_autoscaling(PlanService *service, gint64 min, gint64 max)
{
	service->autoscaling.present = TRUE;
	service->autoscaling.min = min;
	service->autoscaling.max = max;
}

static PlanCompute *
compute_linked(PlanModel *model, const PlanPriceBook *book, GPtrArray *diagnostics)
{
	g_autoptr(GPtrArray) links = plan_diagnostics_new();
	PlanCompute *compute;

	test_link(model, links);
	g_assert_cmpuint(links->len, ==, 0);
	compute = plan_compute(model, book);
	if (diagnostics != NULL)
		plan_compute_diagnose(model, book, compute, diagnostics);
	return compute;
}

static const PlanComputeAz *
sizing_az(const PlanClusterSizing *sizing, guint a)
{
	return &g_array_index(sizing->azs, PlanComputeAz, a);
}

/* 7 tasks of 1024/512 (bridge, no port) on m5.large over 3 AZs: 2 per instance by CPU; the
 * tasks spread 3, 2, 2 → ceil(3/2) + ceil(2/2) + ceil(2/2) = 2 + 1 + 1 = 4 instances */
static void
test_cluster_per_az(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 3);
	g_autoptr(PlanCompute) compute = NULL;
	const PlanClusterSizing *sizing;

	add_ec2_service(model, "api", 1024, 512, 7, PLAN_NETWORK_BRIDGE);
	compute = compute_linked(model, book, NULL);
	sizing = plan_compute_cluster(compute, 0);
	g_assert_nonnull(sizing);
	g_assert_null(plan_compute_cluster(compute, 1));
	g_assert_cmpuint(sizing->azs->len, ==, 3);
	g_assert_cmpstr(sizing_az(sizing, 0)->az, ==, "us-east-1a");
	g_assert_cmpint(sizing_az(sizing, 0)->tasks_desired, ==, 3);
	g_assert_cmpint(sizing_az(sizing, 1)->tasks_desired, ==, 2);
	g_assert_cmpint(sizing_az(sizing, 2)->tasks_desired, ==, 2);
	g_assert_cmpint(sizing_az(sizing, 0)->instances_desired, ==, 2);
	g_assert_cmpint(sizing_az(sizing, 1)->instances_desired, ==, 1);
	g_assert_cmpint(sizing_az(sizing, 2)->instances_desired, ==, 1);
	g_assert_cmpint(sizing->instances_desired, ==, 4);
	g_assert_cmpint(sizing->instances_peak, ==, 4);
	/* CPU: 7 × 1024 = 7168 of 4 × 2048 = 8192 → 0.875; memory: 7 × 512 = 3584 of
	 * 4 × 7985 = 31940 → 0.1122 */
	g_assert_cmpfloat_with_epsilon(sizing->cpu_utilisation_desired, 0.875, 1e-9);
	g_assert_cmpfloat_with_epsilon(sizing->memory_utilisation_desired, 3584.0 / 31940.0, 1e-9);
	g_assert_false(sizing->over_max);
}

/* peak = autoscaling max: 12 over 3 AZs = 4 each → 2 instances each = 6; max 5 is too few */
static void
test_cluster_peak_and_max(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 3);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(GPtrArray) diagnostics = plan_diagnostics_new();
	PlanService *service = add_ec2_service(model, "api", 1024, 512, 7, PLAN_NETWORK_BRIDGE);
	const PlanClusterSizing *sizing;
	const PlanDiagnostic *finding;

	set_autoscaling(service, 7, 12);
	model_cluster(model)->max = 5;
	compute = compute_linked(model, book, diagnostics);
	sizing = plan_compute_cluster(compute, 0);
	g_assert_cmpint(sizing->instances_desired, ==, 4);
	g_assert_cmpint(sizing->instances_peak, ==, 6);
	g_assert_true(sizing->over_max);
	g_assert_cmpuint(diagnostics->len, ==, 1);
	finding = g_ptr_array_index(diagnostics, 0);
	g_assert_cmpstr(finding->code, ==, "ec2-capacity");
	g_assert_cmpstr(finding->path, ==, "clusters[0].max");
	g_assert_nonnull(strstr(finding->message, "needs 6 m5.large instances for its 12 tasks"));
	g_assert_nonnull(strstr(finding->message, "us-east-1a 2, us-east-1b 2, us-east-1c 2"));
}

/* min 6 over 2, 1, 1: one more each to the AZ with the fewest (b, then c): 2, 2, 2. with
 * target_capacity 50 the packed 2, 1, 1 become 4, 2, 2 = 8, already above min */
static void
test_cluster_min_and_target(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 3);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(PlanCompute) targeted = NULL;
	const PlanClusterSizing *sizing;

	add_ec2_service(model, "api", 1024, 512, 7, PLAN_NETWORK_BRIDGE);
	model_cluster(model)->min = 6;
	compute = compute_linked(model, book, NULL);
	sizing = plan_compute_cluster(compute, 0);
	g_assert_cmpint(sizing->packed_desired, ==, 4);
	g_assert_cmpint(sizing->instances_desired, ==, 6);
	for (guint a = 0; a < 3; a++)
		g_assert_cmpint(sizing_az(sizing, a)->instances_desired, ==, 2);
	/* CPU 7168 of 6 × 2048 = 12288 */
	g_assert_cmpfloat_with_epsilon(sizing->cpu_utilisation_desired, 7168.0 / 12288.0, 1e-9);

	model_cluster(model)->target_capacity = 50;
	targeted = plan_compute(model, book);
	sizing = plan_compute_cluster(targeted, 0);
	g_assert_cmpint(sizing_az(sizing, 0)->instances_desired, ==, 4);
	g_assert_cmpint(sizing->instances_desired, ==, 8);
}

/* the extra task of an uneven spread rotates: 'a' (1 task) goes to us-east-1a, 'b' (1 task) to
 * us-east-1b, so 1 + 1 + 0 instances rather than 2 tasks in us-east-1a */
static void
test_cluster_rotation(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 3);
	g_autoptr(PlanCompute) compute = NULL;
	const PlanClusterSizing *sizing;

	add_ec2_service(model, "a", 256, 512, 1, PLAN_NETWORK_BRIDGE);
	add_ec2_service(model, "b", 256, 512, 1, PLAN_NETWORK_BRIDGE);
	compute = compute_linked(model, book, NULL);
	sizing = plan_compute_cluster(compute, 0);
	g_assert_cmpint(sizing_az(sizing, 0)->tasks_desired, ==, 1);
	g_assert_cmpint(sizing_az(sizing, 1)->tasks_desired, ==, 1);
	g_assert_cmpint(sizing_az(sizing, 2)->tasks_desired, ==, 0);
	g_assert_cmpint(sizing->instances_desired, ==, 2);
}

/* unplaceable tasks are left out and reported; an unknown type packs nothing */
static void
test_cluster_unplaceable(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("t2.nano", 1);
	g_autoptr(PlanModel) unknown = cluster_model("m5.larg", 1);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(PlanCompute) unknown_compute = NULL;
	g_autoptr(GPtrArray) diagnostics = plan_diagnostics_new();
	const PlanClusterSizing *sizing;
	const PlanDiagnostic *finding;

	/* 600 MiB on a t2.nano registering 500 */
	add_ec2_service(model, "big", 256, 600, 2, PLAN_NETWORK_BRIDGE);
	add_ec2_service(model, "small", 256, 256, 1, PLAN_NETWORK_BRIDGE);
	compute = compute_linked(model, book, diagnostics);
	sizing = plan_compute_cluster(compute, 0);
	g_assert_cmpuint(sizing->unplaceable->len, ==, 1);
	g_assert_cmpuint(g_array_index(sizing->unplaceable, PlanUnplaceable, 0).service_index, ==,
			 0);
	g_assert_cmpint(sizing->instances_desired, ==, 1);
	g_assert_cmpuint(diagnostics->len, ==, 1);
	finding = g_ptr_array_index(diagnostics, 0);
	g_assert_cmpstr(finding->code, ==, "ec2-task-unplaceable");
	g_assert_nonnull(strstr(finding->message, "by memory"));
	g_assert_nonnull(strstr(finding->message, "about 500 MiB of its 512 MiB"));
	/* the cheapest x86_64 type that holds 256/600 in the book */
	g_assert_nonnull(strstr(finding->message, "e.g. 't3.micro'"));

	g_ptr_array_set_size(diagnostics, 0);
	add_ec2_service(unknown, "api", 256, 512, 2, PLAN_NETWORK_BRIDGE);
	model_cluster(unknown)->min = 1;
	unknown_compute = compute_linked(unknown, book, diagnostics);
	sizing = plan_compute_cluster(unknown_compute, 0);
	g_assert_null(sizing->type);
	g_assert_cmpint(sizing->instances_desired, ==, 1);
	g_assert_cmpuint(diagnostics->len, ==, 1);
	finding = g_ptr_array_index(diagnostics, 0);
	g_assert_cmpstr(finding->code, ==, "ec2-instance-type-unknown");
	g_assert_cmpstr(finding->path, ==, "clusters[0].instance_type");
	g_assert_nonnull(strstr(finding->message, "did you mean 'm5.large'?"));
}

/* awsvpc on t3.medium: 2 ENI slots while CPU (2048 / 128 = 16) and memory (3993 / 256 = 15)
 * hold more; t3 has no trunking, so the fix names a type that does: the cheapest x86_64 type
 * holding more than 2 with trunking */
static void
test_cluster_eni_limit(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("t3.medium", 1);
	g_autoptr(PlanModel) m5 = cluster_model("m5.large", 1);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(PlanCompute) m5_compute = NULL;
	g_autoptr(GPtrArray) diagnostics = plan_diagnostics_new();
	const PlanDiagnostic *finding;

	add_ec2_service(model, "api", 128, 256, 5, PLAN_NETWORK_AWSVPC);
	compute = compute_linked(model, book, diagnostics);
	/* 5 tasks, 2 per instance: ceil(5 / 2) = 3 */
	g_assert_cmpint(plan_compute_cluster(compute, 0)->instances_desired, ==, 3);
	g_assert_cmpuint(diagnostics->len, ==, 1);
	finding = g_ptr_array_index(diagnostics, 0);
	g_assert_cmpstr(finding->code, ==, "eni-limit");
	g_assert_cmpint(finding->severity, ==, PLAN_SEVERITY_WARNING);
	g_assert_nonnull(strstr(finding->message, "limited by ENIs to 2 per instance, while CPU "
						  "and memory would hold 15"));
	g_assert_nonnull(strstr(finding->message, "does not support trunking"));

	/* m5.large supports trunking: the fix is to turn it on (10 per instance); with it on,
	 * 10 < 15 and 16 still binds, but trunking is already on, so another type is named */
	g_ptr_array_set_size(diagnostics, 0);
	add_ec2_service(m5, "api", 128, 256, 5, PLAN_NETWORK_AWSVPC);
	m5_compute = compute_linked(m5, book, diagnostics);
	g_assert_cmpuint(diagnostics->len, ==, 1);
	finding = g_ptr_array_index(diagnostics, 0);
	g_assert_nonnull(strstr(finding->message, "turn on trunking in cluster 'ecs' (10 per "
						  "instance)"));
	g_clear_pointer(&m5_compute, plan_compute_free);
	g_ptr_array_set_size(diagnostics, 0);
	model_cluster(m5)->trunking = TRUE;
	m5_compute = plan_compute(m5, book);
	plan_compute_diagnose(m5, book, m5_compute, diagnostics);
	/* trunking: 10 slots ≥ 5 tasks → 1 instance */
	g_assert_cmpint(plan_compute_cluster(m5_compute, 0)->instances_desired, ==, 1);
	g_assert_true(plan_compute_cluster(m5_compute, 0)->trunking);
	g_assert_cmpuint(diagnostics->len, ==, 1);
	finding = g_ptr_array_index(diagnostics, 0);
	g_assert_nonnull(strstr(finding->message, "trunking is already on"));
}

/* instances take addresses at peak: 7 tasks → 2, 1, 1 instances, one per subnet; with
 * trunking each also has a trunk ENI: twice as many */
static void
test_cluster_addresses(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 3);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(GArray) uses = NULL;
	g_autoptr(GArray) trunked_uses = NULL;
	const PlanSubnetUse *use;

	add_ec2_service(model, "api", 1024, 512, 7, PLAN_NETWORK_BRIDGE);
	compute = compute_linked(model, book, NULL);
	uses = plan_subnet_uses(model, compute);
	use = &g_array_index(uses, PlanSubnetUse, 0);
	g_assert_cmpint(use->instance_ips, ==, 2);
	g_assert_cmpint(use->peak, ==, 2);
	g_assert_cmpstr(use->arithmetic, ==, "instances 'ecs': 2 → 2");
	g_assert_cmpint(g_array_index(uses, PlanSubnetUse, 1).instance_ips, ==, 1);
	/* plan_analyse sizes with the embedded book of the model's region itself */
	g_clear_pointer(&uses, g_array_unref);
	{
		g_autoptr(PlanValidation) validation = test_validate(model);
		g_assert_cmpint(g_array_index(validation->subnets, PlanSubnetUse, 0).instance_ips,
				==, 2);
	}

	model_cluster(model)->trunking = TRUE;
	g_clear_pointer(&compute, plan_compute_free);
	compute = plan_compute(model, book);
	trunked_uses = plan_subnet_uses(model, compute);
	use = &g_array_index(trunked_uses, PlanSubnetUse, 0);
	g_assert_cmpint(use->instance_ips, ==, 4);
	g_assert_cmpstr(use->arithmetic, ==, "instances 'ecs': 2 × 2 (trunk ENI) = 4 → 4");
}

/* two subnets in one AZ share its instances: 3 instances → ceil(3 / 2) = 2 each */
static void
test_cluster_addresses_shared_az(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 2);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(GArray) uses = NULL;
	PlanVpc *vpc = g_ptr_array_index(model->vpcs, 0);
	PlanSubnet *second = g_ptr_array_index(vpc->subnets, 1);

	g_free(second->az);
	second->az = g_strdup("us-east-1a");
	/* 6 tasks of 1024 in one AZ: 3 instances */
	add_ec2_service(model, "api", 1024, 512, 6, PLAN_NETWORK_BRIDGE);
	compute = compute_linked(model, book, NULL);
	g_assert_cmpint(plan_compute_cluster(compute, 0)->instances_peak, ==, 3);
	uses = plan_subnet_uses(model, compute);
	g_assert_cmpint(g_array_index(uses, PlanSubnetUse, 0).instance_ips, ==, 2);
	g_assert_cmpint(g_array_index(uses, PlanSubnetUse, 1).instance_ips, ==, 2);
	g_assert_cmpstr(g_array_index(uses, PlanSubnetUse, 1).arithmetic, ==,
			"instances 'ecs': ceil(3 / 2) = 2 → 2");
}

/* ---- daemons and ECS_RESERVED_MEMORY (issue 12) ---- */

/* m5.large: 2 vCPU = 2048 units; 8192 MiB registers 8192 − floor(8192 × 253 / 10000) = 7985.
 * a DAEMON service of 256/512 on every instance leaves 2048 − 256 = 1792 units and 7985 − 512 =
 * 7473 MiB: tasks of 512/1024 fit min(1792 / 512 = 3, 7473 / 1024 = 7) = 3 (cpu), not
 * min(2048 / 512 = 4, 7985 / 1024 = 7) = 4. With reserved_memory_mib 4096 the agent registers
 * 7985 − 4096 = 3889 MiB; beside the daemon 3889 − 512 = 3377 MiB: 3377 / 1024 = 3 (memory
 * binds: by_cpu 3 comes first on equal counts, so ask 512/1200: 3377 / 1200 = 2 < 3) */
static void
test_daemon_packing(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 2);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(GPtrArray) diagnostics = plan_diagnostics_new();
	const PlanClusterSizing *sizing;
	PlanService *daemon;
	PlanTaskShape shape = {512, 1024, PLAN_NETWORK_BRIDGE, FALSE};
	PlanTaskShape wide = {512, 1200, PLAN_NETWORK_BRIDGE, FALSE};
	PlanPacking packing;

	add_ec2_service(model, "api", 512, 1024, 12, PLAN_NETWORK_BRIDGE);
	daemon = add_ec2_service(model, "agent", 256, 512, 1, PLAN_NETWORK_AWSVPC);
	daemon->scheduling_strategy = PLAN_SCHEDULING_DAEMON;
	compute = compute_linked(model, book, diagnostics);
	sizing = plan_compute_cluster(compute, 0);
	g_assert_cmpuint(sizing->services->len, ==, 1); /* the daemon is no replica service */
	g_assert_cmpuint(sizing->reserve->daemons->len, ==, 1);
	g_assert_cmpint(sizing->reserve->cpu_units, ==, 256);
	g_assert_cmpint(sizing->reserve->memory_mib, ==, 512);
	g_assert_cmpint(sizing->reserve->enis, ==, 1);
	packing = plan_packing_reserved(sizing->type, sizing->reserve, &shape, FALSE);
	g_assert_cmpint(packing.registered_memory, ==, 7985);
	g_assert_cmpint(packing.room_cpu, ==, 1792);
	g_assert_cmpint(packing.room_memory, ==, 7473);
	g_assert_cmpint(packing.by_cpu, ==, 3);
	g_assert_cmpint(packing.by_memory, ==, 7);
	g_assert_cmpint(packing.tasks, ==, 3);
	g_assert_cmpint(plan_packing(sizing->type, &shape, FALSE).tasks, ==, 4);
	/* 12 tasks over 2 AZs: 6 each, 3 per instance → 2 + 2 = 4 instances (without the daemon
	 * 6 / 4 → 2 per AZ as well); the daemon runs on each: 4 × 256 = 1024 units more, so CPU
	 * reserved = 12 × 512 + 4 × 256 = 7168 of 4 × 2048 = 8192 → 0.875 */
	g_assert_cmpint(sizing->instances_desired, ==, 4);
	g_assert_cmpint(sizing->cpu_reserved_desired, ==, 7168);
	g_assert_cmpfloat_with_epsilon(sizing->cpu_utilisation_desired, 0.875, 1e-9);
	/* awsvpc daemon: an ENI slot, and an address per instance in the cluster's subnets */
	g_assert_cmpuint(diagnostics->len, ==, 0);

	/* 14 tasks: 7 per AZ → ceil(7 / 3) = 3 per AZ = 6 (ceil(7 / 4) = 2 per AZ without) */
	g_ptr_array_remove_index(model->services, 0);
	g_clear_pointer(&compute, plan_compute_free);
	add_ec2_service(model, "api", 512, 1024, 14, PLAN_NETWORK_BRIDGE);
	compute = compute_linked(model, book, NULL);
	g_assert_cmpint(plan_compute_cluster(compute, 0)->instances_desired, ==, 6);

	/* reserved memory 4096: 3889 registered, 3377 beside the daemon; 512/1200 tasks:
	 * min(1792 / 512 = 3, 3377 / 1200 = 2) = 2 by memory */
	model_cluster(model)->reserved_memory_mib = 4096;
	g_clear_pointer(&compute, plan_compute_free);
	compute = compute_linked(model, book, NULL);
	sizing = plan_compute_cluster(compute, 0);
	packing = plan_packing_reserved(sizing->type, sizing->reserve, &wide, FALSE);
	g_assert_cmpint(packing.registered_memory, ==, 3889);
	g_assert_cmpint(packing.room_memory, ==, 3377);
	g_assert_cmpint(packing.tasks, ==, 2);
	g_assert_cmpstr(plan_limit_to_string(packing.limit), ==, "memory");
	/* 512/1024: min(3, 3377 / 1024 = 3) = 3, cpu named first on equal counts */
	packing = plan_packing_reserved(sizing->type, sizing->reserve, &shape, FALSE);
	g_assert_cmpint(packing.tasks, ==, 3);
}

/* a task that fits an empty m5.large but not beside the daemon (2048 units > 1792) is
 * unplaceable, and the message names the daemon and what it leaves; a second daemon that does
 * not fit beside the first is unplaceable too and takes no room; a replica binding the port a
 * daemon binds fits nowhere (port) */
static void
test_daemon_unplaceable(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(GPtrArray) diagnostics = plan_diagnostics_new();
	const PlanClusterSizing *sizing;
	PlanService *daemon;
	PlanService *big;
	PlanService *web;
	PlanContainer *container;

	add_ec2_service(model, "api", 2048, 1024, 2, PLAN_NETWORK_BRIDGE);
	daemon = add_ec2_service(model, "agent", 256, 512, 1, PLAN_NETWORK_BRIDGE);
	daemon->scheduling_strategy = PLAN_SCHEDULING_DAEMON;
	container = plan_container_new();
	container->name = g_strdup("agent");
	container->port = 8125;
	g_ptr_array_add(daemon->containers, container);
	big = add_ec2_service(model, "big", 2000, 512, 1, PLAN_NETWORK_BRIDGE);
	big->scheduling_strategy = PLAN_SCHEDULING_DAEMON;
	web = add_ec2_service(model, "web", 256, 256, 1, PLAN_NETWORK_BRIDGE);
	container = plan_container_new();
	container->name = g_strdup("web");
	container->port = 8125;
	g_ptr_array_add(web->containers, container);
	compute = compute_linked(model, book, diagnostics);
	sizing = plan_compute_cluster(compute, 0);
	/* api (cpu), web (port), then the daemon big (cpu: 256 + 2000 > 2048) */
	g_assert_cmpuint(sizing->unplaceable->len, ==, 3);
	g_assert_cmpuint(g_array_index(sizing->unplaceable, PlanUnplaceable, 0).service_index, ==, 0);
	g_assert_cmpint(g_array_index(sizing->unplaceable, PlanUnplaceable, 0).limit, ==,
			PLAN_LIMIT_CPU);
	g_assert_cmpuint(g_array_index(sizing->unplaceable, PlanUnplaceable, 1).service_index, ==, 3);
	g_assert_cmpint(g_array_index(sizing->unplaceable, PlanUnplaceable, 1).limit, ==,
			PLAN_LIMIT_PORT);
	g_assert_cmpuint(g_array_index(sizing->unplaceable, PlanUnplaceable, 2).service_index, ==, 2);
	g_assert_cmpint(sizing->reserve->cpu_units, ==, 256);
	g_assert_cmpuint(diagnostics->len, ==, 3);
	g_assert_nonnull(strstr(((PlanDiagnostic *)g_ptr_array_index(diagnostics, 0))->message,
				"beside its daemon 'agent' (256 CPU units, 512 MiB) only 1792 CPU "
				"units and 7473 MiB are left"));
	g_assert_nonnull(strstr(((PlanDiagnostic *)g_ptr_array_index(diagnostics, 2))->message,
				"daemon service 'big'"));
}

/* seed 002: one t2.nano (500 MiB registered), one bridge task of 256/256 on port 80. it fits
 * (500 / 256 = 1); a second copy does not (2 × 256 = 512 > 500), and port 80 is taken too */
static void
test_seed002(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model =
	    plan_model_load_builtin("seed002-chronous-payments-ec2", &error);
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(PlanCompute) compute = NULL;
	g_autoptr(PlanValidation) validation = NULL;
	const PlanClusterSizing *sizing;
	const PlanService *service;
	PlanTaskShape shape;
	PlanPacking packing;

	g_assert_no_error(error);
	book = plan_price_book_load_builtin(model->region, &error);
	g_assert_no_error(error);
	compute = compute_linked(model, book, NULL);
	sizing = plan_compute_cluster(compute, 0);
	g_assert_cmpstr(sizing->type->name, ==, "t2.nano");
	g_assert_cmpuint(sizing->unplaceable->len, ==, 0);
	/* 1 task over us-east-2a and us-east-2b: 1 + 0; min 1, max 1 */
	g_assert_cmpint(sizing->instances_desired, ==, 1);
	g_assert_cmpint(sizing->instances_peak, ==, 1);
	g_assert_false(sizing->over_max);
	service = g_ptr_array_index(model->services, 0);
	shape = plan_service_task_shape(service);
	g_assert_true(shape.host_port);
	packing = plan_packing(sizing->type, &shape, FALSE);
	g_assert_cmpint(packing.by_memory, ==, 1);
	g_assert_cmpint(packing.by_cpu, ==, 4);
	g_assert_cmpint(packing.tasks, ==, 1);
	/* memory 256 of 500 → 0.512; CPU 256 of 1024 → 0.25 */
	g_assert_cmpfloat_with_epsilon(sizing->memory_utilisation_desired, 0.512, 1e-9);
	g_assert_cmpfloat_with_epsilon(sizing->cpu_utilisation_desired, 0.25, 1e-9);

	validation = test_validate(model);
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *finding = g_ptr_array_index(validation->diagnostics, i);
		g_assert_false(g_str_has_prefix(finding->code, "ec2-"));
		g_assert_cmpstr(finding->code, !=, "deployment-stuck");
	}
	/* the instance sits in private-a (subnet 1): its address is counted there */
	g_assert_cmpint(g_array_index(validation->subnets, PlanSubnetUse, 1).instance_ips, ==, 1);
}

/* ---- the other rules, through plan_validate ---- */

static guint
count_code(const PlanValidation *validation, const char *code, PlanSeverity severity)
{
	guint count = 0;
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *finding = g_ptr_array_index(validation->diagnostics, i);
		if (g_strcmp0(finding->code, code) == 0 && finding->severity == severity)
			count++;
	}
	return count;
}

static const PlanDiagnostic *
find_code(const PlanValidation *validation, const char *code)
{
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *finding = g_ptr_array_index(validation->diagnostics, i);
		if (g_strcmp0(finding->code, code) == 0)
			return finding;
	}
	g_assert_not_reached();
}

static const PlanDiagnostic *
find_path(const PlanValidation *validation, const char *code, const char *path)
{
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *finding = g_ptr_array_index(validation->diagnostics, i);
		if (g_strcmp0(finding->code, code) == 0 && g_strcmp0(finding->path, path) == 0)
			return finding;
	}
	g_error("no %s finding at %s", code, path);
}

static PlanService *
add_fargate_service(PlanModel *model, const char *name, gint64 cpu, gint64 memory)
{
	PlanService *service = plan_service_new();
	service->name = g_strdup(name);
	service->origin.path = g_strdup_printf("services[%u]", model->services->len);
	service->cpu = cpu;
	service->memory = memory;
	service->desired_count = 2;
	g_ptr_array_add(model->services, service);
	return service;
}

static void
test_rule_fargate_task_size(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;
	PlanService *unset = NULL;
	const PlanDiagnostic *finding;

	add_fargate_service(model, "ok", 4096, 30720);
	add_fargate_service(model, "wrong", 256, 4096);
	add_fargate_service(model, "too-much", 4096, 31744);
	add_fargate_service(model, "odd-cpu", 768, 2048);
	unset = add_fargate_service(model, "unset", 0, 0);
	add_container(unset, 300, 700, 0, 0);
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "fargate-task-size", PLAN_SEVERITY_ERROR), ==, 4);
	finding = find_path(validation, "fargate-task-size", "services[1].memory");
	g_assert_nonnull(strstr(finding->message, "the nearest valid sizes (cpu/MiB) are "
						  "512/4096, 256/2048 or 512/3072"));
	finding = find_path(validation, "fargate-task-size", "services[2].memory");
	g_assert_nonnull(strstr(finding->message, "the smallest that holds it is 8192/32768"));
	(void)find_path(validation, "fargate-task-size", "services[3].cpu");
	finding = find_path(validation, "fargate-task-size", "services[4].cpu");
	/* containers 300/700 → 512/1024 */
	g_assert_nonnull(strstr(finding->message, "the smallest that holds it is 512/1024"));
}

static void
test_rule_container_exceeds_task(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;
	PlanService *service = add_fargate_service(model, "api", 256, 512);
	PlanService *fine = add_fargate_service(model, "fine", 256, 512);

	/* cpu 200 + 100 = 300 > 256; memory 256 + reservation 300 = 556 > 512 */
	add_container(service, 200, 256, 0, 0);
	add_container(service, 100, 0, 300, 0);
	/* exactly the task: 128 + 128, 256 + 256 */
	add_container(fine, 128, 256, 0, 0);
	add_container(fine, 128, 256, 0, 0);
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "container-exceeds-task", PLAN_SEVERITY_ERROR), ==,
			 2);
	g_assert_nonnull(strstr(find_code(validation, "container-exceeds-task")->message,
				"ask for 300 CPU units in all but the task has 256"));
}

static void
test_rule_service_connect_room(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;
	PlanService *tight = add_fargate_service(model, "backend", 256, 512);
	PlanService *roomy = add_fargate_service(model, "roomy", 512, 1024);
	PlanService *plain = add_fargate_service(model, "plain", 256, 512);

	/* seed 004's tasks: an X-Ray sidecar (32 CPU, reservation 256 MiB) and the app (no
	 * size): 32 + 256 = 288 CPU > 256; 256 + 64 = 320 MiB <= 512: one finding, on cpu */
	tight->service_connect = TRUE;
	add_container(tight, 32, 0, 256, 0);
	add_container(tight, 0, 0, 0, 0);
	/* the same at 512/1024 holds it: 288 <= 512, 320 <= 1024 */
	roomy->service_connect = TRUE;
	add_container(roomy, 32, 0, 256, 0);
	/* without Service Connect 32 <= 256: nothing */
	add_container(plain, 32, 0, 256, 0);
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "service-connect-room", PLAN_SEVERITY_WARNING),
			 ==, 1);
	(void)find_path(validation, "service-connect-room", "services[0].cpu");
	g_assert_nonnull(strstr(find_code(validation, "service-connect-room")->message,
				"288 and 320 in all, but the task has 256 and 512"));
	/* ECS accepts the task: no container-exceeds-task error */
	g_assert_cmpuint(count_code(validation, "container-exceeds-task", PLAN_SEVERITY_ERROR), ==,
			 0);
}

static void
test_rule_strategy_base(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;
	PlanService *service = add_fargate_service(model, "api", 256, 512);
	const char *providers[] = {"FARGATE", "FARGATE_SPOT", "FARGATE"};
	gint64 bases[] = {1, 0, 2};
	const PlanDiagnostic *finding;

	for (guint i = 0; i < 3; i++) {
		PlanStrategyItem *item = plan_strategy_item_new();
		item->capacity_provider = g_strdup(providers[i]);
		item->base = bases[i];
		item->weight = 1;
		g_ptr_array_add(service->capacity_provider_strategy, item);
	}
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "strategy-base", PLAN_SEVERITY_ERROR), ==, 1);
	finding = find_code(validation, "strategy-base");
	g_assert_cmpstr(finding->path, ==, "services[0].capacity_provider_strategy[2].base");
	g_assert_cmpstr(g_ptr_array_index(finding->related, 0), ==,
			"services[0].capacity_provider_strategy[0]");
}

static void
test_rule_autoscaling_range(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;
	PlanService *inverted = add_fargate_service(model, "inverted", 256, 512);
	PlanService *outside = add_fargate_service(model, "outside", 256, 512);
	PlanService *inside = add_fargate_service(model, "inside", 256, 512);

	set_autoscaling(inverted, 5, 2);
	/* desired 2 below min 3: warning, moved to 3 */
	set_autoscaling(outside, 3, 6);
	set_autoscaling(inside, 2, 2);
	model_cluster(model)->min = 4;
	model_cluster(model)->max = 3;
	validation = test_validate(model);
	/* the service and the cluster */
	g_assert_cmpuint(count_code(validation, "autoscaling-range", PLAN_SEVERITY_ERROR), ==, 2);
	g_assert_cmpuint(count_code(validation, "autoscaling-range", PLAN_SEVERITY_WARNING), ==, 1);
	/* min 4 > max 3 is not also an ec2-capacity finding */
	g_assert_cmpuint(count_code(validation, "ec2-capacity", PLAN_SEVERITY_ERROR), ==, 0);
}

typedef struct {
	gint64 desired;
	gint64 maximum;
	gint64 minimum;
	gboolean stuck;
} StuckCase;

/* start: floor(d × max / 100) > d; stop: ceil(d × min / 100) < d */
static const StuckCase stuck_cases[] = {
    {2, 100, 100, TRUE},   /* floor(2) = 2, ceil(2) = 2 */
    {1, 150, 100, TRUE},   /* floor(1.5) = 1: no room to start one */
    {1, 100, 0, FALSE},	   /* seed 002: it stops the only task first */
    {2, 200, 100, FALSE},  /* the defaults */
    {10, 110, 100, FALSE}, /* floor(11) = 11 > 10 */
    {10, 105, 100, TRUE},  /* floor(10.5) = 10 */
    {10, 100, 95, TRUE},   /* ceil(9.5) = 10 */
    {10, 100, 90, FALSE},  /* ceil(9) = 9 < 10 */
    {0, 100, 100, FALSE},  /* nothing to deploy */
};

static void
test_rule_deployment_stuck(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;
	guint expected = 0;

	for (guint i = 0; i < G_N_ELEMENTS(stuck_cases); i++) {
		g_autofree char *name = g_strdup_printf("s%u", i);
		PlanService *service = add_fargate_service(model, name, 256, 512);
		service->desired_count = stuck_cases[i].desired;
		service->deployment.maximum_percent = stuck_cases[i].maximum;
		service->deployment.minimum_healthy_percent = stuck_cases[i].minimum;
		expected += stuck_cases[i].stuck ? 1 : 0;
	}
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "deployment-stuck", PLAN_SEVERITY_WARNING), ==,
			 expected);
	/* the first: 2 tasks at 100/100; one more task needs ceil(3 × 100 / 2) = 150 */
	g_assert_nonnull(strstr(find_code(validation, "deployment-stuck")->message,
				"raise maximum_percent to at least 150"));
}

/* a region without built-in prices (sa-east-1): the specs are the same everywhere, so the EC2
 * rules still run (4096 CPU units do not fit a 2048-unit m5.large), and the missing hourly price
 * and EBS rate are price-missing errors among the analysis's findings */
static void
test_rule_no_book(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(GError) error = NULL;
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE};
	guint n_missing = 0;

	g_free(model->region);
	model->region = g_strdup("sa-east-1");
	add_ec2_service(model, "api", 4096, 512, 1, PLAN_NETWORK_BRIDGE);
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "ec2-instance-type-unknown", PLAN_SEVERITY_NOTE),
			 ==, 0);
	g_assert_cmpuint(count_code(validation, "ec2-task-unplaceable", PLAN_SEVERITY_ERROR), ==,
			 1);
	/* a task that fits, so the cluster runs an instance that needs its hourly price */
	add_ec2_service(model, "web", 512, 512, 1, PLAN_NETWORK_BRIDGE);
	plan_model_link(model);
	result = plan_analyse(model, &options, &error);
	g_assert_no_error(error);
	for (guint i = 0; i < result->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(result->diagnostics, i);
		if (g_strcmp0(diagnostic->code, "price-missing") != 0)
			continue;
		n_missing++;
		g_assert_cmpint(diagnostic->severity, ==, PLAN_SEVERITY_ERROR);
		/* the instance hour, then its 30 GB gp3 root volume (clusters[].ebs_gb) */
		g_assert_true(
		    strstr(diagnostic->message,
			   "no price for 'ec2.m5.large' in region 'sa-east-1'") != NULL ||
		    strstr(diagnostic->message,
			   "no price for 'ebs.gp3.gb_month' in region 'sa-east-1'") != NULL);
	}
	g_assert_cmpuint(n_missing, ==, 2);
	g_assert_cmpuint(result->missing_prices->len, ==, 2);
}

/* a typo of a type that has specs but no price in the region (m6i in eu-central-1) is never
 * pointed at it: a suggestion must not lead to a price-missing error. In us-east-1, where m6i
 * is priced, the same typo gets it */
static void
test_rule_suggest_priced_only(void)
{
	static const struct {
		const char *region;
		gboolean suggests_m6i;
	} cases[] = {{"eu-central-1", FALSE}, {"us-east-1", TRUE}};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(PlanModel) model = cluster_model("m6i.larg", 1);
		g_autoptr(PlanValidation) validation = NULL;
		const PlanDiagnostic *unknown;

		g_free(model->region);
		model->region = g_strdup(cases[i].region);
		add_ec2_service(model, "api", 512, 512, 1, PLAN_NETWORK_BRIDGE);
		validation = test_validate(model);
		unknown = find_code(validation, "ec2-instance-type-unknown");
		g_assert_nonnull(unknown);
		g_assert_cmpint(unknown->severity, ==, PLAN_SEVERITY_ERROR);
		g_assert_true((strstr(unknown->message, "'m6i.large'") != NULL) ==
			      cases[i].suggests_m6i);
	}
}

/* an unknown region has no book at all: the EC2 rules are skipped, said once as a note */
static void
test_rule_unknown_region(void)
{
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;

	g_free(model->region);
	model->region = g_strdup("xx-nowhere-9");
	add_ec2_service(model, "api", 4096, 512, 1, PLAN_NETWORK_BRIDGE);
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "ec2-instance-type-unknown", PLAN_SEVERITY_NOTE),
			 ==, 1);
	g_assert_cmpuint(count_code(validation, "ec2-task-unplaceable", PLAN_SEVERITY_ERROR), ==,
			 0);
}

/* an explicit book is used instead of the region's */
static void
test_rule_with_prices(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("m5.large", 1);
	g_autoptr(PlanValidation) validation = NULL;

	g_free(model->region);
	model->region = g_strdup("sa-east-1");
	/* 4096 units on a 2048-unit m5.large */
	add_ec2_service(model, "api", 4096, 512, 1, PLAN_NETWORK_BRIDGE);
	validation = test_validate_with_prices(model, book);
	g_assert_cmpuint(count_code(validation, "ec2-instance-type-unknown", PLAN_SEVERITY_NOTE),
			 ==, 0);
	g_assert_cmpuint(count_code(validation, "ec2-task-unplaceable", PLAN_SEVERITY_ERROR), ==,
			 1);
	g_assert_nonnull(strstr(find_code(validation, "ec2-task-unplaceable")->message,
				"by cpu: it registers 2048 CPU units (2 vCPU × 1024)"));
}

/* cluster-single-az: one bridge task of 256/256 packs onto one t2.nano (500 MiB registered),
 * and with min 0 the cluster runs that one instance, in the first AZ (us-east-1a) although its
 * subnets span us-east-1a and us-east-1b: the warning fires on clusters[0].min. with min 2
 * each AZ keeps an instance and it does not; a cluster in one AZ only is told to add a subnet */
static const PlanDiagnostic *
find_code_or_null(const PlanValidation *validation, const char *code)
{
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(validation->diagnostics, i);
		if (g_strcmp0(diagnostic->code, code) == 0)
			return diagnostic;
	}
	return NULL;
}

static void
test_cluster_single_az(void)
{
	g_autoptr(PlanPriceBook) book = book_us_east_1();
	g_autoptr(PlanModel) model = cluster_model("t2.nano", 2);
	g_autoptr(PlanModel) one_az = cluster_model("t2.nano", 1);
	g_autoptr(PlanValidation) validation = NULL;
	const PlanDiagnostic *finding;

	add_ec2_service(model, "api", 256, 256, 1, PLAN_NETWORK_BRIDGE);
	model_cluster(model)->max = 1;
	validation = test_validate_with_prices(model, book);
	finding = find_code_or_null(validation, "cluster-single-az");
	g_assert_nonnull(finding);
	g_assert_cmpint(finding->severity, ==, PLAN_SEVERITY_WARNING);
	g_assert_cmpstr(finding->path, ==, "clusters[0].min");
	g_assert_cmpstr(finding->message, ==,
			"every instance of cluster 'ecs' runs in us-east-1a, so its services ('api') "
			"stop when that AZ does, although its subnets span 2 AZs; raise min and max to "
			"2 so each AZ keeps an instance");

	g_clear_pointer(&validation, plan_validation_free);
	model_cluster(model)->min = 2;
	model_cluster(model)->max = 2;
	validation = test_validate_with_prices(model, book);
	g_assert_null(find_code_or_null(validation, "cluster-single-az"));

	g_clear_pointer(&validation, plan_validation_free);
	add_ec2_service(one_az, "api", 256, 256, 1, PLAN_NETWORK_BRIDGE);
	validation = test_validate_with_prices(one_az, book);
	finding = find_code_or_null(validation, "cluster-single-az");
	g_assert_nonnull(finding);
	g_assert_cmpstr(finding->path, ==, "clusters[0].subnets");
	g_assert_nonnull(strstr(finding->message, "add a subnet in a second AZ and raise min to 2"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/compute/fargate/valid", test_fargate_valid);
	g_test_add_func("/planner/compute/fargate/rows", test_fargate_rows);
	g_test_add_func("/planner/compute/fargate/fit", test_fargate_fit);
	g_test_add_func("/planner/compute/fargate/nearest", test_fargate_nearest);
	g_test_add_func("/planner/compute/task-size", test_task_size);
	for (guint i = 0; i < G_N_ELEMENTS(split_cases); i++) {
		g_autofree char *path =
		    g_strdup_printf("/planner/compute/split/%s", split_cases[i].name);
		g_test_add_data_func(path, &split_cases[i], run_split_case);
	}
	g_test_add_func("/planner/compute/split/no-strategy", test_split_no_strategy);
	g_test_add_func("/planner/compute/packing/registered", test_registered);
	for (guint i = 0; i < G_N_ELEMENTS(packing_cases); i++) {
		g_autofree char *path =
		    g_strdup_printf("/planner/compute/packing/%s", packing_cases[i].name);
		g_test_add_data_func(path, &packing_cases[i], run_packing_case);
	}
	g_test_add_func("/planner/compute/packing/instances-needed", test_instances_needed);
	g_test_add_func("/planner/compute/bins/decreasing", test_bins_decreasing);
	g_test_add_func("/planner/compute/bins/large", test_bins_large);
	g_test_add_func("/planner/compute/bins/ports", test_bins_ports);
	g_test_add_func("/planner/compute/cluster/per-az", test_cluster_per_az);
	g_test_add_func("/planner/compute/cluster/single-az", test_cluster_single_az);
	g_test_add_func("/planner/compute/cluster/peak-and-max", test_cluster_peak_and_max);
	g_test_add_func("/planner/compute/cluster/min-and-target", test_cluster_min_and_target);
	g_test_add_func("/planner/compute/cluster/rotation", test_cluster_rotation);
	g_test_add_func("/planner/compute/cluster/unplaceable", test_cluster_unplaceable);
	g_test_add_func("/planner/compute/cluster/eni-limit", test_cluster_eni_limit);
	g_test_add_func("/planner/compute/cluster/addresses", test_cluster_addresses);
	g_test_add_func("/planner/compute/cluster/addresses-shared-az",
			test_cluster_addresses_shared_az);
	g_test_add_func("/planner/compute/seed002", test_seed002);
	g_test_add_func("/planner/compute/rules/fargate-task-size", test_rule_fargate_task_size);
	g_test_add_func("/planner/compute/rules/service-connect-room",
			test_rule_service_connect_room);
	g_test_add_func("/planner/compute/rules/container-exceeds-task",
			test_rule_container_exceeds_task);
	g_test_add_func("/planner/compute/rules/strategy-base", test_rule_strategy_base);
	g_test_add_func("/planner/compute/rules/autoscaling-range", test_rule_autoscaling_range);
	g_test_add_func("/planner/compute/rules/deployment-stuck", test_rule_deployment_stuck);
	g_test_add_func("/planner/compute/daemon-packing", test_daemon_packing);
	g_test_add_func("/planner/compute/daemon-unplaceable", test_daemon_unplaceable);
	g_test_add_func("/planner/compute/rules/no-book", test_rule_no_book);
	g_test_add_func("/planner/compute/rules/unknown-region", test_rule_unknown_region);
	g_test_add_func("/planner/compute/rules/suggest-priced-only",
			test_rule_suggest_priced_only);
	g_test_add_func("/planner/compute/rules/with-prices", test_rule_with_prices);
	return g_test_run();
}
