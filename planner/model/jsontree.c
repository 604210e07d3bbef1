/* the loader's one-pass parser: cJSON's tree, positions and line index at once (jsontree.h).
 * It replaces three passes over a large model: the value scan, cJSON's parse (which compares
 * "null", "false" and "true" with strncmp before every value) and the zip of the two.
 * Written for this project from RFC 8259's grammar; when it declines, cJSON decides. */
#include "jsontree.h"

#include <string.h>

#include "jsonpos-private.h"
#include "text.h"

/* a number longer than this goes to cJSON */
#define TREE_MAX_NUMBER 63

typedef struct {
	const guchar *text;
	gsize length;
	gsize at;
	guint depth;
	guint max_depth;
	PlanJsonArena *arena;
	PlanTextIndex *lines;
	const PlanJsonTreeStream *stream; /* NULL: nothing streamed */
	guint64 streamed;		  /* the keys streamed already, a bit each */
} TreeParser;

/* a string's bytes between its quotes, as written */
typedef struct {
	const guchar *start;
	gsize length;   /* bytes as written */
	gboolean escaped; /* holds a backslash: the value is shorter */
} TreeSpan;

/* bytes a string runs over without a second look: printable ASCII but '"' and '\\' (a byte
 * from 0x80 on starts a UTF-8 character, checked where it stands) */
static guint8 tree_plain[256];

static gpointer
tree_plain_init(gpointer data)
{
	for (guint c = 0; c < 256; c++)
		tree_plain[c] = c >= 32 && c < 0x80 && c != '"' && c != '\\';
	return data;
}

static inline gboolean
tree_plain_byte(guchar c)
{
	return tree_plain[c];
}

/* white space as cJSON skips it (every byte up to 32) but a NUL, which makes the parser
 * decline (the caller's check words it), and each newline into the index */
static inline void
tree_skip(TreeParser *p)
{
	const guchar *text = p->text;
	gsize at = p->at;
	gsize length = p->length;

	while (at < length && (guint)text[at] - 1u < 32u) {
		if (text[at] == '\n')
			plan_text_index_add(p->lines, at + 1);
		at++;
	}
	p->at = at;
}

/* the four hex digits at @at as a number, or -1 when there are not four */
static gint64
tree_hex4(const guchar *text, gsize length, gsize at)
{
	gint64 value = 0;

	if (at + 4 > length)
		return -1;
	for (gsize i = at; i < at + 4; i++) {
		gint digit = g_ascii_xdigit_value((gchar)text[i]);
		if (digit < 0)
			return -1;
		value = value * 16 + digit;
	}
	return value;
}

/* at an opening quote: the string up to its closing quote, which it steps over */
static gboolean
tree_string(TreeParser *p, TreeSpan *span)
{
	const guchar *text = p->text;
	gsize length = p->length;
	gsize at = p->at + 1;

	span->start = text + at;
	span->escaped = FALSE;
	for (;;) {
		/* eight bytes at a time while none is '"', '\\', below 0x20 or from 0x80 on: the
		 * byte loop was a sixth of importing a Terraform plan, whose strings are long */
		while (at + 8 <= length) {
			const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
			const guint64 highs = G_GUINT64_CONSTANT(0x8080808080808080);
			guint64 word;
			guint64 quote;
			guint64 backslash;
			guint64 stop;
			memcpy(&word, text + at, 8);
			word = GUINT64_FROM_LE(word);
			quote = word ^ (ones * '"');
			backslash = word ^ (ones * '\\');
			/* a zero byte of each xor, a byte below 0x20, a high bit: the lowest flag is
			 * exact (a borrow runs up only from a flagged byte) */
			stop = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
				((word - ones * 0x20) & ~word) | word) &
			       highs;
			if (stop != 0) {
				at += (gsize)__builtin_ctzll(stop) / 8;
				break;
			}
			at += 8;
		}
		while (at < length && tree_plain_byte(text[at]))
			at++;
		if (at < length && text[at] >= 0x80) {
			/* UTF-8, or the text is not for this parser: the caller's check words it */
			guint n = plan_text_utf8_char((const char *)text + at, length - at);
			if (n == 0)
				return FALSE;
			at += n;
			continue;
		}
		if (at >= length || text[at] < 32)
			return FALSE;
		if (text[at] == '"')
			break;
		/* a backslash: the escapes of RFC 8259; \u only for a code point of the Basic
		 * Multilingual Plane that is neither a surrogate nor U+0000 (what cJSON decodes
		 * the same way); the rest goes to cJSON */
		if (at + 1 < length && text[at + 1] == 'u') {
			gint64 unit = tree_hex4(text, length, at + 2);
			if (unit <= 0 || (unit >= 0xD800 && unit <= 0xDFFF))
				return FALSE;
			span->escaped = TRUE;
			at += 6;
			continue;
		}
		if (at + 1 >= length || strchr("\"\\/bfnrt", text[at + 1]) == NULL ||
		    text[at + 1] == '\0')
			return FALSE;
		span->escaped = TRUE;
		at += 2;
	}
	span->length = (gsize)(text + at - span->start);
	p->at = at + 1;
	return TRUE;
}

