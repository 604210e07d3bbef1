#include "diagram-layout-private.h"

#include <string.h>

/* geometry, in px. the grid: VPCs stacked › AZ columns side by side › tier rows */
#define VPC_HEADER 52 /* the name and CIDR lines above the AZ columns */
#define VPC_MIN_W 380
#define GUTTER 90 /* tier names, left of the first AZ column; traffic runs in its right 26 px */
#define COL_W 236 /* at least; wider when the region is wider than the VPC needs */
#define COL_MAX_W 320
#define COL_GAP 10
#define AZ_HEADER 26
#define ROUTE_GAP 12 /* under each subnet row: routes to NAT gateways run across here */
#define TIER_GAP 10
#define SUBNET_H 46 /* without NAT gateways */
#define NAT_H 18
#define NAT_GAP 4
#define NAT_INSET 6 /* between a subnet's side and its NAT gateways: routes come in here */
#define IGW_H 20
#define ROUTE_TRUNK 5	     /* the routes' trunk runs this far left of the first AZ column */
#define FLOW_LB_LANE 12	     /* gateway to load balancers: this far left of the first column */
#define FLOW_SERVICE_LANE 19 /* load balancers to services: this far left of it */
#define FLOW_OUT_LANE 26     /* NAT gateways to the internet gateway: this far left of it */
#define FLOW_OUT_MARGIN 2    /* and this far into their column's margin */
#define FLOW_INSET 14	     /* where a traffic edge meets a box: this far in from its left */
#define EMPTY_VPC_H 34
#define ENDPOINTS_HEADER 20 /* the endpoints box's title line */
#define ENDPOINT_LINE 15    /* then a line per endpoint */

/* a VPC without subnets has no AZ column to hold load balancers, services or clusters */
static gboolean
vpc_has_grid(const PlanVpc *vpc)
{
	return vpc != NULL && vpc->subnets->len > 0;
}

static void
register_element(ReportLayout *layout, char *path)
{
	if (!g_hash_table_contains(layout->findings_of, path))
		g_hash_table_insert(layout->findings_of, path,
				    g_array_new(FALSE, FALSE, sizeof(guint)));
	else
		g_free(path);
}

/* the paths of everything that will be drawn: exactly the elements laid out below */
void
diagram_register_elements(ReportLayout *layout)
{
	const PlanModel *model = layout->model;

	register_element(layout, g_strdup(""));
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		register_element(layout, diagram_vpc_path(vpc, v));
		if (vpc->internet_gateway)
			register_element(layout, diagram_igw_path(vpc, v));
		for (guint s = 0; s < vpc->subnets->len; s++)
			register_element(layout, diagram_subnet_path(
						     g_ptr_array_index(vpc->subnets, s), v, s));
		for (guint n = 0; n < vpc->nat_gateways->len; n++) {
			const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, n);
			if (diagram_vpc_subnet(vpc, nat->subnet_index) != NULL)
				register_element(layout, diagram_nat_path(nat, v, n));
		}
		for (guint l = 0; vpc_has_grid(vpc) && l < vpc->load_balancers->len; l++)
			register_element(layout,
					 diagram_lb_path(
					     g_ptr_array_index(vpc->load_balancers, l), v, l));
	}
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		if (vpc_has_grid(diagram_model_vpc(model, service->vpc_index)))
			register_element(layout, diagram_service_path(service, i));
	}
	for (guint i = 0; i < model->clusters->len; i++) {
		const PlanCluster *cluster = g_ptr_array_index(model->clusters, i);
		if (vpc_has_grid(diagram_model_vpc(model, cluster->vpc_index)))
			register_element(layout, diagram_cluster_path(cluster, i));
	}
	for (guint i = 0; model->databases != NULL && i < model->databases->len; i++) {
		const PlanDatabase *database = g_ptr_array_index(model->databases, i);
		if (vpc_has_grid(diagram_model_vpc(model, database->vpc_index)))
			register_element(layout, diagram_database_path(database, i));
	}
	for (guint i = 0; model->instances != NULL && i < model->instances->len; i++) {
		const PlanInstance *host = g_ptr_array_index(model->instances, i);
		const PlanVpc *vpc = diagram_model_vpc(model, host->vpc_index);
		if (vpc != NULL && diagram_vpc_subnet(vpc, host->subnet_index) != NULL)
			register_element(layout, diagram_host_path(host, i));
	}
}

static const char *
subnet_az(const PlanSubnet *subnet)
{
	return subnet->az != NULL ? subnet->az : "";
}

static gint
compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
grid_free(ReportGrid *grid)
{
	g_ptr_array_unref(grid->azs);
	g_hash_table_unref(grid->column_of);
	g_free(grid->subnet_column);
	g_ptr_array_unref(grid->nats_in);
	g_ptr_array_unref(grid->hosts_in);
	g_free(grid->subnet_box);
	g_free(grid->nat_box);
	g_array_unref(grid->items);
	g_free(grid);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportGrid, grid_free)

