/* ecsplan: the cost of what runs beside the containers — databases (RDS instance hours and
 * storage) and standalone EC2 hosts (instance hours, public address, EBS volume) */
#include "cost-private.h"

#include <string.h>

#include "text.h"

/* the model's engine as the book names it: "postgres", "aurora-mysql" */
static const char *
plan_cost_db_engine(PlanDbEngine engine)
{
	switch (engine) {
	case PLAN_DB_POSTGRES:
		return "postgres";
	case PLAN_DB_MARIADB:
		return "mariadb";
	case PLAN_DB_AURORA_MYSQL:
		return "aurora-mysql";
	case PLAN_DB_AURORA_POSTGRESQL:
		return "aurora-postgresql";
	case PLAN_DB_MYSQL:
	default:
		return "mysql";
	}
}

/* the price of a DB class's hour (@leaf "hour", or "multi_az_hour" for a Multi-AZ
 * deployment's): the engine's own figure (rds.postgres.db_m5_large.hour, from an imported
 * AmazonRDS file), else the engine-less default (rds.db_m5_large.hour: the built-in book's,
 * the MySQL rate). @key gets the key that priced it, or the engine's key when none did (what
 * `prices import` of an AmazonRDS file supplies) */
static const PlanPrice *
plan_cost_db_price(PlanCostContext *context, const PlanDatabase *database, const char *leaf,
		   char **key)
{
	g_autofree char *flat = g_strdup(database->instance_class != NULL
					     ? database->instance_class
					     : "");
	g_autofree char *engine_key = NULL;
	g_autofree char *default_key = NULL;
	const PlanPrice *price;

	g_strdelimit(flat, ".", '_');
	engine_key = g_strdup_printf("rds.%s.%s.%s", plan_cost_db_engine(database->engine), flat,
				     leaf);
	default_key = g_strdup_printf("rds.%s.%s", flat, leaf);
	if ((price = cost_price(context, engine_key)) != NULL) {
		*key = g_steal_pointer(&engine_key);
		return price;
	}
	price = cost_price(context, default_key);
	*key = price != NULL || strcmp(leaf, "hour") != 0 ? g_steal_pointer(&default_key)
							  : g_steal_pointer(&engine_key);
	return price;
}

/* the book's name of a storage type: "gp3" (ebs.gp3.gb_month) */
const char *
cost_storage_name(PlanStorageType type)
{
	switch (type) {
	case PLAN_STORAGE_GP3:
		return "gp3";
	case PLAN_STORAGE_IO1:
		return "io1";
	case PLAN_STORAGE_AURORA:
		return "aurora";
	case PLAN_STORAGE_GP2:
	default:
		return "gp2";
	}
}

/* one database: instance hours (twice for a Multi-AZ standby, once per Aurora instance) and
 * storage (twice for Multi-AZ). a class or storage type the book lacks prices nothing, and the
 * line says so (cost_add_line with no price is an estimate) */
