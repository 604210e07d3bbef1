#include "render-diagram.h"

#include <string.h>

#include "raster.h"

#include "plan-error.h"
#include "xml-writer.h"

/* how a paint looks: fill, stroke (NULL: none) and fill opacity in percent. Written once, as
 * the rules of the picture's <style> (class "p-NAME"), instead of as attributes of every
 * rectangle (issue 18: each attribute costs the xmlTextWriter about 1,300 instructions) */
typedef struct {
	const char *name; /* the class: "p-" and this */
	const char *fill;
	const char *stroke;
	const char *fill_opacity; /* NULL: opaque */
	const char *dash;	  /* stroke-dasharray, or NULL */
} PaintStyle;

static const PaintStyle paint_styles[REPORT_PAINT_COUNT] = {
    [REPORT_PAINT_REGION] = {"region", "#ffffff", "#868e96", NULL, NULL},
    [REPORT_PAINT_VPC] = {"vpc", "#f8f9fc", "#364fc7", NULL, NULL},
    [REPORT_PAINT_AZ] = {"az", "#ffffff", "#adb5bd", "0.45", "5 3"},
    [REPORT_PAINT_BAND_PUBLIC] = {"band-public", "#ebfbee", NULL, NULL, NULL},
    [REPORT_PAINT_BAND_PRIVATE] = {"band-private", "#e7f5ff", NULL, NULL, NULL},
    [REPORT_PAINT_BAND_ISOLATED] = {"band-isolated", "#f1f3f5", NULL, NULL, NULL},
    [REPORT_PAINT_SUBNET_PUBLIC] = {"subnet-public", "#d3f9d8", "#2b8a3e", NULL, NULL},
    [REPORT_PAINT_SUBNET_PRIVATE] = {"subnet-private", "#d0ebff", "#1864ab", NULL, NULL},
    [REPORT_PAINT_SUBNET_ISOLATED] = {"subnet-isolated", "#e9ecef", "#495057", NULL, NULL},
    [REPORT_PAINT_NAT] = {"nat", "#fff4e6", "#d9480f", NULL, NULL},
    [REPORT_PAINT_IGW] = {"igw", "#5f3dc4", "#5f3dc4", NULL, NULL},
    [REPORT_PAINT_LB] = {"lb", "#e3fafc", "#0b7285", NULL, NULL},
    [REPORT_PAINT_LB_FOOT] = {"lb-foot", "#0b7285", NULL, NULL, NULL},
    [REPORT_PAINT_SERVICE] = {"service", "#fff0f6", "#a61e4d", NULL, NULL},
    [REPORT_PAINT_CLUSTER] = {"cluster", "#f8f0e5", "#8d5524", NULL, NULL},
    [REPORT_PAINT_BAR_TRACK] = {"bar-track", "#dee2e6", NULL, NULL, NULL},
    [REPORT_PAINT_USE_LOW] = {"use-low", "#2f9e44", NULL, NULL, NULL},
    [REPORT_PAINT_USE_MEDIUM] = {"use-medium", "#f59f00", NULL, NULL, NULL},
    [REPORT_PAINT_USE_HIGH] = {"use-high", "#e03131", NULL, NULL, NULL},
    [REPORT_PAINT_USE_UNKNOWN] = {"use-unknown", "#adb5bd", NULL, NULL, NULL},
    [REPORT_PAINT_ERROR] = {"error", "#c92a2a", NULL, NULL, NULL},
    [REPORT_PAINT_WARNING] = {"warning", "#fab005", NULL, NULL, NULL},
    [REPORT_PAINT_NOTE] = {"note", "#1971c2", NULL, NULL, NULL},
    [REPORT_PAINT_ROUTE] = {"route", "none", "#d9480f", NULL, "4 3"},
    [REPORT_PAINT_INTERNET] = {"internet", "#f3f0ff", "#5f3dc4", NULL, NULL},
    [REPORT_PAINT_ENDPOINTS] = {"endpoints", "#fff9db", "#e67700", NULL, NULL},
    [REPORT_PAINT_FLOW_OUT] = {"flow-out", "none", "#d9480f", NULL, NULL},
    [REPORT_PAINT_PEERING] = {"peering", "none", "#364fc7", NULL, "6 2"},
    [REPORT_PAINT_FLOW_IN] = {"flow-in", "none", "#343a40", NULL, NULL},
    [REPORT_PAINT_PANEL] = {"panel", "#ffffff", "#ced4da", NULL, NULL},
    [REPORT_PAINT_DATABASE] = {"database", "#e6fcf5", "#087f5b", NULL, NULL},
    [REPORT_PAINT_HOST] = {"host", "#f4fce3", "#5c940d", NULL, NULL},
};

