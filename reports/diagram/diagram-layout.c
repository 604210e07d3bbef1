#include "diagram-layout-private.h"

#include <string.h>

#include "number.h"

/* geometry, in px: the region box, the legend and the findings list */
#define MARGIN 10	 /* around the region box */
#define REGION_HEADER 40 /* the region line above the first VPC */
#define VPC_GAP 30	 /* between stacked VPCs: room for the next internet gateway */
#define INTERNET_H 22	 /* the internet box above the region */
#define INTERNET_X 24	 /* its left side, this far right of the region's */
#define INTERNET_GAP 14	 /* between it and the region */
#define INTERNET_ROOM 8	 /* more region header: traffic in runs above the first gateway */
#define INTERNET_TRUNK 6 /* traffic in runs down this far right of the region's left side */
#define PEERING_ROOM 64	 /* right of the VPCs, when there are peerings: their lanes and label */
#define PEERING_LANE 8	 /* the first peering's lane, right of the VPCs */
#define PEERING_STEP 6	 /* between peering lanes, and between their ends on a VPC */
#define PEERING_Y 16	 /* the first peering's end, under a VPC's top */
#define MIN_WIDTH 760	 /* the legend and the findings list need room */
#define SWATCH_W 14
#define SWATCH_H 10
#define LEGEND_ROW 20
#define FINDING_LINE 15
#define FINDING_INDENT 40

/* ---- legend and findings list ---- */

typedef struct {
	ReportPaint paint;
	const char *text;
	ReportIcon icon; /* drawn after the swatch, when not none */
} LegendItem;

static int
legend_row(ReportDiagramBox *box, int y, const char *title, const LegendItem *items, guint n)
{
	int x = box->x + REPORT_DIAGRAM_PAD;
	int right = box->x + box->w - REPORT_DIAGRAM_PAD;

	diagram_text(box, x, y + 9, REPORT_TEXT_LABEL, REPORT_ANCHOR_START, title);
	x += diagram_text_width(REPORT_TEXT_LABEL, title) + 10;
	for (guint i = 0; i < n; i++) {
		int glyph = items[i].icon != REPORT_ICON_NONE ? REPORT_DIAGRAM_ICON_ROOM : 0;
		int width = SWATCH_W + 5 + glyph +
			    diagram_text_width(REPORT_TEXT_SMALL, items[i].text);
		if (x + width > right) {
			y += LEGEND_ROW;
			x = box->x + REPORT_DIAGRAM_PAD + 20;
		}
		diagram_shape(box, x, y, SWATCH_W, SWATCH_H, items[i].paint);
		if (glyph > 0) {
			ReportDiagramShape icon = {x + SWATCH_W + 3, y - 1, REPORT_ICON_SIZE,
						   REPORT_ICON_SIZE, items[i].paint, items[i].icon};
			/* on the white panel the gateway's glyph takes the gateway's colour */
			if (icon.paint == REPORT_PAINT_IGW)
				icon.paint = REPORT_PAINT_INTERNET;
			g_array_append_val(box->shapes, icon);
		}
		diagram_text(box, x + SWATCH_W + 5 + glyph, y + 9, REPORT_TEXT_SMALL,
			     REPORT_ANCHOR_START, items[i].text);
		x += width + 14;
	}
	return y + LEGEND_ROW;
}