static ReportGrid *
grid_new(const PlanModel *model, const PlanVpc *vpc, guint v)
{
	g_autoptr(GPtrArray) azs = g_ptr_array_new();
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
	ReportGrid *grid;

	for (guint s = 0; s < vpc->subnets->len; s++) {
		const char *az = subnet_az(g_ptr_array_index(vpc->subnets, s));
		if (g_hash_table_add(seen, (gpointer)az))
			g_ptr_array_add(azs, (gpointer)az);
	}
	g_ptr_array_sort(azs, compare_strings);

	grid = g_malloc0(sizeof(ReportGrid) + sizeof(int) * MAX(azs->len, 1));
	grid->vpc = vpc;
	grid->v = v;
	grid->azs = g_steal_pointer(&azs);
	grid->column_of = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint c = 0; c < grid->azs->len; c++)
		g_hash_table_insert(grid->column_of, g_ptr_array_index(grid->azs, c),
				    GUINT_TO_POINTER(c + 1));
	grid->subnet_column = g_new0(guint, MAX(vpc->subnets->len, 1));
	grid->subnet_box = g_new0(gint, MAX(vpc->subnets->len, 1));
	grid->nats_in = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	grid->hosts_in = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	for (guint s = 0; s < vpc->subnets->len; s++) {
		const char *az = subnet_az(g_ptr_array_index(vpc->subnets, s));
		grid->subnet_column[s] =
		    GPOINTER_TO_UINT(g_hash_table_lookup(grid->column_of, az)) - 1;
		grid->subnet_box[s] = -1;
		g_ptr_array_add(grid->nats_in, g_array_new(FALSE, FALSE, sizeof(guint)));
		g_ptr_array_add(grid->hosts_in, g_array_new(FALSE, FALSE, sizeof(guint)));
	}
	/* standalone hosts sit in their subnet, after its NAT gateways */
	for (guint i = 0; model != NULL && model->instances != NULL && i < model->instances->len;
	     i++) {
		const PlanInstance *host = g_ptr_array_index(model->instances, i);
		if (host->vpc_index == (gint)v && diagram_vpc_subnet(vpc, host->subnet_index) != NULL)
			g_array_append_val(g_ptr_array_index(grid->hosts_in, host->subnet_index), i);
	}
	grid->nat_box = g_new0(gint, MAX(vpc->nat_gateways->len, 1));
	for (guint n = 0; n < vpc->nat_gateways->len; n++) {
		const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, n);
		grid->nat_box[n] = -1;
		if (diagram_vpc_subnet(vpc, nat->subnet_index) != NULL)
			g_array_append_val(g_ptr_array_index(grid->nats_in, nat->subnet_index), n);
	}
	grid->items = g_array_new(FALSE, TRUE, sizeof(ReportSpan));
	g_array_set_clear_func(grid->items, diagram_span_clear);
	return grid;
}

/* ---- boxes of one VPC ---- */

static ReportPaint
subnet_paint(PlanTier tier)
{
	switch (tier) {
	case PLAN_TIER_PUBLIC:
		return REPORT_PAINT_SUBNET_PUBLIC;
	case PLAN_TIER_ISOLATED:
		return REPORT_PAINT_SUBNET_ISOLATED;
	case PLAN_TIER_PRIVATE:
	default:
		return REPORT_PAINT_SUBNET_PRIVATE;
	}
}

static ReportPaint
band_paint(PlanTier tier)
{
	switch (tier) {
	case PLAN_TIER_PUBLIC:
		return REPORT_PAINT_BAND_PUBLIC;
	case PLAN_TIER_ISOLATED:
		return REPORT_PAINT_BAND_ISOLATED;
	case PLAN_TIER_PRIVATE:
	default:
		return REPORT_PAINT_BAND_PRIVATE;
	}
}

static const PlanSubnetUse *
subnet_use(const ReportLayout *layout, guint v, guint s)
{
	guint at = layout->use_base + s;
	const PlanSubnetUse *use;
	if (layout->validation == NULL || at >= layout->validation->subnets->len)
		return NULL;
	use = &g_array_index(layout->validation->subnets, PlanSubnetUse, at);
	return use->vpc_index == v && use->subnet_index == s ? use : NULL;
}

/* the headroom class of a subnet: green under 60% of usable, amber under 80%, red at 80% or
 * more or when the peak exceeds what is usable */
static ReportPaint
use_paint(const PlanSubnetUse *use, gboolean sized, const char **word)
{
	if (!sized || use == NULL || use->usable <= 0) {
		*word = "unknown";
		return REPORT_PAINT_USE_UNKNOWN;
	}
	/* usable is at most 2^32, so peak × 100 cannot overflow once peak <= usable */
	if (use->peak > use->usable || use->peak * 100 >= use->usable * 80) {
		*word = "high";
		return REPORT_PAINT_USE_HIGH;
	}
	if (use->peak * 100 >= use->usable * 60) {
		*word = "medium";
		return REPORT_PAINT_USE_MEDIUM;
	}
	*word = "low";
	return REPORT_PAINT_USE_LOW;
}

/* a chip inside a subnet (a NAT gateway or a standalone host): a row of its own, as wide as
 * the subnet allows, its text wrapped; returns its height */
static int
chip_label(ReportLayout *layout, guint index, ReportIcon icon, const char *text)
{
	ReportDiagramBox *box = diagram_box_at(layout, index);
	int room = diagram_markers_room(layout, box->path, box->w / 2);
	guint lines;

	diagram_icon(box, icon, box->x + 4, box->y + 3);
	lines = diagram_name(box, box->x + 4 + REPORT_DIAGRAM_ICON_ROOM, box->y + 13,
			     REPORT_TEXT_SMALL, text, box->w - 9 - REPORT_DIAGRAM_ICON_ROOM - room);
	diagram_place_markers(layout, index, box->x + box->w - 3, box->y + 2, box->w / 2);
	box->h = NAT_H + (int)(lines - 1) * diagram_name_step(REPORT_TEXT_SMALL);
	return box->h;
}

