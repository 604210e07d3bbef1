/* the diagram's floor: the record (boxes, texts, attributes), text measuring, the paths that
 * name elements, and finding markers; diagram-spans.c, diagram-grid.c and diagram-layout.c draw
 * with these */
#include "diagram-layout-private.h"

#include <string.h>

#include "number.h"

#define MARKER_GAP 3
#define ELLIPSIS "\u2026"

/* sizes and weights of the text styles; the writer uses the same table through the accessors */
static const struct {
	int size;
	gboolean bold;
} text_styles[REPORT_TEXT_COUNT] = {
    [REPORT_TEXT_HEADING] = {14, TRUE}, [REPORT_TEXT_LABEL] = {11, TRUE},
    [REPORT_TEXT_BODY] = {11, FALSE},	[REPORT_TEXT_SMALL] = {10, FALSE},
    [REPORT_TEXT_MUTED] = {10, TRUE},	[REPORT_TEXT_INVERSE] = {10, TRUE},
    [REPORT_TEXT_BADGE] = {10, TRUE},
};

static const char *const box_kind_names[REPORT_BOX_KIND_COUNT] = {
    [REPORT_BOX_REGION] = "region",
    [REPORT_BOX_VPC] = "vpc",
    [REPORT_BOX_AZ] = "az",
    [REPORT_BOX_SUBNET] = "subnet",
    [REPORT_BOX_NAT] = "nat",
    [REPORT_BOX_IGW] = "igw",
    [REPORT_BOX_LB] = "lb",
    [REPORT_BOX_SERVICE] = "service",
    [REPORT_BOX_CLUSTER] = "cluster",
    [REPORT_BOX_FINDING] = "finding",
    [REPORT_BOX_LEGEND] = "legend",
    [REPORT_BOX_FINDINGS] = "findings",
    [REPORT_BOX_INTERNET] = "internet",
    [REPORT_BOX_ENDPOINTS] = "endpoints",
    [REPORT_BOX_DATABASE] = "db",
    [REPORT_BOX_HOST] = "host",
    [REPORT_BOX_TASKS] = "tasks",
};

/* the glyphs: strokes only, in a 12 × 12 box, so each reads in black and white at its size.
 * Drawn for ecsplan (no icon set is copied) */
static const struct {
	const char *name;
	const char *path;
} icons[REPORT_ICON_COUNT] = {
    [REPORT_ICON_NONE] = {"", ""},
    [REPORT_ICON_INTERNET] = {"internet", "M1 6a5 5 0 1 0 10 0a5 5 0 1 0 -10 0M1 6h10M6 1a2.5 5 0 "
					  "1 0 0 10a2.5 5 0 1 0 0 -10"},
    [REPORT_ICON_IGW] = {"igw", "M2 11V6a4 4 0 0 1 8 0v5M1 11h10M5 11V8h2v3"},
    [REPORT_ICON_NAT] = {"nat", "M1 4h9M7.5 1.5L10 4L7.5 6.5M11 8H2M4.5 5.5L2 8l2.5 2.5"},
    [REPORT_ICON_ALB] = {"alb", "M1 6h3M4 6l6 -4M4 6h6M4 6l6 4M10 1v2M10 5v2M10 9v2"},
    [REPORT_ICON_NLB] = {"nlb", "M1 6h4M5 6l5 -3M5 6l5 3M10 2v2M10 8v2"},
    [REPORT_ICON_CLB] = {"clb", "M0.5 0.5h11v11h-11zM2 6h2M4 6l5 -3M4 6h5M4 6l5 3"},
    [REPORT_ICON_FARGATE] = {"fargate", "M6 1l5 2.5v5L6 11L1 8.5v-5zM1 3.5L6 6l5 -2.5M6 6v5"},
    [REPORT_ICON_EC2_SERVICE] = {"ec2-service", "M1 2h4v6H1zM7 2h4v6H7zM0.5 10h11"},
    [REPORT_ICON_CLUSTER] = {"cluster", "M1 1h10v4H1zM1 7h10v4H1zM3 3h2M3 9h2"},
    [REPORT_ICON_DATABASE] = {"database", "M1.5 3a4.5 2 0 1 0 9 0a4.5 2 0 1 0 -9 0M1.5 3v6a4.5 2 "
					  "0 0 0 9 0V3M1.5 6a4.5 2 0 0 0 9 0"},
    [REPORT_ICON_HOST] = {"host", "M3 3h6v6H3zM5 1v2M7 1v2M5 9v2M7 9v2M1 5h2M1 7h2M9 5h2M9 7h2"},
    [REPORT_ICON_ENDPOINT] = {"endpoint", "M4 1v3M8 1v3M2 4h8v2a4 4 0 0 1 -8 0zM6 10v2"},
};

