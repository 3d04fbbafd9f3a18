/* bitext — ODT (OpenDocument text) as paragraphs with inline codes.
 *
 * content.xml's office:text is read in document order: every text:p and
 * text:h is a paragraph (list items, table cells and sections hold them),
 * and a note's body (text:note) follows the paragraph that cites it, with a
 * placeholder code at the citation. Spans get bold, italic and underline
 * from their text style, resolved through style:parent-style-name over the
 * automatic styles of content.xml and the styles of styles.xml; text:a is a
 * link code. White space collapses as ODF 1.2 section 6.1.2 says (text:s,
 * text:tab and text:line-break are the kept spaces, tabs and breaks).
 * Tracked changes read as the final text: insertions are in the text
 * already, deletions live in text:tracked-changes, which is skipped.
 */
#include <stdlib.h>
#include <string.h>

#include "bitext/error.h"
#include "doc-build-private.h"
#include "doc-zip-private.h"

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_DRAW "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define MIMETYPE "application/vnd.oasis.opendocument.text"

typedef struct
{
  DocBuilder *b;
  GHashTable *styles;           /* style:name -> style:style node (text family) */
  GPtrArray *pending;           /* text:note-body and draw:text-box nodes to read after the paragraph */
} Odt;

static void read_blocks (Odt *o, xmlNode *parent);

static gboolean
in_ns (const xmlNode *n, const char *ns)
{
  return n->type == XML_ELEMENT_NODE && n->ns != NULL && strcmp ((const char *) n->ns->href, ns) == 0;
}

/* Collect the text styles defined under @parent (office:styles, office:automatic-styles). */
static void
collect_styles (GHashTable *styles, xmlNode *parent)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      const char *family = doc_xml_is (n, NS_STYLE, "style") ? doc_xml_attr (n, NS_STYLE, "family")
                                                              : NULL;
      const char *name = doc_xml_attr (n, NS_STYLE, "name");
      if (family != NULL && strcmp (family, "text") == 0 && name != NULL)
        g_hash_table_insert (styles, (gpointer) name, n);
    }
}

static void
collect_doc_styles (GHashTable *styles, xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  for (xmlNode *n = root != NULL ? root->children : NULL; n != NULL; n = n->next)
    if (doc_xml_is (n, NS_OFFICE, "styles") || doc_xml_is (n, NS_OFFICE, "automatic-styles"))
      collect_styles (styles, n);
}

/* Apply the text properties of style @name (its parents first) to @fmt; @depth guards cycles. */
static guint
style_format (Odt *o, const char *name, guint fmt, guint depth)
{
  xmlNode *s = name != NULL ? g_hash_table_lookup (o->styles, name) : NULL;
  if (s == NULL || depth > g_hash_table_size (o->styles))
    return fmt;
  fmt = style_format (o, doc_xml_attr (s, NS_STYLE, "parent-style-name"), fmt, depth + 1);
  for (xmlNode *p = s->children; p != NULL; p = p->next)
    {
      if (!doc_xml_is (p, NS_STYLE, "text-properties"))
        continue;
      const char *weight = doc_xml_attr (p, NS_FO, "font-weight");
      const char *style = doc_xml_attr (p, NS_FO, "font-style");
      const char *under = doc_xml_attr (p, NS_STYLE, "text-underline-style");
      /* CSS font-weight: "bold" is 700, and 600 upwards render bold (CSS Fonts 3, 3.2). */
      if (weight != NULL)
        fmt = strcmp (weight, "bold") == 0 || atoi (weight) >= 600 ? fmt | DOC_FMT_BOLD
                                                                   : fmt & ~DOC_FMT_BOLD;
      if (style != NULL)
        fmt = strcmp (style, "italic") == 0 || strcmp (style, "oblique") == 0
                ? fmt | DOC_FMT_ITALIC : fmt & ~DOC_FMT_ITALIC;
      if (under != NULL)
        fmt = strcmp (under, "none") != 0 ? fmt | DOC_FMT_UNDERLINE : fmt & ~DOC_FMT_UNDERLINE;
    }
  return fmt;
}