static void
plan_cost_database(PlanCostContext *context, const PlanDatabase *database)
{
	const PlanVpc *vpc = database->vpc_index >= 0
				 ? g_ptr_array_index(context->model->vpcs, database->vpc_index)
				 : NULL;
	g_autofree char *hours = cost_number(context->hours, 4);
	g_autofree char *key = NULL;
	g_autofree char *storage_key = NULL;
	g_autofree char *gb = NULL;
	gboolean aurora = plan_database_is_aurora(database);
	gint64 copies = aurora ? MAX(database->instances, 1) : (database->multi_az ? 2 : 1);
	const char *why = aurora ? (copies == 1 ? "1 instance" : "instances")
			  : database->multi_az ? "Multi-AZ: primary and standby"
					       : "single-AZ";
	const PlanPrice *price = NULL;
	const PlanPrice *storage_price = NULL;
	double storage_copies = database->multi_az ? 2.0 : 1.0;

	/* Multi-AZ: the deployment's own hourly rate when the book has it (an imported AmazonRDS
	 * file's Multi-AZ row), else twice the single-AZ rate */
	if (database->multi_az && !aurora) {
		price = plan_cost_db_price(context, database, "multi_az_hour", &key);
		if (price != NULL) {
			copies = 1;
			why = "Multi-AZ rate: primary and standby";
		} else {
			g_clear_pointer(&key, g_free);
		}
	}
	if (price == NULL)
		price = plan_cost_db_price(context, database, "hour", &key);
	cost_add_line(context, PLAN_COST_DATABASE,
			   cost_resource(context, "db", vpc, database->name), NULL, NULL,
			   (double)copies * context->hours, "instance-hour", key, price,
			   g_strdup_printf("%" G_GINT64_FORMAT " × %s (%s) × %s h", copies,
					   database->instance_class, why, hours));
	if (database->storage_gb <= 0 || aurora)
		return;
	if (database->multi_az) {
		storage_key = g_strdup_printf("rds.%s.multi_az_gb_month",
					      cost_storage_name(database->storage_type));
		storage_price = cost_price(context, storage_key);
		if (storage_price != NULL)
			storage_copies = 1.0;
		else
			g_clear_pointer(&storage_key, g_free);
	}
	if (storage_key == NULL) {
		storage_key = g_strdup_printf("rds.%s.gb_month",
					      cost_storage_name(database->storage_type));
		storage_price = cost_price(context, storage_key);
	}
	gb = cost_number((double)database->storage_gb, 0);
	/* storage is billed per GB-month: a month of @hours is hours / 730 of one */
	cost_add_line(
	    context, PLAN_COST_DATABASE, cost_resource(context, "db", vpc, database->name),
	    NULL, NULL,
	    storage_copies * (double)database->storage_gb * context->hours /
		PLAN_COST_DEFAULT_HOURS,
	    "GB-month", storage_key, storage_price,
	    g_strdup_printf("%s GB %s%s × %s h / 730 h", gb,
			    cost_storage_name(database->storage_type),
			    storage_copies == 2.0 ? " × 2 (Multi-AZ)"
			    : database->multi_az  ? " (Multi-AZ rate)"
						  : "",
			    hours));
}

/* one standalone host: its instance hours, its public address, its EBS volume */
static void
plan_cost_host(PlanCostContext *context, const PlanInstance *instance)
{
	const PlanVpc *vpc = instance->vpc_index >= 0
				 ? g_ptr_array_index(context->model->vpcs, instance->vpc_index)
				 : NULL;
	g_autofree char *hours = cost_number(context->hours, 4);
	g_autofree char *key = g_strdup_printf("ec2.%s", instance->instance_type);
	g_autofree char *ebs_key = g_strdup_printf(
	    "ebs.%s.gb_month", cost_storage_name(instance->ebs_type));
	const PlanInstanceType *type =
	    plan_price_book_instance(context->book, instance->instance_type);
	const PlanPrice *price = type != NULL && type->hourly.present ? &type->hourly : NULL;
	g_autofree char *gb = cost_number((double)instance->ebs_gb, 0);

	cost_add_compute_line(context, PLAN_COST_EC2,
			      cost_resource(context, "host", vpc, instance->name), NULL, NULL,
			      context->hours, "instance-hour", key, price,
			      g_strdup_printf("1 host (%s) × %s h", instance->instance_type, hours),
			      instance->instance_type);
	if (instance->public_ip)
		cost_add_line(context, PLAN_COST_PUBLIC_IPV4,
				   cost_resource(context, "host", vpc, instance->name), NULL,
				   NULL, context->hours, "IP-hour", "public_ipv4.hour",
				   cost_price(context, "public_ipv4.hour"),
				   g_strdup_printf("1 public address (public_ip) × %s h", hours));
	if (instance->ebs_gb > 0)
		cost_add_line(
		    context, PLAN_COST_EC2, cost_resource(context, "host", vpc, instance->name),
		    NULL, NULL, (double)instance->ebs_gb * context->hours / PLAN_COST_DEFAULT_HOURS,
		    "GB-month", ebs_key, cost_price(context, ebs_key),
		    g_strdup_printf("%s GB EBS %s × %s h / 730 h", gb,
				    cost_storage_name(instance->ebs_type), hours));
}

/* ---- CloudWatch Logs and Container Insights ------------------------------------------------ */

static gboolean
plan_cost_any_awslogs(const PlanModel *model)
{
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		if (service->log_driver == PLAN_LOG_AWSLOGS)
			return TRUE;
	}
	return FALSE;
}

/* the figures are monthly, like the other usage figures: ingestion at logs.ingest_gb, what the
 * log groups hold at logs.storage_gb_month, Container Insights' performance log events at the
 * ingestion rate. Lines appear when the model gives a figure; a model whose tasks log with
 * awslogs and gives none lists the default 0 as an assumption, never a silent $0 */