const char *
report_icon_to_string(ReportIcon icon)
{
	g_return_val_if_fail(icon < REPORT_ICON_COUNT, "");
	return icons[icon].name;
}

const char *
report_icon_path(ReportIcon icon)
{
	g_return_val_if_fail(icon < REPORT_ICON_COUNT, "");
	return icons[icon].path;
}

void
diagram_icon(ReportDiagramBox *box, ReportIcon icon, int x, int y)
{
	ReportDiagramShape shape = {x, y, REPORT_ICON_SIZE, REPORT_ICON_SIZE, box->paint, icon};
	g_array_append_val(box->shapes, shape);
}

static const char *const route_kind_names[REPORT_ROUTE_KIND_COUNT] = {
    [REPORT_ROUTE_NAT] = "nat",		[REPORT_ROUTE_INTERNET_IGW] = "internet-igw",
    [REPORT_ROUTE_IGW_LB] = "igw-lb",	[REPORT_ROUTE_LB_SERVICE] = "lb-service",
    [REPORT_ROUTE_NAT_IGW] = "nat-igw", [REPORT_ROUTE_PEERING] = "peering",
};

const char *
report_route_kind_to_string(ReportRouteKind kind)
{
	g_return_val_if_fail(kind < REPORT_ROUTE_KIND_COUNT, NULL);
	return route_kind_names[kind];
}

int
report_text_style_size(ReportTextStyle style)
{
	g_return_val_if_fail(style < REPORT_TEXT_COUNT, 10);
	return text_styles[style].size;
}

gboolean
report_text_style_bold(ReportTextStyle style)
{
	g_return_val_if_fail(style < REPORT_TEXT_COUNT, FALSE);
	return text_styles[style].bold;
}

const char *
report_box_kind_to_string(ReportBoxKind kind)
{
	g_return_val_if_fail(kind < REPORT_BOX_KIND_COUNT, "");
	return box_kind_names[kind];
}

/* ---- measuring text ---- */

/* advance widths of DejaVu Sans (Book and Bold) for ASCII 32..126, in thousandths of an em,
 * rounded up, read from the font's hmtx table. It is the widest of the fonts the SVG names
 * (Arial and Helvetica are narrower), so a label measured with it fits in any of them */
static const guint16 dejavu_book[95] = {
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361,  318, 337, 637, 637, 637,
    637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531, 1000, 685, 687, 699, 771, 632,
    576, 775, 752, 295, 295, 656, 558, 863, 749, 788, 604, 788, 695, 635,  611, 732, 685, 989, 686,
    611, 686, 391, 337, 391, 838, 500, 500, 613, 635, 550, 635, 616, 353,  635, 634, 278, 278, 580,
    278, 975, 634, 612, 635, 635, 412, 521, 393, 634, 592, 818, 592, 592,  525, 637, 337, 637, 838,
};

static const guint16 dejavu_bold[95] = {
    349,  457, 521, 838, 696, 1002, 873, 307,  458, 458, 523, 838, 380, 416,  380, 366,
    696,  696, 696, 696, 696, 696,  696, 696,  696, 696, 400, 400, 838, 838,  838, 581,
    1000, 774, 763, 734, 831, 684,  684, 821,  837, 373, 373, 775, 638, 996,  837, 851,
    733,  851, 771, 721, 683, 813,  774, 1104, 771, 725, 726, 458, 366, 458,  838, 500,
    500,  675, 716, 593, 716, 679,  436, 716,  712, 343, 343, 666, 343, 1042, 712, 688,
    716,  716, 494, 596, 479, 712,  652, 924,  646, 652, 583, 712, 366, 712,  838,
};

/* one character's width in thousandths of an em; outside ASCII, the font's widest glyph
 * (a name in another script is shortened early rather than spilling) */