static int
layout_nat(ReportLayout *layout, ReportGrid *grid, guint subnet_box, guint n, int y)
{
	const PlanNatGateway *nat = g_ptr_array_index(grid->vpc->nat_gateways, n);
	const ReportDiagramBox *parent = diagram_box_at(layout, subnet_box);
	int x = parent->x + NAT_INSET;
	guint index = diagram_box_new(layout, REPORT_BOX_NAT, (gint)subnet_box, x, y,
				      grid->box_w - 2 * NAT_INSET, NAT_H, REPORT_PAINT_NAT);
	ReportDiagramBox *box = diagram_box_at(layout, index);
	const char *connectivity = nat->connectivity == PLAN_NAT_PRIVATE ? "private" : "public";
	g_autofree char *name = g_strconcat("NAT ", nat->name, NULL);
	g_autofree char *cost = NULL;
	g_autofree char *text = NULL;

	box->name = g_strdup(nat->name);
	box->path = diagram_nat_path(nat, grid->v, n);
	box->az = g_strdup(parent->az);
	box->title = g_strdup_printf("nat gateway %s (%s) in subnet %s, %s", nat->name,
				     connectivity, parent->name, parent->az);
	diagram_attr(box, "subnet", parent->name);
	diagram_attr(box, "connectivity", connectivity);
	cost = diagram_element_cost(layout, box, "nat", grid->vpc->name, nat->name);
	diagram_title_add_cost(box, cost);
	text = diagram_with_cost(name, cost);
	grid->nat_box[n] = (gint)index;
	return chip_label(layout, index, REPORT_ICON_NAT, text);
}

static int
layout_host(ReportLayout *layout, ReportGrid *grid, guint subnet_box, guint i, int y)
{
	const PlanInstance *host = g_ptr_array_index(layout->model->instances, i);
	const ReportDiagramBox *parent = diagram_box_at(layout, subnet_box);
	int x = parent->x + NAT_INSET;
	guint index = diagram_box_new(layout, REPORT_BOX_HOST, (gint)subnet_box, x, y,
				      grid->box_w - 2 * NAT_INSET, NAT_H, REPORT_PAINT_HOST);
	ReportDiagramBox *box = diagram_box_at(layout, index);
	const char *type = host->instance_type != NULL ? host->instance_type : "?";
	g_autofree char *name = g_strconcat("host ", host->name, NULL);
	g_autofree char *cost = NULL;
	g_autofree char *text = NULL;

	box->name = g_strdup(host->name);
	box->path = diagram_host_path(host, i);
	box->az = g_strdup(parent->az);
	box->title = g_strdup_printf("host %s, EC2 %s, %" G_GINT64_FORMAT " GB EBS%s, in subnet "
				     "%s, %s",
				     host->name, type, host->ebs_gb,
				     host->public_ip ? ", public IPv4 address" : "", parent->name,
				     parent->az);
	diagram_attr(box, "subnet", parent->name);
	diagram_attr(box, "instance-type", type);
	diagram_attr(box, "public-ip", host->public_ip ? "true" : "false");
	cost = diagram_element_cost(layout, box, "host", grid->vpc->name, host->name);
	diagram_title_add_cost(box, cost);
	text = diagram_with_cost(name, cost);
	return chip_label(layout, index, REPORT_ICON_HOST, text);
}