static guint
layout_legend(ReportLayout *layout, int x, int y, int w)
{
	static const LegendItem use[] = {
	    {REPORT_PAINT_USE_LOW, "under 60%"},
	    {REPORT_PAINT_USE_MEDIUM, "60% to 80%"},
	    {REPORT_PAINT_USE_HIGH, "80% or more, or exhausted"},
	    {REPORT_PAINT_USE_UNKNOWN, "no usable block"},
	};
	static const LegendItem findings[] = {
	    {REPORT_PAINT_ERROR, "error"},
	    {REPORT_PAINT_WARNING, "warning"},
	    {REPORT_PAINT_NOTE, "note"},
	};
	static const LegendItem elements[] = {
	    {REPORT_PAINT_SUBNET_PUBLIC, "public subnet"},
	    {REPORT_PAINT_SUBNET_PRIVATE, "private subnet"},
	    {REPORT_PAINT_SUBNET_ISOLATED, "isolated subnet"},
	    {REPORT_PAINT_NAT, "NAT gateway", REPORT_ICON_NAT},
	    {REPORT_PAINT_ROUTE, "route to its NAT gateway"},
	    {REPORT_PAINT_FLOW_OUT, "NAT gateway out to the internet gateway"},
	    {REPORT_PAINT_IGW, "internet gateway", REPORT_ICON_IGW},
	    {REPORT_PAINT_INTERNET, "the internet", REPORT_ICON_INTERNET},
	    {REPORT_PAINT_ENDPOINTS, "VPC endpoints and the subnets that use them",
	     REPORT_ICON_ENDPOINT},
	    {REPORT_PAINT_FLOW_IN, "traffic in: internet, gateway, load balancer, service"},
	    {REPORT_PAINT_PEERING, "VPC peering"},
	    {REPORT_PAINT_LB, "load balancer (the bar under it marks its AZs)", REPORT_ICON_ALB},
	    {REPORT_PAINT_SERVICE, "service: tasks desired / peak per subnet",
	     REPORT_ICON_FARGATE},
	    {REPORT_PAINT_CLUSTER, "EC2 cluster: instances desired / peak per AZ",
	     REPORT_ICON_CLUSTER},
	    {REPORT_PAINT_DATABASE, "database: its instances per AZ of its subnet group",
	     REPORT_ICON_DATABASE},
	    {REPORT_PAINT_HOST, "standalone EC2 host", REPORT_ICON_HOST},
	};
	gboolean drawn[REPORT_PAINT_COUNT] = {FALSE};
	LegendItem shown_findings[G_N_ELEMENTS(findings)];
	LegendItem shown_elements[G_N_ELEMENTS(elements)];
	guint n_findings = 0;
	guint n_elements = 0;
	guint index;
	ReportDiagramBox *box;
	int row = y + REPORT_DIAGRAM_PAD;

	/* the legend names only what the diagram draws: the paints of its boxes, routes when there
	 * are any, the severities of its findings */
	for (guint i = 0; i < layout->diagram->boxes->len; i++)
		drawn[diagram_box_at(layout, i)->paint] = TRUE;
	for (guint i = 0; i < layout->diagram->routes->len; i++) {
		const ReportDiagramRoute *route =
		    &g_array_index(layout->diagram->routes, ReportDiagramRoute, i);
		drawn[route->kind == REPORT_ROUTE_NAT	    ? REPORT_PAINT_ROUTE
		      : route->kind == REPORT_ROUTE_NAT_IGW ? REPORT_PAINT_FLOW_OUT
		      : route->kind == REPORT_ROUTE_PEERING ? REPORT_PAINT_PEERING
							    : REPORT_PAINT_FLOW_IN] = TRUE;
	}
	for (guint i = 0; i < layout->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(layout->diagnostics, i);
		drawn[diagram_severity_paint(diagnostic->severity)] = TRUE;
	}
	for (guint i = 0; i < G_N_ELEMENTS(findings); i++) {
		if (drawn[findings[i].paint])
			shown_findings[n_findings++] = findings[i];
	}
	for (guint i = 0; i < G_N_ELEMENTS(elements); i++) {
		if (drawn[elements[i].paint])
			shown_elements[n_elements++] = elements[i];
	}
	index =
	    diagram_box_new(layout, REPORT_BOX_LEGEND, -1, x, y, w, 0, REPORT_PAINT_PANEL);
	box = diagram_box_at(layout, index);
	box->name = g_strdup("legend");
	box->title = g_strdup("legend");
	row = legend_row(box, row, "Address use, peak / usable:", use, G_N_ELEMENTS(use));
	if (n_findings > 0)
		row = legend_row(box, row,
				 layout->options.no_findings_list
				     ? "Findings, numbered on their element (see Findings):"
				     : "Findings, numbered on their element and listed below:",
				 shown_findings, n_findings);
	if (n_elements > 0)
		row = legend_row(box, row, "Elements:", shown_elements, n_elements);
	if (layout->options.cost != NULL) {
		const PlanCost *cost = layout->options.cost;
		g_autoptr(GString) text = g_string_new(NULL);
		g_autofree char *total = report_money_cell(cost->total, cost->estimate);
		g_string_append_printf(text, "Cost: USD a month (/mo) for ");
		report_format_decimal(cost->hours, 4, text);
		g_string_append_printf(text, " hours, prices of %s (%s); ~ an estimate; total %s%s",
				       cost->book_as_of, cost->book_origin,
				       cost->complete ? "" : "at least ", total);
		diagram_text_fit(box, box->x + REPORT_DIAGRAM_PAD, row + 9,
					REPORT_TEXT_SMALL, REPORT_ANCHOR_START, text->str,
					w - 2 * REPORT_DIAGRAM_PAD);
		row += LEGEND_ROW;
	}
	box->h = row - y + REPORT_DIAGRAM_PAD - 6;
	return index;
}