/* The elements of inline content that are not text: annotations, marks, deleted-change anchors. */
static gboolean
skipped_inline (const xmlNode *n)
{
  static const char *const text_skipped[] = {
    "bookmark", "bookmark-start", "bookmark-end", "reference-mark", "reference-mark-start",
    "reference-mark-end", "soft-page-break", "change", "change-start", "change-end",
    "tracked-changes", "alphabetical-index-mark", "toc-mark", "user-index-mark",
  };
  if (doc_xml_is (n, NS_OFFICE, "annotation") || doc_xml_is (n, NS_OFFICE, "annotation-end"))
    return TRUE;
  if (!in_ns (n, NS_TEXT))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (text_skipped); i++)
    if (strcmp ((const char *) n->name, text_skipped[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A note: a placeholder with its citation here; its body is read after the paragraph. */
static void
read_note (Odt *o, xmlNode *note)
{
  g_autofree char *citation = NULL;
  for (xmlNode *n = note->children; n != NULL; n = n->next)
    if (doc_xml_is (n, NS_TEXT, "note-citation"))
      citation = (char *) xmlNodeGetContent (n);
    else if (doc_xml_is (n, NS_TEXT, "note-body"))
      g_ptr_array_add (o->pending, n);
  doc_builder_placeholder (o->b, "fnote", citation);
}

static void
read_inline (Odt *o, xmlNode *parent, guint fmt, const char *link)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          doc_builder_set_format (o->b, fmt, link);
          doc_builder_append (o->b, (const char *) n->content, -1, TRUE);
          continue;
        }
      if (n->type != XML_ELEMENT_NODE || skipped_inline (n))
        continue;
      doc_builder_set_format (o->b, fmt, link);
      if (doc_xml_is (n, NS_TEXT, "span"))
        read_inline (o, n, style_format (o, doc_xml_attr (n, NS_TEXT, "style-name"), fmt, 0),
                     link);
      else if (doc_xml_is (n, NS_TEXT, "a"))
        read_inline (o, n, fmt | DOC_FMT_LINK, doc_xml_attr (n, NS_XLINK, "href"));
      else if (doc_xml_is (n, NS_TEXT, "s"))
        {
          const char *c = doc_xml_attr (n, NS_TEXT, "c");
          int count = c != NULL ? atoi (c) : 1;
          for (int i = 0; i < count && i < G_MAXUINT16; i++)
            doc_builder_append (o->b, " ", 1, FALSE);
        }
      else if (doc_xml_is (n, NS_TEXT, "tab"))
        doc_builder_append (o->b, "\t", 1, FALSE);
      else if (doc_xml_is (n, NS_TEXT, "line-break"))
        doc_builder_append (o->b, "\n", 1, FALSE);
      else if (doc_xml_is (n, NS_TEXT, "note"))
        read_note (o, n);
      else if (doc_xml_is (n, NS_DRAW, "frame"))
        {
          for (xmlNode *t = n->children; t != NULL; t = t->next)
            if (doc_xml_is (t, NS_DRAW, "text-box"))
              g_ptr_array_add (o->pending, t);
        }
      else if (in_ns (n, NS_TEXT))
        read_inline (o, n, fmt, link);     /* fields, meta, ruby base: their text shows */
    }
}

static void
read_paragraph (Odt *o, xmlNode *p)
{
  doc_builder_begin (o->b, "content.xml", (guint) xmlGetLineNo (p));
  read_inline (o, p, 0, NULL);
  doc_builder_end (o->b);
  g_autoptr(GPtrArray) todo = g_steal_pointer (&o->pending);
  o->pending = g_ptr_array_new ();
  for (guint i = 0; i < todo->len; i++)
    read_blocks (o, g_ptr_array_index (todo, i));
}

