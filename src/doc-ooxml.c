/* bitext — DOCX (Office Open XML WordprocessingML) as paragraphs with inline codes.
 *
 * The main document is found through the package relationships (libgsf's
 * Open Packaging utilities), and its footnotes and endnotes through the
 * document's. Every w:p is a paragraph, in reading order: body paragraphs,
 * table cells row by row, and after a paragraph the notes it refers to and
 * the text boxes it anchors. Runs give their bold, italic and underline
 * (their character style through w:basedOn, then w:rPr, where w:val="0" or
 * "false" switches a toggle off) and hyperlinks
 * their target, as paired codes; a note reference is a placeholder code.
 * Tracked changes read as the final text: w:ins and w:moveTo are kept,
 * w:del and w:moveFrom dropped, and a paragraph whose mark was deleted runs
 * on into the next one. Field instructions (w:instrText) are not text;
 * field results are.
 */
#include <string.h>

#include <gsf/gsf-open-pkg-utils.h>

#include "bitext/error.h"
#include "doc-build-private.h"
#include "doc-zip-private.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_DOC NS_R "/officeDocument"
#define REL_FOOTNOTES NS_R "/footnotes"
#define REL_ENDNOTES NS_R "/endnotes"
#define REL_STYLES NS_R "/styles"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"

typedef struct
{
  const char *name;             /* the file, for messages */
  DocBuilder *b;
  GsfInput *doc_part;           /* the main document, whose relationships give link targets */
  GHashTable *notes[2];         /* footnotes, endnotes: w:id -> w:footnote / w:endnote node */
  const char *part;             /* part of the paragraphs being read */
  GPtrArray *pending;           /* nodes to read after the current paragraph (notes, text boxes) */
  gboolean joining;             /* the last paragraph's mark was deleted: it runs on */
  guint n_refs[2];              /* footnote, endnote references so far: Word numbers them so */
  GHashTable *styles;           /* w:styleId -> w:style node (character styles), or NULL */
} Docx;

typedef struct
{
  xmlNode *node;
  const char *part;
} Pending;

static void read_blocks (Docx *d, xmlNode *parent);
static void read_inline (Docx *d, xmlNode *parent, guint fmt, const char *link);

/* Whether a toggle property (w:b, w:i) is on: present, and w:val not "0", "false" or "off". */
static gboolean
toggle_on (const xmlNode *prop)
{
  const char *v = doc_xml_attr (prop, NS_W, "val");
  return v == NULL || !(strcmp (v, "0") == 0 || strcmp (v, "false") == 0
                        || strcmp (v, "off") == 0 || strcmp (v, "none") == 0);
}

static xmlNode *
child (xmlNode *parent, const char *local)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (doc_xml_is (n, NS_W, local))
      return n;
  return NULL;
}

/* @fmt with the toggles of the run properties @rpr (w:rPr) applied. */
static guint
apply_props (xmlNode *rpr, guint fmt)
{
  static const struct { const char *prop; guint bit; } props[] = {
    { "b", DOC_FMT_BOLD }, { "i", DOC_FMT_ITALIC }, { "u", DOC_FMT_UNDERLINE },
  };
  for (guint i = 0; rpr != NULL && i < G_N_ELEMENTS (props); i++)
    {
      xmlNode *p = child (rpr, props[i].prop);
      if (p != NULL)
        fmt = toggle_on (p) ? (fmt | props[i].bit) : (fmt & ~props[i].bit);
    }
  return fmt;
}

/* @fmt with character style @id applied, its w:basedOn chain first; @depth guards cycles. */
static guint
style_format (Docx *d, const char *id, guint fmt, guint depth)
{
  xmlNode *style = id != NULL && d->styles != NULL ? g_hash_table_lookup (d->styles, id) : NULL;
  if (style == NULL || depth > g_hash_table_size (d->styles))
    return fmt;
  xmlNode *based = child (style, "basedOn");
  fmt = style_format (d, based != NULL ? doc_xml_attr (based, NS_W, "val") : NULL, fmt, depth + 1);
  return apply_props (child (style, "rPr"), fmt);
}