static void
layout_subnet(ReportLayout *layout, ReportGrid *grid, guint az_box, guint s, int x, int y)
{
	const PlanSubnet *subnet = g_ptr_array_index(grid->vpc->subnets, s);
	const GArray *nats = g_ptr_array_index(grid->nats_in, s);
	const GArray *hosts = g_ptr_array_index(grid->hosts_in, s);
	const PlanSubnetUse *use = subnet_use(layout, grid->v, s);
	gboolean sized = plan_cidr_usable(&subnet->cidr);
	guint index = diagram_box_new(layout, REPORT_BOX_SUBNET, (gint)az_box, x, y, grid->box_w,
				      SUBNET_H, subnet_paint(subnet->tier));
	ReportDiagramBox *box = diagram_box_at(layout, index);
	const char *cidr = subnet->cidr.text != NULL ? subnet->cidr.text : "-";
	const char *headroom = NULL;
	ReportPaint paint = use_paint(use, sized, &headroom);
	gint64 peak = use != NULL ? use->peak : 0;
	g_autofree char *counts = NULL;
	g_autoptr(GString) title = g_string_new(NULL);
	int bar_w = grid->box_w - 12;
	int room;
	int extra; /* the name's lines after its first */
	int chip_y;

	box->name = g_strdup(subnet->name);
	box->path = diagram_subnet_path(subnet, grid->v, s);
	box->cidr = g_strdup(cidr);
	box->az = g_strdup(subnet_az(subnet));
	diagram_attr(box, "tier", plan_tier_to_string(subnet->tier));
	diagram_attr(box, "vpc", grid->vpc->name);
	diagram_attr_int(box, "peak", peak);
	if (sized && use != NULL)
		diagram_attr_int(box, "usable", use->usable);
	diagram_attr(box, "headroom", headroom);
	if (subnet->nat_gateway != NULL)
		diagram_attr(box, "nat", subnet->nat_gateway);

	g_string_append_printf(title, "subnet %s, %s, %s, %s tier", subnet->name, cidr,
			       subnet_az(subnet), plan_tier_to_string(subnet->tier));
	if (subnet->ipv6_cidr.text != NULL)
		g_string_append_printf(title, ", IPv6 %s", subnet->ipv6_cidr.text);
	if (sized && use != NULL) {
		g_string_append_printf(title,
				       "\npeak %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
				       " usable addresses (%" G_GINT64_FORMAT "%%)",
				       peak, use->usable,
				       peak > use->usable ? 100 : peak * 100 / use->usable);
		counts =
		    g_strdup_printf("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, peak, use->usable);
	} else {
		g_string_append_printf(
		    title, "\npeak %" G_GINT64_FORMAT " addresses, no usable block", peak);
		counts = g_strdup_printf("peak %" G_GINT64_FORMAT, peak);
	}
	if (use != NULL && use->arithmetic != NULL && use->arithmetic[0] != '\0')
		g_string_append_printf(title, "\n%s", use->arithmetic);
	if (subnet->nat_gateway != NULL)
		g_string_append_printf(title, "\nroutes to nat gateway %s", subnet->nat_gateway);
	box->title = g_string_free(g_steal_pointer(&title), FALSE);

	room = diagram_markers_room(layout, box->path, grid->box_w / 2);
	extra = ((int)diagram_name(box, x + 6, y + 15, REPORT_TEXT_LABEL, subnet->name,
				   grid->box_w - 12 - room) -
		 1) *
		diagram_name_step(REPORT_TEXT_LABEL);
	diagram_place_markers(layout, index, x + grid->box_w - 4, y + 4, grid->box_w / 2);
	diagram_text(box, x + grid->box_w - 6, y + extra + 29, REPORT_TEXT_SMALL,
		     REPORT_ANCHOR_END, counts);
	diagram_text_fit(box, x + 6, y + extra + 29, REPORT_TEXT_SMALL, REPORT_ANCHOR_START, cidr,
			 grid->box_w - 18 - diagram_text_width(REPORT_TEXT_SMALL, counts));
	diagram_shape(box, x + 6, y + extra + 34, bar_w, 6, REPORT_PAINT_BAR_TRACK);
	if (sized && use != NULL && use->usable > 0) {
		gint64 shown = MIN(MAX(peak, 0), use->usable);
		int fill = (int)(shown * bar_w / use->usable);
		if (shown > 0)
			diagram_shape(box, x + 6, y + extra + 34, MAX(fill, 2), 6, paint);
	} else {
		diagram_shape(box, x + 6, y + extra + 34, bar_w, 6, paint);
	}
	grid->subnet_box[s] = (gint)index;
	/* NAT gateways, then standalone hosts: a row each */
	chip_y = y + SUBNET_H + extra;
	for (guint k = 0; k < nats->len; k++)
		chip_y += layout_nat(layout, grid, index, g_array_index(nats, guint, k), chip_y) +
			  NAT_GAP;
	for (guint k = 0; k < hosts->len; k++)
		chip_y +=
		    layout_host(layout, grid, index, g_array_index(hosts, guint, k), chip_y) +
		    NAT_GAP;
	box = diagram_box_at(layout, index);
	box->h = chip_y - y + (nats->len + hosts->len > 0 ? 2 : 0);
}

/* the subnets of @tier, stacked in their AZ columns in model order; returns the row's height */
static int
layout_subnet_row(ReportLayout *layout, ReportGrid *grid, const guint *az_boxes, PlanTier tier,
		  int y)
{
	g_autofree int *column_y = g_new0(int, diagram_grid_columns(grid));
	int height = 0;

	for (guint c = 0; c < diagram_grid_columns(grid); c++)
		column_y[c] = y;
	for (guint s = 0; s < grid->vpc->subnets->len; s++) {
		const PlanSubnet *subnet = g_ptr_array_index(grid->vpc->subnets, s);
		guint c = grid->subnet_column[s];
		if (subnet->tier != tier)
			continue;
		layout_subnet(layout, grid, az_boxes[c], s,
			      grid->column_x[c] + REPORT_DIAGRAM_CELL_PAD, column_y[c]);
		column_y[c] += diagram_box_at(layout, (guint)grid->subnet_box[s])->h +
			       REPORT_DIAGRAM_STACK_GAP;
		height = MAX(height, column_y[c] - REPORT_DIAGRAM_STACK_GAP - y);
	}
	return height;
}

static gboolean
tier_used(const ReportGrid *grid, PlanTier tier, guint *n_subnets)
{
	gboolean used = FALSE;
	*n_subnets = 0;
	for (guint s = 0; s < grid->vpc->subnets->len; s++) {
		if (((const PlanSubnet *)g_ptr_array_index(grid->vpc->subnets, s))->tier == tier)
			(*n_subnets)++;
	}
	for (guint i = 0; i < grid->items->len && !used; i++)
		used = g_array_index(grid->items, ReportSpan, i).tier == tier;
	return used || *n_subnets > 0;
}

/* routes from subnets to their NAT gateway: out of the subnet's left side into its column's
 * margin, along it to the gap under the subnet's own row, across, and into the NAT gateway from
 * the side, along its subnet's inner padding, so that a route never crosses another NAT gateway.
 * When the NAT gateway's row is above in another tier, the route climbs there not in its
 * column's margin (which the load balancers, services and clusters spanning that column cover)
 * but in the trunk left of the first column, which nothing covers: along its own row's gap to
 * the trunk, up the trunk to the gap under the NAT gateway's row, and across */
static void
layout_routes(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, const int *gap_y)
{
	for (guint s = 0; s < grid->vpc->subnets->len; s++) {
		const PlanSubnet *subnet = g_ptr_array_index(grid->vpc->subnets, s);
		const PlanNatGateway *nat;
		const ReportDiagramBox *from;
		const ReportDiagramBox *to;
		const ReportDiagramBox *home;
		ReportDiagramRoute route = {vpc_box};
		gboolean left;
		int lane;
		int gy;
		int inner;
		int own;
		int points[16];
		guint n = 0;

		if (subnet->nat_index < 0 ||
		    (guint)subnet->nat_index >= grid->vpc->nat_gateways->len ||
		    grid->nat_box[subnet->nat_index] < 0)
			continue;
		nat = g_ptr_array_index(grid->vpc->nat_gateways, subnet->nat_index);
		if (nat->subnet_index == (gint)s)
			continue;
		from = diagram_box_at(layout, (guint)grid->subnet_box[s]);
		to = diagram_box_at(layout, (guint)grid->nat_box[subnet->nat_index]);
		home = diagram_box_at(layout, (guint)to->parent);
		lane = grid->column_x[grid->subnet_column[s]] + REPORT_DIAGRAM_CELL_PAD / 2;
		own = gap_y[subnet->tier];
		if (to->y < from->y)
			gy = gap_y[diagram_vpc_subnet(grid->vpc, nat->subnet_index)->tier];
		else
			gy = own;
		/* NAT gateways sit two to a row: come in on the side of the padding nearest */
		left = to->x + to->w / 2 < home->x + home->w / 2;
		inner = left ? home->x + NAT_INSET / 2 : home->x + home->w - NAT_INSET / 2;
		points[n++] = from->x;
		points[n++] = from->y + 10;
		points[n++] = lane;
		points[n++] = from->y + 10;
		if (gy != own) {
			/* the trunk: half the gap between the gutter and the first column */
			int trunk = grid->column_x[0] - ROUTE_TRUNK;
			points[n++] = lane;
			points[n++] = own;
			points[n++] = trunk;
			points[n++] = own;
			points[n++] = trunk;
			points[n++] = gy;
		} else {
			points[n++] = lane;
			points[n++] = gy;
		}
		points[n++] = inner;
		points[n++] = gy;
		points[n++] = inner;
		points[n++] = to->y + to->h / 2;
		points[n++] = left ? to->x : to->x + to->w;
		points[n++] = to->y + to->h / 2;
		route.points = g_array_sized_new(FALSE, FALSE, sizeof(int), n);
		g_array_append_vals(route.points, points, n);
		route.from_path = g_strdup(from->path);
		route.to_path = g_strdup(to->path);
		g_array_append_val(layout->diagram->routes, route);
	}
}

/* appends a traffic edge of @n/2 points */
void
diagram_add_route(ReportLayout *layout, guint in_box, ReportRouteKind kind,
			 const char *from_path, const char *to_path, const int *points, guint n)
{
	ReportDiagramRoute route = {in_box};

	route.kind = kind;
	route.points = g_array_sized_new(FALSE, FALSE, sizeof(int), n);
	g_array_append_vals(route.points, points, n);
	route.from_path = g_strdup(from_path);
	route.to_path = g_strdup(to_path);
	g_array_append_val(layout->diagram->routes, route);
}

/* traffic in, inside a VPC: the internet gateway to each internet-facing load balancer, and
 * each of those to the services in its target groups. Nothing is drawn in the gutter left of
 * the first AZ column and nothing in the gaps above and below a line of load balancers or
 * services (the lines are STACK_GAP apart, a subnet row ROUTE_GAP under it), so an edge runs
 * down its lane in the gutter and along those gaps:
 *   gateway: out of its bottom, down into the AZ header, left to its lane, down to the gap
 *   above the load balancer's line, right, and into the load balancer's top;
 *   load balancer: out of its bottom into the gap under its line, left to the other lane,
 *   down (or up) to the gap above the service's line, right, and into the service's top */
static void
layout_flow(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, int top)
{
	const PlanVpc *vpc = grid->vpc;
	g_autofree char *igw_path = diagram_igw_path(vpc, grid->v);
	const ReportDiagramBox *igw =
	    vpc->internet_gateway ? report_diagram_find(layout->diagram, REPORT_BOX_IGW, igw_path)
				  : NULL;
	int lb_lane = grid->column_x[0] - FLOW_LB_LANE;
	int service_lane = grid->column_x[0] - FLOW_SERVICE_LANE;

	for (guint l = 0; l < vpc->load_balancers->len; l++) {
		const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, l);
		g_autofree char *lb_path = diagram_lb_path(lb, grid->v, l);
		const ReportDiagramBox *to;

		if (lb->scheme != PLAN_LB_INTERNET_FACING)
			continue;
		to = report_diagram_find(layout->diagram, REPORT_BOX_LB, lb_path);
		if (to == NULL)
			continue;
		if (igw != NULL && to->y == top + AZ_HEADER && to->x < igw->x + FLOW_INSET &&
		    igw->x + FLOW_INSET < to->x + to->w) {
			/* the load balancer is on the first line under the gateway: straight down */
			int x = igw->x + FLOW_INSET;
			int points[] = {x, igw->y + igw->h, x, to->y};
			diagram_add_route(layout, vpc_box, REPORT_ROUTE_IGW_LB, igw->path, to->path,
					  points, G_N_ELEMENTS(points));
		} else if (igw != NULL) {
			int x = igw->x + FLOW_INSET;
			int points[] = {x,
					igw->y + igw->h,
					x,
					top + 4,
					lb_lane,
					top + 4,
					lb_lane,
					to->y - REPORT_DIAGRAM_STACK_GAP / 2,
					to->x + FLOW_INSET,
					to->y - REPORT_DIAGRAM_STACK_GAP / 2,
					to->x + FLOW_INSET,
					to->y};
			diagram_add_route(layout, vpc_box, REPORT_ROUTE_IGW_LB, igw->path,
						 to->path, points, G_N_ELEMENTS(points));
		}
		for (guint i = 0; i < layout->model->services->len; i++) {
			const PlanService *service = g_ptr_array_index(layout->model->services, i);
			g_autofree char *service_path = NULL;
			const ReportDiagramBox *target;
			int below = to->y + to->h + REPORT_DIAGRAM_STACK_GAP / 2;
			int out = to->x + 2 * FLOW_INSET;

			if (service->vpc_index != (gint)grid->v || service->lb_index != (gint)l)
				continue;
			service_path = diagram_service_path(service, i);
			target =
			    report_diagram_find(layout->diagram, REPORT_BOX_SERVICE, service_path);
			if (target == NULL)
				continue;
			int points[] = {out,
					to->y + to->h,
					out,
					below,
					service_lane,
					below,
					service_lane,
					target->y - REPORT_DIAGRAM_STACK_GAP / 2,
					target->x + FLOW_INSET,
					target->y - REPORT_DIAGRAM_STACK_GAP / 2,
					target->x + FLOW_INSET,
					target->y};
			diagram_add_route(layout, vpc_box, REPORT_ROUTE_LB_SERVICE, to->path,
						 target->path, points, G_N_ELEMENTS(points));
			g_array_index(layout->diagram->routes, ReportDiagramRoute,
				      layout->diagram->routes->len - 1)
			    .port = diagram_service_ports(service, " ");
		}
	}
}

