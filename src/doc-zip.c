/* bitext — zip packages (DOCX, ODT) and their XML parts, with bounds on what a hostile file can cost.
 *
 * The container is read with libgsf (GNOME's structured-file library)
 * rather than libarchive: libgsf opens a zip from memory by its central
 * directory, gives members by path and reports errors as GError, and its
 * Open Packaging utilities follow OOXML relationships (which part is the
 * main document, which the footnotes, where a hyperlink points) instead of
 * guessing paths; libarchive is a streaming reader of many archive formats,
 * which would leave relationship parsing to us. libgsf already builds on
 * GLib and libxml2, both dependencies of bitext.
 *
 * Bounds, from Apache POI's ZipSecureFile (the zip-bomb guard of the Java
 * office-document library): at most MAX_ENTRIES members, and no member
 * that inflates to more than MAX_RATIO times the size of the archive
 * unless it is under GRACE_BYTES. libgsf inflates a member to its declared
 * size at most, so checking the declared sizes bounds the memory spent.
 *
 * XML parts are parsed by libxml2 without network access, entity
 * substitution or DTD loading, and a part with a document type declaration
 * is refused before parsing: neither OOXML (ECMA-376 Part 2, Open
 * Packaging Conventions: DTD declarations are not allowed in parts) nor
 * ODF producers write one, so a DOCTYPE is an attempt at external entities
 * (XXE) or entity expansion ("billion laughs").
 */
#include <stdio.h>
#include <string.h>

#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-memory.h>
#include <libxml/parser.h>

#include "error-private.h"
#include "bitext/error.h"
#include "doc-zip-private.h"

#define MAX_ENTRIES 1000                /* POI ZipSecureFile MAX_FILE_COUNT */
#define MAX_RATIO   100                 /* POI ZipSecureFile MIN_INFLATE_RATIO = 0.01 */
#define GRACE_BYTES (100 * 1024)        /* POI ZipSecureFile GRACE_ENTRY_SIZE */

typedef struct
{
  guint n_entries;
  gsize limit;                  /* most bytes a member may declare */
  char *too_big;                /* first member over the limit */
  gsf_off_t too_big_size;
} ZipCensus;

/* Count the members under @dir (at @prefix) and find the first that declares more than the limit. */
static void
census (GsfInfile *dir, const char *prefix, ZipCensus *c)
{
  int n = gsf_infile_num_children (dir);
  for (int i = 0; i < n && c->n_entries <= MAX_ENTRIES; i++)
    {
      g_autoptr(GsfInput) child = gsf_infile_child_by_index (dir, i);
      if (child == NULL)
        continue;
      c->n_entries++;
      g_autofree char *path = g_strconcat (prefix, gsf_input_name (child), NULL);
      if (GSF_IS_INFILE (child) && gsf_infile_num_children (GSF_INFILE (child)) >= 0)
        {
          g_autofree char *sub = g_strconcat (path, "/", NULL);
          census (GSF_INFILE (child), sub, c);
        }
      else if (c->too_big == NULL && gsf_input_size (child) > (gsf_off_t) c->limit)
        {
          c->too_big = g_steal_pointer (&path);
          c->too_big_size = gsf_input_size (child);
        }
    }
}

/*
** Open the zip package in @bytes (the file @name). Fails with one line for
** a file that is not a complete zip, or one whose members would inflate
** beyond the bounds above (a "zip bomb").
*/
GsfInfile *
doc_zip_open (const char *name, GBytes *bytes, GError **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GsfInput) input = gsf_input_memory_new (data, size, FALSE);
  g_autoptr(GError) local = NULL;
  g_autoptr(GsfInfile) zip = gsf_infile_zip_new (input, &local);
  if (zip == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: not a readable zip package (%s): truncated or damaged", name,
                   local != NULL ? local->message : "no central directory");
      return NULL;
    }
  ZipCensus c = { 0, MAX (GRACE_BYTES, (gsize) MAX_RATIO * size), NULL, 0 };
  census (zip, "", &c);
  g_autofree char *too_big = c.too_big;
  if (c.n_entries > MAX_ENTRIES)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                   "%s: zip package with more than %d members: refused as a zip bomb", name,
                   MAX_ENTRIES);
      return NULL;
    }
  if (c.too_big != NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                   "%s: member %s would inflate to %" G_GINT64_FORMAT " bytes, more than %d times "
                   "the %" G_GSIZE_FORMAT "-byte file: refused as a zip bomb", name, c.too_big,
                   (gint64) c.too_big_size, MAX_RATIO, size);
      return NULL;
    }
  return g_steal_pointer (&zip);
}