/* The formatting of run @r: its character style (w:rStyle), then its direct properties. */
static guint
run_format (Docx *d, xmlNode *r, guint fmt)
{
  xmlNode *rpr = child (r, "rPr");
  if (rpr == NULL)
    return fmt;
  xmlNode *rstyle = child (rpr, "rStyle");
  if (rstyle != NULL)
    fmt = style_format (d, doc_xml_attr (rstyle, NS_W, "val"), fmt, 0);
  return apply_props (rpr, fmt);
}

static void
queue (Docx *d, xmlNode *node, const char *part)
{
  Pending *p = g_new (Pending, 1);
  *p = (Pending) { node, part };
  g_ptr_array_add (d->pending, p);
}

/* A note reference: a placeholder code here, the note's paragraphs after this paragraph. */
static void
note_reference (Docx *d, xmlNode *ref, guint kind)
{
  const char *id = doc_xml_attr (ref, NS_W, "id");
  g_autofree char *mark = g_strdup_printf ("%u", ++d->n_refs[kind]);
  doc_builder_placeholder (d->b, "fnote", mark);
  xmlNode *note = id != NULL && d->notes[kind] != NULL ? g_hash_table_lookup (d->notes[kind], id)
                                                      : NULL;
  if (note != NULL)
    queue (d, note, kind == 0 ? "word/footnotes.xml" : "word/endnotes.xml");
}

/* Queue the text boxes (w:txbxContent) anywhere under @node, which is not text itself. */
static void
queue_text_boxes (Docx *d, xmlNode *node)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (doc_xml_is (n, NS_W, "txbxContent"))
        queue (d, n, d->part);
      else if (doc_xml_is (n, NS_MC, "Fallback"))
        continue;               /* the same content again, for older readers (ECMA-376 Part 3) */
      else if (n->type == XML_ELEMENT_NODE)
        queue_text_boxes (d, n);
    }
}

static void
read_run (Docx *d, xmlNode *r, guint fmt, const char *link)
{
  fmt = run_format (d, r, fmt);
  doc_builder_set_format (d->b, fmt, link);
  for (xmlNode *n = r->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || n->ns == NULL
          || strcmp ((const char *) n->ns->href, NS_W) != 0)
        {
          if (n->type == XML_ELEMENT_NODE)
            queue_text_boxes (d, n);
          continue;
        }
      const char *e = (const char *) n->name;
      if (strcmp (e, "t") == 0)
        {
          g_autofree char *text = (char *) xmlNodeGetContent (n);
          doc_builder_append (d->b, text, -1, FALSE);
        }
      else if (strcmp (e, "tab") == 0 || strcmp (e, "ptab") == 0)
        doc_builder_append (d->b, "\t", 1, FALSE);
      else if (strcmp (e, "br") == 0 || strcmp (e, "cr") == 0)
        {
          const char *type = doc_xml_attr (n, NS_W, "type");
          gboolean page = type != NULL && strcmp (type, "textWrapping") != 0;
          doc_builder_append (d->b, page ? " " : "\n", 1, FALSE);
        }
      else if (strcmp (e, "noBreakHyphen") == 0)
        doc_builder_append (d->b, "-", 1, FALSE);
      else if (strcmp (e, "footnoteReference") == 0)
        note_reference (d, n, 0);
      else if (strcmp (e, "endnoteReference") == 0)
        note_reference (d, n, 1);
      else if (strcmp (e, "drawing") == 0 || strcmp (e, "pict") == 0)
        queue_text_boxes (d, n);
    }
}

/* The target of the hyperlink @h: its relationship's target, or "#anchor" inside the document. */
static char *
link_target (Docx *d, xmlNode *h)
{
  const char *id = doc_xml_attr (h, NS_R, "id");
  GsfOpenPkgRel *rel = id != NULL ? gsf_open_pkg_lookup_rel_by_id (d->doc_part, id) : NULL;
  if (rel != NULL)
    return g_strdup (gsf_open_pkg_rel_get_target (rel));
  const char *anchor = doc_xml_attr (h, NS_W, "anchor");
  return g_strconcat ("#", anchor != NULL ? anchor : "", NULL);
}

