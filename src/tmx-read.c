/* bitext — reading TMX (1.4b, and the 1.1–1.3 files still around).
 *
 * Engine: libxml2's SAX2 push parser fed 256 KiB at a time. No tree is
 * built: each <tu> fills one reused BitextTmUnit and goes to the caller's
 * callback, so memory stays flat whatever the file's size. On this
 * project's machine a bare SAX2 loop reads a 430 MB TMX in 0.9–1.3 s, an
 * xmlTextReader loop in 2.3 s, `xmllint --stream` in 1.7 s (tests/bench/tmx/).
 *
 * Security: no network (XML_PARSE_NONET), no DTD loading, no entity
 * substitution; any entity declaration in a DOCTYPE is refused outright
 * (TMX allows only the predefined entities), which stops billion-laughs
 * and XXE files before anything is expanded or fetched.
 */
#include "bitext/tmx.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "bitext/error.h"
#include "error-private.h"
#include "tmx-private.h"
#include "file-private.h"

/* A DOCTYPE makes the parser create a document for its DTD even without a tree; drop it too. */
static void
free_parser (xmlParserCtxt *ctxt)
{
  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  xmlFreeParserCtxt (ctxt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, free_parser)

#define CHUNK_SIZE (256 * 1024)

typedef enum
{
  IN_NONE,
  IN_TMX,
  IN_HEADER,
  IN_BODY,
  IN_TU,
  IN_TUV,
  IN_SEG,
  IN_DONE,
} Where;

typedef struct
{
  const char *name;
  const BitextTmxReadOptions *options;
  xmlParserCtxt *ctxt;
  BitextTm *tm;               /* header; and the units when keep is set */
  gboolean keep;
  BitextTmxUnitFunc func;
  gpointer user_data;

  Where where;
  guint skip_depth;           /* > 0: inside an element whose content is ignored */
  guint seg_depth;            /* open inline elements in the current <seg> */
  guint code_depth;           /* open bpt/ept/it/ph/ut in the current <seg> */
  gboolean in_control;        /* inside <ph type="x-ctrl">: Control Pictures are controls */
  BitextTmUnit *unit;
  BitextTmVariant *variant;
  gboolean variant_has_seg;
  GString *field;             /* text of the prop or note being read */
  BitextTmAnnotation *annotation;
  gsize unit_bytes;
  char *unit_problem;         /* why the current unit is malformed; NULL if it is fine */
  guint n_skipped;
  GString *scratch;
  GError *error;
} Reader;

static guint
current_line (Reader *r)
{
  return (guint) xmlSAX2GetLineNumber (r->ctxt);
}

/* Stop the parse with an error "NAME:LINE: message" (the first error wins). */
G_GNUC_PRINTF (3, 4) static void
fail (Reader *r, int code, const char *format, ...)
{
  if (r->error == NULL)
    {
      va_list args;
      va_start (args, format);
      g_autofree char *message = g_strdup_vprintf (format, args);
      va_end (args);
      g_set_error (&r->error, BITEXT_ERROR, code, "%s:%u: %s", r->name, current_line (r), message);
    }
  xmlStopParser (r->ctxt);
}

/*
** Count @n bytes against the current unit (or the header): its text, and
** ELEMENT_COST per element kept plus its attributes, so that neither one
** huge segment nor millions of tiny <tuv>s or <prop>s can exhaust memory.
*/
#define ELEMENT_COST 64

static gboolean
charge (Reader *r, gsize n)
{
  r->unit_bytes += n;
  if (r->unit_bytes <= BITEXT_TMX_MAX_UNIT_BYTES)
    return TRUE;
  fail (r, BITEXT_ERROR_INPUT, "%s larger than %d bytes: refused",
        r->where == IN_HEADER ? "header" : "unit", BITEXT_TMX_MAX_UNIT_BYTES);
  return FALSE;
}

static gsize
attributes_size (int n, const xmlChar **attributes)
{
  gsize size = ELEMENT_COST;
  for (int i = 0; i < n; i++)
    size += (gsize) (attributes[5 * i + 4] - attributes[5 * i + 3]) + 16;
  return size;
}

/* Mark the current unit malformed; it is skipped (or, in strict mode, fatal) at its end. */
G_GNUC_PRINTF (2, 3) static void
unit_problem (Reader *r, const char *format, ...)
{
  if (r->unit_problem != NULL)
    return;
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  r->unit_problem = g_strdup_printf ("%s:%u: %s", r->name, current_line (r), message);
}

/*
** An attribute value from SAX2: [value, end), not NUL-terminated. Without
** entity substitution libxml2 hands '&' over as "&#38;"; decode it. The
** result is in r->scratch until the next call.
*/
static const char *
attr_value (Reader *r, const xmlChar *value, const xmlChar *end)
{
  g_string_truncate (r->scratch, 0);
  const char *p = (const char *) value, *e = (const char *) end;
  while (p < e)
    {
      const char *amp = memchr (p, '&', e - p);
      if (amp == NULL || e - amp < 5 || memcmp (amp, "&#38;", 5) != 0)
        {
          const char *stop = amp != NULL ? amp + 1 : e;
          g_string_append_len (r->scratch, p, stop - p);
          p = stop;
          continue;
        }
      g_string_append_len (r->scratch, p, amp - p);
      g_string_append_c (r->scratch, '&');
      p = amp + 5;
    }
  return r->scratch->str;
}

static void
attr_name (GString *out, const xmlChar **attr)
{
  g_string_truncate (out, 0);
  if (attr[1] != NULL)
    g_string_append_printf (out, "%s:", (const char *) attr[1]);
  g_string_append (out, (const char *) attr[0]);
}

/* Store the attributes of an element in *attrs, except xml:lang and lang (stored apart). */
static void
store_attrs (Reader *r, GPtrArray **attrs, int n, const xmlChar **attributes)
{
  g_autoptr(GString) name = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      if (strcmp ((const char *) a[0], "lang") == 0)
        continue;
      attr_name (name, a);
      const char *value = attr_value (r, a[3], a[4]);
      bitext_tm__attrs_add (attrs, name->str, name->len, value, r->scratch->len);
    }
}

