/* bitext — zip packages (DOCX, ODT) through libgsf, and their XML parts through libxml2, safely (internal). */
#pragma once

#include <gsf/gsf.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

GsfInfile *doc_zip_open        (const char *name, GBytes *bytes, GError **error);
GBytes    *doc_zip_read_member (const char *name, GsfInput *member, const char *path,
                                GError **error);
GBytes    *doc_zip_read_path   (const char *name, GsfInfile *zip, const char *path,
                                GError **error);
xmlDoc    *doc_zip_parse_xml   (const char *name, const char *path, GBytes *bytes,
                                GError **error);
/* The part that @part's relationship of @type names, or NULL (none, external, or a target
   that is not a part of the package). Like gsf_open_pkg_open_rel_by_type(), but a target
   through a folder the package lacks, or above the package, is no part: libgsf 1.14's
   walk asserts on the first (a GLib critical on stderr) and leaks its path. */
GsfInput  *doc_zip_open_rel    (GsfInput *part, const char *type);
/* libgsf reports damage as GLib messages on stderr: a malformed relationship part
   (_rels/.rels) as criticals of the "XML" domain, a member it cannot open as a warning
   without a domain. Between begin and end they are kept for this thread instead of
   printed, and end fails with the first as "NAME: damaged package: MESSAGE". */
void       doc_zip_log_begin   (void);
gboolean   doc_zip_log_end     (const char *name, GError **error);
/* @read (a package reader) between doc_zip_log_begin() and doc_zip_log_end(): what libgsf
   logs makes the package damaged, and that explains the failure it leads to. */
gboolean   doc_zip_read_quietly (gboolean (*read) (const char *, GBytes *, gpointer, GError **),
                                 const char *name, GBytes *bytes, gpointer builder,
                                 GError **error);
gboolean   doc_xml_is          (const xmlNode *node, const char *ns, const char *local);
const char *doc_xml_attr       (const xmlNode *node, const char *ns, const char *local);

G_END_DECLS
