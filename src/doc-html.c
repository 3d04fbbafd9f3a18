/* bitext — HTML and XHTML pages with libxml2's HTML parser.
 *
 * The page is parsed into a tree (htmlCtxtReadMemory: no network, no
 * DTD, entities of HTML only), then walked in document order. Block
 * elements (p, div, headings, list items, table cells, pre...) end
 * paragraphs; <br> is a line break; script, style, nav, noscript and
 * template are dropped with their content, and so is <head> but for its
 * <title>; inline elements (b, i, a, code, span...) become inline codes
 * whose native markup is the tag as the file has it. The values of the
 * title, alt and summary attributes (a link's tooltip, an image's text, a
 * table's summary) are text a reader meets and a translator translates:
 * each is a paragraph of its own, after the block that holds its element,
 * as the HTML filters of CAT tools (OmegaT's) make them segments of their
 * own.
 *
 * Offsets. The tree has no byte offsets, so the walk keeps a cursor in
 * the source and finds each start tag, end tag and piece of text there in
 * turn, in document order: markup (comments, declarations, tags the tree
 * does not show) and white space the parser dropped are skipped, entities
 * are matched with the characters they stand for. A tag the parser implied
 * (an <html> or <tbody> the file does not have) is not found and the
 * cursor stays; text that cannot be matched keeps the cursor's offset.
 */
#include "docformat-private.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "bitext/error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (htmlParserCtxt, htmlFreeParserCtxt)

typedef enum
{
  KIND_INLINE,              /* a code pair around its content */
  KIND_BLOCK,               /* ends the paragraph before and after */
  KIND_DROP,                /* dropped with its content */
  KIND_BREAK,               /* <br>: a line break */
  KIND_OBJECT,              /* <img>, <input>: an isolated code */
  KIND_PRE,                 /* a block whose white space is kept */
} Kind;

/* HTML 4.01 and HTML 5 elements by role; anything else is inline. */
static const struct { const char *name; Kind kind; const char *type; } elements[] = {
  { "b", KIND_INLINE, "bold" }, { "strong", KIND_INLINE, "bold" },
  { "i", KIND_INLINE, "italic" }, { "em", KIND_INLINE, "italic" },
  { "cite", KIND_INLINE, "italic" }, { "var", KIND_INLINE, "italic" },
  { "dfn", KIND_INLINE, "italic" }, { "u", KIND_INLINE, "ulined" },
  { "a", KIND_INLINE, "link" }, { "code", KIND_INLINE, "x-code" },
  { "tt", KIND_INLINE, "x-code" }, { "kbd", KIND_INLINE, "x-code" },
  { "samp", KIND_INLINE, "x-code" },
  { "script", KIND_DROP, NULL }, { "style", KIND_DROP, NULL }, { "nav", KIND_DROP, NULL },
  { "noscript", KIND_DROP, NULL }, { "template", KIND_DROP, NULL },
  { "head", KIND_DROP, NULL }, { "svg", KIND_DROP, NULL }, { "math", KIND_DROP, NULL },
  { "br", KIND_BREAK, NULL }, { "img", KIND_OBJECT, NULL }, { "input", KIND_OBJECT, NULL },
  { "wbr", KIND_OBJECT, NULL },
  { "pre", KIND_PRE, NULL }, { "textarea", KIND_PRE, NULL }, { "listing", KIND_PRE, NULL },
  { "html", KIND_BLOCK, NULL }, { "body", KIND_BLOCK, NULL }, { "title", KIND_BLOCK, NULL },
  { "p", KIND_BLOCK, NULL }, { "div", KIND_BLOCK, NULL }, { "h1", KIND_BLOCK, NULL },
  { "h2", KIND_BLOCK, NULL }, { "h3", KIND_BLOCK, NULL }, { "h4", KIND_BLOCK, NULL },
  { "h5", KIND_BLOCK, NULL }, { "h6", KIND_BLOCK, NULL }, { "ul", KIND_BLOCK, NULL },
  { "ol", KIND_BLOCK, NULL }, { "li", KIND_BLOCK, NULL }, { "dl", KIND_BLOCK, NULL },
  { "dt", KIND_BLOCK, NULL }, { "dd", KIND_BLOCK, NULL }, { "table", KIND_BLOCK, NULL },
  { "caption", KIND_BLOCK, NULL }, { "thead", KIND_BLOCK, NULL }, { "tbody", KIND_BLOCK, NULL },
  { "tfoot", KIND_BLOCK, NULL }, { "tr", KIND_BLOCK, NULL }, { "td", KIND_BLOCK, NULL },
  { "th", KIND_BLOCK, NULL }, { "blockquote", KIND_BLOCK, NULL },
  { "address", KIND_BLOCK, NULL }, { "center", KIND_BLOCK, NULL }, { "hr", KIND_BLOCK, NULL },
  { "form", KIND_BLOCK, NULL }, { "fieldset", KIND_BLOCK, NULL }, { "legend", KIND_BLOCK, NULL },
  { "section", KIND_BLOCK, NULL }, { "article", KIND_BLOCK, NULL },
  { "header", KIND_BLOCK, NULL }, { "footer", KIND_BLOCK, NULL }, { "main", KIND_BLOCK, NULL },
  { "aside", KIND_BLOCK, NULL }, { "figure", KIND_BLOCK, NULL },
  { "figcaption", KIND_BLOCK, NULL }, { "details", KIND_BLOCK, NULL },
  { "summary", KIND_BLOCK, NULL }, { "option", KIND_BLOCK, NULL }, { "select", KIND_BLOCK, NULL },
  { "frameset", KIND_BLOCK, NULL }, { "noframes", KIND_BLOCK, NULL },
  { "menu", KIND_BLOCK, NULL }, { "dir", KIND_BLOCK, NULL },
};