static const char *
find_attr (Reader *r, int n, const xmlChar **attributes, const char *name, gboolean xml_prefix)
{
  for (int i = 0; i < n; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      gboolean has_xml = a[1] != NULL && strcmp ((const char *) a[1], "xml") == 0;
      if (strcmp ((const char *) a[0], name) == 0 && has_xml == xml_prefix)
        return attr_value (r, a[3], a[4]);
    }
  return NULL;
}

static void
start_annotation (Reader *r, const char *element, GPtrArray **annotations, int n,
                  const xmlChar **attributes)
{
  if (r->options->segments_only)
    {
      r->skip_depth = 1;
      return;
    }
  gboolean prop = strcmp (element, "prop") == 0;
  const char *type = prop ? find_attr (r, n, attributes, "type", FALSE) : NULL;
  if (prop && type == NULL)
    {
      unit_problem (r, "<prop> without type");
      type = "";
    }
  r->annotation = bitext_tm__annotation_add (annotations, prop ? type : NULL);
  for (int i = 0; i < n; i++)
    if (strcmp ((const char *) attributes[5 * i], "type") != 0)
      {
        g_autoptr(GString) name = g_string_new (NULL);
        attr_name (name, attributes + 5 * i);
        const char *value = attr_value (r, attributes[5 * i + 3], attributes[5 * i + 4]);
        bitext_tm__attrs_add (&r->annotation->attrs, name->str, name->len, value,
                              r->scratch->len);
      }
  g_string_truncate (r->field, 0);
}

static void
start_tu (Reader *r, int n, const xmlChar **attributes)
{
  r->where = IN_TU;
  r->unit->line = current_line (r);
  r->unit_bytes = 0;
  if (!r->options->segments_only)
    store_attrs (r, &r->unit->attrs, n, attributes);
  else
    {
      const char *srclang = find_attr (r, n, attributes, "srclang", FALSE);
      if (srclang != NULL)
        bitext_tm_unit_set_attr (r->unit, "srclang", srclang);
    }
}

static void
start_tuv (Reader *r, int n, const xmlChar **attributes)
{
  r->where = IN_TUV;
  r->variant = bitext_tm__unit_new_variant (r->unit);
  r->variant_has_seg = FALSE;
  const char *lang = find_attr (r, n, attributes, "lang", TRUE);
  if (lang == NULL)
    lang = find_attr (r, n, attributes, "lang", FALSE);   /* TMX 1.1–1.3 */
  if (lang == NULL || *lang == '\0')
    unit_problem (r, "<tuv> without xml:lang");
  else
    g_string_assign (r->variant->lang, lang);
  if (!r->options->segments_only)
    store_attrs (r, &r->variant->attrs, n, attributes);
}