/* @span's value, NUL-terminated, into @out (room for span->length + 1) */
static void
tree_copy(const TreeSpan *span, char *out)
{
	if (!span->escaped) {
		memcpy(out, span->start, span->length);
		out[span->length] = '\0';
		return;
	}
	for (gsize i = 0; i < span->length; i++) {
		guchar c = span->start[i];
		if (c == '\\') {
			c = span->start[++i];
			switch (c) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'u': {
				/* U+0001..U+FFFF but the surrogates (tree_string checked): UTF-8 */
				guint unit = (guint)tree_hex4(span->start, span->length, i + 1);
				i += 4;
				if (unit < 0x80) {
					*out++ = (char)unit;
				} else if (unit < 0x800) {
					*out++ = (char)(0xC0 | (unit >> 6));
					*out++ = (char)(0x80 | (unit & 0x3F));
				} else {
					*out++ = (char)(0xE0 | (unit >> 12));
					*out++ = (char)(0x80 | ((unit >> 6) & 0x3F));
					*out++ = (char)(0x80 | (unit & 0x3F));
				}
				continue;
			}
			default: break; /* " \ / stand for themselves */
			}
		}
		*out++ = (char)c;
	}
	*out = '\0';
}

/* a node (and room for @extra bytes after it), zeroed, with its key copied after it */
static cJSON *
tree_node(TreeParser *p, const TreeSpan *key, gsize extra, char **room)
{
	gsize key_size = key != NULL ? key->length + 1 : 0;
	cJSON *node = plan_json_arena_take(p->arena, sizeof(cJSON) + key_size + extra);
	char *after = (char *)(node + 1);

	memset(node, 0, sizeof(cJSON));
	if (key != NULL) {
		tree_copy(key, after);
		node->string = after;
		after += key_size;
	}
	*room = after;
	return node;
}

/* a number as RFC 8259 writes it; cJSON reads the same text with strtod */
static gboolean
tree_number(TreeParser *p, double *out)
{
	const guchar *text = p->text;
	gsize length = p->length;
	gsize start = p->at;
	gsize at = start;
	gboolean negative = FALSE;
	gboolean whole = TRUE;
	guint64 value = 0;
	guint digits = 0;

	if (text[at] == '-') {
		negative = TRUE;
		at++;
	}
	if (at >= length || !g_ascii_isdigit(text[at]))
		return FALSE;
	if (text[at] == '0') {
		at++;
		digits = 1;
	} else {
		/* past 15 digits the value is only counted: strtod reads it below */
		while (at < length && g_ascii_isdigit(text[at])) {
			if (digits < 16)
				value = value * 10 + (guint)(text[at] - '0');
			digits++;
			at++;
		}
	}
	if (at < length && text[at] == '.') {
		whole = FALSE;
		at++;
		if (at >= length || !g_ascii_isdigit(text[at]))
			return FALSE;
		while (at < length && g_ascii_isdigit(text[at]))
			at++;
	}
	if (at < length && (text[at] == 'e' || text[at] == 'E')) {
		whole = FALSE;
		at++;
		if (at < length && (text[at] == '+' || text[at] == '-'))
			at++;
		if (at >= length || !g_ascii_isdigit(text[at]))
			return FALSE;
		while (at < length && g_ascii_isdigit(text[at]))
			at++;
	}
	if (at - start > TREE_MAX_NUMBER)
		return FALSE;
	if (whole && digits <= 15) {
		/* below 2^53: exact in a double, as strtod rounds it; "-0" is -0.0 */
		*out = negative ? -(double)value : (double)value;
	} else {
		char buffer[TREE_MAX_NUMBER + 1];
		char *end = NULL;
		memcpy(buffer, text + start, at - start);
		buffer[at - start] = '\0';
		*out = g_ascii_strtod(buffer, &end);
		if (end != buffer + (at - start))
			return FALSE;
	}
	p->at = at;
	return TRUE;
}