static int
char_milli(gunichar c, gboolean bold)
{
	if (c >= 32 && c < 127)
		return bold ? dejavu_bold[c - 32] : dejavu_book[c - 32];
	if (c == 0x00B7) /* the middle dot the labels use as a separator */
		return bold ? 380 : 318;
	return bold ? 1104 : 1000;
}

/* the width of @text in px, rounded up */
int
diagram_text_width(ReportTextStyle style, const char *text)
{
	gint64 milli = 0;
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p))
		milli += char_milli(g_utf8_get_char(p), text_styles[style].bold);
	return (int)((milli * text_styles[style].size + 999) / 1000);
}

/* @text as drawn in @width px: whole, or cut on a character boundary and ended with an
 * ellipsis */
char *
diagram_fit_text(ReportTextStyle style, const char *text, int width)
{
	gboolean bold = text_styles[style].bold;
	gint64 room;
	gint64 used = 0;
	const char *end;
	g_autofree char *head = NULL;

	if (text == NULL)
		text = "";
	if (diagram_text_width(style, text) <= width)
		return g_strdup(text);
	/* in thousandths of an em × size: what is left once the ellipsis is drawn */
	room = (gint64)width * 1000 - (gint64)char_milli(0x2026, bold) * text_styles[style].size;
	for (end = text; *end != '\0'; end = g_utf8_next_char(end)) {
		gint64 next =
		    (gint64)char_milli(g_utf8_get_char(end), bold) * text_styles[style].size;
		if (used + next > room)
			break;
		used += next;
	}
	head = g_strndup(text, (gsize)(end - text));
	g_strchomp(head);
	return g_strconcat(head, ELLIPSIS, NULL);
}

/* ---- the record ---- */

static void
attr_clear(gpointer data)
{
	ReportDiagramAttr *attr = data;
	g_free(attr->key);
	g_free(attr->value);
}

static void
text_clear(gpointer data)
{
	ReportDiagramText *text = data;
	g_free(text->text);
}

static void
route_clear(gpointer data)
{
	ReportDiagramRoute *route = data;
	g_clear_pointer(&route->points, g_array_unref);
	g_free(route->from_path);
	g_free(route->to_path);
	g_free(route->label);
	g_free(route->port);
}

static void
box_free(ReportDiagramBox *box)
{
	g_array_unref(box->children);
	g_free(box->name);
	g_free(box->label);
	g_free(box->path);
	g_free(box->cidr);
	g_free(box->az);
	g_free(box->title);
	g_array_unref(box->attrs);
	g_array_unref(box->shapes);
	g_array_unref(box->texts);
	g_free(box);
}

/* an empty diagram: no boxes, roots or routes. Returns: (transfer full) */
ReportDiagram *
diagram_new(void)
{
	ReportDiagram *diagram = g_new0(ReportDiagram, 1);

	diagram->boxes = g_ptr_array_new_with_free_func((GDestroyNotify)box_free);
	diagram->roots = g_array_new(FALSE, FALSE, sizeof(guint));
	diagram->routes = g_array_new(FALSE, FALSE, sizeof(ReportDiagramRoute));
	g_array_set_clear_func(diagram->routes, route_clear);
	return diagram;
}

void
report_diagram_free(ReportDiagram *diagram)
{
	if (diagram == NULL)
		return;
	g_free(diagram->title);
	g_free(diagram->summary);
	g_ptr_array_unref(diagram->boxes);
	g_array_unref(diagram->roots);
	g_array_unref(diagram->routes);
	g_free(diagram);
}

const ReportDiagramBox *
report_diagram_find(const ReportDiagram *diagram, ReportBoxKind kind, const char *path)
{
	g_return_val_if_fail(diagram != NULL, NULL);
	for (guint i = 0; i < diagram->boxes->len; i++) {
		const ReportDiagramBox *box = g_ptr_array_index(diagram->boxes, i);
		if (box->kind == kind && g_strcmp0(box->path, path) == 0)
			return box;
	}
	return NULL;
}

ReportDiagramBox *
diagram_box_at(const ReportLayout *layout, guint index)
{
	return g_ptr_array_index(layout->diagram->boxes, index);
}