typedef struct
{
  BitextDocBuilder *b;
  const char *src;          /* the decoded page */
  gsize len;
  gsize cur;                /* the cursor: everything before it has been matched */
  guint pre;                /* depth of elements whose white space is kept */
  GArray *attributes;       /* Attribute: values met, not yet written */
} Html;

/* The value of a translatable attribute, and where the file has it. */
typedef struct
{
  char *value;
  gsize source;
} Attribute;

static void
attribute_clear (gpointer data)
{
  g_free (((Attribute *) data)->value);
}

/* Attributes whose values are text (HTML 4.01: title, alt, summary). */
static const char *const text_attributes[] = { "title", "alt", "summary" };

static Kind
element_kind (const char *name, const char **type)
{
  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    if (g_ascii_strcasecmp (name, elements[i].name) == 0)
      {
        *type = elements[i].type;
        return elements[i].kind;
      }
  *type = NULL;
  return KIND_INLINE;
}

/* The end of the markup construct at src[at] ('<'): a comment, declaration, PI or tag. */
static gsize
markup_end (const Html *h, gsize at)
{
  const char *p = h->src + at, *end = h->src + h->len;
  const char *close;
  if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
    close = g_strstr_len (p + 4, end - p - 4, "-->"), close = close ? close + 3 : end;
  else if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
    return at + 9;  /* its content is text; "]]>" is skipped as markup */
  else
    {
      /* A tag: '>' outside quoted attribute values. */
      char quote = 0;
      const char *q = p + 1;
      for (; q < end; q++)
        if (quote != 0)
          quote = *q == quote ? 0 : quote;
        else if (*q == '"' || *q == '\'')
          quote = *q;
        else if (*q == '>')
          break;
      close = q < end ? q + 1 : end;
    }
  return (gsize) (close - h->src);
}

/* Skip white space, comments, declarations and processing instructions at the cursor. */
static void
skip_misc (Html *h)
{
  for (;;)
    {
      while (h->cur < h->len && g_ascii_isspace (h->src[h->cur]))
        h->cur++;
      if (h->cur + 1 < h->len && h->src[h->cur] == '<'
          && (h->src[h->cur + 1] == '!' || h->src[h->cur + 1] == '?'))
        h->cur = markup_end (h, h->cur);
      else if (h->cur + 2 < h->len && memcmp (h->src + h->cur, "]]>", 3) == 0)
        h->cur += 3;
      else
        return;
    }
}