static cJSON *tree_value(TreeParser *p, const TreeSpan *key);

/* after a member or an element: 1 at a ',' (stepped over, and the white space after it), 0 at
 * @close (stepped over), -1 at anything else */
static gint
tree_after_item(TreeParser *p, guchar close)
{
	tree_skip(p);
	if (p->at >= p->length)
		return -1;
	if (p->text[p->at] == ',') {
		p->at++;
		tree_skip(p);
		return 1;
	}
	if (p->text[p->at] != close)
		return -1;
	p->at++;
	return 0;
}

/* the index of @key in the stream's keys, when the array it names is to be streamed and has
 * not been yet; else -1 */
static gint
tree_stream_key(const TreeParser *p, const TreeSpan *key)
{
	if (key->escaped)
		return -1;
	for (guint k = 0; k < 64 && p->stream->keys[k] != NULL; k++) {
		const char *name = p->stream->keys[k];
		if (!(p->streamed & (G_GUINT64_CONSTANT(1) << k)) &&
		    strncmp(name, (const char *)key->start, key->length) == 0 &&
		    name[key->length] == '\0')
			return (gint)k;
	}
	return -1;
}

/* at the '[' of a streamed array: each element to the sink, its memory then taken back; the
 * array's node, without children */
static cJSON *
tree_stream_array(TreeParser *p, const TreeSpan *key, guint k)
{
	gsize start = p->at;
	char *room;
	cJSON *node = tree_node(p, key, 0, &room);
	PlanJsonTreeItem item = {k, 0, NULL, p->lines};

	p->streamed |= G_GUINT64_CONSTANT(1) << k;
	node->type = cJSON_Array;
	node->valueint = (int)start + 1;
	if (++p->depth > p->max_depth)
		return NULL;
	p->at++;
	tree_skip(p);
	if (p->at < p->length && p->text[p->at] == ']') {
		p->at++;
		p->depth--;
		return node;
	}
	for (;;) {
		PlanJsonArenaMark mark;
		gint after;
		plan_json_arena_mark(p->arena, &mark);
		item.element = tree_value(p, NULL);
		if (item.element == NULL)
			return NULL;
		p->stream->sink(&item, p->stream->user_data);
		item.index++;
		plan_json_arena_rewind(p->arena, &mark);
		after = tree_after_item(p, ']');
		if (after < 0)
			return NULL;
		if (after == 0)
			break;
	}
	p->depth--;
	return node;
}

/* at '{' or '[': the members or elements, linked as cJSON links them (the first child's prev
 * is the last child) */