/* a new box, appended to @parent's children (or to the roots when @parent is -1) */
guint
diagram_box_new(ReportLayout *layout, ReportBoxKind kind, gint parent, int x, int y, int w,
		       int h, ReportPaint paint)
{
	ReportDiagramBox *box = g_new0(ReportDiagramBox, 1);
	guint index = layout->diagram->boxes->len;

	box->kind = kind;
	box->parent = parent;
	box->children = g_array_new(FALSE, FALSE, sizeof(guint));
	box->x = x;
	box->y = y;
	box->w = w;
	box->h = h;
	box->paint = paint;
	box->attrs = g_array_new(FALSE, FALSE, sizeof(ReportDiagramAttr));
	g_array_set_clear_func(box->attrs, attr_clear);
	box->shapes = g_array_new(FALSE, FALSE, sizeof(ReportDiagramShape));
	box->texts = g_array_new(FALSE, FALSE, sizeof(ReportDiagramText));
	g_array_set_clear_func(box->texts, text_clear);
	g_ptr_array_add(layout->diagram->boxes, box);
	if (parent >= 0)
		g_array_append_val(diagram_box_at(layout, (guint)parent)->children, index);
	else
		g_array_append_val(layout->diagram->roots, index);
	return index;
}

void
diagram_text(ReportDiagramBox *box, int x, int y, ReportTextStyle style, ReportAnchor anchor,
		    const char *text)
{
	ReportDiagramText item = {x, y, style, anchor, g_strdup(text)};
	g_array_append_val(box->texts, item);
}

/* a text shortened to @width */
void
diagram_text_fit(ReportDiagramBox *box, int x, int y, ReportTextStyle style,
			ReportAnchor anchor, const char *text, int width)
{
	ReportDiagramText item = {x, y, style, anchor, diagram_fit_text(style, text, width)};
	g_array_append_val(box->texts, item);
}

/* the name line of a box: shortened to @width, and kept as the box's label */
void
diagram_label(ReportDiagramBox *box, int x, int y, ReportTextStyle style, const char *name,
		     int width)
{
	g_free(box->label);
	box->label = diagram_fit_text(style, name, width);
	diagram_text(box, x, y, style, REPORT_ANCHOR_START, box->label);
}

/* a place a name may break after: a space, or the punctuation names are built with */
static gboolean
break_after(gunichar c)
{
	return c == ' ' || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ',';
}

GPtrArray *
diagram_wrap(ReportTextStyle style, const char *text, int width)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	gboolean bold = text_styles[style].bold;
	gint64 room = (gint64)MAX(width, 1) * 1000;
	const char *start = text != NULL ? text : "";

	while (*start == ' ')
		start++;
	while (*start != '\0') {
		gint64 used = 0;
		const char *p = start;
		const char *cut = NULL; /* just after the last break opportunity */
		const char *end;

		while (*p != '\0') {
			gunichar c = g_utf8_get_char(p);
			gint64 next = (gint64)char_milli(c, bold) * text_styles[style].size;
			/* a space at the end of a line takes no room */
			if (used + next > room && c != ' ' && p != start)
				break;
			used += next;
			p = g_utf8_next_char(p);
			if (break_after(c))
				cut = p;
		}
		end = *p == '\0' || cut == NULL ? p : cut;
		{
			g_autofree char *line = g_strndup(start, (gsize)(end - start));
			g_strchomp(line);
			g_ptr_array_add(lines, g_steal_pointer(&line));
		}
		start = end;
		while (*start == ' ')
			start++;
	}
	if (lines->len == 0)
		g_ptr_array_add(lines, g_strdup(""));
	return lines;
}

int
diagram_name_step(ReportTextStyle style)
{
	return text_styles[style].size + 3;
}

guint
diagram_name_lines(ReportTextStyle style, const char *name, int width)
{
	g_autoptr(GPtrArray) lines = diagram_wrap(style, name, width);
	return lines->len;
}

guint
diagram_name(ReportDiagramBox *box, int x, int y, ReportTextStyle style, const char *name,
	     int width)
{
	g_autoptr(GPtrArray) lines = diagram_wrap(style, name, width);
	g_autoptr(GString) label = g_string_new(NULL);

	for (guint i = 0; i < lines->len; i++) {
		const char *line = g_ptr_array_index(lines, i);
		diagram_text(box, x, y + (int)i * diagram_name_step(style), style,
			     REPORT_ANCHOR_START, line);
		if (i > 0)
			g_string_append_c(label, '\n');
		g_string_append(label, line);
	}
	g_free(box->label);
	box->label = g_string_free(g_steal_pointer(&label), FALSE);
	return lines->len;
}

