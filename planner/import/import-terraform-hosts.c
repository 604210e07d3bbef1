/* databases and standalone hosts in the Terraform import (issue 13): aws_db_instance and its
 * aws_db_subnet_group, aws_rds_cluster with its aws_rds_cluster_instance members, and
 * aws_instance (bastions, build boxes) into the model's databases[] and instances[] */
#include "import-terraform-private.h"

#include <string.h>

static const char *const db_instance_types[] = {"aws_db_instance", NULL};
static const char *const subnet_group_types[] = {"aws_db_subnet_group", NULL};
static const char *const rds_cluster_types[] = {"aws_rds_cluster", NULL};
static const char *const host_types[] = {"aws_instance", NULL};

/* an Aurora cluster being built: its members are counted before it becomes a database */
typedef struct {
	PlanTfResource *resource;
	PlanDatabase *database; /* owned by the model once made */
	GPtrArray *members;	/* PlanTfResource: its aws_rds_cluster_instance resources */
} PlanTfRdsCluster;

static void
plan_tf_rds_cluster_free(PlanTfRdsCluster *cluster)
{
	g_ptr_array_unref(cluster->members);
	g_free(cluster);
}

/* the engine names the RDS API uses for the engines the model knows; "aurora" is Aurora MySQL
 * 5.6 (the provider's default for aws_rds_cluster). FALSE for the rest (Oracle, SQL Server,
 * Db2, a Multi-AZ DB cluster of mysql or postgres) */
static gboolean
plan_tf_engine(const char *text, gboolean cluster, PlanDbEngine *out)
{
	static const struct {
		const char *name;
		PlanDbEngine engine;
		gboolean cluster; /* an aws_rds_cluster engine (Aurora) */
	} engines[] = {
	    {"mysql", PLAN_DB_MYSQL, FALSE},
	    {"postgres", PLAN_DB_POSTGRES, FALSE},
	    {"mariadb", PLAN_DB_MARIADB, FALSE},
	    {"aurora", PLAN_DB_AURORA_MYSQL, TRUE},
	    {"aurora-mysql", PLAN_DB_AURORA_MYSQL, TRUE},
	    {"aurora-postgresql", PLAN_DB_AURORA_POSTGRESQL, TRUE},
	};

	for (guint i = 0; i < G_N_ELEMENTS(engines); i++) {
		if (strcmp(text, engines[i].name) == 0 && engines[i].cluster == cluster) {
			*out = engines[i].engine;
			return TRUE;
		}
	}
	return FALSE;
}

/* the subnets of the DB subnet group @from names (db_subnet_group_name), as PlanTfSubnet
 * records, and the VPC they are in. A group whose subnets span VPCs keeps the first's. */
static PlanTfVpc *
plan_tf_db_subnets(PlanTfImport *import, PlanTfResource *from, PlanDatabase *database)
{
	PlanTfResource *group;
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) found = NULL;
	PlanTfVpc *vpc = NULL;

	group = tf_link_one(import, from, "db_subnet_group_name", subnet_group_types,
				 PLAN_TF_LINK_BY_NAME | PLAN_TF_LINK_QUIET);
	if (group == NULL) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
				"the DB subnet group of %s is not in the plan (RDS then uses the "
				"default VPC's default group); its subnets are left empty",
				from->source);
		return NULL;
	}
	found = tf_link(import, group, "subnet_ids", tf_subnet_types, PLAN_TF_LINK_MANY,
			     &status);
	for (guint i = 0; i < found->len; i++) {
		PlanTfSubnet *subnet = tf_subnet_of(g_ptr_array_index(found, i));
		if (subnet == NULL)
			continue;
		if (vpc == NULL)
			vpc = subnet->vpc;
		if (subnet->vpc != vpc) {
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
					"DB subnet group %s lists subnet %s of another VPC; it is "
					"left out",
					group->source, subnet->resource->source);
			continue;
		}
		g_ptr_array_add(database->subnets, g_strdup(subnet->subnet->name));
	}
	return vpc;
}

static void
plan_tf_place_database(PlanTfImport *import, PlanDatabase *database, PlanTfVpc *vpc)
{
	if (vpc == NULL)
		vpc = tf_only_vpc(import);
	if (vpc != NULL)
		database->vpc = g_strdup(vpc->vpc->name);
}

/* a new database element for @resource (the name from its address), in model order */
static PlanDatabase *
plan_tf_database_new(PlanTfImport *import, GHashTable *names, PlanTfResource *resource)
{
	PlanDatabase *database = plan_database_new();

	database->name = tf_element_name(names, resource);
	tf_set_origin(&database->origin, resource,
			   g_strdup_printf("databases[%u]", import->model->databases->len));
	g_ptr_array_add(import->model->databases, database);
	return database;
}