/* The content of a paragraph (or of a container inside one): runs, links, insertions. */
static void
read_inline (Docx *d, xmlNode *parent, guint fmt, const char *link)
{
  static const char *const containers[] = {
    "ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "bdo", "dir",
  };
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || n->ns == NULL
          || strcmp ((const char *) n->ns->href, NS_W) != 0)
        continue;
      const char *e = (const char *) n->name;
      if (strcmp (e, "r") == 0)
        read_run (d, n, fmt, link);
      else if (strcmp (e, "hyperlink") == 0)
        {
          g_autofree char *target = link_target (d, n);
          read_inline (d, n, fmt | DOC_FMT_LINK, target);
        }
      else
        for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
          if (strcmp (e, containers[i]) == 0)
            read_inline (d, n, fmt, link);
    }
}

/* Whether the mark of paragraph @p was deleted with change tracking on (w:pPr/w:rPr/w:del). */
static gboolean
mark_deleted (xmlNode *p)
{
  xmlNode *ppr = child (p, "pPr");
  xmlNode *rpr = ppr != NULL ? child (ppr, "rPr") : NULL;
  return rpr != NULL && child (rpr, "del") != NULL;
}

/* Read what was queued while reading the last paragraph; reading it may queue more. */
static void
read_pending (Docx *d)
{
  g_autoptr(GPtrArray) todo = g_steal_pointer (&d->pending);
  d->pending = g_ptr_array_new_with_free_func (g_free);
  const char *part = d->part;
  for (guint i = 0; i < todo->len; i++)
    {
      Pending *p = g_ptr_array_index (todo, i);
      d->part = p->part;
      read_blocks (d, p->node);
    }
  d->part = part;
}

static void
read_paragraph (Docx *d, xmlNode *p)
{
  if (!d->joining)
    doc_builder_begin (d->b, d->part, (guint) xmlGetLineNo (p));
  read_inline (d, p, 0, NULL);
  d->joining = mark_deleted (p);
  if (d->joining)
    {
      doc_builder_set_format (d->b, 0, NULL);
      return;
    }
  doc_builder_end (d->b);
  read_pending (d);
}

/* Block content: paragraphs, tables, content controls; deleted blocks are skipped. */
static void
read_blocks (Docx *d, xmlNode *parent)
{
  static const char *const containers[] = {
    "body", "tbl", "tr", "tc", "sdt", "sdtContent", "ins", "moveTo", "customXml", "txbxContent",
    "footnote", "endnote",
  };
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || n->ns == NULL
          || strcmp ((const char *) n->ns->href, NS_W) != 0)
        continue;
      const char *e = (const char *) n->name;
      if (strcmp (e, "p") == 0)
        read_paragraph (d, n);
      else
        for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
          if (strcmp (e, containers[i]) == 0)
            read_blocks (d, n);
    }
}

/*
** The root of the part related to @doc_part by @rel_type (@path for
** messages), its document kept in @docs; *@root is NULL when there is no
** such part. FALSE with @error set when it cannot be read or parsed.
*/
static gboolean
load_related (const char *name, GsfInput *doc_part, const char *rel_type, const char *path,
              GPtrArray *docs, xmlNode **root, GError **error)
{
  *root = NULL;
  g_autoptr(GsfInput) part = doc_zip_open_rel (doc_part, rel_type);
  if (part == NULL)
    return TRUE;
  g_autoptr(GBytes) bytes = doc_zip_read_member (name, part, path, error);
  xmlDoc *doc = bytes != NULL ? doc_zip_parse_xml (name, path, bytes, error) : NULL;
  if (doc == NULL)
    return FALSE;
  g_ptr_array_add (docs, doc);
  *root = xmlDocGetRootElement (doc);
  return TRUE;
}

