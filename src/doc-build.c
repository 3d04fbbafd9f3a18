/* bitext — building paragraphs with inline codes from the runs of a document (DOCX, ODT, PDF).
 *
 * A reader walks its format's tree and says, for each run of text, which
 * formatting it carries (bold, italic, underline, inside a link). The
 * builder turns changes of formatting into paired codes (TMX bpt/ept) only
 * where text follows, so that a run split in two by the writing program
 * ("For" " " "ninety") costs no codes, and closes whatever is open at the
 * end of a paragraph. White space at either end of a paragraph is dropped;
 * a paragraph without text is dropped with its codes.
 */
#include <string.h>

#include "doc-build-private.h"

/* Canonical order in which formats open: a link holds formatted runs, not the other way round. */
static const DocFormat fmt_order[DOC_FMT_N] = {
  DOC_FMT_LINK, DOC_FMT_BOLD, DOC_FMT_ITALIC, DOC_FMT_UNDERLINE,
};

static const char *
fmt_type (guint bit)
{
  switch (bit)
    {
    case DOC_FMT_LINK: return "link";
    case DOC_FMT_BOLD: return "bold";
    case DOC_FMT_ITALIC: return "italic";
    default: return "ulined";
    }
}

static void
code_clear (gpointer data)
{
  g_free (((DocCode *) data)->native);
}

void
doc_para_free (DocPara *para)
{
  if (para == NULL)
    return;
  g_string_free (para->text, TRUE);
  g_array_unref (para->codes);
  g_free (para->part);
  g_free (para);
}

DocBuilder *
doc_builder_new (void)
{
  DocBuilder *b = g_new0 (DocBuilder, 1);
  b->paras = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_para_free);
  return b;
}

void
doc_builder_free (DocBuilder *b)
{
  if (b == NULL)
    return;
  doc_para_free (b->cur);
  g_ptr_array_unref (b->paras);
  g_free (b->link);
  g_free (b->pending_link);
  g_free (b);
}

/* Start a paragraph from @part at @line; one already open is ended first. */
void
doc_builder_begin (DocBuilder *b, const char *part, guint line)
{
  if (b->cur != NULL)
    doc_builder_end (b);
  DocPara *p = g_new0 (DocPara, 1);
  p->text = g_string_new (NULL);
  p->codes = g_array_new (FALSE, TRUE, sizeof (DocCode));
  g_array_set_clear_func (p->codes, code_clear);
  p->part = g_strdup (part);
  p->line = line;
  p->source = b->source;
  b->cur = p;
  b->n_open = 0;
  b->fmt = 0;
  b->next_id = 1;
  b->space = FALSE;
  g_clear_pointer (&b->link, g_free);
  doc_builder_set_format (b, 0, NULL);
}

static void
add_code (DocBuilder *b, DocCodeKind kind, guint id, const char *type, const char *native)
{
  DocCode c = { kind, id, b->cur->text->len, type, g_strdup (native) };
  g_array_append_val (b->cur->codes, c);
}

/* Close open formats from the top of the stack down to (and including) position @depth. */
static void
close_down_to (DocBuilder *b, guint depth)
{
  while (b->n_open > depth)
    {
      b->n_open--;
      guint bit = b->fmt_stack[b->n_open];
      add_code (b, DOC_CODE_END, b->id_stack[b->n_open], fmt_type (bit), NULL);
      b->fmt &= ~bit;
    }
}

/*
** Make the open codes those of @want (a link to @link if DOC_FMT_LINK is
** set): close from the first open format that must go (or a link whose
** target changes) upwards, then open what is missing in canonical order.
*/
static void
apply_format (DocBuilder *b, guint want, const char *link)
{
  guint keep = 0;
  while (keep < b->n_open && (want & b->fmt_stack[keep]) != 0
         && (b->fmt_stack[keep] != DOC_FMT_LINK || g_strcmp0 (link, b->link) == 0))
    keep++;
  close_down_to (b, keep);
  /* Collapsed white space between runs stands outside the codes: after an end, before a start. */
  if (b->space)
    g_string_append_c (b->cur->text, ' ');
  b->space = FALSE;
  for (guint i = 0; i < DOC_FMT_N; i++)
    {
      guint bit = fmt_order[i];
      if ((want & bit) == 0 || (b->fmt & bit) != 0)
        continue;
      b->id_stack[b->n_open] = b->next_id;
      add_code (b, DOC_CODE_BEGIN, b->next_id++, fmt_type (bit),
                bit == DOC_FMT_LINK ? link : NULL);
      if (bit == DOC_FMT_LINK)
        {
          g_free (b->link);
          b->link = g_strdup (link);
        }
      b->fmt_stack[b->n_open++] = bit;
      b->fmt |= bit;
    }
}

/* The formatting of the text appended next; codes change only when text follows. */
void
doc_builder_set_format (DocBuilder *b, guint fmt, const char *link)
{
  b->pending_fmt = fmt;
  g_free (b->pending_link);
  b->pending_link = g_strdup ((fmt & DOC_FMT_LINK) != 0 ? link : NULL);
}

