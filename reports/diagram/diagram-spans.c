#include "diagram-layout-private.h"

#include <string.h>

/* geometry, in px */
#define LB_H 36
#define SPAN_HEAD 32 /* the name and details lines of a service or cluster box */
#define LINE_H 13    /* per-subnet or per-AZ lines of a service or cluster box */

void
diagram_span_clear(gpointer data)
{
	ReportSpan *item = data;
	g_clear_pointer(&item->subnets, g_array_unref);
	g_clear_pointer(&item->area, g_array_unref);
	g_clear_pointer(&item->columns, g_array_unref);
	g_clear_pointer(&item->details, g_ptr_array_unref);
}

/* the name line of a span box as drawn: load balancers carry their type */
static char *
span_name(const ReportLayout *layout, const ReportGrid *grid, const ReportSpan *item)
{
	switch (item->kind) {
	case REPORT_BOX_LB: {
		const PlanLoadBalancer *lb = g_ptr_array_index(grid->vpc->load_balancers, item->index);
		return g_strconcat(lb->type == PLAN_LB_CLASSIC	       ? "CLB "
				   : lb->type == PLAN_LB_APPLICATION ? "ALB "
								     : "NLB ",
				   lb->name, NULL);
	}
	case REPORT_BOX_SERVICE:
		return g_strdup(((const PlanService *)g_ptr_array_index(layout->model->services,
									 item->index))
				    ->name);
	case REPORT_BOX_CLUSTER:
		return g_strdup(((const PlanCluster *)g_ptr_array_index(layout->model->clusters,
									 item->index))
				    ->name);
	case REPORT_BOX_DATABASE:
	default:
		return g_strdup(((const PlanDatabase *)g_ptr_array_index(layout->model->databases,
									  item->index))
				    ->name);
	}
}

static char *
span_path(const ReportLayout *layout, const ReportGrid *grid, const ReportSpan *item)
{
	switch (item->kind) {
	case REPORT_BOX_LB:
		return diagram_lb_path(g_ptr_array_index(grid->vpc->load_balancers, item->index),
				       grid->v, item->index);
	case REPORT_BOX_SERVICE:
		return diagram_service_path(
		    g_ptr_array_index(layout->model->services, item->index), item->index);
	case REPORT_BOX_CLUSTER:
		return diagram_cluster_path(
		    g_ptr_array_index(layout->model->clusters, item->index), item->index);
	case REPORT_BOX_DATABASE:
	default:
		return diagram_database_path(
		    g_ptr_array_index(layout->model->databases, item->index), item->index);
	}
}

/* the room a span box's name has: the box less its padding, glyph and finding markers */
static int
span_name_width(const ReportLayout *layout, const ReportGrid *grid, const ReportSpan *item,
		const char *path)
{
	int w = grid->column_x[item->last] + grid->col_w - grid->column_x[item->first] -
		2 * REPORT_DIAGRAM_CELL_PAD;
	return w - 12 - REPORT_DIAGRAM_ICON_ROOM - diagram_markers_room(layout, path, w / 2);
}

/* the px a span's wrapped name adds under its first line; set into item->extra and item->h */
static void
span_wrap_name(const ReportLayout *layout, const ReportGrid *grid, ReportSpan *item)
{
	g_autofree char *name = span_name(layout, grid, item);
	g_autofree char *path = span_path(layout, grid, item);
	guint lines = diagram_name_lines(REPORT_TEXT_LABEL, name,
					 span_name_width(layout, grid, item, path));
	item->extra = (int)(lines - 1) * diagram_name_step(REPORT_TEXT_LABEL);
	item->h += item->extra;
}

/* the distinct resolved subnets of an index list, in order */
static GArray *
distinct_subnets(const PlanVpc *vpc, const GArray *indices)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint));
	for (guint k = 0; indices != NULL && k < indices->len; k++) {
		gint s = g_array_index(indices, gint, k);
		gboolean seen = FALSE;
		if (diagram_vpc_subnet(vpc, s) == NULL)
			continue;
		for (guint j = 0; j < out->len && !seen; j++)
			seen = g_array_index(out, gint, j) == s;
		if (!seen)
			g_array_append_val(out, s);
	}
	return out;
}

/* the columns and row of an item from its subnets; all columns and @fallback without any */
static void
span_from_subnets(const ReportGrid *grid, const GArray *subnets, PlanTier fallback,
		  ReportSpan *item)
{
	item->tier = fallback;
	item->first = 0;
	item->last = diagram_grid_columns(grid) - 1;
	if (subnets->len == 0)
		return;
	item->tier = diagram_vpc_subnet(grid->vpc, g_array_index(subnets, gint, 0))->tier;
	item->first = G_MAXUINT;
	item->last = 0;
	for (guint k = 0; k < subnets->len; k++) {
		guint c = grid->subnet_column[g_array_index(subnets, gint, k)];
		item->first = MIN(item->first, c);
		item->last = MAX(item->last, c);
	}
}