/*
** The notes of the part related to @doc_part by @rel_type (footnotes or
** endnotes) into @notes by w:id, their documents kept in @docs. No such
** part: no notes.
*/
static gboolean
load_notes (const char *name, GsfInput *doc_part, const char *rel_type, const char *element,
            GHashTable **notes, GPtrArray *docs, GError **error)
{
  const char *path = strcmp (element, "footnote") == 0 ? "word/footnotes.xml" : "word/endnotes.xml";
  xmlNode *root = NULL;
  if (!load_related (name, doc_part, rel_type, path, docs, &root, error))
    return FALSE;
  if (root == NULL)
    return TRUE;
  *notes = g_hash_table_new (g_str_hash, g_str_equal);
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    {
      const char *type = doc_xml_is (n, NS_W, element) ? doc_xml_attr (n, NS_W, "type") : "x";
      const char *id = doc_xml_attr (n, NS_W, "id");
      /* Separators (w:type="separator", "continuationSeparator") are not notes. */
      if (type == NULL && id != NULL)
        g_hash_table_insert (*notes, (gpointer) id, n);
    }
  return TRUE;
}

/* The character styles of the styles part related to @doc_part into @styles; none: NULL. */
static gboolean
load_styles (const char *name, GsfInput *doc_part, GHashTable **styles, GPtrArray *docs,
             GError **error)
{
  xmlNode *root = NULL;
  if (!load_related (name, doc_part, REL_STYLES, "word/styles.xml", docs, &root, error))
    return FALSE;
  if (root == NULL)
    return TRUE;
  *styles = g_hash_table_new (g_str_hash, g_str_equal);
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    {
      const char *type = doc_xml_is (n, NS_W, "style") ? doc_xml_attr (n, NS_W, "type") : NULL;
      const char *id = doc_xml_attr (n, NS_W, "styleId");
      if (type != NULL && strcmp (type, "character") == 0 && id != NULL)
        g_hash_table_insert (*styles, (gpointer) id, n);
    }
  return TRUE;
}

/**
 * doc_read_docx:
 *
 * Append the paragraphs of the DOCX package @bytes to @b. Fails with one
 * line for a damaged package, a zip bomb, a part with a DOCTYPE, or a
 * package that is not a word-processing document.
 */
static gboolean read_docx (const char *name, GBytes *bytes, gpointer builder, GError **error);

gboolean
doc_read_docx (const char *name, GBytes *bytes, DocBuilder *b, GError **error)
{
  /* libgsf parses the package's relationships as they are followed, and reports a malformed
     one (_rels/.rels) only on stderr: it is this document's error. */
  return doc_zip_read_quietly (read_docx, name, bytes, b, error);
}

static gboolean
read_docx (const char *name, GBytes *bytes, gpointer builder, GError **error)
{
  DocBuilder *b = builder;
  g_autoptr(GsfInfile) zip = doc_zip_open (name, bytes, error);
  if (zip == NULL)
    return FALSE;
  g_autoptr(GsfInput) doc_part = doc_zip_open_rel (GSF_INPUT (zip), REL_DOC);
  if (doc_part == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: a zip package without an Office Open XML main document", name);
      return FALSE;
    }
  const char *path = "word/document.xml";
  g_autoptr(GBytes) main_bytes = doc_zip_read_member (name, doc_part, path, error);
  g_autoptr(xmlDoc) doc = main_bytes != NULL ? doc_zip_parse_xml (name, path, main_bytes, error)
                                             : NULL;
  if (doc == NULL)
    return FALSE;
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body = root != NULL && doc_xml_is (root, NS_W, "document") ? child (root, "body") : NULL;
  if (body == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: the main part is not a WordprocessingML document (a spreadsheet or "
                   "presentation?)", name);
      return FALSE;
    }
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeDoc);
  Docx d = { name, b, doc_part, { NULL, NULL }, path, g_ptr_array_new_with_free_func (g_free),
             FALSE, { 0, 0 }, NULL };
  gboolean ok = load_styles (name, doc_part, &d.styles, docs, error)
                && load_notes (name, doc_part, REL_FOOTNOTES, "footnote", &d.notes[0], docs, error)
                && load_notes (name, doc_part, REL_ENDNOTES, "endnote", &d.notes[1], docs, error);
  if (ok)
    {
      read_blocks (&d, body);
      doc_builder_end (b);
      read_pending (&d);
    }
  g_ptr_array_unref (d.pending);
  for (guint k = 0; k < 2; k++)
    if (d.notes[k] != NULL)
      g_hash_table_unref (d.notes[k]);
  if (d.styles != NULL)
    g_hash_table_unref (d.styles);
  return ok;
}
