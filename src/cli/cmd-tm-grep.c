/* bitext tm grep — a concordance: the units whose source or target holds a word or phrase,
 * in any inflected form (Snowball stems). */
#include <string.h>
#include <unistd.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"

static char *opt_side = NULL;
static char *opt_lang = NULL;
static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_color = NULL;

static const GOptionEntry entries[] = {
  { "side", 0, 0, G_OPTION_ARG_STRING, &opt_side, "source, target or both (default)", "SIDE" },
  { "lang", 'l', 0, G_OPTION_ARG_STRING, &opt_lang,
    "Search the segments in language LANG only (whichever side)", "LANG" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: each unit's srclang, else the header's)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang,
    "Target language (default: each unit's first other language)", "LANG" },
  { "color", 0, 0, G_OPTION_ARG_STRING, &opt_color,
    "Highlight the matches: auto (default: when stdout is a terminal), always or never", "WHEN" },
  { NULL }
};

/* SGR bold red, as grep(1) highlights by default (GREP_COLORS ms=01;31). */
#define HIGHLIGHT_ON "\033[01;31m"
#define HIGHLIGHT_OFF "\033[m"

typedef struct
{
  BitextTmConcordance *concordance;
  gboolean source, target;    /* the sides searched */
  gboolean color;
  guint64 n_found;
  GString *line;
} Grep;

/* Append @text TSV-escaped, the spans highlighted. */
static void
append_highlighted (Grep *g, const char *text, const GArray *spans)
{
  gsize at = 0;
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      const BitextSpan *s = &g_array_index (spans, BitextSpan, i);
      g_autofree char *before = g_strndup (text + at, s->offset - at);
      g_autofree char *match = g_strndup (text + s->offset, s->length);
      cmd_tm_append_tsv (g->line, before);
      if (g->color)
        g_string_append (g->line, HIGHLIGHT_ON);
      cmd_tm_append_tsv (g->line, match);
      if (g->color)
        g_string_append (g->line, HIGHLIGHT_OFF);
      at = s->offset + s->length;
    }
  cmd_tm_append_tsv (g->line, text + at);
}

/* Search @v when its side is wanted (or it is in --lang); the spans found, or NULL. */
static GArray *
search (Grep *g, const BitextTmVariant *v, gboolean side_wanted, GError **error)
{
  const char *lang = bitext_tm_variant_get_lang (v);
  if (opt_lang != NULL ? bitext_tm_lang_match (opt_lang, lang) < 2 : !side_wanted)
    return g_array_new (FALSE, FALSE, sizeof (BitextSpan));
  return bitext_tm_concordance_find (g->concordance, bitext_tm_variant_get_text (v), lang, error);
}

static gboolean
grep_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  Grep *g = user_data;
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, opt_src_lang);
  BitextTmVariant *tgt = src != NULL ? bitext_tm_unit_choose_target (unit, src, opt_tgt_lang)
                                     : NULL;
  if (tgt == NULL)
    return TRUE;
  g_autoptr(GArray) in_src = search (g, src, g->source, error);
  g_autoptr(GArray) in_tgt = in_src != NULL ? search (g, tgt, g->target, error) : NULL;
  if (in_tgt == NULL)
    return FALSE;
  if (in_src->len == 0 && in_tgt->len == 0)
    return TRUE;
  g->n_found++;
  g_string_printf (g->line, "%u\t", bitext_tm_unit_get_line (unit));
  append_highlighted (g, bitext_tm_variant_get_text (src), in_src);
  g_string_append_c (g->line, '\t');
  append_highlighted (g, bitext_tm_variant_get_text (tgt), in_tgt);
  g_string_append_c (g->line, '\n');
  fputs (g->line->str, stdout);
  return TRUE;
}

static gboolean
parse_choices (Grep *g, GError **error)
{
  const char *side = opt_side != NULL ? opt_side : "both";
  g->source = strcmp (side, "source") == 0 || strcmp (side, "both") == 0;
  g->target = strcmp (side, "target") == 0 || strcmp (side, "both") == 0;
  const char *color = opt_color != NULL ? opt_color : "auto";
  g->color = strcmp (color, "always") == 0 || (strcmp (color, "auto") == 0 && isatty (1));
  if (!g->source && !g->target)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "tm grep: unknown --side '%s' (source, target or both)", side);
  else if (strcmp (color, "always") != 0 && strcmp (color, "auto") != 0
           && strcmp (color, "never") != 0)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 "tm grep: unknown --color '%s' (auto, always or never)", color);
  else
    return TRUE;
  return FALSE;
}

int
cmd_tm_grep (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE PHRASE", "Print the units (line of <tu>, source, target) where PHRASE occurs, in "
                     "any inflected form: words compare by their Snowball stems. Exit status 0 "
                     "found, 1 not found.", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  Grep g = { 0 };
  if (!parse_choices (&g, error))
    return BITEXT_EXIT_ERROR;
  if (argc != 3 || !g_utf8_validate (argv[2], -1, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   argc != 3 ? "tm grep: give FILE and PHRASE; see 'bitext tm grep --help'"
                             : "tm grep: PHRASE is not valid UTF-8");
      return BITEXT_EXIT_ERROR;
    }
  g_autoptr(BitextTmConcordance) concordance = bitext_tm_concordance_new (argv[2]);
  g_autoptr(GString) line = g_string_new (NULL);
  g.concordance = concordance;
  g.line = line;
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.warning_func = cmd_tm_print_warning;
  if (!bitext_tmx_foreach_unit (argv[1], &options, grep_unit, &g, NULL, error))
    return BITEXT_EXIT_ERROR;
  if (!bitext_stdout_finish (error))
    return BITEXT_EXIT_ERROR;
  return g.n_found > 0 ? BITEXT_EXIT_OK : BITEXT_EXIT_FINDINGS;
}