static gboolean
is_collapsible (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Write @text; with @collapse, runs of XML white space become one space (ODF 1.2 section 6.1.2). */
void
doc_builder_append (DocBuilder *b, const char *text, gssize length, gboolean collapse)
{
  g_return_if_fail (b->cur != NULL);
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  for (gsize i = 0; i < n;)
    {
      if (collapse && is_collapsible (text[i]))
        {
          b->space = b->cur->text->len > 0;
          i++;
          continue;
        }
      gsize run = i;
      while (i < n && !(collapse && is_collapsible (text[i])))
        i++;
      apply_format (b, b->pending_fmt, b->pending_link);
      g_string_append_len (b->cur->text, text + run, i - run);
    }
}

/* A code standing for something that is not text: a footnote mark, a line break. */
void
doc_builder_placeholder (DocBuilder *b, const char *type, const char *native)
{
  g_return_if_fail (b->cur != NULL);
  if (b->space)
    g_string_append_c (b->cur->text, ' ');
  b->space = FALSE;
  add_code (b, DOC_CODE_PLACEHOLDER, b->next_id++, type, native);
}

/* Drop white space at both ends of @p's text, moving the codes with it. */
static void
trim (DocPara *p)
{
  gsize end = p->text->len;
  while (end > 0 && g_ascii_isspace (p->text->str[end - 1]))
    end--;
  gsize start = 0;
  while (start < end && g_ascii_isspace (p->text->str[start]))
    start++;
  for (guint i = 0; i < p->codes->len; i++)
    {
      DocCode *c = &g_array_index (p->codes, DocCode, i);
      c->offset = CLAMP (c->offset, start, end) - start;
    }
  g_string_truncate (p->text, end);
  g_string_erase (p->text, 0, start);
}

/* End the paragraph being built (codes still open are closed); kept only if it has text. */
void
doc_builder_end (DocBuilder *b)
{
  if (b->cur == NULL)
    return;
  close_down_to (b, 0);
  b->space = FALSE;
  DocPara *p = g_steal_pointer (&b->cur);
  trim (p);
  if (p->text->len == 0)
    doc_para_free (p);
  else
    g_ptr_array_add (b->paras, p);
}

/* The native markup of code @c, as HTML spells it: <b>, </i>, <a href="...">, <footnote n="1"/>. */
static char *
native_of (const DocCode *c)
{
  static const struct { const char *type, *tag; } tags[] = {
    { "bold", "b" }, { "italic", "i" }, { "ulined", "u" }, { "link", "a" },
  };
  if (c->kind == DOC_CODE_PLACEHOLDER)
    {
      g_autofree char *n = g_markup_escape_text (c->native != NULL ? c->native : "", -1);
      return g_strdup_printf ("<footnote n=\"%s\"/>", n);
    }
  const char *tag = "span";
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (strcmp (c->type, tags[i].type) == 0)
      tag = tags[i].tag;
  if (c->kind == DOC_CODE_END)
    return g_strdup_printf ("</%s>", tag);
  if (c->native == NULL)
    return g_strdup_printf ("<%s>", tag);
  g_autofree char *href = g_markup_escape_text (c->native, -1);
  return g_strdup_printf ("<%s href=\"%s\">", tag, href);
}

/*
** Hand the paragraphs built to the document layer's builder @out, in
** preserve mode (the readers have settled white space already): text
** between codes, line breaks as LF, codes with their native markup.
** Every piece gets its paragraph's source (see the readers for what that
** is: 0 for DOCX and ODT, whose text has no byte offset in the file).
*/
void
doc_builder_emit (DocBuilder *b, BitextDocBuilder *out)
{
  doc_builder_end (b);
  bitext_doc__builder_set_preserve (out, TRUE);
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < b->paras->len; i++)
    {
      const DocPara *p = g_ptr_array_index (b->paras, i);
      gsize at = 0;
      g_hash_table_remove_all (ids);
      for (guint k = 0; k <= p->codes->len; k++)
        {
          const DocCode *c = k < p->codes->len ? &g_array_index (p->codes, DocCode, k) : NULL;
          gsize to = c != NULL ? c->offset : p->text->len;
          bitext_doc__builder_text (out, p->text->str + at, to - at, p->source);
          at = to;
          if (c == NULL)
            break;
          g_autofree char *native = native_of (c);
          if (c->kind == DOC_CODE_BEGIN)
            g_hash_table_insert (ids, GUINT_TO_POINTER (c->id), GUINT_TO_POINTER (
              bitext_doc__builder_open_code (out, native, c->type, p->source)));
          else if (c->kind == DOC_CODE_END)
            bitext_doc__builder_close_code (out, GPOINTER_TO_UINT (g_hash_table_lookup (
              ids, GUINT_TO_POINTER (c->id))), native, p->source);
          else
            bitext_doc__builder_isolated_code (out, native, c->type, p->source);
        }
      bitext_doc__builder_end_paragraph (out);
    }
}