/* storage_type: gp2 unless iops are given (then io1), as the provider documents */
static void
plan_tf_db_storage(PlanTfImport *import, PlanTfResource *resource, PlanDatabase *database)
{
	static const struct {
		const char *name;
		PlanStorageType type;
	} types[] = {
	    {"gp2", PLAN_STORAGE_GP2},
	    {"gp3", PLAN_STORAGE_GP3},
	    {"io1", PLAN_STORAGE_IO1},
	};
	const char *text = NULL;
	double iops = 0;

	database->storage_type = PLAN_STORAGE_GP2;
	if (tf_number(import, resource, "iops", &iops) && iops > 0)
		database->storage_type = PLAN_STORAGE_IO1;
	if (tf_string(import, resource, "storage_type", &text) && text[0] != '\0') {
		gboolean known = FALSE;
		for (guint i = 0; i < G_N_ELEMENTS(types); i++) {
			if (strcmp(text, types[i].name) == 0) {
				database->storage_type = types[i].type;
				known = TRUE;
			}
		}
		if (!known)
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
					"storage type '%s' of %s is not modelled; written as %s",
					text, resource->source,
					database->storage_type == PLAN_STORAGE_IO1 ? "io1" : "gp2");
	}
	tf_integer(import, resource, "allocated_storage", 0, 131072, &database->storage_gb);
}

static void
plan_tf_map_db_instance(PlanTfImport *import, PlanTfResource *resource, GHashTable *names)
{
	const char *engine_text = NULL;
	const char *instance_class = NULL;
	PlanDbEngine engine;
	PlanDatabase *database;
	PlanTfVpc *vpc;

	if (!tf_string(import, resource, "engine", &engine_text)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s has no engine in the plan (a replica or a restore reads it "
				"from its source); left out",
				resource->source);
		return;
	}
	if (!plan_tf_engine(engine_text, FALSE, &engine)) {
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s runs engine '%s', which ecsplan does not price (it models mysql, "
				"postgres and mariadb instances); left out",
				resource->source, engine_text);
		return;
	}
	database = plan_tf_database_new(import, names, resource);
	database->engine = engine;
	if (tf_string(import, resource, "instance_class", &instance_class))
		database->instance_class = g_strdup(instance_class);
	else
		database->instance_class = g_strdup("unknown");
	tf_bool(import, resource, "multi_az", &database->multi_az);
	plan_tf_db_storage(import, resource, database);
	vpc = plan_tf_db_subnets(import, resource, database);
	plan_tf_place_database(import, database, vpc);
}

/* an Aurora cluster: engine and subnet group from aws_rds_cluster, the class and the count
 * from its aws_rds_cluster_instance members */
static void
plan_tf_make_rds_cluster(PlanTfImport *import, PlanTfRdsCluster *cluster, GHashTable *names)
{
	PlanTfResource *resource = cluster->resource;
	const char *engine_text = "aurora";
	const char *instance_class = NULL;
	PlanDbEngine engine;
	PlanDatabase *database;
	PlanTfVpc *vpc;

	/* the provider's default engine is "aurora" (Aurora MySQL 5.6) */
	tf_string(import, resource, "engine", &engine_text);
	if (!plan_tf_engine(engine_text, TRUE, &engine)) {
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s is a cluster of engine '%s' (a Multi-AZ DB cluster), which "
				"ecsplan does not model (it models Aurora MySQL and PostgreSQL); left "
				"out",
				resource->source, engine_text);
		return;
	}
	database = plan_tf_database_new(import, names, resource);
	cluster->database = database;
	database->engine = engine;
	database->storage_type = PLAN_STORAGE_AURORA;
	database->storage_gb = 0;
	database->instances = CLAMP((gint64)cluster->members->len, 1, 16);
	if (cluster->members->len > 16)
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
				"%s has %u instances; the model holds at most 16 (Aurora's limit is "
				"15 readers and a writer)",
				resource->source, cluster->members->len);
	for (guint i = 0; i < cluster->members->len; i++) {
		PlanTfResource *member = g_ptr_array_index(cluster->members, i);
		const char *member_class = NULL;
		if (!tf_string(import, member, "instance_class", &member_class))
			continue;
		if (instance_class == NULL)
			instance_class = member_class;
		else if (strcmp(instance_class, member_class) != 0)
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", member,
					"%s is a %s, but %s's first instance is a %s; the model "
					"prices every instance of the cluster as %s",
					member->source, member_class, resource->source,
					instance_class, instance_class);
	}
	if (cluster->members->len == 0)
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s has no aws_rds_cluster_instance in the plan; the model gives it "
				"one instance of unknown class",
				resource->source);
	database->instance_class = g_strdup(instance_class != NULL ? instance_class : "unknown");
	vpc = plan_tf_db_subnets(import, resource, database);
	plan_tf_place_database(import, database, vpc);
}

static void
plan_tf_read_rds_cluster(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfRdsCluster *cluster;

	if (resource->record != NULL)
		return;
	cluster = g_new0(PlanTfRdsCluster, 1);
	cluster->resource = resource;
	cluster->members = g_ptr_array_new();
	resource->record = cluster;
	tf_add_record(import, cluster, (GDestroyNotify)plan_tf_rds_cluster_free);
}