void
diagram_shape(ReportDiagramBox *box, int x, int y, int w, int h, ReportPaint paint)
{
	ReportDiagramShape shape = {x, y, w, h, paint, REPORT_ICON_NONE};
	g_array_append_val(box->shapes, shape);
}

void
diagram_attr(ReportDiagramBox *box, const char *key, const char *value)
{
	ReportDiagramAttr attr;

	if (value == NULL)
		return;
	attr.key = g_strdup(key);
	attr.value = g_strdup(value);
	g_array_append_val(box->attrs, attr);
}

void
diagram_attr_int(ReportDiagramBox *box, const char *key, gint64 value)
{
	g_autofree char *text = g_strdup_printf("%" G_GINT64_FORMAT, value);
	diagram_attr(box, key, text);
}

/* the length of @path's parent: up to its last '.' or '[' ("a[0].b" → "a[0]" → "a"), 0 at
 * the top */
static gsize
path_parent_length(const char *path)
{
	gsize cut = 0;
	for (gsize i = 0; path[i] != '\0'; i++) {
		if (path[i] == '.' || path[i] == '[')
			cut = i;
	}
	return cut;
}

/* each finding goes to the drawn element whose path is the longest prefix of the finding's
 * path, cut at a '.' or '[' ("vpcs[0].subnets[3].cidr" → "vpcs[0].subnets[3]"); a finding
 * about nothing drawn (the region, a peering, an endpoint's own field) goes to the region */
void
diagram_attach_findings(ReportLayout *layout)
{
	for (guint i = 0; i < layout->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(layout->diagnostics, i);
		g_autofree char *probe = g_strdup(diagnostic->path != NULL ? diagnostic->path : "");
		GArray *list = NULL;

		/* "" (the region) is always registered, so this ends */
		while ((list = g_hash_table_lookup(layout->findings_of, probe)) == NULL)
			probe[path_parent_length(probe)] = '\0';
		g_array_append_val(list, i);
	}
}

static const GArray *
findings_on(const ReportLayout *layout, const char *path)
{
	return g_hash_table_lookup(layout->findings_of, path != NULL ? path : "");
}

/* ---- finding markers ---- */

int
diagram_marker_width(guint number)
{
	g_autofree char *text = g_strdup_printf("%u", number);
	return 8 + diagram_text_width(REPORT_TEXT_INVERSE, text);
}

/* how many of @list's markers fit in @max_width (the rest become a "+n"), and their width */
static int
markers_measure(const GArray *list, int max_width, guint *n_shown)
{
	int total = 0;
	guint shown = 0;

	for (guint k = 0; list != NULL && k < list->len; k++) {
		guint number = g_array_index(list, guint, k) + 1;
		g_autofree char *rest = g_strdup_printf("+%u", list->len - k - 1);
		int reserve = k + 1 < list->len
				  ? diagram_text_width(REPORT_TEXT_SMALL, rest) + MARKER_GAP
				  : 0;
		int width = diagram_marker_width(number) + (shown > 0 ? MARKER_GAP : 0);
		if (total + width + reserve > max_width)
			break;
		total += width;
		shown++;
	}
	if (list != NULL && shown < list->len) {
		g_autofree char *rest = g_strdup_printf("+%u", list->len - shown);
		total += diagram_text_width(REPORT_TEXT_SMALL, rest) +
			 (shown > 0 ? MARKER_GAP : 0);
	}
	if (n_shown != NULL)
		*n_shown = shown;
	return total;
}

ReportPaint
diagram_severity_paint(PlanSeverity severity)
{
	switch (severity) {
	case PLAN_SEVERITY_ERROR:
		return REPORT_PAINT_ERROR;
	case PLAN_SEVERITY_WARNING:
		return REPORT_PAINT_WARNING;
	case PLAN_SEVERITY_NOTE:
	default:
		return REPORT_PAINT_NOTE;
	}
}

/* marker numbers: white on red and blue, dark on amber */
ReportTextStyle
diagram_severity_text(PlanSeverity severity)
{
	return severity == PLAN_SEVERITY_WARNING ? REPORT_TEXT_BADGE : REPORT_TEXT_INVERSE;
}

/* the numbered markers of the findings on @element, ending at @right, top at @y, in at most
 * @max_width; returns the width used */