/* An inline element inside <seg>: kept as a tag in the markup, or stripped. */
static void
start_inline (Reader *r, const char *element, int n, const xmlChar **attributes)
{
  if (!bitext_tmx__is_inline_element (element))
    {
      unit_problem (r, "<%s> inside <seg>", element);
      r->skip_depth = 1;
      return;
    }
  r->seg_depth++;
  r->code_depth += bitext_tmx__is_code_element (element) ? 1 : 0;
  if (strcmp (element, "ph") == 0)
    {
      const char *type = find_attr (r, n, attributes, "type", FALSE);
      r->in_control = type != NULL && strcmp (type, BITEXT_TMX_CONTROL_TYPE) == 0;
    }
  if (r->options->inline_mode == BITEXT_TMX_INLINE_STRIP || r->options->segments_only)
    return;
  r->variant->has_inline = TRUE;
  GString *m = r->variant->markup;
  g_string_append_c (m, '<');
  g_string_append (m, element);
  for (int i = 0; i < n; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      g_string_append_c (m, ' ');
      if (a[1] != NULL)
        g_string_append_printf (m, "%s:", (const char *) a[1]);
      g_string_append (m, (const char *) a[0]);
      g_string_append (m, "=\"");
      const char *value = attr_value (r, a[3], a[4]);
      bitext_tmx__escape_attr (m, value, r->scratch->len);
      g_string_append_c (m, '"');
    }
  g_string_append_c (m, '>');
}

static void
on_start (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
          int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
          const xmlChar **attributes)
{
  (void) prefix, (void) uri, (void) nb_namespaces, (void) namespaces, (void) nb_defaulted;
  Reader *r = ctx;
  const char *name = (const char *) localname;
  int n = nb_attributes;
  if (r->skip_depth > 0)
    {
      r->skip_depth++;
      return;
    }
  if (r->annotation != NULL)
    {
      unit_problem (r, "<%s> inside a prop or note", name);
      r->skip_depth = 1;
      return;
    }
  if ((r->where >= IN_TU && r->where <= IN_SEG) || r->where == IN_HEADER)
    if (!charge (r, attributes_size (n, attributes)))
      return;
  switch (r->where)
    {
    case IN_NONE:
      if (strcmp (name, "tmx") != 0)
        fail (r, BITEXT_ERROR_PARSE, "the root element is <%s>, not <tmx>: not a TMX file", name);
      r->where = IN_TMX;
      break;
    case IN_TMX:
      if (strcmp (name, "header") == 0)
        {
          r->where = IN_HEADER;
          bitext_tm_unit_set_attr (r->tm->header, "srclang", NULL);
          store_attrs (r, &r->tm->header->attrs, n, attributes);
        }
      else if (strcmp (name, "body") == 0)
        r->where = IN_BODY;
      else
        r->skip_depth = 1;
      break;
    case IN_HEADER:
      if (strcmp (name, "prop") == 0 || strcmp (name, "note") == 0)
        start_annotation (r, name, &r->tm->header->annotations, n, attributes);
      else
        r->skip_depth = 1;    /* <ude>: user-defined encodings, not kept */
      break;
    case IN_BODY:
      if (strcmp (name, "tu") == 0)
        start_tu (r, n, attributes);
      else
        r->skip_depth = 1;
      break;
    case IN_TU:
      if (strcmp (name, "tuv") == 0)
        start_tuv (r, n, attributes);
      else if (strcmp (name, "prop") == 0 || strcmp (name, "note") == 0)
        start_annotation (r, name, &r->unit->annotations, n, attributes);
      else
        {
          unit_problem (r, "<%s> inside <tu>", name);
          r->skip_depth = 1;
        }
      break;
    case IN_TUV:
      if (strcmp (name, "seg") == 0)
        {
          if (r->variant_has_seg)
            unit_problem (r, "two <seg> in one <tuv>");
          r->where = IN_SEG;
          r->variant_has_seg = TRUE;
        }
      else if (strcmp (name, "prop") == 0 || strcmp (name, "note") == 0)
        start_annotation (r, name, &r->variant->annotations, n, attributes);
      else
        {
          unit_problem (r, "<%s> inside <tuv>", name);
          r->skip_depth = 1;
        }
      break;
    case IN_SEG:
      start_inline (r, name, n, attributes);
      break;
    case IN_DONE:
      break;
    }
}

