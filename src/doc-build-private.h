/* bitext — paragraphs with inline codes, as the document readers (DOCX, ODT, PDF) build them (internal). */
#pragma once

#include "docformat-private.h"

G_BEGIN_DECLS

/* The TMX inline element a code becomes: a paired start and end (bpt/ept) or a placeholder (ph). */
typedef enum
{
  DOC_CODE_BEGIN,
  DOC_CODE_END,
  DOC_CODE_PLACEHOLDER,
} DocCodeKind;

/* Formatting a run of text carries; each set bit is one bpt/ept pair around the run. */
typedef enum
{
  DOC_FMT_LINK = 1 << 0,      /* outermost: a hyperlink holds formatted runs */
  DOC_FMT_BOLD = 1 << 1,
  DOC_FMT_ITALIC = 1 << 2,
  DOC_FMT_UNDERLINE = 1 << 3,
} DocFormat;
#define DOC_FMT_N 4

typedef struct
{
  DocCodeKind kind;
  guint id;                 /* TMX i: a BEGIN and its END share it; placeholders have their own */
  gsize offset;             /* byte offset in the paragraph's text where the code stands */
  const char *type;         /* TMX type: "bold", "italic", "ulined", "link", "fnote", "lb" (static) */
  char *native;             /* the code as the source has it, e.g. the link's target; may be NULL */
} DocCode;

typedef struct
{
  GString *text;            /* UTF-8, NFC not applied; no leading or trailing white space */
  GArray *codes;            /* DocCode, by offset */
  char *part;               /* where it comes from: "word/document.xml", "content.xml", "page 3" */
  guint line;               /* line of that part (XML) or of the page (PDF), 1-based; 0 unknown */
  gsize source;             /* the converter's input offset given to the document (see doc_builder_emit) */
} DocPara;

/* The paragraphs of one document, in reading order. */
typedef struct
{
  GPtrArray *paras;         /* DocPara */
  DocPara *cur;             /* the paragraph being built, or NULL */
  guint fmt;                /* DocFormat bits open in cur, in the order of fmt_stack */
  guint fmt_stack[DOC_FMT_N];
  guint id_stack[DOC_FMT_N];  /* TMX i of each open format's BEGIN */
  guint n_open;
  char *link;               /* target of the open link code */
  guint pending_fmt;        /* formatting of the text appended next */
  char *pending_link;
  guint next_id;            /* TMX i of the next code in cur */
  gboolean space;           /* cur ends with collapsible white space not yet written */
  gsize source;             /* source of the paragraphs begun from now on */
} DocBuilder;

DocBuilder *doc_builder_new          (void);
void        doc_builder_free         (DocBuilder *b);
void        doc_builder_begin        (DocBuilder *b, const char *part, guint line);
void        doc_builder_end          (DocBuilder *b);
void        doc_builder_set_format   (DocBuilder *b, guint fmt, const char *link);
void        doc_builder_append       (DocBuilder *b, const char *text, gssize length,
                                      gboolean collapse);
void        doc_builder_placeholder  (DocBuilder *b, const char *type, const char *native);
void        doc_para_free            (DocPara *para);
void        doc_builder_emit         (DocBuilder *b, BitextDocBuilder *out);

/* The readers: append the paragraphs of the document @bytes (the file @name) to @b. */
gboolean    doc_read_docx            (const char *name, GBytes *bytes, DocBuilder *b,
                                      GError **error);
gboolean    doc_read_odt             (const char *name, GBytes *bytes, DocBuilder *b,
                                      GError **error);
gboolean    doc_read_pdf             (const char *name, GBytes *bytes, const char *lang,
                                      DocBuilder *b, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocBuilder, doc_builder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocPara, doc_para_free)

G_END_DECLS