/* the class of a text style: "t-" and this */
static const char *const text_names[REPORT_TEXT_COUNT] = {
    [REPORT_TEXT_HEADING] = "heading", [REPORT_TEXT_LABEL] = "label",
    [REPORT_TEXT_BODY] = "body",       [REPORT_TEXT_SMALL] = "small",
    [REPORT_TEXT_MUTED] = "muted",     [REPORT_TEXT_INVERSE] = "inverse",
    [REPORT_TEXT_BADGE] = "badge",
};

static const char *const text_colors[REPORT_TEXT_COUNT] = {
    [REPORT_TEXT_HEADING] = "#212529", [REPORT_TEXT_LABEL] = "#212529",
    [REPORT_TEXT_BODY] = "#343a40",    [REPORT_TEXT_SMALL] = "#495057",
    [REPORT_TEXT_MUTED] = "#868e96",   [REPORT_TEXT_INVERSE] = "#ffffff",
    [REPORT_TEXT_BADGE] = "#212529",
};

static const char *const anchors[] = {
    [REPORT_ANCHOR_START] = "start",
    [REPORT_ANCHOR_MIDDLE] = "middle",
    [REPORT_ANCHOR_END] = "end",
};

/* corner radius of a box's rectangle */
static int
box_radius(ReportBoxKind kind)
{
	switch (kind) {
	case REPORT_BOX_FINDING:
		return 7;
	case REPORT_BOX_NAT:
	case REPORT_BOX_IGW:
	case REPORT_BOX_SUBNET:
	case REPORT_BOX_LB:
	case REPORT_BOX_SERVICE:
	case REPORT_BOX_CLUSTER:
	case REPORT_BOX_ENDPOINTS:
	case REPORT_BOX_DATABASE:
	case REPORT_BOX_HOST:
	case REPORT_BOX_TASKS:
		return 4;
	case REPORT_BOX_INTERNET:
		return 11;
	default:
		return 6;
	}
}

static void
write_geometry(ReportXml *xml, int x, int y, int w, int h)
{
	report_xml_attr_int(xml, "x", x);
	report_xml_attr_int(xml, "y", y);
	report_xml_attr_int(xml, "width", w);
	report_xml_attr_int(xml, "height", h);
}

/* the class that paints a rectangle: "p-" and the paint's name, whose rule is in the <style> */
static void
write_paint(ReportXml *xml, ReportPaint paint)
{
	char name[32];

	g_snprintf(name, sizeof name, "p-%s", paint_styles[paint].name);
	report_xml_attr(xml, "class", name);
}

static void
write_rect(ReportXml *xml, int x, int y, int w, int h, int radius, ReportPaint paint)
{
	report_xml_start(xml, "rect");
	write_geometry(xml, x, y, w, h);
	if (radius > 0)
		report_xml_attr_int(xml, "rx", radius);
	write_paint(xml, paint);
	report_xml_end(xml);
}

/* the id of the arrowhead marker a line of @paint ends with, or NULL */
static const char *
paint_marker(ReportPaint paint)
{
	switch (paint) {
	case REPORT_PAINT_ROUTE:
	case REPORT_PAINT_FLOW_OUT:
		return "arrow-out";
	case REPORT_PAINT_FLOW_IN:
		return "arrow";
	default:
		return NULL;
	}
}