/* A complete <tu>: hand it over, or report and skip it. */
static void
end_tu (Reader *r)
{
  r->where = IN_BODY;
  if (r->unit_problem == NULL && r->unit->variants->len == 0)
    unit_problem (r, "<tu> without <tuv>");
  if (r->unit_problem != NULL)
    {
      g_autofree char *problem = g_steal_pointer (&r->unit_problem);
      if (r->options->strict)
        {
          if (r->error == NULL)
            g_set_error_literal (&r->error, BITEXT_ERROR, BITEXT_ERROR_PARSE, problem);
          xmlStopParser (r->ctxt);
          return;
        }
      r->n_skipped++;
      if (r->options->warning_func != NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s (unit skipped)", problem);
          r->options->warning_func (message, r->options->warning_data);
        }
      bitext_tm__unit_reset (r->unit);
      return;
    }
  if (r->keep)
    {
      bitext_tm_append_unit (r->tm, r->unit);
      r->unit = bitext_tm_unit_new ();
      return;
    }
  if (!r->func (r->tm, r->unit, r->user_data, &r->error))
    {
      if (r->error == NULL)
        g_set_error (&r->error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: reading stopped",
                     r->name);
      xmlStopParser (r->ctxt);
    }
  bitext_tm__unit_reset (r->unit);
}

static void
on_end (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  (void) prefix, (void) uri;
  Reader *r = ctx;
  if (r->skip_depth > 0)
    {
      r->skip_depth--;
      return;
    }
  if (r->annotation != NULL)
    {
      r->annotation->text = g_strndup (r->field->str, r->field->len);
      r->annotation = NULL;
      return;
    }
  switch (r->where)
    {
    case IN_SEG:
      if (r->seg_depth == 0)
        {
          r->where = IN_TUV;
          return;
        }
      r->seg_depth--;
      r->code_depth -= bitext_tmx__is_code_element ((const char *) localname) ? 1 : 0;
      r->in_control = r->in_control && strcmp ((const char *) localname, "ph") != 0;
      if (r->options->inline_mode == BITEXT_TMX_INLINE_KEEP && !r->options->segments_only)
        g_string_append_printf (r->variant->markup, "</%s>", (const char *) localname);
      return;
    case IN_TUV:
      if (!r->variant_has_seg)
        unit_problem (r, "<tuv> without <seg>");
      r->where = IN_TU;
      return;
    case IN_TU:
      end_tu (r);
      return;
    case IN_HEADER:
    case IN_BODY:
      r->where = IN_TMX;
      return;
    case IN_TMX:
      r->where = IN_DONE;
      return;
    case IN_NONE:
    case IN_DONE:
      return;
    }
}

static void
on_characters (void *ctx, const xmlChar *ch, int len)
{
  Reader *r = ctx;
  if (r->skip_depth > 0)
    return;
  if (r->annotation == NULL && r->where != IN_SEG)
    return;
  if (!charge (r, (gsize) len))
    return;
  if (r->annotation != NULL)
    {
      g_string_append_len (r->field, (const char *) ch, len);
      return;
    }
  gboolean strip = r->options->inline_mode == BITEXT_TMX_INLINE_STRIP;
  if (strip && r->code_depth > 0)
    return;
  if (r->in_control)
    bitext_tmx__append_control_text (r->variant->text, (const char *) ch, (gsize) len);
  else
    g_string_append_len (r->variant->text, (const char *) ch, len);
  if (!r->options->segments_only)
    bitext_tmx__escape_text (r->variant->markup, (const char *) ch, (gsize) len);
}

static void
on_entity_decl (void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                const xmlChar *system_id, xmlChar *content)
{
  (void) type, (void) public_id, (void) system_id, (void) content;
  fail (ctx, BITEXT_ERROR_PARSE,
        "the DOCTYPE declares the entity '%s': refused (TMX allows only XML's predefined "
        "entities; this is how billion-laughs and external-entity attacks start)",
        (const char *) name);
}

static void
on_reference (void *ctx, const xmlChar *name)
{
  fail (ctx, BITEXT_ERROR_PARSE, "undefined entity &%s; (TMX allows only &amp; &lt; &gt; "
        "&apos; &quot; and numeric references)", (const char *) name);
}