/* The whole content of @member (@path in the package @name). */
GBytes *
doc_zip_read_member (const char *name, GsfInput *member, const char *path, GError **error)
{
  gsf_off_t size = gsf_input_size (member);
  g_autofree guint8 *buf = g_malloc (size + 1);
  if (size > 0 && gsf_input_read (member, size, buf) == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: member %s cannot be read: the package is damaged", name, path);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buf), size);
}

/* The member at @path ("word/document.xml"), or NULL with @error set when it is missing. */
GBytes *
doc_zip_read_path (const char *name, GsfInfile *zip, const char *path, GError **error)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  g_autoptr(GsfInput) member = gsf_infile_child_by_aname (zip, (const char **) parts);
  if (member == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: no %s in the package", name,
                   path);
      return NULL;
    }
  return doc_zip_read_member (name, member, path, error);
}

/* Whether the XML in @data (@n bytes) has a document type declaration in its prolog. */
static gboolean
has_doctype (const char *data, gsize n)
{
  const char *p = data, *end = data + n;
  while (p < end)
    {
      const char *lt = memchr (p, '<', end - p);
      if (lt == NULL || lt + 1 >= end)
        return FALSE;
      if (lt[1] == '?' || (lt + 3 < end && memcmp (lt, "<!--", 4) == 0))
        {
          const char *close = g_strstr_len (lt, end - lt, lt[1] == '?' ? "?>" : "-->");
          if (close == NULL)
            return FALSE;
          p = close + 2;
          continue;
        }
      return lt[1] == '!';
    }
  return FALSE;
}

/*
** Parse the XML part @path of the package @name. Refuses a part with a
** DOCTYPE (see above); errors give the part, line and libxml2's message.
*/
xmlDoc *
doc_zip_parse_xml (const char *name, const char *path, GBytes *bytes, GError **error)
{
  gsize n = 0;
  const char *data = g_bytes_get_data (bytes, &n);
  if (has_doctype (data, n))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s: %s has a DOCTYPE, which office documents never have: refused "
                   "(external entities or entity expansion)", name, path);
      return NULL;
    }
  if (n > G_MAXINT)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: %s is too large", name, path);
      return NULL;
    }
  BitextXmlGuard guard;
  bitext_error__xml_guard_begin (&guard);
  xmlDoc *doc = xmlReadMemory (data, (int) n, path, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_autofree char *where = g_strdup_printf ("%s: %s", name, path);
  if (doc == NULL)
    {
      const xmlError *e = xmlGetLastError ();
      g_autofree char *msg = g_strstrip (g_strdup (e != NULL && e->message != NULL
                                                   ? e->message : "not well-formed"));
      int line = e != NULL ? e->line : 0;
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d: %s", where, line, msg);
      bitext_error__xml_guard_end (&guard, error, where, line);
      return NULL;
    }
  bitext_error__xml_guard_end (&guard, NULL, where, 0);
  return doc;
}

/* Whether @node is the element @local in the namespace @ns. */
GsfInput *
doc_zip_open_rel (GsfInput *part, const char *type)
{
  GsfOpenPkgRel *rel = gsf_open_pkg_lookup_rel_by_type (part, type);
  if (rel == NULL || gsf_open_pkg_rel_is_extern (rel))
    return NULL;
  const char *target = gsf_open_pkg_rel_get_target (rel);
  if (target == NULL)
    return NULL;
  /* A relative target starts in the folder that holds @part (the package itself for the
     package's own relationships); an absolute one at the package's root. */
  GsfInfile *dir = gsf_input_name (part) != NULL ? gsf_input_container (part) : GSF_INFILE (part);
  if (target[0] == '/')
    while (dir != NULL && gsf_input_container (GSF_INPUT (dir)) != NULL)
      dir = gsf_input_container (GSF_INPUT (dir));
  if (dir == NULL)
    return NULL;
  g_autoptr(GsfInput) here = g_object_ref (GSF_INPUT (dir));
  g_auto(GStrv) steps = g_strsplit (target, "/", -1);
  GsfInput *found = NULL;
  for (guint i = 0; steps[i] != NULL; i++)
    {
      if (steps[i][0] == '\0' || strcmp (steps[i], ".") == 0)
        continue;
      g_clear_object (&found);
      if (strcmp (steps[i], "..") == 0)
        {
          GsfInfile *up = gsf_input_container (here);
          if (up == NULL)
            return NULL;
          GsfInput *next = g_object_ref (GSF_INPUT (up));
          g_object_unref (here);
          here = next;
          continue;
        }
      if (!GSF_IS_INFILE (here))
        return NULL;
      GsfInput *child = gsf_infile_child_by_name (GSF_INFILE (here), steps[i]);
      if (child == NULL)
        return NULL;
      g_object_unref (here);
      here = g_object_ref (child);
      found = child;
    }
  /* The last step must name a member, not a folder. */
  if (found != NULL && GSF_IS_INFILE (found) && gsf_infile_num_children (GSF_INFILE (found)) >= 0)
    g_clear_object (&found);
  return found;
}