/*
** Find the start tag of @name (or its end tag if @closing) at the cursor,
** past white space and comments: returns its span [*start, *end) and moves
** the cursor past it, or returns FALSE (an implied tag) and leaves it.
*/
static gboolean
find_tag (Html *h, const char *name, gboolean closing, gsize *start, gsize *end)
{
  gsize save = h->cur;
  skip_misc (h);
  gsize at = h->cur, n = strlen (name);
  const char *p = h->src + at;
  gsize prefix = closing ? 2 : 1;
  if (at + prefix + n <= h->len && p[0] == '<' && (!closing || p[1] == '/')
      && g_ascii_strncasecmp (p + prefix, name, n) == 0
      && (at + prefix + n == h->len || !g_ascii_isalnum (p[prefix + n])))
    {
      *start = at;
      *end = h->cur = markup_end (h, at);
      return TRUE;
    }
  h->cur = save;
  return FALSE;
}

/* The source offset where text starting with @c would be: past markup the tree does not show. */
static void
skip_to_text (Html *h, gunichar c)
{
  for (;;)
    {
      if (h->pre == 0 && !g_unichar_isspace (c))
        while (h->cur < h->len && g_ascii_isspace (h->src[h->cur]))
          h->cur++;
      if (h->cur < h->len && h->src[h->cur] == '<' && c != '<')
        h->cur = markup_end (h, h->cur);
      else if (h->cur + 2 < h->len && memcmp (h->src + h->cur, "]]>", 3) == 0)
        h->cur += 3;
      else
        return;
    }
}

/*
** The character the reference at src[at] ('&') stands for, and its end;
** 0 if it is not a reference the HTML parser decodes.
*/
static gunichar
reference_at (const Html *h, gsize at, gsize *after)
{
  const char *p = h->src + at + 1, *end = h->src + h->len;
  const char *semi = memchr (p, ';', MIN ((gsize) (end - p), 40));
  if (semi == NULL)
    return 0;
  *after = (gsize) (semi + 1 - h->src);
  if (*p == '#')
    {
      gboolean hex = p[1] == 'x' || p[1] == 'X';
      char *num_end = NULL;
      guint64 v = g_ascii_strtoull (p + (hex ? 2 : 1), &num_end, hex ? 16 : 10);
      return num_end == semi && v <= 0x10FFFF ? (gunichar) v : 0;
    }
  g_autofree char *name = g_strndup (p, semi - p);
  const htmlEntityDesc *e = htmlEntityLookup ((const xmlChar *) name);
  return e != NULL ? e->value : 0;
}

/*
** Give @text (a text node's content, @n bytes) to the builder with the
** offsets of its pieces in the source: runs that are in the source as they
** are, and each character written as a reference, at the reference.
*/
static void
add_text (Html *h, const char *text, gsize n)
{
  if (n == 0)
    return;
  skip_to_text (h, g_utf8_get_char (text));
  gsize i = 0;
  while (i < n)
    {
      gsize run = i, run_src = h->cur;
      while (i < n && h->cur < h->len && h->src[h->cur] == text[i] && text[i] != '&')
        i++, h->cur++;
      if (i > run)
        bitext_doc__builder_text (h->b, text + run, i - run, run_src);
      if (i == n)
        return;
      gsize char_len = (gsize) (g_utf8_next_char (text + i) - (text + i));
      gsize after = 0;
      if (h->cur < h->len && h->src[h->cur] == '&'
          && reference_at (h, h->cur, &after) == g_utf8_get_char (text + i))
        {
          bitext_doc__builder_text (h->b, text + i, char_len, h->cur);
          i += char_len;
          h->cur = after;
          continue;
        }
      if (h->cur + 1 < h->len && h->src[h->cur] == '\r' && h->src[h->cur + 1] == '\n'
          && text[i] == '\n')
        {
          h->cur++;
          continue;
        }
      /* Not found where expected (a fix-up of the parser's): the rest at the cursor. */
      bitext_doc__builder_text (h->b, text + i, n - i, h->cur);
      return;
    }
}