static const PlanClusterSizing *
cluster_sizing(const ReportLayout *layout, guint cluster_index)
{
	if (layout->compute == NULL || layout->compute->clusters == NULL)
		return NULL;
	for (guint i = 0; i < layout->compute->clusters->len; i++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(layout->compute->clusters, i);
		if (sizing->cluster_index == cluster_index)
			return sizing;
	}
	return NULL;
}

/* the cluster a service runs on, when it is in the same VPC */
static const PlanCluster *
service_cluster(const ReportLayout *layout, const PlanService *service)
{
	const PlanCluster *cluster;
	if (service->cluster_index < 0 ||
	    (guint)service->cluster_index >= layout->model->clusters->len)
		return NULL;
	cluster = g_ptr_array_index(layout->model->clusters, service->cluster_index);
	return cluster->vpc_index == service->vpc_index ? cluster : NULL;
}

/* the lines under a service's name in its first chip, each wrapped to @width: launch type and
 * desired tasks; the peak; what it sits behind (and the ports its containers listen on); its
 * cluster; with a cost, its monthly cost (@cost_cell, or that its cluster's instances carry it).
 * Returns: (transfer full) (element-type utf8) */
static GPtrArray *
service_details(const ReportLayout *layout, const PlanService *service, const char *cost_cell,
		int width)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func(g_free);
	g_autofree char *ports = diagram_service_ports(service, ", ");

	/* the peak is the autoscaling max (or desired) times maximum_percent: what runs while a
	 * deployment starts the new tasks before stopping the old */
	if (plan_service_is_daemon(service)) {
		/* a daemon has no desired count: one task on every instance of its cluster */
		g_ptr_array_add(parts,
				g_strdup_printf("%s · daemon: one task per instance",
						plan_launch_type_to_string(service->launch_type)));
	} else {
		g_ptr_array_add(parts,
				g_strdup_printf("%s · desired %" G_GINT64_FORMAT,
						plan_launch_type_to_string(service->launch_type),
						MAX(service->desired_count, 0)));
		g_ptr_array_add(parts,
				g_strdup_printf("peak %" G_GINT64_FORMAT " during deployments",
						plan_service_deployment_peak(service)));
	}
	if (service->load_balancer != NULL)
		g_ptr_array_add(parts,
				ports != NULL
				    ? g_strdup_printf("behind %s on port%s %s", service->load_balancer,
						      strchr(ports, ',') != NULL ? "s" : "", ports)
				    : g_strdup_printf("behind %s", service->load_balancer));
	if (service->cluster != NULL)
		g_ptr_array_add(parts, g_strdup_printf("cluster %s", service->cluster));
	if (layout->options.cost != NULL)
		g_ptr_array_add(parts, cost_cell != NULL
					   ? g_strdup_printf("%s/mo", cost_cell)
					   : g_strdup("cost: on its cluster's instances"));
	for (guint i = 0; i < parts->len; i++) {
		g_autoptr(GPtrArray) wrapped =
		    diagram_wrap(REPORT_TEXT_SMALL, g_ptr_array_index(parts, i), width);
		for (guint k = 0; k < wrapped->len; k++)
			g_ptr_array_add(lines, g_strdup(g_ptr_array_index(wrapped, k)));
	}
	return lines;
}

/* a service's chips: one in each AZ column of its area, all as high as the tallest: the name
 * (wrapped), in the first the details, then a line per subnet of the column (one line at
 * least) */
static void
service_chips(const ReportLayout *layout, const ReportGrid *grid, const PlanService *service,
	      ReportSpan *item)
{
	g_autofree gboolean *covered = g_new0(gboolean, MAX(diagram_grid_columns(grid), 1));
	g_autofree char *cost = NULL;
	int text_w = grid->box_w - 12;

	item->columns = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint k = 0; k < item->area->len; k++)
		covered[grid->subnet_column[g_array_index(item->area, gint, k)]] = TRUE;
	for (guint c = 0; c < diagram_grid_columns(grid); c++) {
		if (covered[c])
			g_array_append_val(item->columns, c);
	}
	if (item->columns->len == 0) {
		guint c = 0;
		g_array_append_val(item->columns, c);
	}
	/* the chips are one column wide: the name's width is the first chip's */
	item->first = g_array_index(item->columns, guint, 0);
	item->last = item->first;
	item->h = 0;
	span_wrap_name(layout, grid, item);
	item->last = g_array_index(item->columns, guint, item->columns->len - 1);
	cost = diagram_element_cost(layout, NULL, "service", grid->vpc->name, service->name);
	item->details = service_details(layout, service, cost, text_w);
	{
		g_autofree guint *rows = g_new0(guint, MAX(diagram_grid_columns(grid), 1));
		int first_extra;
		for (guint k = 0; k < item->subnets->len; k++) {
			guint c = grid->subnet_column[g_array_index(item->subnets, gint, k)];
			rows[c]++;
		}
		/* the first chip holds the details over its rows: the others, only their rows */
		first_extra = (int)item->details->len * LINE_H;
		for (guint i = 0; i < item->columns->len; i++) {
			guint c = g_array_index(item->columns, guint, i);
			int h = (i == 0 ? first_extra : 0) + (int)MAX(rows[c], 1) * LINE_H;
			item->h = MAX(item->h, h);
		}
	}
	/* the name line (19 px with the extra lines of a wrapped name), the rows, 10 px and 4 px
	 * under them */
	item->h += 19 + item->extra + 6;
}