static void
plan_cost_logs(PlanCostContext *context)
{
	const PlanUsage *usage = &context->model->usage;
	/* the figures are a month's; a simulated run prices as much of them as its hours
	 * (usage_share = hours / 730, 1 for a month), as the network usage lines do */
	double share = context->usage_share;
	const char *of_month = share != 1.0 ? " × usage.share" : "";
	guint logs_bits = PLAN_USAGE_LOGS_INGESTED_GB | PLAN_USAGE_LOGS_STORED_GB |
			  PLAN_USAGE_CONTAINER_INSIGHTS_GB;

	if ((usage->set & logs_bits) == 0) {
		if (plan_cost_any_awslogs(context->model))
			cost_assume(context, "usage.logs_ingested_gb_per_month", 0.0, "GB/month",
					 PLAN_COST_FROM_DEFAULT,
					 g_strdup("not given: 0; tasks log with awslogs, and CloudWatch "
						  "Logs bills each GB they send (logs.ingest_gb)"));
		return;
	}
	if (usage->set & PLAN_USAGE_LOGS_INGESTED_GB) {
		g_autofree char *gb = cost_number(usage->logs_ingested_gb_per_month, 4);
		cost_assume(context, "usage.logs_ingested_gb_per_month",
				 usage->logs_ingested_gb_per_month, "GB/month", PLAN_COST_FROM_MODEL,
				 g_strdup("what the tasks send to CloudWatch Logs"));
		cost_add_line(context, PLAN_COST_LOGS, g_strdup("usage"), NULL, NULL,
				   usage->logs_ingested_gb_per_month * share, "GB", "logs.ingest_gb",
				   cost_price(context, "logs.ingest_gb"),
				   g_strdup_printf("%s GB ingested a month "
						   "(usage.logs_ingested_gb_per_month)%s",
						   gb, of_month));
	}
	if (usage->set & PLAN_USAGE_LOGS_STORED_GB) {
		g_autofree char *gb = cost_number(usage->logs_stored_gb, 4);
		cost_assume(context, "usage.logs_stored_gb", usage->logs_stored_gb, "GB",
				 PLAN_COST_FROM_MODEL,
				 g_strdup("what the log groups hold, month after month"));
		cost_add_line(context, PLAN_COST_LOGS, g_strdup("usage"), NULL, NULL,
				   usage->logs_stored_gb * share, "GB-month", "logs.storage_gb_month",
				   cost_price(context, "logs.storage_gb_month"),
				   g_strdup_printf("%s GB stored (usage.logs_stored_gb)%s", gb, of_month));
	}
	if (usage->set & PLAN_USAGE_CONTAINER_INSIGHTS_GB) {
		g_autofree char *gb = cost_number(usage->container_insights_gb_per_month, 4);
		PlanCostLine *line;
		cost_assume(context, "usage.container_insights_gb_per_month",
				 usage->container_insights_gb_per_month, "GB/month",
				 PLAN_COST_FROM_MODEL,
				 g_strdup("Container Insights' performance log events, billed as "
					  "CloudWatch Logs ingestion; its metrics are not priced "
					  "(estimate)"));
		line = cost_add_line(context, PLAN_COST_LOGS, g_strdup("container-insights"),
					  NULL, NULL, usage->container_insights_gb_per_month * share,
					  "GB", "logs.ingest_gb", cost_price(context, "logs.ingest_gb"),
					  g_strdup_printf("%s GB of performance events a month "
							  "(usage.container_insights_gb_per_month)%s",
							  gb, of_month));
		/* the line rests on how Container Insights is billed, not on a fact-sheet row */
		if (line != NULL)
			line->estimate = TRUE;
	}
}

/**
 * cost_hosts:
 * @context: the cost being built
 *
 * Prices the model's databases and standalone hosts, and CloudWatch Logs from the usage
 * figures.
 */
void
cost_hosts(PlanCostContext *context)
{
	/* a figure the book lacks is a price-missing finding on the element that needs it */
	for (guint i = 0; i < context->model->databases->len; i++) {
		const PlanDatabase *database = g_ptr_array_index(context->model->databases, i);
		cost_set_origin(context, &database->origin, NULL, "database", database->name);
		plan_cost_database(context, database);
	}
	for (guint i = 0; i < context->model->instances->len; i++) {
		const PlanInstance *instance = g_ptr_array_index(context->model->instances, i);
		cost_set_origin(context, &instance->origin, NULL, "instance", instance->name);
		plan_cost_host(context, instance);
	}
	cost_set_origin(context, NULL, NULL, NULL, NULL);
	plan_cost_logs(context);
}