static void walk (Html *h, xmlNode *node);

/*
** Keep the text attributes of @node (its tag at source[start, end)) for
** flush_attributes(): where the tag has a value literally, its offset;
** else (entities in it) the tag's.
*/
static void
collect_attributes (Html *h, xmlNode *node, gsize start, gsize end)
{
  for (guint k = 0; k < G_N_ELEMENTS (text_attributes); k++)
    {
      xmlChar *raw = xmlGetProp (node, (const xmlChar *) text_attributes[k]);
      if (raw == NULL)
        continue;
      g_autofree char *value = g_strstrip (g_strdup ((const char *) raw));
      xmlFree (raw);
      if (*value == '\0')
        continue;
      const char *at = end > start ? g_strstr_len (h->src + start, (gssize) (end - start), value)
                                   : NULL;
      Attribute a = { g_steal_pointer (&value), at != NULL ? (gsize) (at - h->src) : start };
      g_array_append_val (h->attributes, a);
    }
}

/* The attribute values kept, each a paragraph of its own; only between paragraphs. */
static void
flush_attributes (Html *h)
{
  for (guint k = 0; k < h->attributes->len; k++)
    {
      const Attribute *a = &g_array_index (h->attributes, Attribute, k);
      bitext_doc__builder_text (h->b, a->value, strlen (a->value), a->source);
      bitext_doc__builder_end_paragraph (h->b);
    }
  g_array_set_size (h->attributes, 0);
}

static void
walk_children (Html *h, xmlNode *node)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    walk (h, c);
}

/* The native markup of a tag: as the file has it, or made from its name if the parser implied it. */
static char *
tag_text (const Html *h, gboolean found, gsize start, gsize end, const char *name,
          gboolean closing)
{
  if (found)
    return g_strndup (h->src + start, end - start);
  return g_strdup_printf ("<%s%s>", closing ? "/" : "", name);
}

static void
walk_element (Html *h, xmlNode *node)
{
  const char *name = (const char *) node->name;
  const char *type;
  Kind kind = element_kind (name, &type);
  gsize start = h->cur, end = h->cur;
  gboolean found = find_tag (h, name, FALSE, &start, &end);
  g_autofree char *open = tag_text (h, found, start, end, name, FALSE);
  if (kind != KIND_DROP)
    collect_attributes (h, node, start, found ? end : start);
  switch (kind)
    {
    case KIND_DROP:
      {
        /* <head> is dropped but for its <title> and the titles of its <link>s. */
        if (g_ascii_strcasecmp (name, "head") != 0)
          break;
        for (xmlNode *c = node->children; c != NULL; c = c->next)
          if (c->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) c->name, "title") == 0)
            walk (h, c);
          else if (c->type == XML_ELEMENT_NODE
                   && g_ascii_strcasecmp ((const char *) c->name, "link") == 0)
            collect_attributes (h, c, start, start);
        break;
      }
    case KIND_BREAK:
      bitext_doc__builder_line_break (h->b, start);
      break;
    case KIND_OBJECT:
      bitext_doc__builder_isolated_code (h->b, open, NULL, start);
      break;
    case KIND_INLINE:
      {
        guint id = bitext_doc__builder_open_code (h->b, open, type, start);
        walk_children (h, node);
        gsize cs = h->cur, ce = h->cur;
        gboolean closed = find_tag (h, name, TRUE, &cs, &ce);
        g_autofree char *close = tag_text (h, closed, cs, ce, name, TRUE);
        bitext_doc__builder_close_code (h->b, id, close, cs);
        return;
      }
    case KIND_BLOCK:
    case KIND_PRE:
      bitext_doc__builder_end_paragraph (h->b);
      if (kind == KIND_PRE && h->pre++ == 0)
        bitext_doc__builder_set_preserve (h->b, TRUE);
      walk_children (h, node);
      if (kind == KIND_PRE && --h->pre == 0)
        bitext_doc__builder_set_preserve (h->b, FALSE);
      bitext_doc__builder_end_paragraph (h->b);
      flush_attributes (h);
      break;
    }
  if (kind == KIND_DROP)
    {
      /* Move the cursor past the dropped content: its end tag, if the file has one. */
      const char *close = NULL;
      g_autofree char *pattern = g_strdup_printf ("</%s", name);
      for (gsize at = h->cur; at + strlen (pattern) <= h->len; at++)
        if (h->src[at] == '<' && g_ascii_strncasecmp (h->src + at, pattern, strlen (pattern)) == 0)
          {
            close = h->src + at;
            break;
          }
      if (close != NULL)
        h->cur = markup_end (h, (gsize) (close - h->src));
      flush_attributes (h);
      return;
    }
  gsize cs, ce;
  find_tag (h, name, TRUE, &cs, &ce);
}