/* libxml2's own diagnostics: errors are fatal, warnings are dropped. */
static void
on_xml_error (void *ctx, xmlErrorPtr e)
{
  Reader *r = ctx;
  if (e->level < XML_ERR_ERROR || r->error != NULL)
    return;
  g_autofree char *message = g_strstrip (g_strdup (e->message != NULL ? e->message : "error"));
  int code = e->code == XML_ERR_INVALID_CHAR || e->code == XML_ERR_INVALID_ENCODING
                     || e->code == XML_ERR_UNSUPPORTED_ENCODING
                 ? BITEXT_ERROR_ENCODING
                 : BITEXT_ERROR_PARSE;
  if (e->code == XML_ERR_INVALID_CHAR && strstr (message, "UTF-8") != NULL)
    g_set_error (&r->error, BITEXT_ERROR, code, "%s:%d:%d: invalid UTF-8", r->name, e->line,
                 e->int2);
  else
    g_set_error (&r->error, BITEXT_ERROR, code, "%s:%d:%d: %s%s", r->name, e->line, e->int2,
                 r->where == IN_NONE ? "not a TMX file: " : "", message);
  xmlStopParser (r->ctxt);
}

/* The next at most @size bytes of @source into *@chunk (the source's own memory, valid until the
   next call): their number, 0 at the end, -1 with @error set. */
typedef gssize (*ChunkFunc) (gpointer source, const char **chunk, gsize size, GError **error);

static gboolean parse_chunks (Reader *r, ChunkFunc next, gpointer source, int *line,
                              GError **error);

/* Feed the parser from @next until the end, an error, or a stop; then finish. */
static gboolean
parse (Reader *r, ChunkFunc next, gpointer source, GError **error)
{
  BitextXmlGuard guard;
  bitext_error__xml_guard_begin (&guard);
  int line = 0;
  gboolean ok = parse_chunks (r, next, source, &line, error);
  bitext_error__xml_guard_end (&guard, error, r->name, line);
  return ok;
}

static gboolean
parse_chunks (Reader *r, ChunkFunc next, gpointer source, int *line, GError **error)
{
  xmlSAXHandler sax = { 0 };
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.entityDecl = on_entity_decl;
  sax.reference = on_reference;
  sax.serror = on_xml_error;

  const char *chunk = NULL;
  gssize n = next (source, &chunk, 4, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:1: empty file: not a TMX file",
                   r->name);
      return FALSE;
    }
  g_autoptr(xmlParserCtxt) ctxt = xmlCreatePushParserCtxt (&sax, r, chunk, (int) n, r->name);
  if (ctxt == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: cannot start the XML parser",
                   r->name);
      return FALSE;
    }
  r->ctxt = ctxt;
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  while (r->error == NULL && !ctxt->disableSAX)
    {
      n = next (source, &chunk, CHUNK_SIZE, error);
      if (n < 0)
        return FALSE;
      if (n == 0 && r->where != IN_DONE)
        {
          fail (r, BITEXT_ERROR_PARSE, "the file ends before </tmx>: truncated?");
          break;
        }
      xmlParseChunk (ctxt, chunk, (int) n, n == 0);
      if (n == 0)
        break;
    }
  if (r->error == NULL && r->where != IN_DONE)
    fail (r, BITEXT_ERROR_PARSE, "the XML parser stopped before </tmx>");
  *line = xmlSAX2GetLineNumber (ctxt);
  r->ctxt = NULL;
  if (r->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r->error));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  int fd;
  const char *name;
  char *buf;                /* CHUNK_SIZE bytes */
} FileSource;

static gssize
next_from_fd (gpointer source, const char **chunk, gsize size, GError **error)
{
  FileSource *f = source;
  for (;;)
    {
      gssize n = read (f->fd, f->buf, MIN (size, CHUNK_SIZE));
      *chunk = f->buf;
      if (n >= 0)
        return n;
      if (errno == EINTR)
        continue;
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", f->name,
                   g_strerror (saved));
      return -1;
    }
}

typedef struct
{
  const char *data;
  gsize length;
  gsize offset;
} DataSource;

/* In place: a document in memory is not copied (nor is a 256 KiB buffer allocated for it). */
static gssize
next_from_data (gpointer source, const char **chunk, gsize size, GError **error)
{
  (void) error;
  DataSource *d = source;
  gsize n = MIN (size, d->length - d->offset);
  *chunk = d->data + d->offset;
  d->offset += n;
  return (gssize) n;
}

static void
reader_init (Reader *r, const char *name, const BitextTmxReadOptions *options)
{
  static const BitextTmxReadOptions defaults = BITEXT_TMX_READ_OPTIONS_INIT;
  memset (r, 0, sizeof *r);
  r->name = name;
  r->options = options != NULL ? options : &defaults;
  r->tm = bitext_tm_new (NULL, NULL);
  r->unit = bitext_tm_unit_new ();
  r->field = g_string_new (NULL);
  r->scratch = g_string_new (NULL);
}

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->tm, bitext_tm_free);
  g_clear_pointer (&r->unit, bitext_tm_unit_free);
  g_string_free (r->field, TRUE);
  g_string_free (r->scratch, TRUE);
  g_free (r->unit_problem);
  g_clear_error (&r->error);
}