/* marker-end="url(#PREFIXarrow)" for a line of @paint; nothing when it has no arrowhead.
 * @prefix: what every id of the picture starts with ("" in diagram.svg, "f1-" in report.html,
 * where several pictures share one page) */
static void
write_marker_end(ReportXml *xml, const char *prefix, ReportPaint paint)
{
	const char *marker = paint_marker(paint);
	g_autofree char *url = NULL;

	if (marker == NULL)
		return;
	url = g_strconcat("url(#", prefix, marker, ")", NULL);
	report_xml_attr(xml, "marker-end", url);
}

static void write_icon(ReportXml *xml, const ReportDiagramShape *shape);

static void
write_shape(ReportXml *xml, const char *prefix, const ReportDiagramShape *shape)
{
	if (shape->icon != REPORT_ICON_NONE) {
		write_icon(xml, shape);
		return;
	}
	if (paint_marker(shape->paint) != NULL || shape->paint == REPORT_PAINT_PEERING) {
		/* an edge's sample in the legend: the line itself, with its arrowhead */
		report_xml_start(xml, "line");
		report_xml_attr_int(xml, "x1", shape->x);
		report_xml_attr_int(xml, "y1", shape->y + shape->h / 2);
		report_xml_attr_int(xml, "x2", shape->x + shape->w);
		report_xml_attr_int(xml, "y2", shape->y + shape->h / 2);
		report_xml_attr(xml, "stroke", paint_styles[shape->paint].stroke);
		report_xml_attr(xml, "stroke-width", "1.5");
		report_xml_attr(xml, "stroke-dasharray", paint_styles[shape->paint].dash);
		write_marker_end(xml, prefix, shape->paint);
		report_xml_end(xml);
		return;
	}
	write_rect(xml, shape->x, shape->y, shape->w, shape->h, 0, shape->paint);
}

static void
write_text(ReportXml *xml, const ReportDiagramText *text)
{
	report_xml_start(xml, "text");
	report_xml_attr_int(xml, "x", text->x);
	report_xml_attr_int(xml, "y", text->y);
	/* size, weight and colour by the style's class, the anchor by a second one */
	if (text->anchor != REPORT_ANCHOR_START) {
		char name[40];
		g_snprintf(name, sizeof name, "t-%s a-%s", text_names[text->style],
			   anchors[text->anchor]);
		report_xml_attr(xml, "class", name);
	} else {
		char name[24];
		g_snprintf(name, sizeof name, "t-%s", text_names[text->style]);
		report_xml_attr(xml, "class", name);
	}
	report_xml_text(xml, text->text);
	report_xml_end(xml);
}

/* the paint a route is drawn with: NAT routes dashed, traffic edges solid */
static ReportPaint
route_paint(ReportRouteKind kind)
{
	switch (kind) {
	case REPORT_ROUTE_NAT:
		return REPORT_PAINT_ROUTE;
	case REPORT_ROUTE_NAT_IGW:
		return REPORT_PAINT_FLOW_OUT;
	case REPORT_ROUTE_PEERING:
		return REPORT_PAINT_PEERING;
	default:
		return REPORT_PAINT_FLOW_IN;
	}
}