/* traffic out: each public NAT gateway to its VPC's internet gateway. Out of the NAT gateway's
 * left side into its subnet's inner padding, up it into the gap above the subnet; when other subnets are stacked above,
 * left into the column's margin (2 px in, outside every subnet box) and up it to the gap above
 * the subnet row; left along that gap (nothing is drawn between the load balancer lines and the
 * row) to a lane 26 px left of the first AZ column, up it into the AZ header, right, and into
 * the gateway's bottom 28 px in from its left */
static void
layout_flow_out(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, int top,
		const int *row_top)
{
	const PlanVpc *vpc = grid->vpc;
	g_autofree char *igw_path = diagram_igw_path(vpc, grid->v);
	const ReportDiagramBox *igw =
	    vpc->internet_gateway ? report_diagram_find(layout->diagram, REPORT_BOX_IGW, igw_path)
				  : NULL;
	int lane = grid->column_x[0] - FLOW_OUT_LANE;

	for (guint n = 0; igw != NULL && n < vpc->nat_gateways->len; n++) {
		const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, n);
		const ReportDiagramBox *from;
		const ReportDiagramBox *home;
		int points[20];
		guint k = 0;
		int cx;
		int above_row;

		if (grid->nat_box[n] < 0 || nat->connectivity == PLAN_NAT_PRIVATE)
			continue;
		from = diagram_box_at(layout, (guint)grid->nat_box[n]);
		home = diagram_box_at(layout, (guint)from->parent);
		above_row = row_top[diagram_vpc_subnet(vpc, nat->subnet_index)->tier] -
			    REPORT_DIAGRAM_STACK_GAP / 2;
		/* out of its left side into the subnet's inner padding (NAT routes come in on the
		 * right), and up it past the chips above */
		cx = home->x + NAT_INSET / 2;
		points[k++] = from->x;
		points[k++] = from->y + from->h / 2;
		points[k++] = cx;
		points[k++] = from->y + from->h / 2;
		if (home->y - REPORT_DIAGRAM_STACK_GAP / 2 > above_row) {
			int margin = grid->column_x[grid->subnet_column[nat->subnet_index]] +
				     FLOW_OUT_MARGIN;
			points[k++] = cx;
			points[k++] = home->y - REPORT_DIAGRAM_STACK_GAP / 2;
			points[k++] = margin;
			points[k++] = home->y - REPORT_DIAGRAM_STACK_GAP / 2;
			points[k++] = margin;
			points[k++] = above_row;
		} else {
			points[k++] = cx;
			points[k++] = above_row;
		}
		points[k++] = lane;
		points[k++] = above_row;
		points[k++] = lane;
		points[k++] = top + 10;
		points[k++] = igw->x + 2 * FLOW_INSET;
		points[k++] = top + 10;
		points[k++] = igw->x + 2 * FLOW_INSET;
		points[k++] = igw->y + igw->h;
		diagram_add_route(layout, vpc_box, REPORT_ROUTE_NAT_IGW, from->path,
					 igw->path, points, k);
	}
}