static void
walk (Html *h, xmlNode *node)
{
  switch (node->type)
    {
    case XML_ELEMENT_NODE:
      walk_element (h, node);
      break;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (node->content != NULL)
        add_text (h, (const char *) node->content, strlen ((const char *) node->content));
      break;
    default:
      break;
    }
}

/*
** XHTML may declare entities in its DOCTYPE ("<!DOCTYPE html [ <!ENTITY
** ...> ]>"): external ones read files (XXE), nested ones expand
** exponentially (billion laughs). The HTML parser expands none, so such a
** page would be read with its references as text; it is refused instead.
*/
static gboolean
check_doctype (const char *data, gsize length, const BitextDocInput *input, GError **error)
{
  const char *doctype = g_strstr_len (data, MIN (length, (gsize) 4096), "<!DOCTYPE");
  if (doctype == NULL)
    doctype = g_strstr_len (data, MIN (length, (gsize) 4096), "<!doctype");
  if (doctype == NULL)
    return TRUE;
  const char *end = data + length;
  const char *root = doctype + 9;
  while (root < end && *root != '>' && *root != '[')
    root++;
  if (root >= end || *root != '[')
    return TRUE;
  const char *entity = g_strstr_len (root, end - root, "<!ENTITY");
  if (entity == NULL)
    return TRUE;
  guint line = 1;
  for (const char *p = data; p < entity; p++)
    line += *p == '\n';
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
               "%s:%u: the DOCTYPE declares entities; bitext does not expand them (they can "
               "read other files or grow without bound): remove the declarations", input->name,
               line);
  return FALSE;
}

gboolean
bitext_doc__convert_html (BitextDocBuilder *builder, const char *data, gsize length,
                          const BitextDocInput *input, GError **error)
{
  if (length > (gsize) G_MAXINT32)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: too large for the HTML parser",
                   input->name);
      return FALSE;
    }
  if (!check_doctype (data, length, input, error))
    return FALSE;
  g_autoptr(htmlParserCtxt) ctxt = htmlNewParserCtxt ();
  /* The page is UTF-8 already (decoded by the caller): a <meta charset> must not switch it. */
  int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOIMPLIED;
  g_autoptr(xmlDoc) doc = ctxt != NULL ? htmlCtxtReadMemory (ctxt, data, (int) length, input->name,
                                                             "UTF-8", options)
                                       : NULL;
  if (doc == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: not an HTML page libxml2 can "
                   "read", input->name);
      return FALSE;
    }
  g_autoptr(GArray) attributes = g_array_new (FALSE, FALSE, sizeof (Attribute));
  g_array_set_clear_func (attributes, attribute_clear);
  Html h = { builder, data, length, 0, 0, attributes };
  for (xmlNode *c = doc->children; c != NULL; c = c->next)
    walk (&h, c);
  bitext_doc__builder_end_paragraph (builder);
  flush_attributes (&h);
  return TRUE;
}