static void
write_route(ReportXml *xml, const char *prefix, const ReportDiagramRoute *route)
{
	g_autoptr(GString) d = g_string_new(NULL);
	ReportPaint paint = route_paint(route->kind);

	for (guint i = 0; i + 1 < route->points->len; i += 2)
		g_string_append_printf(d, "%s%d %d", i == 0 ? "M" : " L",
				       g_array_index(route->points, int, i),
				       g_array_index(route->points, int, i + 1));
	report_xml_start(xml, "path");
	report_xml_attr(xml, "class", route->kind == REPORT_ROUTE_NAT ? "route" : "flow");
	if (route->kind != REPORT_ROUTE_NAT)
		report_xml_attr(xml, "data-kind", report_route_kind_to_string(route->kind));
	report_xml_attr(xml, "data-from", route->from_path);
	report_xml_attr(xml, "data-to", route->to_path);
	report_xml_attr(xml, "data-port", route->port);
	report_xml_attr(xml, "d", d->str);
	/* painted by the <style>'s rules for path.route and path.flow (by data-kind) */
	write_marker_end(xml, prefix, paint);
	if (route->port != NULL) {
		g_autofree char *title =
		    g_strdup_printf("to the service's container port%s %s",
				    strchr(route->port, ' ') != NULL ? "s" : "", route->port);
		report_xml_element(xml, "title", title);
	}
	report_xml_end(xml);
	if (route->label != NULL) {
		const ReportDiagramText text = {route->label_x, route->label_y, REPORT_TEXT_SMALL,
						REPORT_ANCHOR_START, route->label};
		write_text(xml, &text);
	}
}

/* a glyph: strokes in its paint's outline colour (white on the internet gateway's dark fill),
 * moved to its place */
static void
write_icon(ReportXml *xml, const ReportDiagramShape *shape)
{
	g_autofree char *move = g_strdup_printf("translate(%d %d)", shape->x, shape->y);
	const char *stroke = shape->paint == REPORT_PAINT_IGW ? text_colors[REPORT_TEXT_INVERSE]
							      : paint_styles[shape->paint].stroke;

	report_xml_start(xml, "path");
	report_xml_attr(xml, "class", "icon");
	report_xml_attr(xml, "data-icon", report_icon_to_string(shape->icon));
	report_xml_attr(xml, "transform", move);
	report_xml_attr(xml, "d", report_icon_path(shape->icon));
	/* the rest of the stroke is the <style>'s rule for .icon */
	report_xml_attr(xml, "stroke", stroke != NULL ? stroke : "#212529");
	report_xml_end(xml);
}

/* <g class=… data-…> whose first child is the box's rectangle, then its tooltip, shapes,
 * texts, the boxes inside it and, for a VPC, its routes (for the region, the internet's) */
static void
write_box(ReportXml *xml, const char *prefix, const ReportDiagram *diagram, guint index)
{
	const ReportDiagramBox *box = g_ptr_array_index(diagram->boxes, index);

	report_xml_start(xml, "g");
	report_xml_attr(xml, "class", report_box_kind_to_string(box->kind));
	report_xml_attr(xml, "data-name", box->name);
	report_xml_attr(xml, "data-cidr", box->cidr);
	report_xml_attr(xml, "data-az", box->az);
	if (box->path != NULL && box->path[0] != '\0')
		report_xml_attr(xml, "data-path", box->path);
	for (guint i = 0; i < box->attrs->len; i++) {
		const ReportDiagramAttr *attr = &g_array_index(box->attrs, ReportDiagramAttr, i);
		g_autofree char *name = g_strconcat("data-", attr->key, NULL);
		report_xml_attr(xml, name, attr->value);
	}
	write_rect(xml, box->x, box->y, box->w, box->h, box_radius(box->kind), box->paint);
	if (box->title != NULL)
		report_xml_element(xml, "title", box->title);
	for (guint i = 0; i < box->shapes->len; i++)
		write_shape(xml, prefix, &g_array_index(box->shapes, ReportDiagramShape, i));
	for (guint i = 0; i < box->texts->len; i++)
		write_text(xml, &g_array_index(box->texts, ReportDiagramText, i));
	for (guint i = 0; i < box->children->len; i++)
		write_box(xml, prefix, diagram, g_array_index(box->children, guint, i));
	for (guint i = 0; (box->kind == REPORT_BOX_VPC || box->kind == REPORT_BOX_REGION) &&
			  i < diagram->routes->len;
	     i++) {
		const ReportDiagramRoute *route =
		    &g_array_index(diagram->routes, ReportDiagramRoute, i);
		if (route->vpc_box == index)
			write_route(xml, prefix, route);
	}
	report_xml_end(xml);
}