/* the VPC's endpoints, under its AZ columns and as wide as they are: a title line, then a line
 * per endpoint, "interface ecr.dkr (name): subnets a, b" (a gateway endpoint names no subnets:
 * it works through route tables). Returns the height used, 0 without endpoints */
static int
layout_endpoints(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, int y)
{
	const PlanVpc *vpc = grid->vpc;
	guint n = diagram_grid_columns(grid);
	int x = grid->column_x[0];
	int w = grid->column_x[n - 1] + grid->col_w - x;
	guint index;
	ReportDiagramBox *box;
	g_autoptr(GString) title = NULL;

	if (vpc->endpoints == NULL || vpc->endpoints->len == 0)
		return 0;
	index =
	    diagram_box_new(layout, REPORT_BOX_ENDPOINTS, (gint)vpc_box, x, y, w,
				   ENDPOINTS_HEADER + (int)vpc->endpoints->len * ENDPOINT_LINE + 4,
				   REPORT_PAINT_ENDPOINTS);
	box = diagram_box_at(layout, index);
	box->name = g_strdup("endpoints");
	box->path = g_strdup_printf("%s.endpoints", diagram_box_at(layout, vpc_box)->path);
	diagram_attr(box, "vpc", vpc->name);
	diagram_attr_int(box, "count", vpc->endpoints->len);
	title = g_string_new(NULL);
	g_string_append_printf(title, "%u endpoint%s of vpc %s", vpc->endpoints->len,
			       vpc->endpoints->len == 1 ? "" : "s", vpc->name);
	box->label = g_strdup_printf("VPC endpoints (%u)", vpc->endpoints->len);
	diagram_icon(box, REPORT_ICON_ENDPOINT, x + 6, y + 4);
	diagram_text(box, x + 6 + REPORT_DIAGRAM_ICON_ROOM, y + 14, REPORT_TEXT_LABEL,
		     REPORT_ANCHOR_START, box->label);
	for (guint e = 0; e < vpc->endpoints->len; e++) {
		const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, e);
		g_autoptr(GString) line = g_string_new(NULL);

		g_string_append_printf(line, "%s %s",
				       endpoint->type == PLAN_ENDPOINT_GATEWAY ? "gateway"
									       : "interface",
				       endpoint->service != NULL ? endpoint->service : "-");
		if (endpoint->name != NULL && g_strcmp0(endpoint->name, endpoint->service) != 0)
			g_string_append_printf(line, " (%s)", endpoint->name);
		if (endpoint->subnets == NULL || endpoint->subnets->len == 0) {
			g_string_append(line, endpoint->type == PLAN_ENDPOINT_GATEWAY
						  ? ": through route tables"
						  : ": no subnets");
		} else {
			g_string_append(line, ": subnets ");
			for (guint s = 0; s < endpoint->subnets->len; s++)
				g_string_append_printf(
				    line, "%s%s", s > 0 ? ", " : "",
				    (const char *)g_ptr_array_index(endpoint->subnets, s));
		}
		g_string_append_printf(title, "\n%s", line->str);
		diagram_text_fit(box, x + 6,
					y + ENDPOINTS_HEADER + 11 + (int)e * ENDPOINT_LINE,
					REPORT_TEXT_SMALL, REPORT_ANCHOR_START, line->str, w - 12);
	}
	box->title = g_string_free(g_steal_pointer(&title), FALSE);
	return box->h;
}