static void
plan_tf_read_rds_member(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfResource *owner = tf_link_one(import, resource, "cluster_identifier",
						 rds_cluster_types, PLAN_TF_LINK_BY_NAME);
	PlanTfRdsCluster *cluster = owner != NULL ? owner->record : NULL;

	/* a member without a cluster in the plan is reported by tf_link_one */
	if (cluster != NULL)
		g_ptr_array_add(cluster->members, resource);
}

/* ---- standalone hosts ------------------------------------------------------------------------ */

static void
plan_tf_map_host(PlanTfImport *import, PlanTfResource *resource, GHashTable *names)
{
	PlanInstance *host = plan_instance_new();
	const char *instance_type = NULL;
	const char *volume_type = NULL;
	PlanTfSubnet *subnet;
	PlanTfVpc *vpc = NULL;

	host->name = tf_element_name(names, resource);
	tf_set_origin(&host->origin, resource,
			   g_strdup_printf("instances[%u]", import->model->instances->len));
	g_ptr_array_add(import->model->instances, host);
	if (tf_string(import, resource, "instance_type", &instance_type))
		host->instance_type = g_strdup(instance_type);
	else {
		host->instance_type = g_strdup("unknown");
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the instance type of %s is not in the plan (a launch template "
				"may give it); written as 'unknown'",
				resource->source);
	}
	subnet = tf_subnet_of(
	    tf_link_one(import, resource, "subnet_id", tf_subnet_types, PLAN_TF_LINK_ONE));
	if (subnet != NULL) {
		vpc = subnet->vpc;
		host->subnet = g_strdup(subnet->subnet->name);
	} else {
		host->subnet = g_strdup("unknown");
		vpc = tf_only_vpc(import);
	}
	if (vpc != NULL)
		host->vpc = g_strdup(vpc->vpc->name);
	/* associate_public_ip_address unset: the subnet's map_public_ip_on_launch decides, which
	 * the model reads as the subnet's tier */
	if (!tf_bool(import, resource, "associate_public_ip_address", &host->public_ip) &&
	    subnet != NULL)
		host->public_ip = subnet->subnet->tier == PLAN_TIER_PUBLIC;
	/* the root volume: its size and type when the plan gives them; otherwise the AMI's,
	 * which the plan does not show (the model's defaults, 8 GB gp3, stand) */
	tf_integer(import, resource, "root_block_device.0.volume_size", 0, 65536,
			&host->ebs_gb);
	if (tf_string(import, resource, "root_block_device.0.volume_type", &volume_type)) {
		if (strcmp(volume_type, "gp2") == 0)
			host->ebs_type = PLAN_STORAGE_GP2;
		else if (strcmp(volume_type, "gp3") == 0)
			host->ebs_type = PLAN_STORAGE_GP3;
		else if (strcmp(volume_type, "io1") == 0)
			host->ebs_type = PLAN_STORAGE_IO1;
		else
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
					"root volume type '%s' of %s is not modelled; written as gp3",
					volume_type, resource->source);
	}
}

/* ---- the pass -------------------------------------------------------------------------------- */

void
tf_map_hosts(PlanTfImport *import)
{
	g_autoptr(GHashTable) database_names = g_hash_table_new_full(g_str_hash, g_str_equal,
								     g_free, NULL);
	g_autoptr(GHashTable) host_names = g_hash_table_new_full(g_str_hash, g_str_equal,
								 g_free, NULL);
	g_autoptr(GPtrArray) instances = tf_of_types(import, db_instance_types);
	g_autoptr(GPtrArray) clusters = tf_of_types(import, rds_cluster_types);
	g_autoptr(GPtrArray) hosts = tf_of_types(import, host_types);

	/* data sources read existing databases and hosts: lookups, not elements of the plan */
	for (guint i = 0; i < instances->len; i++) {
		PlanTfResource *resource = g_ptr_array_index(instances, i);
		if (!resource->data)
			plan_tf_map_db_instance(import, resource, database_names);
	}
	for (guint i = 0; i < clusters->len; i++) {
		PlanTfResource *resource = g_ptr_array_index(clusters, i);
		if (!resource->data)
			plan_tf_read_rds_cluster(import, resource);
	}
	tf_each_type(import, "aws_rds_cluster_instance", plan_tf_read_rds_member);
	for (guint i = 0; i < clusters->len; i++) {
		PlanTfResource *resource = g_ptr_array_index(clusters, i);
		PlanTfRdsCluster *cluster = resource->record;
		if (cluster != NULL && cluster->resource == resource)
			plan_tf_make_rds_cluster(import, cluster, database_names);
	}
	for (guint i = 0; i < hosts->len; i++) {
		PlanTfResource *resource = g_ptr_array_index(hosts, i);
		if (!resource->data)
			plan_tf_map_host(import, resource, host_names);
	}
}
