/* bitext — PDF as paragraphs: poppler's text in reading order, without the page furniture.
 *
 * poppler_page_get_text() gives each page's text in reading order, one line
 * per output line, and poppler_page_get_text_layout() a box per character,
 * from which each line gets its top, bottom and left edge. Then:
 *
 *  - Running heads and feet: from the top of each page down (and from the
 *    bottom up), lines are dropped while the same line, with its digits
 *    counted as one class ("17 / 57" matches "18 / 57"), stands at about the
 *    same height (within its own height) on another page. What is left at
 *    either end that is only a page number ("17", "17 / 57", "Page 3",
 *    "стр. 3", "- 3 -") is dropped too, so a one-page file loses its number.
 *  - Paragraphs: a line starts one after a blank line, when the gap above it
 *    exceeds the document's median gap between lines by more than half the
 *    median line height (half-way between block paragraphs with no extra
 *    space and a blank line between them), when its height differs from
 *    the line above by more than that line's median gap (a heading), or
 *    when it is indented past the paragraph's left edge by that much.
 *    Across a page break a paragraph runs on unless the last line ended a
 *    sentence and the next begins with a capital.
 *  - Hyphenation: a line ending in a hyphen after a letter, before a line
 *    starting with a letter, is joined without the hyphen when the joined
 *    word is in the Hunspell dictionary of the text's language (the
 *    dictionaries of the spelling check), else with it (a compound broken
 *    at its own hyphen). Lines of a paragraph are otherwise joined with a
 *    space: a PDF's line breaks are layout, not text.
 */
#include <math.h>
#include <string.h>

#include <poppler.h>

#include "bitext/error.h"
#include "bitext/segment.h"
#include "doc-build-private.h"
#include "terms-private.h"

typedef struct
{
  char *text;
  double top, bottom, left;
  guint page;                   /* 1-based */
  guint line;                   /* 1-based line of the page's text */
  gboolean blank_before;        /* poppler put an empty line before it */
  gboolean cell;                /* one of several cells side by side (a table row) */
} PdfLine;

static void
line_clear (gpointer data)
{
  g_free (((PdfLine *) data)->text);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* A character of a line and its box's horizontal extent. */
typedef struct
{
  gsize offset;                 /* byte offset in the line */
  double x1, x2;
} PdfChar;

/* @text (transfer full) without its soft hyphens (U+00AD), but for one ending it: a break there. */
static char *
drop_soft_hyphens (char *text)
{
  static const char shy[] = "\xC2\xAD";
  gsize n = strlen (text);
  gboolean at_end = g_str_has_suffix (text, shy);
  GString *out = g_string_sized_new (n);
  for (const char *p = text; *p != '\0';)
    {
      const char *hit = strstr (p, shy);
      const char *stop = hit != NULL ? hit : text + n;
      g_string_append_len (out, p, stop - p);
      p = hit != NULL ? hit + 2 : stop;
    }
  if (at_end)
    g_string_append (out, shy);
  g_free (text);
  return g_string_free (out, FALSE);
}

/*
** Add the line @text (its characters' boxes in @chars) to @lines, split
** into cells where two characters stand further apart than the line's
** height: a word space is a quarter to a third of an em (Bringhurst, The
** Elements of Typographic Style, 2.1.1), so a gap wider than the whole
** line's height is a column gap, as between table cells.
*/
static void
add_line (GArray *lines, const char *text, GArray *chars, PdfLine proto)
{
  double h = proto.bottom - proto.top;
  gsize from = 0;
  double left = chars->len > 0 ? g_array_index (chars, PdfChar, 0).x1 : 0;
  for (guint i = 0; i <= chars->len; i++)
    {
      const PdfChar *c = i < chars->len ? &g_array_index (chars, PdfChar, i) : NULL;
      const PdfChar *before = i > 0 ? &g_array_index (chars, PdfChar, i - 1) : NULL;
      if (c != NULL && (before == NULL || c->x1 - before->x2 <= h))
        continue;
      gsize to = c != NULL ? c->offset : strlen (text);
      g_autofree char *piece = g_strstrip (g_strndup (text + from, to - from));
      if (*piece != '\0')
        {
          PdfLine l = proto;
          l.text = drop_soft_hyphens (g_steal_pointer (&piece));
          l.left = left;
          l.cell = c != NULL || from > 0;
          g_array_append_val (lines, l);
          proto.blank_before = FALSE;
        }
      from = to;
      left = c != NULL ? c->x1 : 0;
    }
}

/*
** Lines that poppler gives one after the other but that share most of
** their height stand side by side: cells of one table row.
*/
static void
mark_row (PdfLine *a, PdfLine *b)
{
  double overlap = MIN (a->bottom, b->bottom) - MAX (a->top, b->top);
  if (overlap > MIN (a->bottom - a->top, b->bottom - b->top) / 2)
    a->cell = b->cell = TRUE;
}

/* The lines of @page (number @page_no) with their boxes, in poppler's reading order. */
static GArray *
page_lines (PopplerPage *page, guint page_no)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (PdfLine));
  g_array_set_clear_func (lines, line_clear);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    n_rects = 0;
  g_autoptr(GArray) chars = g_array_new (FALSE, FALSE, sizeof (PdfChar));
  guint ci = 0;                 /* character index into rects */
  gboolean blank = FALSE;
  guint line_no = 0;
  const char *p = text != NULL ? text : "";
  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      const char *end = nl != NULL ? nl : p + strlen (p);
      line_no++;
      PdfLine l = { NULL, G_MAXDOUBLE, -G_MAXDOUBLE, 0, page_no, line_no, blank, FALSE };
      g_array_set_size (chars, 0);
      for (const char *q = p; q < end; q = g_utf8_next_char (q), ci++)
        if (ci < n_rects && !g_unichar_isspace (g_utf8_get_char (q)))
          {
            l.top = MIN (l.top, rects[ci].y1);
            l.bottom = MAX (l.bottom, rects[ci].y2);
            PdfChar c = { q - p, rects[ci].x1, rects[ci].x2 };
            g_array_append_val (chars, c);
          }
      ci++;                     /* the newline has a box too */
      if (l.top > l.bottom)
        l.top = l.bottom = 0;
      g_autofree char *line = g_strndup (p, end - p);
      guint before = lines->len;
      add_line (lines, line, chars, l);
      blank = lines->len == before;
      if (!blank && before > 0)
        mark_row (&g_array_index (lines, PdfLine, before - 1), &g_array_index (lines, PdfLine, before));
      p = nl != NULL ? nl + 1 : end;
    }
  g_free (rects);
  return lines;
}