static char *
vpc_cidrs(const PlanVpc *vpc)
{
	GString *out = g_string_new(vpc->cidr.text != NULL ? vpc->cidr.text : "-");
	for (guint i = 0; vpc->secondary_cidrs != NULL && i < vpc->secondary_cidrs->len; i++) {
		const PlanCidr *cidr = &g_array_index(vpc->secondary_cidrs, PlanCidr, i);
		g_string_append_printf(out, ", %s", cidr->text != NULL ? cidr->text : "-");
	}
	if (vpc->ipv6_cidr.text != NULL)
		g_string_append_printf(out, " · IPv6 %s", vpc->ipv6_cidr.text);
	return g_string_free(out, FALSE);
}

int
diagram_vpc_width(const PlanVpc *vpc)
{
	g_autoptr(ReportGrid) grid = grid_new(NULL, vpc, 0);
	guint n = diagram_grid_columns(grid);
	int w = REPORT_DIAGRAM_PAD + GUTTER + (int)n * COL_W +
		(n > 0 ? (int)(n - 1) * COL_GAP : 0) + REPORT_DIAGRAM_PAD;
	return MAX(w, VPC_MIN_W);
}

static void
layout_igw(ReportLayout *layout, guint vpc_box, guint v)
{
	const ReportDiagramBox *vpc = diagram_box_at(layout, vpc_box);
	const PlanVpc *owner = g_ptr_array_index(layout->model->vpcs, v);
	g_autofree char *path = diagram_igw_path(owner, v);
	int markers = diagram_markers_room(layout, path, 120);
	int w = 6 + REPORT_DIAGRAM_ICON_ROOM +
		diagram_text_width(REPORT_TEXT_INVERSE, "internet gateway") + 8 + markers;
	int x = vpc->x + REPORT_DIAGRAM_PAD + GUTTER;
	guint index = diagram_box_new(layout, REPORT_BOX_IGW, (gint)vpc_box, x,
					     vpc->y - IGW_H / 2, w, IGW_H, REPORT_PAINT_IGW);
	ReportDiagramBox *box = diagram_box_at(layout, index);

	box->name = g_strdup("internet gateway");
	box->path = g_steal_pointer(&path);
	box->title = g_strdup_printf("internet gateway of vpc %s", owner->name);
	diagram_attr(box, "vpc", owner->name);
	box->label = g_strdup("internet gateway");
	diagram_icon(box, REPORT_ICON_IGW, x + 6, box->y + 4);
	diagram_text(box, x + 6 + REPORT_DIAGRAM_ICON_ROOM, box->y + 14, REPORT_TEXT_INVERSE,
		     REPORT_ANCHOR_START, box->label);
	diagram_place_markers(layout, index, x + w - 3, box->y + 3, 120);
}

