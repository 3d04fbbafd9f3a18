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
gboolean   doc_xml_is          (const xmlNode *node, const char *ns, const char *local);
const char *doc_xml_attr       (const xmlNode *node, const char *ns, const char *local);

G_END_DECLS