/* load balancers, services and clusters of the VPC, each with its columns, row and height */
void
diagram_collect_spans(const ReportLayout *layout, ReportGrid *grid)
{
	const PlanModel *model = layout->model;
	const PlanVpc *vpc = grid->vpc;

	for (guint l = 0; l < vpc->load_balancers->len; l++) {
		const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, l);
		ReportSpan item = {REPORT_BOX_LB, l};
		item.subnets = distinct_subnets(vpc, lb->subnet_indices);
		item.area = g_array_ref(item.subnets);
		span_from_subnets(grid, item.area,
				  lb->scheme == PLAN_LB_INTERNET_FACING ? PLAN_TIER_PUBLIC
									: PLAN_TIER_PRIVATE,
				  &item);
		item.h = LB_H;
		span_wrap_name(layout, grid, &item);
		g_array_append_val(grid->items, item);
	}
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanCluster *cluster;
		ReportSpan item = {REPORT_BOX_SERVICE, i};
		if (service->vpc_index != (gint)grid->v)
			continue;
		item.subnets = distinct_subnets(vpc, service->subnet_indices);
		cluster = service_cluster(layout, service);
		/* bridge or host mode: no subnets of its own, the tasks run on the instances */
		if (item.subnets->len == 0 && cluster != NULL)
			item.area = distinct_subnets(vpc, cluster->subnet_indices);
		else
			item.area = g_array_ref(item.subnets);
		span_from_subnets(grid, item.area, PLAN_TIER_PRIVATE, &item);
		service_chips(layout, grid, service, &item);
		g_array_append_val(grid->items, item);
	}
	for (guint i = 0; i < model->clusters->len; i++) {
		const PlanCluster *cluster = g_ptr_array_index(model->clusters, i);
		ReportSpan item = {REPORT_BOX_CLUSTER, i};
		if (cluster->vpc_index != (gint)grid->v)
			continue;
		item.subnets = distinct_subnets(vpc, cluster->subnet_indices);
		item.area = g_array_ref(item.subnets);
		span_from_subnets(grid, item.area, PLAN_TIER_PRIVATE, &item);
		item.h = SPAN_HEAD + LINE_H + 4;
		span_wrap_name(layout, grid, &item);
		g_array_append_val(grid->items, item);
	}
	for (guint i = 0; model->databases != NULL && i < model->databases->len; i++) {
		const PlanDatabase *database = g_ptr_array_index(model->databases, i);
		ReportSpan item = {REPORT_BOX_DATABASE, i};
		if (database->vpc_index != (gint)grid->v)
			continue;
		item.subnets = distinct_subnets(vpc, database->subnet_indices);
		item.area = g_array_ref(item.subnets);
		span_from_subnets(grid, item.area, PLAN_TIER_ISOLATED, &item);
		item.h = SPAN_HEAD + LINE_H + 4;
		span_wrap_name(layout, grid, &item);
		g_array_append_val(grid->items, item);
	}
}

/* TRUE when @item takes column @c on its line: every column from its first to its last, but
 * a service only those it has a chip in */
static gboolean
span_occupies(const ReportSpan *item, guint c)
{
	if (item->columns == NULL)
		return c >= item->first && c <= item->last;
	for (guint i = 0; i < item->columns->len; i++) {
		if (g_array_index(item->columns, guint, i) == c)
			return TRUE;
	}
	return FALSE;
}

/* first fit: each item of @kind in @tier goes on the first line where its columns are free.
 * Returns the number of lines; @line_h receives each line's height */
static guint
pack_lines(ReportGrid *grid, ReportBoxKind kind, PlanTier tier, GArray *line_h)
{
	guint n_columns = diagram_grid_columns(grid);
	g_autoptr(GArray) used = g_array_new(FALSE, TRUE, sizeof(gboolean)); /* line × column */
	guint n_lines = 0;

	g_array_set_size(line_h, 0);
	for (guint i = 0; i < grid->items->len; i++) {
		ReportSpan *item = &g_array_index(grid->items, ReportSpan, i);
		guint line = 0;
		if (item->kind != kind || item->tier != tier)
			continue;
		for (;; line++) {
			gboolean free_here = TRUE;
			if (line == n_lines) {
				int zero = 0;
				n_lines++;
				g_array_set_size(used, n_lines * n_columns);
				g_array_append_val(line_h, zero);
			}
			for (guint c = item->first; c <= item->last && free_here; c++)
				free_here = !span_occupies(item, c) ||
					    !g_array_index(used, gboolean, line * n_columns + c);
			if (free_here)
				break;
		}
		for (guint c = item->first; c <= item->last; c++) {
			if (span_occupies(item, c))
				g_array_index(used, gboolean, line * n_columns + c) = TRUE;
		}
		item->line = line;
		g_array_index(line_h, int, line) = MAX(g_array_index(line_h, int, line), item->h);
	}
	return n_lines;
}