/* @text in lines no wider than @width px, broken at spaces; a longer word is cut */
static GPtrArray *
wrap_text(ReportTextStyle style, const char *text, int width)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) words = g_strsplit_set(text, " \n\t", -1);
	g_autoptr(GString) line = g_string_new(NULL);
	int space = diagram_text_width(style, " ");

	for (guint i = 0; words[i] != NULL; i++) {
		const char *word = words[i];
		if (word[0] == '\0')
			continue;
		if (line->len > 0 && diagram_text_width(style, line->str) + space +
					     diagram_text_width(style, word) >
					 width) {
			g_ptr_array_add(lines, g_strdup(line->str));
			g_string_truncate(line, 0);
		}
		/* a word wider than a line: cut it where it stops fitting */
		while (line->len == 0 && diagram_text_width(style, word) > width) {
			const char *cut = g_utf8_next_char(word);
			while (*cut != '\0') {
				const char *next = g_utf8_next_char(cut);
				g_autofree char *piece = g_strndup(word, (gsize)(next - word));
				if (diagram_text_width(style, piece) > width)
					break;
				cut = next;
			}
			g_ptr_array_add(lines, g_strndup(word, (gsize)(cut - word)));
			word = cut;
		}
		if (line->len > 0)
			g_string_append_c(line, ' ');
		g_string_append(line, word);
	}
	if (line->len > 0 || lines->len == 0)
		g_ptr_array_add(lines, g_strdup(line->str));
	return lines;
}

static guint
layout_findings(ReportLayout *layout, int x, int y, int w)
{
	GPtrArray *diagnostics = layout->diagnostics;
	guint index =
	    diagram_box_new(layout, REPORT_BOX_FINDINGS, -1, x, y, w, 0, REPORT_PAINT_PANEL);
	ReportDiagramBox *box = diagram_box_at(layout, index);
	guint errors = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR);
	guint warnings = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING);
	guint notes = plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE);
	g_autofree char *heading = NULL;
	g_autoptr(GHashTable) marked = g_hash_table_new(g_direct_hash, g_direct_equal);
	int row = y + REPORT_DIAGRAM_PAD;

	box->name = g_strdup("findings");
	diagram_attr_int(box, "errors", errors);
	diagram_attr_int(box, "warnings", warnings);
	diagram_attr_int(box, "notes", notes);
	if (diagnostics->len == 0)
		heading = g_strdup("Findings: none");
	else
		heading = g_strdup_printf("Findings: %u error%s, %u warning%s, %u note%s", errors,
					  errors == 1 ? "" : "s", warnings,
					  warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
	box->title = g_strdup(heading);
	diagram_text(box, x + REPORT_DIAGRAM_PAD, row + 11, REPORT_TEXT_LABEL,
			    REPORT_ANCHOR_START, heading);
	row += 22;

	/* which element each finding is marked on: one pass over the markers */
	for (guint i = 0; i < layout->diagram->boxes->len; i++) {
		const ReportDiagramBox *mark = diagram_box_at(layout, i);
		if (mark->kind == REPORT_BOX_FINDING && mark->parent >= 0)
			g_hash_table_insert(
			    marked, GUINT_TO_POINTER(mark->finding + 1),
			    diagram_box_at(layout, (guint)mark->parent)->name);
	}
	for (guint i = 0; i < diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, i);
		const char *on = g_hash_table_lookup(marked, GUINT_TO_POINTER(i + 1));
		g_autofree char *number = g_strdup_printf("%u", i + 1);
		g_autofree char *head = NULL;
		g_autoptr(GPtrArray) lines = wrap_text(REPORT_TEXT_BODY, diagnostic->message,
						       w - 2 * REPORT_DIAGRAM_PAD - FINDING_INDENT);
		int marker = diagram_marker_width(i + 1);

		head = g_strdup_printf(
		    "%s[%s]%s%s%s%s%s", plan_severity_to_string(diagnostic->severity),
		    diagnostic->code, on != NULL ? " on " : "", on != NULL ? on : "",
		    diagnostic->path != NULL && diagnostic->path[0] != '\0' ? " · " : "",
		    diagnostic->path != NULL ? diagnostic->path : "",
		    on == NULL ? " (not marked: too many on its element)" : "");
		diagram_shape(box, x + REPORT_DIAGRAM_PAD, row, marker,
				     REPORT_DIAGRAM_MARKER_H,
				     diagram_severity_paint(diagnostic->severity));
		diagram_text(box, x + REPORT_DIAGRAM_PAD + marker / 2, row + 11,
				    diagram_severity_text(diagnostic->severity),
				    REPORT_ANCHOR_MIDDLE, number);
		diagram_text_fit(box, x + REPORT_DIAGRAM_PAD + FINDING_INDENT, row + 11,
					REPORT_TEXT_LABEL, REPORT_ANCHOR_START, head,
					w - 2 * REPORT_DIAGRAM_PAD - FINDING_INDENT);
		row += FINDING_LINE;
		for (guint k = 0; k < lines->len; k++) {
			diagram_text(box, x + REPORT_DIAGRAM_PAD + FINDING_INDENT, row + 11,
					    REPORT_TEXT_BODY, REPORT_ANCHOR_START,
					    g_ptr_array_index(lines, k));
			row += FINDING_LINE;
		}
		row += 6;
	}
	box->h = row - y + REPORT_DIAGRAM_PAD - 6;
	return index;
}