int
diagram_place_markers(ReportLayout *layout, guint element, int right, int y, int max_width)
{
	ReportDiagramBox *box = diagram_box_at(layout, element);
	const GArray *list = findings_on(layout, box->path);
	guint shown = 0;
	int total = markers_measure(list, max_width, &shown);
	int x = right - total;

	for (guint k = 0; k < shown; k++) {
		guint index = g_array_index(list, guint, k);
		const PlanDiagnostic *diagnostic = g_ptr_array_index(layout->diagnostics, index);
		g_autofree char *number = g_strdup_printf("%u", index + 1);
		int width = diagram_marker_width(index + 1);
		guint marker = diagram_box_new(
		    layout, REPORT_BOX_FINDING, (gint)element, x, y, width, REPORT_DIAGRAM_MARKER_H,
		    diagram_severity_paint(diagnostic->severity));
		ReportDiagramBox *mark = diagram_box_at(layout, marker);

		mark->finding = index;
		mark->name = g_strdup(diagnostic->code);
		mark->label = g_strdup(number);
		mark->path = g_strdup(diagnostic->path != NULL ? diagnostic->path : "");
		mark->title = g_strdup_printf("%u. %s[%s]: %s", index + 1,
					      plan_severity_to_string(diagnostic->severity),
					      diagnostic->code, diagnostic->message);
		diagram_attr(mark, "index", number);
		diagram_attr(mark, "severity",
				    plan_severity_to_string(diagnostic->severity));
		diagram_attr(mark, "code", diagnostic->code);
		diagram_text(mark, x + width / 2, y + 11,
				    diagram_severity_text(diagnostic->severity),
				    REPORT_ANCHOR_MIDDLE, number);
		x += width + MARKER_GAP;
	}
	if (list != NULL && shown < list->len) {
		g_autofree char *rest = g_strdup_printf("+%u", list->len - shown);
		diagram_text(box, right, y + 11, REPORT_TEXT_SMALL, REPORT_ANCHOR_END, rest);
	}
	return total;
}

/* the room a box's name line leaves for its markers */
int
diagram_markers_room(const ReportLayout *layout, const char *path, int max_width)
{
	int width = markers_measure(findings_on(layout, path), max_width, NULL);
	return width > 0 ? width + 6 : 0;
}

/* ---- the elements, by their model paths ---- */

static char *
origin_path(const PlanOrigin *origin, const char *fallback)
{
	return g_strdup(origin->path != NULL ? origin->path : fallback);
}

char *
diagram_vpc_path(const PlanVpc *vpc, guint v)
{
	g_autofree char *fallback = g_strdup_printf("vpcs[%u]", v);
	return origin_path(&vpc->origin, fallback);
}

char *
diagram_subnet_path(const PlanSubnet *subnet, guint v, guint s)
{
	g_autofree char *fallback = g_strdup_printf("vpcs[%u].subnets[%u]", v, s);
	return origin_path(&subnet->origin, fallback);
}

char *
diagram_nat_path(const PlanNatGateway *nat, guint v, guint n)
{
	g_autofree char *fallback = g_strdup_printf("vpcs[%u].nat_gateways[%u]", v, n);
	return origin_path(&nat->origin, fallback);
}

char *
diagram_lb_path(const PlanLoadBalancer *lb, guint v, guint l)
{
	g_autofree char *fallback = g_strdup_printf("vpcs[%u].load_balancers[%u]", v, l);
	return origin_path(&lb->origin, fallback);
}

char *
diagram_service_path(const PlanService *service, guint i)
{
	g_autofree char *fallback = g_strdup_printf("services[%u]", i);
	return origin_path(&service->origin, fallback);
}

char *
diagram_cluster_path(const PlanCluster *cluster, guint i)
{
	g_autofree char *fallback = g_strdup_printf("clusters[%u]", i);
	return origin_path(&cluster->origin, fallback);
}

char *
diagram_database_path(const PlanDatabase *database, guint i)
{
	g_autofree char *fallback = g_strdup_printf("databases[%u]", i);
	return origin_path(&database->origin, fallback);
}

char *
diagram_host_path(const PlanInstance *host, guint i)
{
	g_autofree char *fallback = g_strdup_printf("instances[%u]", i);
	return origin_path(&host->origin, fallback);
}