/* the x of a span box over its columns, and its width */
static void
span_extent(const ReportGrid *grid, const ReportSpan *item, int *x, int *w)
{
	*x = grid->column_x[item->first] + REPORT_DIAGRAM_CELL_PAD;
	*w = grid->column_x[item->last] + grid->col_w - REPORT_DIAGRAM_CELL_PAD - *x;
}

/* the AZ names of columns that hold one of @subnets, space-separated, in column order; NULL
 * when there is none */
static char *
span_azs(const ReportGrid *grid, const GArray *subnets)
{
	g_autofree gboolean *covered = g_new0(gboolean, diagram_grid_columns(grid));
	g_autoptr(GString) out = g_string_new(NULL);
	for (guint k = 0; k < subnets->len; k++)
		covered[grid->subnet_column[g_array_index(subnets, gint, k)]] = TRUE;
	for (guint c = 0; c < diagram_grid_columns(grid); c++) {
		if (!covered[c])
			continue;
		if (out->len > 0)
			g_string_append_c(out, ' ');
		g_string_append(out, g_ptr_array_index(grid->azs, c));
	}
	return out->len > 0 ? g_string_free(g_steal_pointer(&out), FALSE) : NULL;
}

/* the name lines and details line shared by the span boxes: the glyph, the name wrapped (the
 * lines collect_spans counted), the markers, then the details under the name */
static void
span_head(ReportLayout *layout, guint index, ReportIcon icon, const char *name,
	  const char *details)
{
	ReportDiagramBox *box = diagram_box_at(layout, index);
	int room = diagram_markers_room(layout, box->path, box->w / 2);
	guint lines;

	diagram_icon(box, icon, box->x + 6, box->y + 4);
	lines = diagram_name(box, box->x + 6 + REPORT_DIAGRAM_ICON_ROOM, box->y + 14,
			     REPORT_TEXT_LABEL, name, box->w - 12 - REPORT_DIAGRAM_ICON_ROOM - room);
	diagram_place_markers(layout, index, box->x + box->w - 4, box->y + 3, box->w / 2);
	diagram_text_fit(box, box->x + 6,
			 box->y + 27 + (int)(lines - 1) * diagram_name_step(REPORT_TEXT_LABEL),
			 REPORT_TEXT_SMALL, REPORT_ANCHOR_START, details, box->w - 12);
}

static void
layout_lb(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, const ReportSpan *item,
	  int y)
{
	const PlanLoadBalancer *lb = g_ptr_array_index(grid->vpc->load_balancers, item->index);
	gboolean alb = lb->type == PLAN_LB_APPLICATION;
	const char *kind = lb->type == PLAN_LB_CLASSIC ? "classic" : alb ? "application" : "network";
	const char *scheme = lb->scheme == PLAN_LB_INTERNET_FACING ? "internet-facing" : "internal";
	g_autofree gboolean *covered = g_new0(gboolean, diagram_grid_columns(grid));
	g_autofree char *name = g_strconcat(lb->type == PLAN_LB_CLASSIC ? "CLB "
					    : alb			   ? "ALB "
									   : "NLB ",
					    lb->name, NULL);
	g_autofree char *details = NULL;
	guint n_azs = 0;
	int x;
	int w;
	guint index;
	ReportDiagramBox *box;

	span_extent(grid, item, &x, &w);
	index = diagram_box_new(layout, REPORT_BOX_LB, (gint)vpc_box, x, y, w, item->h,
				       REPORT_PAINT_LB);
	box = diagram_box_at(layout, index);
	for (guint k = 0; k < item->subnets->len; k++)
		covered[grid->subnet_column[g_array_index(item->subnets, gint, k)]] = TRUE;
	for (guint c = 0; c < diagram_grid_columns(grid); c++)
		n_azs += covered[c] ? 1 : 0;
	box->name = g_strdup(lb->name);
	box->path = diagram_lb_path(lb, grid->v, item->index);
	box->az = span_azs(grid, item->area);
	diagram_attr(box, "type", kind);
	diagram_attr(box, "scheme", scheme);
	diagram_attr_int(box, "subnets", item->subnets->len);
	if (item->subnets->len > 0)
		details = g_strdup_printf("%s · %s · %u AZ%s", kind, scheme, n_azs,
					  n_azs == 1 ? "" : "s");
	else
		details = g_strdup_printf("%s · %s · no subnets", kind, scheme);
	box->title = g_strdup_printf("load balancer %s, %s, %s, in %s", lb->name, kind, scheme,
				     box->az != NULL ? box->az : "no subnets");
	{
		g_autofree char *cost =
		    diagram_element_cost(layout, box, "lb", grid->vpc->name, lb->name);
		g_autofree char *priced = diagram_with_cost(details, cost);
		diagram_title_add_cost(box, cost);
		span_head(layout, index,
			  lb->type == PLAN_LB_CLASSIC ? REPORT_ICON_CLB
			  : alb			      ? REPORT_ICON_ALB
						      : REPORT_ICON_NLB,
			  name, priced);
	}
	/* a foot under each AZ column the load balancer has a subnet in */
	for (guint c = 0; c < diagram_grid_columns(grid); c++) {
		if (covered[c])
			diagram_shape(box, grid->column_x[c] + REPORT_DIAGRAM_CELL_PAD + 4,
					     y + item->h - 4, grid->box_w - 8, 4,
					     REPORT_PAINT_LB_FOOT);
	}
}