/* Block content: paragraphs, headings, lists, tables, sections; tracked deletions skipped. */
static void
read_blocks (Odt *o, xmlNode *parent)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      if (doc_xml_is (n, NS_TEXT, "p") || doc_xml_is (n, NS_TEXT, "h"))
        read_paragraph (o, n);
      else if (doc_xml_is (n, NS_TEXT, "tracked-changes") || doc_xml_is (n, NS_OFFICE, "annotation")
               || doc_xml_is (n, NS_TEXT, "sequence-decls")
               || doc_xml_is (n, NS_TEXT, "variable-decls"))
        continue;
      else if (in_ns (n, NS_TEXT) || in_ns (n, NS_TABLE) || doc_xml_is (n, NS_DRAW, "text-box"))
        read_blocks (o, n);
    }
}

/* The part @path parsed, into @docs. */
static xmlDoc *
load_part (const char *name, GsfInfile *zip, const char *path, GPtrArray *docs, GError **error)
{
  g_autoptr(GBytes) bytes = doc_zip_read_path (name, zip, path, error);
  xmlDoc *doc = bytes != NULL ? doc_zip_parse_xml (name, path, bytes, error) : NULL;
  if (doc != NULL)
    g_ptr_array_add (docs, doc);
  return doc;
}

static xmlNode *
find_child (xmlNode *parent, const char *ns, const char *local)
{
  for (xmlNode *n = parent != NULL ? parent->children : NULL; n != NULL; n = n->next)
    if (doc_xml_is (n, ns, local))
      return n;
  return NULL;
}

/**
 * doc_read_odt:
 *
 * Append the paragraphs of the ODT package @bytes to @b. Fails with one
 * line for a damaged package, a zip bomb, a part with a DOCTYPE, or an
 * OpenDocument file that is not a text document.
 */
static gboolean read_odt (const char *name, GBytes *bytes, gpointer builder, GError **error);

gboolean
doc_read_odt (const char *name, GBytes *bytes, DocBuilder *b, GError **error)
{
  /* libgsf reports a member it cannot open only on stderr: it is this document's error. */
  return doc_zip_read_quietly (read_odt, name, bytes, b, error);
}

static gboolean
read_odt (const char *name, GBytes *bytes, gpointer builder, GError **error)
{
  DocBuilder *b = builder;
  g_autoptr(GsfInfile) zip = doc_zip_open (name, bytes, error);
  if (zip == NULL)
    return FALSE;
  g_autoptr(GBytes) mime = doc_zip_read_path (name, zip, "mimetype", NULL);
  gsize n = 0;
  const char *m = mime != NULL ? g_bytes_get_data (mime, &n) : NULL;
  if (m != NULL && (n < strlen (MIMETYPE) || memcmp (m, MIMETYPE, strlen (MIMETYPE)) != 0))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: an OpenDocument file of type %.*s, not a text document (ODT)", name,
                   (int) MIN (n, 80), m);
      return FALSE;
    }
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeDoc);
  xmlDoc *content = load_part (name, zip, "content.xml", docs, error);
  if (content == NULL)
    return FALSE;
  g_autoptr(GHashTable) styles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GsfInput) has_styles = gsf_infile_child_by_name (zip, "styles.xml");
  xmlDoc *style_doc = has_styles != NULL ? load_part (name, zip, "styles.xml", docs, error) : NULL;
  if (has_styles != NULL && style_doc == NULL)
    return FALSE;
  if (style_doc != NULL)
    collect_doc_styles (styles, style_doc);
  collect_doc_styles (styles, content);
  xmlNode *body = find_child (xmlDocGetRootElement (content), NS_OFFICE, "body");
  xmlNode *text = find_child (body, NS_OFFICE, "text");
  if (text == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: content.xml has no office:text (not a text document)", name);
      return FALSE;
    }
  Odt o = { b, styles, g_ptr_array_new () };
  read_blocks (&o, text);
  g_ptr_array_unref (o.pending);
  return TRUE;
}