/* ---- the whole diagram ---- */

static char *
diagram_summary(const PlanModel *model, GPtrArray *diagnostics)
{
	guint subnets = 0;
	guint databases = model->databases != NULL ? model->databases->len : 0;
	guint hosts = model->instances != NULL ? model->instances->len : 0;
	g_autofree char *more = NULL;
	for (guint v = 0; v < model->vpcs->len; v++)
		subnets += ((const PlanVpc *)g_ptr_array_index(model->vpcs, v))->subnets->len;
	/* databases and hosts when the model has any (issue 13's elements) */
	more = databases + hosts == 0
		   ? g_strdup("")
		   : g_strdup_printf(", %u database%s, %u host%s", databases,
				     databases == 1 ? "" : "s", hosts, hosts == 1 ? "" : "s");
	return g_strdup_printf(
	    "%u VPC%s, %u subnet%s, %u service%s, %u cluster%s%s; %u error%s, "
	    "%u warning%s, %u note%s",
	    model->vpcs->len, model->vpcs->len == 1 ? "" : "s", subnets, subnets == 1 ? "" : "s",
	    model->services->len, model->services->len == 1 ? "" : "s", model->clusters->len,
	    model->clusters->len == 1 ? "" : "s", more,
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR),
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_ERROR) == 1 ? "" : "s",
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING),
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_WARNING) == 1 ? "" : "s",
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE),
	    plan_diagnostics_count(diagnostics, PLAN_SEVERITY_NOTE) == 1 ? "" : "s");
}

ReportDiagram *
report_diagram_layout(const PlanModel *model, GPtrArray *diagnostics,
		      const PlanValidation *validation, const PlanCompute *compute)
{
	return report_diagram_layout_with(model, diagnostics, validation, compute, NULL);
}

/* the internet: a box above the region, at its left */
static guint
layout_internet(ReportLayout *layout)
{
	const char *name = "Internet";
	int w = 6 + REPORT_DIAGRAM_ICON_ROOM + diagram_text_width(REPORT_TEXT_LABEL, name) + 10;
	guint index = diagram_box_new(layout, REPORT_BOX_INTERNET, -1, MARGIN + INTERNET_X,
					     MARGIN, w, INTERNET_H, REPORT_PAINT_INTERNET);
	ReportDiagramBox *box = diagram_box_at(layout, index);

	box->name = g_strdup(name);
	box->path = g_strdup("internet");
	box->title = g_strdup("the internet: traffic in comes through each VPC's internet gateway");
	box->label = g_strdup(name);
	diagram_icon(box, REPORT_ICON_INTERNET, box->x + 6, box->y + 5);
	diagram_text(box, box->x + 6 + REPORT_DIAGRAM_ICON_ROOM, box->y + 15, REPORT_TEXT_LABEL,
		     REPORT_ANCHOR_START, name);
	return index;
}