/* The first message libgsf logged on this thread since doc_zip_log_begin(), or NULL. */
static void
free_kept (gpointer kept)
{
  g_string_free (kept, TRUE);
}

static GPrivate zip_log = G_PRIVATE_INIT (free_kept);

static void
on_xml_log (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  GString *kept = g_private_get (&zip_log);
  if (kept == NULL)
    {
      g_log_default_handler (domain, level, message, data);
      return;
    }
  if (kept->len == 0)
    g_string_append (kept, message != NULL && *message != '\0' ? message : "XML error");
}

/* libgsf 1.14 unreferences the timestamp of a member whose DOS date is invalid (month 13)
   without checking it: a GLib critical about a field bitext never reads. Only that message is
   kept out, and only while a package is read; every other GLib message goes on as usual. */
static void
on_glib_log (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if (g_private_get (&zip_log) != NULL && message != NULL
      && g_str_has_prefix (message, "g_date_time_unref: "))
    return;
  g_log_default_handler (domain, level, message, data);
}

/* libgsf's zip reader also prints the header it found in a damaged member with g_printerr:
   kept out while a package is read (the one-line error says the package is damaged). */
static void
on_printerr (const char *text)
{
  if (g_private_get (&zip_log) == NULL)
    fputs (text, stderr);
}

void
doc_zip_log_begin (void)
{
  static gsize installed = 0;
  if (g_once_init_enter (&installed))
    {
      GLogLevelFlags levels = G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL
                              | G_LOG_FLAG_RECURSION;
      g_log_set_handler ("XML", levels, on_xml_log, NULL);
      g_log_set_handler (NULL, levels, on_xml_log, NULL);
      /* A relationship without Id, Type or Target: libgsf drops it with a warning, and the part
         it names (endnotes, a header) would be lost without a word. Read as damage. */
      g_log_set_handler ("libgsf:open_pkg", levels, on_xml_log, NULL);
      g_log_set_handler ("GLib", G_LOG_LEVEL_CRITICAL | G_LOG_FLAG_FATAL, on_glib_log, NULL);
      g_set_printerr_handler (on_printerr);
      g_once_init_leave (&installed, 1);
    }
  g_private_replace (&zip_log, g_string_new (NULL));
}

gboolean
doc_zip_log_end (const char *name, GError **error)
{
  GString *kept = g_private_get (&zip_log);
  gboolean clean = kept == NULL || kept->len == 0;
  if (!clean)
    {
      g_strchomp (kept->str);
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: damaged package: %s", name,
                   kept->str);
    }
  g_private_replace (&zip_log, NULL);
  return clean;
}

gboolean
doc_zip_read_quietly (gboolean (*read) (const char *, GBytes *, gpointer, GError **),
                      const char *name, GBytes *bytes, gpointer builder, GError **error)
{
  doc_zip_log_begin ();
  g_autoptr(GError) local = NULL;
  gboolean ok = read (name, bytes, builder, &local);
  g_autoptr(GError) damaged = NULL;
  if (!doc_zip_log_end (name, &damaged))
    {
      ok = FALSE;
      g_clear_error (&local);
      local = g_steal_pointer (&damaged);
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

gboolean
doc_xml_is (const xmlNode *node, const char *ns, const char *local)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL
         && strcmp ((const char *) node->name, local) == 0
         && strcmp ((const char *) node->ns->href, ns) == 0;
}

/* The value of the attribute @local in @ns of @node (borrowed), or NULL. */
const char *
doc_xml_attr (const xmlNode *node, const char *ns, const char *local)
{
  for (const xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->ns != NULL && strcmp ((const char *) a->name, local) == 0
        && strcmp ((const char *) a->ns->href, ns) == 0)
      return a->children != NULL ? (const char *) a->children->content : "";
  return NULL;
}