/* lays out VPC @v at (@x, @y) with width @w; returns its height */
int
diagram_vpc(ReportLayout *layout, guint region_box, guint v, int x, int y, int w)
{
	const PlanVpc *vpc = g_ptr_array_index(layout->model->vpcs, v);
	g_autoptr(ReportGrid) grid = grid_new(layout->model, vpc, v);
	g_autofree char *cidrs = vpc_cidrs(vpc);
	g_autofree guint *az_boxes = NULL;
	g_autoptr(GString) azs = g_string_new(NULL);
	int gap_y[PLAN_TIER_COUNT] = {0};
	int row_top[PLAN_TIER_COUNT] = {0};
	guint index = diagram_box_new(layout, REPORT_BOX_VPC, (gint)region_box, x, y, w, 0,
					     REPORT_PAINT_VPC);
	ReportDiagramBox *box = diagram_box_at(layout, index);
	int room;
	int row_y;
	int top;

	box->name = g_strdup(vpc->name);
	box->path = diagram_vpc_path(vpc, v);
	box->cidr = g_strdup(vpc->cidr.text);
	for (guint c = 0; c < diagram_grid_columns(grid); c++)
		g_string_append_printf(azs, "%s%s", c > 0 ? " " : "",
				       (const char *)g_ptr_array_index(grid->azs, c));
	box->az = g_strdup(azs->str);
	diagram_attr_int(box, "subnets", vpc->subnets->len);
	box->title =
	    g_strdup_printf("vpc %s, %s, %u subnet%s in %u AZ%s", vpc->name, cidrs,
			    vpc->subnets->len, vpc->subnets->len == 1 ? "" : "s",
			    diagram_grid_columns(grid), diagram_grid_columns(grid) == 1 ? "" : "s");
	room = diagram_markers_room(layout, box->path, w / 2);
	diagram_label(box, x + REPORT_DIAGRAM_PAD, y + 26, REPORT_TEXT_HEADING, vpc->name,
			     w - 2 * REPORT_DIAGRAM_PAD - room);
	diagram_place_markers(layout, index, x + w - REPORT_DIAGRAM_PAD, y + 10, w / 2);
	diagram_text_fit(box, x + REPORT_DIAGRAM_PAD, y + 42, REPORT_TEXT_BODY,
				REPORT_ANCHOR_START, cidrs, w - 2 * REPORT_DIAGRAM_PAD);
	if (vpc->internet_gateway)
		layout_igw(layout, index, v);

	if (diagram_grid_columns(grid) == 0) {
		diagram_text(box, x + REPORT_DIAGRAM_PAD, y + VPC_HEADER + 12,
				    REPORT_TEXT_SMALL, REPORT_ANCHOR_START, "no subnets");
		box->h = VPC_HEADER + EMPTY_VPC_H;
		return box->h;
	}

	/* columns share the VPC's width, between COL_W and COL_MAX_W each */
	grid->col_w =
	    (w - 2 * REPORT_DIAGRAM_PAD - GUTTER - (int)(diagram_grid_columns(grid) - 1) * COL_GAP) /
	    (int)diagram_grid_columns(grid);
	grid->col_w = CLAMP(grid->col_w, COL_W, COL_MAX_W);
	grid->box_w = grid->col_w - 2 * REPORT_DIAGRAM_CELL_PAD;
	top = y + VPC_HEADER;
	az_boxes = g_new0(guint, diagram_grid_columns(grid));
	for (guint c = 0; c < diagram_grid_columns(grid); c++) {
		const char *az = g_ptr_array_index(grid->azs, c);
		ReportDiagramBox *column;
		grid->column_x[c] =
		    x + REPORT_DIAGRAM_PAD + GUTTER + (int)c * (grid->col_w + COL_GAP);
		az_boxes[c] =
		    diagram_box_new(layout, REPORT_BOX_AZ, (gint)index, grid->column_x[c],
					   top, grid->col_w, 0, REPORT_PAINT_AZ);
		column = diagram_box_at(layout, az_boxes[c]);
		column->name = g_strdup(az);
		column->az = g_strdup(az);
		column->title = g_strdup_printf("availability zone %s of vpc %s", az, vpc->name);
		diagram_attr(column, "vpc", vpc->name);
		{
			g_autofree char *cost = diagram_az_cost(layout, column, az);
			g_autofree char *text = diagram_with_cost(az, cost);
			diagram_title_add_cost(column, cost);
			column->label =
			    diagram_fit_text(REPORT_TEXT_LABEL, text, grid->col_w - 12);
		}
		diagram_text(column, grid->column_x[c] + grid->col_w / 2, top + 17,
				    REPORT_TEXT_LABEL, REPORT_ANCHOR_MIDDLE, column->label);
	}

	diagram_collect_spans(layout, grid);
	row_y = top + AZ_HEADER;
	for (PlanTier tier = 0; tier < PLAN_TIER_COUNT; tier++) {
		guint n_subnets;
		int tier_top = row_y;
		int row_h;
		g_autofree char *count = NULL;

		if (!tier_used(grid, tier, &n_subnets))
			continue;
		diagram_spans(layout, grid, index, REPORT_BOX_LB, tier, &row_y);
		row_top[tier] = row_y;
		row_h = layout_subnet_row(layout, grid, az_boxes, tier, row_y);
		row_y += row_h;
		gap_y[tier] = row_y + ROUTE_GAP / 2;
		row_y += ROUTE_GAP;
		diagram_spans(layout, grid, index, REPORT_BOX_SERVICE, tier, &row_y);
		diagram_spans(layout, grid, index, REPORT_BOX_CLUSTER, tier, &row_y);
		diagram_spans(layout, grid, index, REPORT_BOX_DATABASE, tier, &row_y);
		/* the tier's band behind the columns, and its name in the gutter */
		box = diagram_box_at(layout, index);
		diagram_shape(box, x + 4, tier_top - 4, w - 8, row_y - tier_top + 2,
				     band_paint(tier));
		diagram_text(box, x + REPORT_DIAGRAM_PAD, tier_top + 14, REPORT_TEXT_MUTED,
				    REPORT_ANCHOR_START, plan_tier_to_string(tier));
		count = g_strdup_printf("%u subnet%s", n_subnets, n_subnets == 1 ? "" : "s");
		diagram_text(box, x + REPORT_DIAGRAM_PAD, tier_top + 27, REPORT_TEXT_SMALL,
				    REPORT_ANCHOR_START, count);
		row_y += TIER_GAP;
	}
	for (guint c = 0; c < diagram_grid_columns(grid); c++)
		diagram_box_at(layout, az_boxes[c])->h = row_y - top;
	{
		int used = layout_endpoints(layout, grid, index, row_y + 4);
		if (used > 0)
			row_y += 4 + used + TIER_GAP;
	}
	layout_routes(layout, grid, index, gap_y);
	layout_flow(layout, grid, index, top);
	layout_flow_out(layout, grid, index, top, row_top);
	box = diagram_box_at(layout, index);
	box->h = row_y + REPORT_DIAGRAM_PAD - y;
	return box->h;
}