char *
diagram_service_ports(const PlanService *service, const char *separator)
{
	g_autoptr(GString) out = g_string_new(NULL);
	for (guint i = 0; service->containers != NULL && i < service->containers->len; i++) {
		const PlanContainer *container = g_ptr_array_index(service->containers, i);
		if (container->port <= 0)
			continue;
		if (out->len > 0)
			g_string_append(out, separator);
		g_string_append_printf(out, "%" G_GINT64_FORMAT, container->port);
	}
	return out->len > 0 ? g_string_free(g_steal_pointer(&out), FALSE) : NULL;
}

char *
diagram_igw_path(const PlanVpc *vpc, guint v)
{
	g_autofree char *base = diagram_vpc_path(vpc, v);
	return g_strconcat(base, ".internet_gateway", NULL);
}

const PlanVpc *
diagram_model_vpc(const PlanModel *model, gint v)
{
	if (v < 0 || (guint)v >= model->vpcs->len)
		return NULL;
	return g_ptr_array_index(model->vpcs, v);
}

const PlanSubnet *
diagram_vpc_subnet(const PlanVpc *vpc, gint s)
{
	if (vpc == NULL || s < 0 || (guint)s >= vpc->subnets->len)
		return NULL;
	return g_ptr_array_index(vpc->subnets, s);
}

guint
diagram_grid_columns(const ReportGrid *grid)
{
	return grid->azs->len;
}

/* ---- cost on the diagram ---- */

/* "~21.90"; "at least ~3.65" when some of the lines have no price in the book (their cost is
 * unknown, not 0: a Classic Load Balancer's hour outside us-east-1, issue 12) */
static char *
diagram_cost_cell(ReportDiagramBox *box, PlanNanos nanos, gboolean estimate, guint n_lines,
		  guint n_unpriced)
{
	g_autofree char *exact = NULL;
	g_autofree char *money = NULL;

	if (n_lines == 0)
		return NULL;
	exact = report_nanos_to_string(nanos);
	if (box != NULL)
		diagram_attr(box, "cost", exact);
	money = report_money_cell(nanos, estimate);
	return n_unpriced > 0 ? g_strconcat("at least ", money, NULL) : g_steal_pointer(&money);
}

char *
diagram_with_cost(const char *text, const char *cell)
{
	if (cell == NULL)
		return g_strdup(text);
	return g_strdup_printf("%s · %s/mo", text, cell);
}

void
diagram_title_add_cost(ReportDiagramBox *box, const char *cell)
{
	char *title;

	if (cell == NULL)
		return;
	title =
	    g_strdup_printf("%s\nmonthly cost %s USD", box->title != NULL ? box->title : "", cell);
	g_free(box->title);
	box->title = title;
}

char *
diagram_element_cost(const ReportLayout *layout, ReportDiagramBox *box, const char *kind,
			    const char *vpc, const char *name)
{
	const PlanCost *cost = layout->options.cost;
	g_autofree char *plain = NULL;
	g_autofree char *scoped = NULL;
	PlanNanos sum = 0;
	gboolean estimate = FALSE;
	guint n = 0;
	guint n_unpriced = 0;

	if (cost == NULL || name == NULL)
		return NULL;
	plain = g_strdup_printf("%s/%s", kind, name);
	scoped = g_strdup_printf("%s/%s/%s", kind, vpc != NULL ? vpc : "", name);
	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		if (g_strcmp0(line->resource, plain) != 0 && g_strcmp0(line->resource, scoped) != 0)
			continue;
		sum += line->cost;
		estimate |= line->estimate;
		n_unpriced += line->unpriced ? 1 : 0;
		n++;
	}
	return diagram_cost_cell(box, sum, estimate, n, n_unpriced);
}

char *
diagram_az_cost(ReportLayout *layout, ReportDiagramBox *box, const char *az)
{
	const PlanCost *cost = layout->options.cost;

	if (cost == NULL || az == NULL)
		return NULL;
	for (guint i = 0; i < cost->by_az->len; i++) {
		const PlanCostTotal *total = &g_array_index(cost->by_az, PlanCostTotal, i);
		if (g_strcmp0(total->key, az) == 0)
			return diagram_cost_cell(box, total->cost, total->estimate, total->n_lines,
						 total->n_unpriced);
	}
	return NULL;
}