/* Open @path ("-" for stdin) for reading; directories and the like are refused. */
static int
open_input (const char *path, GError **error)
{
  if (strcmp (path, "-") == 0)
    return dup (STDIN_FILENO);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return -1;
    }
  GStatBuf st;
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, "%s: is a directory", path);
      return -1;
    }
  return fd;
}

static gboolean
read_path (Reader *r, const char *path, GError **error)
{
  int fd = open_input (path, error);
  if (fd < 0)
    return FALSE;
  g_autofree char *buf = g_malloc (CHUNK_SIZE);
  FileSource source = { fd, r->name, buf };
  gboolean ok = parse (r, next_from_fd, &source, error);
  close (fd);
  return ok;
}

/**
 * bitext_tmx_foreach_unit:
 * @path: (type filename): a TMX file, or "-" for stdin
 * @options: (nullable): reading options, %NULL for the defaults
 * @func: called with each well-formed unit, in file order
 * @n_skipped: (out) (optional): the number of malformed units skipped
 *
 * Streams the units of a TMX file. A malformed unit (a <tuv> without
 * xml:lang or <seg>, an unknown element) is reported to options->warning_func
 * as "FILE:LINE: message" and skipped, or is an error in strict mode. A file
 * that is not well-formed XML is an error "FILE:LINE:COL: message" after the
 * units before the fault have been delivered.
 *
 * Returns: %TRUE at the end of the file, %FALSE with @error set
 */
gboolean
bitext_tmx_foreach_unit (const char *path, const BitextTmxReadOptions *options,
                         BitextTmxUnitFunc func, gpointer user_data, guint *n_skipped,
                         GError **error)
{
  g_return_val_if_fail (path != NULL && func != NULL, FALSE);
  Reader r;
  reader_init (&r, bitext__input_name (path), options);
  r.func = func;
  r.user_data = user_data;
  gboolean ok = read_path (&r, path, error);
  if (n_skipped != NULL)
    *n_skipped = r.n_skipped;
  reader_clear (&r);
  return ok;
}

/* After a whole file: the target language is the first unit's first non-source language. */
static void
guess_tgt_lang (BitextTm *tm)
{
  const char *src = bitext_tm_get_src_lang (tm);
  if (tm->units->len == 0 || src == NULL)
    return;
  BitextTmUnit *first = g_ptr_array_index (tm->units, 0);
  for (guint i = 0; i < first->variants->len; i++)
    {
      BitextTmVariant *v = g_ptr_array_index (first->variants, i);
      if (bitext_tm_lang_match (src, v->lang->str) < 2)
        {
          bitext_tm_set_tgt_lang (tm, v->lang->str);
          return;
        }
    }
}

static BitextTm *
finish_read (Reader *r, gboolean ok)
{
  BitextTm *tm = ok ? g_steal_pointer (&r->tm) : NULL;
  reader_clear (r);
  if (tm != NULL)
    guess_tgt_lang (tm);
  return tm;
}

/**
 * bitext_tmx_read_file:
 * @path: (type filename): a TMX file, or "-" for stdin
 * @options: (nullable): reading options
 *
 * Loads a whole TMX file (see bitext_tmx_foreach_unit() for the rules).
 *
 * Returns: (transfer full) (nullable): the memory, or %NULL with @error set
 */
BitextTm *
bitext_tmx_read_file (const char *path, const BitextTmxReadOptions *options, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  Reader r;
  reader_init (&r, bitext__input_name (path), options);
  r.keep = TRUE;
  return finish_read (&r, read_path (&r, path, error));
}

/**
 * bitext_tmx_read_data:
 * @name: the name used in messages
 * @data: (array length=length): the bytes of a TMX document
 *
 * Returns: (transfer full) (nullable): the memory, or %NULL with @error set
 */
BitextTm *
bitext_tmx_read_data (const char *name, const void *data, gsize length,
                      const BitextTmxReadOptions *options, GError **error)
{
  g_return_val_if_fail (name != NULL && (data != NULL || length == 0), NULL);
  Reader r;
  reader_init (&r, name, options);
  r.keep = TRUE;
  DataSource source = { data, length, 0 };
  return finish_read (&r, parse (&r, next_from_data, &source, error));
}