static void
write_marker(ReportXml *xml, const char *prefix, const char *id, ReportPaint paint)
{
	g_autofree char *prefixed = g_strconcat(prefix, id, NULL);

	report_xml_start(xml, "marker");
	report_xml_attr(xml, "id", prefixed);
	report_xml_attr(xml, "viewBox", "0 0 8 8");
	report_xml_attr(xml, "refX", "8");
	report_xml_attr(xml, "refY", "4");
	report_xml_attr(xml, "markerWidth", "7");
	report_xml_attr(xml, "markerHeight", "7");
	report_xml_attr(xml, "markerUnits", "userSpaceOnUse");
	report_xml_attr(xml, "orient", "auto");
	report_xml_start(xml, "path");
	report_xml_attr(xml, "d", "M0 0 L8 4 L0 8 z");
	report_xml_attr(xml, "fill", paint_styles[paint].stroke);
	report_xml_end(xml);
	report_xml_end(xml);
}

/* the arrowheads the routes end with: #arrow-out (orange) for traffic out, #arrow (dark) for
 * traffic in; each only when some route uses it, so a diagram without routes has no <defs> */
static void
write_arrows(ReportXml *xml, const char *prefix, const ReportDiagram *diagram)
{
	gboolean in = FALSE;
	gboolean out = FALSE;

	for (guint i = 0; i < diagram->routes->len; i++) {
		ReportPaint paint =
		    route_paint(g_array_index(diagram->routes, ReportDiagramRoute, i).kind);
		in = in || paint == REPORT_PAINT_FLOW_IN;
		out = out || paint == REPORT_PAINT_ROUTE || paint == REPORT_PAINT_FLOW_OUT;
	}
	if (!in && !out)
		return;
	report_xml_start(xml, "defs");
	if (out)
		write_marker(xml, prefix, "arrow-out", REPORT_PAINT_FLOW_OUT);
	if (in)
		write_marker(xml, prefix, "arrow", REPORT_PAINT_FLOW_IN);
	report_xml_end(xml);
}

/* one rule: @selector painted as @style says (what write_paint used to write on every element) */
static void
append_paint_rule(GString *css, const char *selector, const PaintStyle *style, const char *extra)
{
	g_string_append_printf(css, "%s { fill: %s;", selector, style->fill);
	if (style->fill_opacity != NULL)
		g_string_append_printf(css, " fill-opacity: %s;", style->fill_opacity);
	if (style->stroke != NULL) {
		g_string_append_printf(css, " stroke: %s;", style->stroke);
		if (style->dash != NULL)
			g_string_append_printf(css, " stroke-dasharray: %s;", style->dash);
	}
	g_string_append_printf(css, "%s }\n", extra);
}

/* the picture's <style>: the paints, text styles and line styles every element used to repeat
 * as presentation attributes (issue 18: 22,000 fills and 12,000 font sizes at 3,000 subnets).
 * The same bytes every time; no '<', '>', '&' or '"' (an HTML parser does not unescape it) */