/* the chip of @service in column @c at @y: the service's own box (the first chip) or a
 * "tasks" chip; its glyph and wrapped name. Returns its index */
static guint
service_chip(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, const ReportSpan *item,
	     const PlanService *service, gboolean first, guint c, int y)
{
	int x = grid->column_x[c] + REPORT_DIAGRAM_CELL_PAD;
	guint index = diagram_box_new(layout, first ? REPORT_BOX_SERVICE : REPORT_BOX_TASKS,
				      (gint)vpc_box, x, y, grid->box_w, item->h,
				      REPORT_PAINT_SERVICE);
	ReportDiagramBox *box = diagram_box_at(layout, index);
	int room;

	box->name = g_strdup(service->name);
	box->path = diagram_service_path(service, item->index);
	box->az = g_strdup(g_ptr_array_index(grid->azs, c));
	/* the first chip's room for its markers in every chip, so the name wraps the same way */
	room = diagram_markers_room(layout, box->path, box->w / 2);
	diagram_icon(box,
		     service->launch_type == PLAN_LAUNCH_EC2 ? REPORT_ICON_EC2_SERVICE
							     : REPORT_ICON_FARGATE,
		     x + 6, y + 4);
	diagram_name(box, x + 6 + REPORT_DIAGRAM_ICON_ROOM, y + 14, REPORT_TEXT_LABEL, service->name,
		     box->w - 12 - REPORT_DIAGRAM_ICON_ROOM - room);
	if (first)
		diagram_place_markers(layout, index, x + box->w - 4, y + 3, box->w / 2);
	return index;
}

/* a service: a chip in each AZ column where its tasks run (its subnets', or its cluster's for a
 * service without subnets), on one line. The first is the service's box (g.service, where the
 * traffic edge ends and its findings are marked) with the details; the others are "tasks"
 * chips with the service's path in data-path and data-service */