/* The line with digit runs as '#' and white space runs as one space: page numbers compare equal. */
static char *
line_key (const char *text)
{
  GString *k = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isdigit (p[1]))
            p++;
          g_string_append_c (k, '#');
        }
      else if (g_ascii_isspace (*p))
        {
          while (g_ascii_isspace (p[1]))
            p++;
          g_string_append_c (k, ' ');
        }
      else
        g_string_append_c (k, *p);
    }
  return g_string_free (k, FALSE);
}

/* Whether @l repeats, as its key and at about its height, on another page than its own. */
static gboolean
repeats (const PdfLine *l, GPtrArray *pages)
{
  g_autofree char *key = line_key (l->text);
  double h = l->bottom - l->top;
  for (guint pg = 0; pg < pages->len; pg++)
    {
      GArray *other = g_ptr_array_index (pages, pg);
      for (guint i = 0; i < other->len; i++)
        {
          const PdfLine *o = &g_array_index (other, PdfLine, i);
          if (o->page == l->page || fabs (o->top - l->top) > h)
            continue;
          g_autofree char *okey = line_key (o->text);
          if (strcmp (key, okey) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* "17", "17 / 57", "17 of 57", "Page 3", "стр. 3", "- 3 -", "iv": a page number alone. */
static gboolean
is_page_number (const char *text)
{
  static GRegex *re;
  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new (
      "^(?:(?:page|p\\.|стр\\.?|страница|с\\.)\\s*)?[-–—]?\\s*(?:\\d+|[ivxlcdm]+)\\s*[-–—]?"
      "(?:\\s*(?:/|of|из)\\s*\\d+)?$", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (re, text, 0, NULL);
}

/* Drop the running heads and feet and the page numbers of every page (see the top of the file). */
static void
drop_furniture (GPtrArray *pages)
{
  g_autoptr(GArray) drop = g_array_new (FALSE, TRUE, sizeof (guint));
  for (guint pg = 0; pg < pages->len; pg++)
    {
      GArray *lines = g_ptr_array_index (pages, pg);
      guint top = 0, bottom = lines->len;
      while (top < bottom && repeats (&g_array_index (lines, PdfLine, top), pages))
        top++;
      while (bottom > top && repeats (&g_array_index (lines, PdfLine, bottom - 1), pages))
        bottom--;
      if (top < bottom && is_page_number (g_array_index (lines, PdfLine, top).text))
        top++;
      if (bottom > top && is_page_number (g_array_index (lines, PdfLine, bottom - 1).text))
        bottom--;
      g_array_append_val (drop, top);
      g_array_append_val (drop, bottom);
    }
  /* Removed after all pages are judged: each page's furniture is evidence for the others. */
  for (guint pg = 0; pg < pages->len; pg++)
    {
      GArray *lines = g_ptr_array_index (pages, pg);
      guint top = g_array_index (drop, guint, 2 * pg), bottom = g_array_index (drop, guint, 2 * pg + 1);
      g_array_remove_range (lines, bottom, lines->len - bottom);
      g_array_remove_range (lines, 0, top);
    }
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, values->len / 2);
}

/* The median line height and the median gap between consecutive lines of a page. */
static void
measure (GPtrArray *pages, double *height, double *gap)
{
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint pg = 0; pg < pages->len; pg++)
    {
      GArray *lines = g_ptr_array_index (pages, pg);
      for (guint i = 0; i < lines->len; i++)
        {
          const PdfLine *l = &g_array_index (lines, PdfLine, i);
          double h = l->bottom - l->top;
          g_array_append_val (heights, h);
          if (i == 0)
            continue;
          /* Negative when glyph boxes are taller than the leading: still the line's gap. */
          double g = l->top - g_array_index (lines, PdfLine, i - 1).bottom;
          g_array_append_val (gaps, g);
        }
    }
  *height = median (heights);
  *gap = median (gaps);
}

static gboolean
ends_sentence (const char *text)
{
  const char *last = g_utf8_prev_char (text + strlen (text));
  return strchr (".!?:", *last) != NULL || g_str_has_suffix (text, "…")
         || g_str_has_suffix (text, "»") || g_str_has_suffix (text, "”");
}

/*
** Whether @l starts a paragraph after @prev (NULL: the first line of the
** document); @height and @gap are the document's median line height and
** gap, @first the paragraph's first line: a line indented past the one
** above starts a paragraph, unless that one is the first (a hanging indent).
*/
static gboolean
starts_paragraph (const PdfLine *prev, const PdfLine *l, const PdfLine *first, double height,
                  double gap)
{
  if (prev == NULL || l->blank_before || l->cell || prev->cell)
    return TRUE;
  if (prev->page != l->page)
    return ends_sentence (prev->text) && g_unichar_isupper (g_utf8_get_char (l->text));
  double half = height / 2;
  double h_prev = prev->bottom - prev->top, h = l->bottom - l->top;
  return l->top - prev->bottom > gap + half || fabs (h - h_prev) > half
         || (prev != first && l->left - prev->left > half);
}

/*
** Hunspell dictionaries by language, loaded when first needed. With no
** language given, a paragraph's is guessed from its text (a PDF may hold
** an English and a Russian version side by side).
*/
typedef struct
{
  const char *lang;             /* given, or NULL: guessed per paragraph */
  GHashTable *morphs;           /* language -> BitextTermMorph, or NULL when there is no dictionary */
} Dicts;

static void
morph_free (gpointer m)
{
  bitext_term_morph_free (m);
}

/* The dictionary for the paragraph @text going on with @next; NULL if none is installed. */
static BitextTermMorph *
dicts_for (Dicts *d, const char *text, const char *next)
{
  g_autofree char *both = g_strconcat (text, " ", next, NULL);
  const char *lang = d->lang != NULL ? d->lang : bitext_guess_language (both, strlen (both));
  gpointer morph = NULL;
  if (!g_hash_table_lookup_extended (d->morphs, lang, NULL, &morph))
    {
      morph = bitext_term_morph_new (lang, NULL);
      g_hash_table_insert (d->morphs, g_strdup (lang), morph);
    }
  return morph;
}

/* The letters of @s before @end (back to the last non-letter). */
static const char *
word_start (const char *s, const char *end)
{
  const char *p = end;
  while (p > s)
    {
      const char *q = g_utf8_prev_char (p);
      if (!g_unichar_isalpha (g_utf8_get_char (q)))
        break;
      p = q;
    }
  return p;
}

/*
** Append line @next to paragraph text @out: after a hyphen that follows a
** letter and before a letter, without the hyphen if @morph knows the word
** so joined, else keeping it; otherwise after a space.
*/
static void
join_line (GString *out, const char *next, Dicts *dicts)
{
  const char *end = out->str + out->len;
  const char *hy = out->len > 0 ? g_utf8_prev_char (end) : end;
  gunichar c = hy < end ? g_utf8_get_char (hy) : 0;
  gboolean hyphen = c == '-' || c == 0x00AD || c == 0x2010;
  const char *head = hyphen ? word_start (out->str, hy) : hy;
  if (!hyphen || head == hy || !g_unichar_isalpha (g_utf8_get_char (next)))
    {
      g_string_append_c (out, ' ');
      g_string_append (out, next);
      return;
    }
  const char *tail_end = next;
  while (*tail_end != '\0' && g_unichar_isalpha (g_utf8_get_char (tail_end)))
    tail_end = g_utf8_next_char (tail_end);
  g_autofree char *joined = g_strdup_printf ("%.*s%.*s", (int) (hy - head), head,
                                             (int) (tail_end - next), next);
  BitextTermMorph *morph = dicts_for (dicts, out->str, next);
  gboolean known = morph != NULL && bitext_terms__morph_spell (morph, joined, FALSE);
  if (known || c == 0x00AD)
    g_string_truncate (out, hy - out->str);
  g_string_append (out, next);
}

/* Paragraphs from the lines left on @pages, into @b. */
static void
build_paragraphs (GPtrArray *pages, Dicts *dicts, DocBuilder *b)
{
  double height = 0, gap = 0;
  measure (pages, &height, &gap);
  g_autoptr(GString) text = g_string_new (NULL);
  const PdfLine *prev = NULL, *first = NULL;
  for (guint pg = 0; pg <= pages->len; pg++)
    {
      GArray *lines = pg < pages->len ? g_ptr_array_index (pages, pg) : NULL;
      for (guint i = 0; i <= (lines != NULL ? lines->len : 0); i++)
        {
          const PdfLine *l = lines != NULL && i < lines->len ? &g_array_index (lines, PdfLine, i)
                                                             : NULL;
          if (l == NULL && lines != NULL)
            break;
          if (l == NULL || starts_paragraph (prev, l, first, height, gap))
            {
              if (first != NULL)
                {
                  g_autofree char *part = g_strdup_printf ("page %u", first->page);
                  b->source = first->page;
                  doc_builder_begin (b, part, first->line);
                  doc_builder_append (b, text->str, text->len, FALSE);
                  doc_builder_end (b);
                }
              g_string_truncate (text, 0);
              first = l;
              if (l != NULL)
                g_string_append (text, l->text);
            }
          else
            join_line (text, l->text, dicts);
          prev = l;
        }
    }
}

/**
 * doc_read_pdf:
 * @lang: (nullable): the text's language, for the dictionary that undoes
 *   hyphenation; %NULL: guessed from each paragraph's text
 *
 * Append the paragraphs of the PDF @bytes to @b. Fails with one line for an
 * encrypted PDF, a damaged one, or one without text (a scan).
 */
gboolean
doc_read_pdf (const char *name, GBytes *bytes, const char *lang, DocBuilder *b, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_bytes (bytes, NULL, &local);
  if (doc == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                     "%s: the PDF is encrypted (it needs a password): give a decrypted copy "
                     "or its text", name);
      else
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: not a readable PDF (%s)", name,
                     local != NULL ? local->message : "poppler cannot open it");
      return FALSE;
    }
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  int n = poppler_document_get_n_pages (doc);
  gboolean any = FALSE;
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      GArray *lines = page != NULL ? page_lines (page, (guint) i + 1)
                                   : g_array_new (FALSE, TRUE, sizeof (PdfLine));
      any = any || lines->len > 0;
      g_ptr_array_add (pages, lines);
    }
  if (!any)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                   "%s: the PDF has no text (scanned pages?): give it to an OCR program first",
                   name);
      return FALSE;
    }
  drop_furniture (pages);
  Dicts dicts = { lang, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, morph_free) };
  build_paragraphs (pages, &dicts, b);
  g_hash_table_unref (dicts.morphs);
  return TRUE;
}

/* The document layer's converter: paragraphs with the page they start on as their source. */
gboolean
bitext_doc__convert_pdf (BitextDocBuilder *builder, const char *data, gsize length,
                         const BitextDocInput *input, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  g_autoptr(DocBuilder) b = doc_builder_new ();
  if (!doc_read_pdf (input->name, bytes, NULL, b, error))
    return FALSE;
  doc_builder_emit (b, builder);
  return TRUE;
}