static char *
diagram_css(void)
{
	GString *css = g_string_new("\n");

	for (guint i = 0; i < REPORT_PAINT_COUNT; i++) {
		g_autofree char *selector = g_strdup_printf(".p-%s", paint_styles[i].name);
		append_paint_rule(css, selector, &paint_styles[i], "");
	}
	for (guint i = 0; i < REPORT_TEXT_COUNT; i++)
		g_string_append_printf(css, ".t-%s { font-size: %dpx;%s fill: %s; }\n", text_names[i],
				       report_text_style_size(i),
				       report_text_style_bold(i) ? " font-weight: bold;" : "",
				       text_colors[i]);
	g_string_append(css, ".a-middle { text-anchor: middle; }\n.a-end { text-anchor: end; }\n");
	/* routes and traffic edges: the paint route_paint() gives their kind */
	append_paint_rule(css, "path.route", &paint_styles[REPORT_PAINT_ROUTE],
			  " stroke-width: 1.5px;");
	append_paint_rule(css, "path.flow", &paint_styles[REPORT_PAINT_FLOW_IN],
			  " stroke-width: 1.5px;");
	append_paint_rule(css, "path.flow[data-kind=nat-igw]", &paint_styles[REPORT_PAINT_FLOW_OUT],
			  "");
	append_paint_rule(css, "path.flow[data-kind=peering]", &paint_styles[REPORT_PAINT_PEERING],
			  "");
	g_string_append(css, "path.icon { fill: none; stroke-width: 1.2px; stroke-linecap: round; "
			     "stroke-linejoin: round; }\n");
	return g_string_free(css, FALSE);
}

/**
 * report_diagram_write_svg:
 * @xml: (transfer none): the document being written
 * @diagram: (transfer none): the layout
 * @id_prefix: (nullable): what every id and reference to one starts with
 * @css_class: (nullable): the <svg>'s class
 */
void
report_diagram_write_svg(ReportXml *xml, const ReportDiagram *diagram, const char *id_prefix,
			 const char *css_class)
{
	g_autofree char *view_box = g_strdup_printf("0 0 %d %d", diagram->width, diagram->height);
	const char *prefix = id_prefix != NULL ? id_prefix : "";
	g_autofree char *css = diagram_css();

	g_return_if_fail(xml != NULL && diagram != NULL);
	report_xml_start(xml, "svg");
	report_xml_attr(xml, "xmlns", "http://www.w3.org/2000/svg");
	report_xml_attr(xml, "class", css_class);
	report_xml_attr_int(xml, "width", diagram->width);
	report_xml_attr_int(xml, "height", diagram->height);
	report_xml_attr(xml, "viewBox", view_box);
	report_xml_attr(xml, "font-family", REPORT_DIAGRAM_FONTS);
	report_xml_attr(xml, "role", "img");
	report_xml_element(xml, "title", diagram->title);
	report_xml_element(xml, "desc", diagram->summary);
	report_xml_element(xml, "style", css);
	report_xml_start(xml, "rect");
	report_xml_attr(xml, "class", "background");
	write_geometry(xml, 0, 0, diagram->width, diagram->height);
	report_xml_attr(xml, "fill", "#ffffff");
	report_xml_end(xml);
	write_arrows(xml, prefix, diagram);
	for (guint i = 0; i < diagram->roots->len; i++)
		write_box(xml, prefix, diagram, g_array_index(diagram->roots, guint, i));
	report_xml_end(xml);
}

static GString *
report_diagram_svg(const ReportDiagram *diagram, GError **error)
{
	g_autoptr(ReportXml) xml = report_xml_new();

	report_diagram_write_svg(xml, diagram, NULL, NULL);
	return report_xml_finish(xml, error);
}

GString *
report_diagram(const ReportDiagram *diagram, ReportFormat format, GError **error)
{
	g_return_val_if_fail(diagram != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	g_autoptr(GString) svg = NULL;
	g_autoptr(GBytes) drawn = NULL;
	gconstpointer data;
	gsize length;

	if (!(REPORT_DIAGRAM_FORMATS & REPORT_FORMAT_MASK(format))) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "diagram cannot write format '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	svg = report_diagram_svg(diagram, error);
	if (svg == NULL || format == REPORT_FORMAT_SVG)
		return g_steal_pointer(&svg);
	/* the same SVG, drawn by librsvg: the PNG or PDF has exactly the SVG's layout */
	drawn = report_raster_svg(svg->str, svg->len, format, error);
	if (drawn == NULL)
		return NULL;
	data = g_bytes_get_data(drawn, &length);
	return g_string_new_len(data, (gssize)length);
}