static void
layout_service(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, const ReportSpan *item,
	       int y)
{
	const PlanService *service = g_ptr_array_index(layout->model->services, item->index);
	const PlanCluster *cluster = service_cluster(layout, service);
	const char *launch = plan_launch_type_to_string(service->launch_type);
	gint64 desired = MAX(service->desired_count, 0);
	gint64 peak = plan_service_deployment_peak(service);
	guint n = item->subnets->len;
	guint n_columns = diagram_grid_columns(grid);
	g_autofree guint *row = g_new0(guint, MAX(n_columns, 1));
	g_autofree gint *chip = g_new0(gint, MAX(n_columns, 1));
	g_autofree char *cost = NULL;
	g_autoptr(GString) title = g_string_new(NULL);
	int name_end = y + 19 + item->extra; /* under the name's last line */
	guint index;
	ReportDiagramBox *box;

	for (guint c = 0; c < n_columns; c++)
		chip[c] = -1;
	for (guint i = 0; i < item->columns->len; i++) {
		guint c = g_array_index(item->columns, guint, i);
		chip[c] = (gint)service_chip(layout, grid, vpc_box, item, service, i == 0, c, y);
	}
	index = (guint)chip[g_array_index(item->columns, guint, 0)];
	box = diagram_box_at(layout, index);
	diagram_attr(box, "launch-type", launch);
	diagram_attr_int(box, "desired", desired);
	diagram_attr_int(box, "peak", peak);
	if (service->load_balancer != NULL)
		diagram_attr(box, "load-balancer", service->load_balancer);
	if (service->cluster != NULL)
		diagram_attr(box, "cluster", service->cluster);
	{
		g_autofree char *azs = span_azs(grid, item->area);
		diagram_attr(box, "azs", azs);
	}
	if (plan_service_is_daemon(service))
		g_string_append_printf(title,
				       "service %s, %s, DAEMON: one task on every instance of "
				       "its cluster",
				       service->name, launch);
	else
		g_string_append_printf(
		    title,
		    "service %s, %s, desired %" G_GINT64_FORMAT " tasks, peak %" G_GINT64_FORMAT
		    " (autoscaling max or desired × maximum_percent %" G_GINT64_FORMAT "%%)",
		    service->name, launch, desired, peak, plan_service_maximum_percent(service));
	if (service->load_balancer != NULL) {
		g_autofree char *ports = diagram_service_ports(service, ", ");
		g_string_append_printf(title, "\nbehind load balancer %s", service->load_balancer);
		if (ports != NULL)
			g_string_append_printf(title, ", its containers listening on %s", ports);
	}
	cost = diagram_element_cost(layout, box, "service", grid->vpc->name, service->name);
	/* the details under the name in the first chip (counted by service_chips) */
	for (guint k = 0; k < item->details->len; k++)
		diagram_text(box, box->x + 6, name_end + 8 + (int)k * LINE_H, REPORT_TEXT_SMALL,
			     REPORT_ANCHOR_START, g_ptr_array_index(item->details, k));
	row[g_array_index(item->columns, guint, 0)] = item->details->len;

	/* per subnet, in its column's chip: desired spread evenly (the first subnets take the
	 * remainder), peak as the address engine counts it: ceil(peak / subnets) each */
	for (guint k = 0; k < n; k++) {
		gint s = g_array_index(item->subnets, gint, k);
		const PlanSubnet *subnet = diagram_vpc_subnet(grid->vpc, s);
		guint c = grid->subnet_column[s];
		ReportDiagramBox *in = diagram_box_at(layout, (guint)chip[c]);
		gint64 share = desired / n + ((gint64)k < desired % (gint64)n ? 1 : 0);
		gint64 peak_share = (peak + (gint64)n - 1) / (gint64)n;
		g_autofree char *counts =
		    g_strdup_printf("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, share, peak_share);
		int left = in->x + 6;
		int right = in->x + in->w - 6;
		int baseline = name_end + 8 + (int)row[c] * LINE_H;

		diagram_text(in, right, baseline, REPORT_TEXT_SMALL, REPORT_ANCHOR_END, counts);
		diagram_text_fit(in, left, baseline, REPORT_TEXT_SMALL, REPORT_ANCHOR_START,
				 subnet->name,
				 right - left - diagram_text_width(REPORT_TEXT_SMALL, counts) - 6);
		g_string_append_printf(title, "\n%s: %s tasks (desired / peak)", subnet->name,
				       counts);
		row[c]++;
	}
	if (n == 0) {
		g_autofree char *counts =
		    g_strdup_printf("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, desired, peak);
		g_autofree char *where = cluster != NULL
					     ? g_strconcat("on cluster ", cluster->name, NULL)
					     : g_strdup("no subnets");
		int baseline = name_end + 8 + (int)item->details->len * LINE_H;
		diagram_text(box, box->x + box->w - 6, baseline, REPORT_TEXT_SMALL,
			     REPORT_ANCHOR_END, counts);
		diagram_text_fit(box, box->x + 6, baseline, REPORT_TEXT_SMALL, REPORT_ANCHOR_START,
				 where, box->w - 18 - diagram_text_width(REPORT_TEXT_SMALL, counts));
		g_string_append_printf(title, "\n%s: %s tasks (desired / peak)", where, counts);
		/* the other chips: the cluster's AZs, where its instances may run the tasks */
		for (guint i = 1; i < item->columns->len; i++) {
			ReportDiagramBox *other = diagram_box_at(
			    layout, (guint)chip[g_array_index(item->columns, guint, i)]);
			diagram_text_fit(other, other->x + 6, name_end + 8, REPORT_TEXT_SMALL,
					 REPORT_ANCHOR_START, where, other->w - 12);
		}
	}
	box->title = g_string_free(g_steal_pointer(&title), FALSE);
	diagram_title_add_cost(box, cost);
	/* the other chips: what they are part of */
	for (guint i = 1; i < item->columns->len; i++) {
		ReportDiagramBox *other =
		    diagram_box_at(layout, (guint)chip[g_array_index(item->columns, guint, i)]);
		diagram_attr(other, "service", service->name);
		other->title = g_strdup_printf("tasks of service %s in %s (desired / peak per "
					       "subnet); the service's box is in %s",
					       service->name, other->az, box->az);
	}
}

static void
layout_cluster(ReportLayout *layout, const ReportGrid *grid, guint vpc_box, const ReportSpan *item,
	       int y)
{
	const PlanCluster *cluster = g_ptr_array_index(layout->model->clusters, item->index);
	const PlanClusterSizing *sizing = cluster_sizing(layout, item->index);
	const char *type = cluster->instance_type != NULL ? cluster->instance_type : "?";
	g_autofree char *details =
	    g_strdup_printf("EC2 · %s · min %" G_GINT64_FORMAT " · max %" G_GINT64_FORMAT, type,
			    cluster->min, cluster->max);
	g_autoptr(GString) title = g_string_new(NULL);
	g_autofree char *cost = NULL;
	gboolean per_az = FALSE;
	guint index;
	ReportDiagramBox *box;
	int x;
	int w;
	int baseline = y + SPAN_HEAD + item->extra + 10;

	span_extent(grid, item, &x, &w);
	index = diagram_box_new(layout, REPORT_BOX_CLUSTER, (gint)vpc_box, x, y, w, item->h,
				       REPORT_PAINT_CLUSTER);
	box = diagram_box_at(layout, index);
	box->name = g_strdup(cluster->name);
	box->path = diagram_cluster_path(cluster, item->index);
	box->az = span_azs(grid, item->area);
	diagram_attr(box, "instance-type", type);
	diagram_attr_int(box, "min", cluster->min);
	diagram_attr_int(box, "max", cluster->max);
	g_string_append_printf(title,
			       "EC2 cluster %s, %s, min %" G_GINT64_FORMAT " max %" G_GINT64_FORMAT,
			       cluster->name, type, cluster->min, cluster->max);
	if (sizing != NULL) {
		diagram_attr_int(box, "instances-desired", sizing->instances_desired);
		diagram_attr_int(box, "instances-peak", sizing->instances_peak);
		g_string_append_printf(
		    title, "\ninstances %" G_GINT64_FORMAT " desired, %" G_GINT64_FORMAT " at peak",
		    sizing->instances_desired, sizing->instances_peak);
	}
	cost = diagram_element_cost(layout, box, "cluster", grid->vpc->name, cluster->name);
	{
		g_autofree char *priced = diagram_with_cost(details, cost);
		span_head(layout, index, REPORT_ICON_CLUSTER, cluster->name, priced);
	}

	for (guint k = 0; sizing != NULL && sizing->azs != NULL && k < sizing->azs->len; k++) {
		const PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, k);
		gpointer found =
		    az->az != NULL ? g_hash_table_lookup(grid->column_of, az->az) : NULL;
		g_autofree char *counts =
		    g_strdup_printf("instances %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
				    az->instances_desired, az->instances_peak);
		g_string_append_printf(title, "\n%s: %s (desired / peak)",
				       az->az != NULL ? az->az : "no AZ", counts);
		if (found == NULL)
			continue;
		guint c = GPOINTER_TO_UINT(found) - 1;
		diagram_text_fit(box, grid->column_x[c] + REPORT_DIAGRAM_CELL_PAD + 6,
					baseline, REPORT_TEXT_SMALL, REPORT_ANCHOR_START, counts,
					grid->box_w - 12);
		per_az = TRUE;
	}
	if (!per_az) {
		g_autofree char *range = g_strdup_printf("instances %" G_GINT64_FORMAT
							 "..%" G_GINT64_FORMAT " (min..max)",
							 cluster->min, cluster->max);
		diagram_text_fit(box, x + 6, baseline, REPORT_TEXT_SMALL,
					REPORT_ANCHOR_START, range, w - 12);
	}
	box->title = g_string_free(g_steal_pointer(&title), FALSE);
	diagram_title_add_cost(box, cost);
}

/* the model's engine names (docs/model.md), in PlanDbEngine order */
static const char *const engine_names[] = {"mysql", "postgres", "mariadb", "aurora-mysql",
					   "aurora-postgresql"};
static const char *const storage_names[] = {"gp2", "gp3", "io1", "aurora"};

/* a database over the AZ columns of its subnet group, with a line in each column that holds one
 * of its instances. Where the instances run is AWS's choice inside the subnet group (RDS picks
 * the primary's and the standby's AZs; Aurora places its instances); the diagram shows them in
 * the group's AZs in column order: an RDS instance in the first ("instance"), a Multi-AZ
 * standby in the second, Aurora's writer in the first and its readers round-robin from the
 * second. The tooltip says so */
static void
layout_database(ReportLayout *layout, const ReportGrid *grid, guint vpc_box,
		const ReportSpan *item, int y)
{
	const PlanDatabase *database = g_ptr_array_index(layout->model->databases, item->index);
	gboolean aurora = plan_database_is_aurora(database);
	guint n_columns = diagram_grid_columns(grid);
	g_autofree gboolean *covered = g_new0(gboolean, n_columns);
	g_autofree guint *order = g_new0(guint, MAX(n_columns, 1)); /* covered columns */
	g_autofree guint *writers = g_new0(guint, MAX(n_columns, 1));
	g_autofree guint *readers = g_new0(guint, MAX(n_columns, 1));
	g_autofree guint *standbys = g_new0(guint, MAX(n_columns, 1));
	const char *engine = (guint)database->engine < G_N_ELEMENTS(engine_names)
				 ? engine_names[database->engine]
				 : "?";
	const char *class = database->instance_class != NULL ? database->instance_class : "?";
	gint64 n_instances = aurora ? MAX(database->instances, 1) : 1;
	g_autoptr(GString) details = g_string_new(NULL);
	g_autoptr(GString) title = g_string_new(NULL);
	g_autofree char *cost = NULL;
	guint n_order = 0;
	guint index;
	ReportDiagramBox *box;
	int x;
	int w;
	int baseline = y + SPAN_HEAD + item->extra + 10;

	span_extent(grid, item, &x, &w);
	index = diagram_box_new(layout, REPORT_BOX_DATABASE, (gint)vpc_box, x, y, w, item->h,
				REPORT_PAINT_DATABASE);
	box = diagram_box_at(layout, index);
	box->name = g_strdup(database->name);
	box->path = diagram_database_path(database, item->index);
	box->az = span_azs(grid, item->area);
	diagram_attr(box, "engine", engine);
	diagram_attr(box, "instance-class", class);
	diagram_attr(box, "multi-az", !aurora && database->multi_az ? "true" : "false");
	diagram_attr_int(box, "instances", n_instances);

	g_string_append_printf(details, "%s · %s", engine, class);
	if (aurora)
		g_string_append_printf(details, " · %" G_GINT64_FORMAT " instance%s", n_instances,
				       n_instances == 1 ? "" : "s");
	else
		g_string_append_printf(details, " · %s · %" G_GINT64_FORMAT " GB %s",
				       database->multi_az ? "Multi-AZ" : "single-AZ",
				       database->storage_gb,
				       (guint)database->storage_type < G_N_ELEMENTS(storage_names)
					   ? storage_names[database->storage_type]
					   : "?");
	g_string_append_printf(title, "database %s, %s, %s", database->name, engine, class);

	for (guint k = 0; k < item->subnets->len; k++)
		covered[grid->subnet_column[g_array_index(item->subnets, gint, k)]] = TRUE;
	for (guint c = 0; c < n_columns; c++) {
		if (covered[c])
			order[n_order++] = c;
	}
	if (n_order > 0) {
		if (aurora) {
			writers[order[0]] = 1;
			for (gint64 r = 1; r < n_instances; r++)
				readers[order[(guint)(r % (gint64)n_order)]]++;
		} else {
			writers[order[0]] = 1;
			if (database->multi_az)
				standbys[order[MIN(1u, n_order - 1)]]++;
		}
	}
	if (aurora)
		g_string_append_printf(title,
				       "\nAurora: a writer and %" G_GINT64_FORMAT
				       " reader%s; drawn spread over the subnet group's AZs, the "
				       "writer in the first (Aurora places them)",
				       n_instances - 1, n_instances - 1 == 1 ? "" : "s");
	else if (database->multi_az)
		g_string_append_printf(title,
				       "\nMulti-AZ: a primary and a standby in another AZ of the "
				       "subnet group (RDS picks which), %" G_GINT64_FORMAT " GB each",
				       database->storage_gb);
	else
		g_string_append(title, "\nsingle-AZ: RDS picks the AZ inside the subnet group");
	cost = diagram_element_cost(layout, box, "db", grid->vpc->name, database->name);
	{
		g_autofree char *priced = diagram_with_cost(details->str, cost);
		span_head(layout, index, REPORT_ICON_DATABASE, database->name, priced);
	}
	for (guint k = 0; k < n_order; k++) {
		guint c = order[k];
		g_autoptr(GString) line = g_string_new(NULL);
		const char *sep = "";
		if (writers[c] > 0) {
			g_string_append(line, aurora		 ? "writer"
					      : database->multi_az ? "primary"
								   : "instance");
			sep = " + ";
		}
		if (standbys[c] > 0) {
			g_string_append_printf(line, "%sstandby", sep);
			sep = " + ";
		}
		if (readers[c] > 0)
			g_string_append_printf(line, "%s%u reader%s", sep, readers[c],
					       readers[c] == 1 ? "" : "s");
		if (line->len == 0)
			g_string_append(line, "subnet group only");
		g_string_append_printf(title, "\n%s: %s", (const char *)g_ptr_array_index(grid->azs, c),
				       line->str);
		diagram_text_fit(box, grid->column_x[c] + REPORT_DIAGRAM_CELL_PAD + 6, baseline,
				 REPORT_TEXT_SMALL, REPORT_ANCHOR_START, line->str, grid->box_w - 12);
	}
	if (n_order == 0)
		diagram_text_fit(box, x + 6, baseline, REPORT_TEXT_SMALL, REPORT_ANCHOR_START,
				 "no subnets", w - 12);
	box->title = g_string_free(g_steal_pointer(&title), FALSE);
	diagram_title_add_cost(box, cost);
}

void
diagram_spans(ReportLayout *layout, ReportGrid *grid, guint vpc_box, ReportBoxKind kind,
		     PlanTier tier, int *y)
{
	g_autoptr(GArray) line_h = g_array_new(FALSE, TRUE, sizeof(int));
	guint n_lines = pack_lines(grid, kind, tier, line_h);
	g_autofree int *line_y = g_new0(int, MAX(n_lines, 1));

	for (guint line = 0; line < n_lines; line++) {
		line_y[line] = *y;
		*y += g_array_index(line_h, int, line) + REPORT_DIAGRAM_STACK_GAP;
	}
	for (guint i = 0; i < grid->items->len; i++) {
		const ReportSpan *item = &g_array_index(grid->items, ReportSpan, i);
		if (item->kind != kind || item->tier != tier)
			continue;
		switch (kind) {
		case REPORT_BOX_LB:
			layout_lb(layout, grid, vpc_box, item, line_y[item->line]);
			break;
		case REPORT_BOX_SERVICE:
			layout_service(layout, grid, vpc_box, item, line_y[item->line]);
			break;
		case REPORT_BOX_DATABASE:
			layout_database(layout, grid, vpc_box, item, line_y[item->line]);
			break;
		case REPORT_BOX_CLUSTER:
		default:
			layout_cluster(layout, grid, vpc_box, item, line_y[item->line]);
			break;
		}
	}
}