/* the internet to each internet gateway: out of the internet's left side to the trunk in the
 * region's left padding, down it to just above the gateway (in the gap above its VPC, or the
 * region header's room), right, and into the gateway's top */
static void
layout_internet_edges(ReportLayout *layout, guint internet_box, guint region_box)
{
	const ReportDiagramBox *internet = diagram_box_at(layout, internet_box);
	int trunk = MARGIN + INTERNET_TRUNK;

	for (guint v = 0; v < layout->model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(layout->model->vpcs, v);
		g_autofree char *path = diagram_igw_path(vpc, v);
		const ReportDiagramBox *igw;
		int mid;

		if (!vpc->internet_gateway)
			continue;
		igw = report_diagram_find(layout->diagram, REPORT_BOX_IGW, path);
		if (igw == NULL)
			continue;
		mid = igw->x + igw->w / 2;
		int points[] = {internet->x, internet->y + internet->h / 2,
				trunk,	     internet->y + internet->h / 2,
				trunk,	     igw->y - 5,
				mid,	     igw->y - 5,
				mid,	     igw->y};
		diagram_add_route(layout, region_box, REPORT_ROUTE_INTERNET_IGW,
					 internet->path, igw->path, points, G_N_ELEMENTS(points));
	}
}

/* the peerings drawn: both ends resolve to two different VPCs */
static gboolean
peering_drawn(const PlanModel *model, const PlanPeering *peering)
{
	return diagram_model_vpc(model, peering->vpc_a_index) != NULL &&
	       diagram_model_vpc(model, peering->vpc_b_index) != NULL &&
	       peering->vpc_a_index != peering->vpc_b_index;
}

static gboolean
any_peering(const PlanModel *model)
{
	for (guint p = 0; model->peerings != NULL && p < model->peerings->len; p++) {
		if (peering_drawn(model, g_ptr_array_index(model->peerings, p)))
			return TRUE;
	}
	return FALSE;
}

/* each peering: out of the upper VPC's right side (16 px under its top, 6 px lower for each
 * peering before it), right to its lane in the room right of the VPCs (8 px out, 6 px further
 * for each peering before it), down to the lower VPC and into its right side; "peering" beside
 * the lane, halfway down */
static void
layout_peerings(ReportLayout *layout, guint region_box, const guint *vpc_boxes)
{
	const PlanModel *model = layout->model;
	guint k = 0;

	for (guint p = 0; model->peerings != NULL && p < model->peerings->len; p++) {
		const PlanPeering *peering = g_ptr_array_index(model->peerings, p);
		const ReportDiagramBox *a;
		const ReportDiagramBox *b;
		ReportDiagramRoute *route;
		int lane;
		int ya;
		int yb;

		if (!peering_drawn(model, peering))
			continue;
		a = diagram_box_at(
		    layout, vpc_boxes[MIN(peering->vpc_a_index, peering->vpc_b_index)]);
		b = diagram_box_at(
		    layout, vpc_boxes[MAX(peering->vpc_a_index, peering->vpc_b_index)]);
		lane = a->x + a->w + PEERING_LANE + (int)k * PEERING_STEP;
		ya = a->y + PEERING_Y + (int)k * PEERING_STEP;
		yb = b->y + PEERING_Y + (int)k * PEERING_STEP;
		int points[] = {a->x + a->w, ya, lane, ya, lane, yb, b->x + b->w, yb};
		diagram_add_route(layout, region_box, REPORT_ROUTE_PEERING, a->path, b->path,
					 points, G_N_ELEMENTS(points));
		route = &g_array_index(layout->diagram->routes, ReportDiagramRoute,
				       layout->diagram->routes->len - 1);
		route->label = g_strdup("peering");
		route->label_x = lane + 4;
		route->label_y = (ya + yb) / 2 + 4 + (int)k * 14;
		k++;
	}
}