static cJSON *
tree_container(TreeParser *p, const TreeSpan *key, gboolean object)
{
	char *room;
	cJSON *node = tree_node(p, key, 0, &room);
	cJSON *last = NULL;
	guchar close = object ? '}' : ']';

	node->type = object ? cJSON_Object : cJSON_Array;
	if (++p->depth > p->max_depth)
		return NULL;
	p->at++;
	tree_skip(p);
	if (p->at < p->length && p->text[p->at] == close) {
		p->at++;
		p->depth--;
		return node;
	}
	for (;;) {
		cJSON *child;
		gint after;
		if (object) {
			TreeSpan name;
			if (p->at >= p->length || p->text[p->at] != '"' || !tree_string(p, &name))
				return NULL;
			tree_skip(p);
			if (p->at >= p->length || p->text[p->at] != ':')
				return NULL;
			p->at++;
			tree_skip(p);
			gint k;
			if (p->stream != NULL && p->depth == 1 && p->at < p->length &&
			    p->text[p->at] == '[' && (k = tree_stream_key(p, &name)) >= 0)
				child = tree_stream_array(p, &name, (guint)k);
			else
				child = tree_value(p, &name);
		} else {
			child = tree_value(p, NULL);
		}
		if (child == NULL)
			return NULL;
		if (last == NULL) {
			node->child = child;
		} else {
			last->next = child;
			child->prev = last;
		}
		last = child;
		after = tree_after_item(p, close);
		if (after < 0)
			return NULL;
		if (after == 0)
			break;
	}
	node->child->prev = last;
	p->depth--;
	return node;
}

static gboolean
tree_literal(TreeParser *p, const char *word, gsize n)
{
	if (p->length - p->at < n || memcmp(p->text + p->at, word, n) != 0)
		return FALSE;
	p->at += n;
	return TRUE;
}

/* at the first byte of a value (white space skipped) */
static cJSON *
tree_value(TreeParser *p, const TreeSpan *key)
{
	gsize start = p->at;
	cJSON *node = NULL;
	char *room;

	if (start >= p->length)
		return NULL;
	switch (p->text[start]) {
	case '"': {
		TreeSpan value;
		if (!tree_string(p, &value))
			return NULL;
		node = tree_node(p, key, value.length + 1, &room);
		tree_copy(&value, room);
		node->type = cJSON_String;
		node->valuestring = room;
		break;
	}
	case '{':
	case '[':
		node = tree_container(p, key, p->text[start] == '{');
		if (node == NULL)
			return NULL;
		break;
	case 't':
	case 'f':
	case 'n': {
		int type = p->text[start] == 't' ? cJSON_True
			   : p->text[start] == 'f' ? cJSON_False
						    : cJSON_NULL;
		const char *word = type == cJSON_True ? "true" : type == cJSON_False ? "false" : "null";
		if (!tree_literal(p, word, strlen(word)))
			return NULL;
		node = tree_node(p, key, 0, &room);
		node->type = type;
		break;
	}
	default: {
		double value;
		if (p->text[start] != '-' && !g_ascii_isdigit(p->text[start]))
			return NULL;
		if (!tree_number(p, &value))
			return NULL;
		node = tree_node(p, key, 0, &room);
		node->type = cJSON_Number;
		node->valuedouble = value;
		break;
	}
	}
	node->valueint = (int)start + 1;
	return node;
}

cJSON *
plan_json_tree_parse(const char *text, gsize length, guint max_depth, PlanJsonArena *arena,
		     PlanTextIndex **lines)
{
	return plan_json_tree_parse_streamed(text, length, max_depth, arena, NULL, lines);
}

cJSON *
plan_json_tree_parse_streamed(const char *text, gsize length, guint max_depth,
			      PlanJsonArena *arena, const PlanJsonTreeStream *stream,
			      PlanTextIndex **lines)
{
	static GOnce once = G_ONCE_INIT;
	g_autoptr(PlanTextIndex) index = NULL;
	TreeParser p = {(const guchar *)text, length, 0, 0, max_depth, arena, NULL, stream, 0};
	cJSON *root;

	g_return_val_if_fail(text != NULL && arena != NULL && lines != NULL, NULL);
	/* positions fit cJSON's int, as plan_json_map_offsets() stores them */
	if (length >= G_MAXINT32)
		return NULL;
	g_once(&once, tree_plain_init, NULL);
	index = plan_text_index_alloc();
	p.lines = index;
	tree_skip(&p);
	/* a byte order mark: cJSON steps over it; leave that to cJSON */
	root = tree_value(&p, NULL);
	if (root == NULL)
		return NULL;
	tree_skip(&p);
	if (p.at != length)
		return NULL;
	*lines = g_steal_pointer(&index);
	return root;
}