ReportDiagram *
report_diagram_layout_with(const PlanModel *model, GPtrArray *diagnostics,
			   const PlanValidation *validation, const PlanCompute *compute,
			   const ReportDiagramOptions *options)
{
	g_autoptr(GPtrArray) none = g_ptr_array_new();
	g_autoptr(GHashTable) findings_of =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
	ReportDiagram *diagram;
	ReportLayout layout = {0};
	const char *region = model->region != NULL ? model->region : "no region";
	const char *name = model->name != NULL ? model->name : model->file;
	int width = MIN_WIDTH - 2 * MARGIN;
	int y;
	int top = MARGIN;
	int peering_room;
	g_autofree guint *vpc_boxes = NULL;
	gint internet_box = -1;
	guint region_box;
	ReportDiagramBox *box;
	int room;
	g_autofree char *heading = NULL;

	g_return_val_if_fail(model != NULL, NULL);
	g_return_val_if_fail(validation != NULL, NULL);

	diagram = diagram_new();
	layout.diagram = diagram;
	layout.model = model;
	layout.validation = validation;
	layout.compute = compute;
	layout.diagnostics = diagnostics != NULL ? diagnostics : none;
	layout.findings_of = findings_of;
	if (options != NULL)
		layout.options = *options;
	diagram_register_elements(&layout);
	diagram_attach_findings(&layout);

	diagram->title =
	    g_strdup_printf("%s (%s): ecsplan diagram", name != NULL ? name : "model", region);
	diagram->summary = diagram_summary(model, layout.diagnostics);

	peering_room = any_peering(model) ? PEERING_ROOM : 0;
	for (guint v = 0; v < model->vpcs->len; v++)
		width = MAX(width, diagram_vpc_width(g_ptr_array_index(model->vpcs, v)) +
				       2 * REPORT_DIAGRAM_PAD + peering_room);
	vpc_boxes = g_new0(guint, MAX(model->vpcs->len, 1));

	/* the internet, above the region, when a VPC has an internet gateway to draw it to */
	for (guint v = 0; v < model->vpcs->len && internet_box < 0; v++) {
		if (((const PlanVpc *)g_ptr_array_index(model->vpcs, v))->internet_gateway)
			internet_box = (gint)layout_internet(&layout);
	}
	if (internet_box >= 0)
		top = MARGIN + INTERNET_H + INTERNET_GAP;
	region_box = diagram_box_new(&layout, REPORT_BOX_REGION, -1, MARGIN, top, width, 0,
					    REPORT_PAINT_REGION);
	box = diagram_box_at(&layout, region_box);
	box->name = g_strdup(region);
	box->path = g_strdup("");
	box->title = g_strdup_printf("region %s, model %s", region, name != NULL ? name : "");
	diagram_attr(box, "model", name);
	heading = g_strdup_printf("%s · %s", region, name != NULL ? name : "");
	room = diagram_markers_room(&layout, "", width / 2);
	diagram_label(box, MARGIN + REPORT_DIAGRAM_PAD, top + 25, REPORT_TEXT_HEADING,
			     heading, width - 2 * REPORT_DIAGRAM_PAD - room);
	diagram_place_markers(&layout, region_box, MARGIN + width - REPORT_DIAGRAM_PAD,
				     top + 12, width / 2);

	y = top + REGION_HEADER + (internet_box >= 0 ? INTERNET_ROOM : 0);
	if (model->vpcs->len == 0) {
		diagram_text(box, MARGIN + REPORT_DIAGRAM_PAD, y + 12, REPORT_TEXT_SMALL,
				    REPORT_ANCHOR_START, "no VPCs");
		y += 24;
	}
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		if (v > 0)
			y += VPC_GAP;
		/* the internet gateway straddles the top edge: leave it room under the previous VPC
		 */
		vpc_boxes[v] = diagram->boxes->len; /* the VPC's box is the first it adds */
		y += diagram_vpc(&layout, region_box, v, MARGIN + REPORT_DIAGRAM_PAD, y,
					width - 2 * REPORT_DIAGRAM_PAD - peering_room);
		layout.use_base += vpc->subnets->len;
	}
	if (internet_box >= 0)
		layout_internet_edges(&layout, (guint)internet_box, region_box);
	layout_peerings(&layout, region_box, vpc_boxes);
	box = diagram_box_at(&layout, region_box);
	box->h = y + REPORT_DIAGRAM_PAD - top;
	y = top + box->h + 12;
	y += diagram_box_at(&layout, layout_legend(&layout, MARGIN, y, width))->h;
	if (!layout.options.no_findings_list)
		y += 12 +
		     diagram_box_at(&layout, layout_findings(&layout, MARGIN, y + 12, width))
			 ->h;
	diagram->width = width + 2 * MARGIN;
	diagram->height = y + MARGIN;
	return diagram;
}
