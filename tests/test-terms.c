/* bitext tests — term extraction: C-value, Dice/LLR, dictionary forms, glossary files, the speech. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include <bitext/terms.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "terms-private.h"
#include "test-util.h"

/* Candidates */

/*
** Hand-computed C-value (weight log2 (|a| + 1)): "missile defence" occurs
** 3 times, twice inside "missile defence system" (2 times), never alone
** elsewhere; "missile" once more alone.
**   C(missile defence system) = log2 4 * 2 = 4
**   C(missile defence)        = log2 3 * (3 - 2/1) = 1.585
**   C(missile)                = log2 2 * (4 - t/c), t = (2 - 0) + (3 - 2) = 3, c = 2 -> 2.5
*/
static void
test_cvalue (void)
{
  const char *texts[] = { "The missile defence system works.", "A missile defence system again.",
                          "Missile defence, then.", "One missile." };
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;   /* min_freq 2: the 4-grams are out */
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTermCandidates) c = bitext_terms_find_candidates ("en", texts, 4, &options, &error);
  g_assert_no_error (error);
  static const struct
  {
    const char *text;
    double cvalue;
    guint freq;
  } expected[] = {
    { "missile defence system", 4.0, 2 },
    { "missile", 2.5, 4 },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < bitext_term_candidates_get_n (c); i++)
        {
          const BitextTermCandidate *x = bitext_term_candidates_get (c, i);
          if (g_ascii_strcasecmp (x->text, expected[k].text) != 0)
            continue;
          found = TRUE;
          g_assert_cmpfloat_with_epsilon (x->cvalue, expected[k].cvalue, 1e-9);
          g_assert_cmpuint (x->freq, ==, expected[k].freq);
        }
      g_assert_true (found);
    }
  /* "missile defence": 3 occurrences, nested twice in one longer candidate. */
  for (guint i = 0; i < bitext_term_candidates_get_n (c); i++)
    {
      const BitextTermCandidate *x = bitext_term_candidates_get (c, i);
      if (g_ascii_strcasecmp (x->text, "missile defence") == 0)
        g_assert_cmpfloat_with_epsilon (x->cvalue, log2 (3.0) * (3 - 2), 1e-9);
      /* Nothing starts or ends with a stop word, nothing crosses the comma. */
      g_assert_false (g_str_has_prefix (x->text, "The ") || g_str_has_suffix (x->text, " then"));
      /* "defence system" only ever occurs inside "missile defence system": C-value 0, dropped. */
      g_assert_cmpstr (x->text, !=, "defence system");
    }
  g_assert_cmpuint (bitext_term_candidates_get (c, 0)->n_units, ==, 2);
  g_assert_cmpuint (bitext_term_candidates_get (c, 0)->units[1], ==, 1);
}

static void
test_candidates_acronym_and_hyphen (void)
{
  const char *texts[] = { "NATO-Russia talks on ICBMs.", "The NATO-Russia Council met; ICBM launches.",
                          "Us and US." };
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  g_autoptr(BitextTermCandidates) c = bitext_terms_find_candidates ("en", texts, 3, &options, NULL);
  gboolean icbm = FALSE, hyphen = FALSE;
  for (guint i = 0; i < bitext_term_candidates_get_n (c); i++)
    {
      const BitextTermCandidate *x = bitext_term_candidates_get (c, i);
      icbm |= x->acronym && x->freq == 2 && g_str_has_prefix (x->text, "ICBM");
      hyphen |= strcmp (x->text, "NATO-Russia") == 0 && x->n_words == 1 && x->name;
      g_assert_cmpstr (x->text, !=, "US"); /* "Us" is a stop word, "US" an acronym: once each */
    }
  g_assert_true (icbm);
  g_assert_true (hyphen);
}

/* Whether candidate @text (case-insensitive) is among @c; its C-value into @cvalue. */
static gboolean
has_candidate (const BitextTermCandidates *c, const char *text, double *cvalue)
{
  for (guint i = 0; i < bitext_term_candidates_get_n (c); i++)
    {
      const BitextTermCandidate *x = bitext_term_candidates_get (c, i);
      if (g_ascii_strcasecmp (x->text, text) == 0)
        {
          if (cvalue != NULL)
            *cvalue = x->cvalue;
          return TRUE;
        }
    }
  return FALSE;
}

/*
** Unithood: "NATO and Russia" (an acronym coordinated) is two terms, not
** one; "Russia's ICBM" starts with a possessive, a determiner. "command and
** control" only occurs inside "command and control system", whose head
** "system" occurs alone too: it keeps its occurrences,
**   C(command and control) = log2 (3 + 1) * 2 = 4,
** where plain C-value would give 2 - 2/1 = 0 and drop it.
*/
static void
test_candidates_unithood (void)
{
  const char *texts[] = {
    "NATO and Russia agreed.", "NATO and Russia met again.", "Russia's ICBM flew.",
    "Russia's ICBM failed.", "The command and control system works.",
    "A command and control system failed.", "The system is old.", "Another system is new.",
  };
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  g_autoptr(BitextTermCandidates) c = bitext_terms_find_candidates ("en", texts, G_N_ELEMENTS (texts),
                                                                    &options, NULL);
  g_assert_false (has_candidate (c, "NATO and Russia", NULL));
  g_assert_false (has_candidate (c, "Russia's ICBM", NULL));
  g_assert_true (has_candidate (c, "ICBM", NULL));
  double cv = 0;
  g_assert_true (has_candidate (c, "command and control", &cv));
  g_assert_cmpfloat_with_epsilon (cv, 4.0, 1e-9);
  g_assert_true (has_candidate (c, "command and control system", NULL));
}

/*
** Competitive linking and acronyms of phrases: "MD" co-occurs equally with
** «центр», «ПРО» and «центр ПРО»; it spells the initials of "missile
** defence", whose rendering «противоракетная оборона» «ПРО» abbreviates, so
** it takes «ПРО»; "centre" takes «центр», which MD no longer holds.
*/
static void
test_pairs_acronym_of_phrase (void)
{
  static const BitextTextPair units[] = {
    { "Missile defence protects Europe.", "Противоракетная оборона защищает Европу." },
    { "We fund missile defence.", "Мы финансируем противоракетную оборону." },
    { "The MD centre opened.", "Центр ПРО открылся." },
    { "The MD centre closed.", "Центр ПРО закрылся." },
  };
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTermList) list = bitext_terms_extract (units, G_N_ELEMENTS (units), &options, &error);
  g_assert_no_error (error);
  guint seen = 0;
  for (guint i = 0; i < bitext_term_list_get_n_pairs (list); i++)
    {
      const BitextTermPair *p = bitext_term_list_get_pair (list, i);
      if (strcmp (p->source, "MD") == 0)
        {
          g_assert_cmpstr (p->target, ==, "ПРО");
          seen |= 1;
        }
      if (g_ascii_strcasecmp (p->source, "missile defence") == 0)
        {
          g_assert_cmpstr (p->target, ==, "противоракетная оборона");
          seen |= 2;
        }
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (bitext_term_list_get_pair (list, j)->target, !=, p->target);
    }
  g_assert_cmpuint (seen, ==, 3);
}

/* Association measures */

/*
** Dunning's G² for k11 = 2, k12 = 1, k21 = 0, k22 = 7 (N = 10), by hand:
**   E11 = 3*2/10 = 0.6, E12 = 3*8/10 = 2.4, E21 = 7*2/10 = 1.4, E22 = 7*8/10 = 5.6
**   G² = 2 (2.40795 - 0.87547 + 1.56200) = 6.18896...
*/
static void
test_llr_dice (void)
{
  double expected = 2 * (2 * log (2 / 0.6) + log (1 / 2.4) + 7 * log (7 / 5.6));
  g_assert_cmpfloat_with_epsilon (bitext_terms__llr (2, 1, 0, 7), expected, 1e-12);
  g_assert_cmpfloat_with_epsilon (bitext_terms__llr (2, 1, 0, 7), 6.188963, 1e-6);
  /* Independence: G² = 0. */
  g_assert_cmpfloat_with_epsilon (bitext_terms__llr (1, 1, 1, 1), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bitext_terms__dice (2, 3, 2), 0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (bitext_terms__dice (0, 3, 2), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bitext_terms__translit_similarity ("Medvedev", "Медведев"), 1.0,
                                  1e-12);
  g_assert_cmpfloat (bitext_terms__translit_similarity ("Chicago", "Чикаго"), >, 0.6);
}

static const char *const translit_cases[][2] = {
  { "Medvedev", "Медведев" }, { "Chicago", "Чикаго" }, { "Rasmussen", "Расмуссен" },
  { "Lisbon", "Лиссабон" }, { "NATO", "НАТО" }, { "Obama", "Медведев" },
};

/* The similarities of translit_cases, each computed 100 times, into @data (double[]). */
static gpointer
translit_repeatedly (gpointer data)
{
  double *out = data;
  for (guint r = 0; r < 100; r++)
    for (guint i = 0; i < G_N_ELEMENTS (translit_cases); i++)
      {
        double sim = bitext_terms__translit_similarity (translit_cases[i][0], translit_cases[i][1]);
        if (r > 0 && sim != out[i])
          out[i] = -1;              /* a reused transliterator must give the same answer */
        else if (r == 0)
          out[i] = sim;
      }
  return NULL;
}

/*
** The transliterator behind bitext_terms__translit_similarity is reused
** (one a thread): reused, and from four threads at once, it gives what one
** call on the main thread gives.
*/
static void
test_translit_threads (void)
{
  double expected[G_N_ELEMENTS (translit_cases)];
  for (guint i = 0; i < G_N_ELEMENTS (translit_cases); i++)
    expected[i] = bitext_terms__translit_similarity (translit_cases[i][0], translit_cases[i][1]);
  g_assert_cmpfloat_with_epsilon (expected[0], 1.0, 1e-12);
  g_assert_cmpfloat (expected[5], <, 0.5);
  double got[4][G_N_ELEMENTS (translit_cases)];
  GThread *threads[4];
  for (guint t = 0; t < 4; t++)
    threads[t] = g_thread_new ("translit", translit_repeatedly, got[t]);
  for (guint t = 0; t < 4; t++)
    g_thread_join (threads[t]);
  for (guint t = 0; t < 4; t++)
    for (guint i = 0; i < G_N_ELEMENTS (translit_cases); i++)
      g_assert_cmpfloat (got[t][i], ==, expected[i]);
}

/* Pairs on a tiny memory: each source term's rendering, in dictionary form. */
static void
test_pairs_tiny (void)
{
  static const BitextTextPair units[] = {
    { "The missile defence system is ready.", "Система противоракетной обороны готова." },
    { "We discuss missile defence.", "Мы обсуждаем противоракетную оборону." },
    { "Missile defence is costly.", "Противоракетная оборона стоит дорого." },
    { "Medvedev spoke.", "Медведев выступил." },
    { "President Medvedev came.", "Президент Медведев приехал." },
    { "The weather is fine.", "Погода хорошая." },
  };
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTermList) list = bitext_terms_extract (units, G_N_ELEMENTS (units), &options, &error);
  g_assert_no_error (error);
  gboolean md = FALSE, name = FALSE;
  for (guint i = 0; i < bitext_term_list_get_n_pairs (list); i++)
    {
      const BitextTermPair *p = bitext_term_list_get_pair (list, i);
      if (g_ascii_strcasecmp (p->source, "missile defence") == 0)
        {
          md = TRUE;
          g_assert_cmpstr (p->target, ==, "противоракетная оборона");
          g_assert_cmpuint (p->freq, ==, 3);
          g_assert_cmpfloat_with_epsilon (p->dice, 1.0, 1e-12);
          g_assert_cmpuint (p->n_examples, ==, 3);
          g_assert_cmpuint (g_strv_length ((char **) p->variants), ==, 3);
        }
      if (strcmp (p->source, "Medvedev") == 0)
        {
          name = TRUE;
          g_assert_cmpstr (p->target, ==, "Медведев");
        }
    }
  g_assert_true (md);
  g_assert_true (name);
}

/* Dictionary forms */

static void
test_morph_russian (void)
{
  g_autoptr(BitextTermMorph) m = bitext_term_morph_new ("ru", NULL);
  if (m == NULL)
    {
      g_test_skip ("no Hunspell ru_RU dictionary (apt-get install hunspell-ru)");
      return;
    }
  static const struct
  {
    const char *seen;
    gboolean plural;
    const char *expected;
  } cases[] = {
    { "противоракетной обороны", FALSE, "противоракетная оборона" },
    { "баллистических ракет", FALSE, "баллистическая ракета" },
    { "стратегической стабильностью", FALSE, "стратегическая стабильность" },
    { "глобальной безопасности", FALSE, "глобальная безопасность" },
    { "командного пункта", FALSE, "командный пункт" },
    { "новыми средствами обнаружения", FALSE, "новое средство обнаружения" },
    { "сил стратегического сдерживания", TRUE, "силы стратегического сдерживания" },
    { "ракет-перехватчиков", FALSE, "ракета-перехватчик" },
    { "синей книге", FALSE, "синяя книга" },
    { "русском языке", FALSE, "русский язык" },
    { "Промежуточного потенциала", FALSE, "Промежуточный потенциал" },
    { "центре обобщения данных", FALSE, "центр обобщения данных" },
    { "НАТО", FALSE, "НАТО" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bitext_term_morph_dup_lemma (m, cases[i].seen, cases[i].plural);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* One analyser's lemmas, many times over: a thread of test_morph_shared. */
static gpointer
lemmatise_often (gpointer data)
{
  BitextTermMorph *m = data;
  for (int k = 0; k < 200; k++)
    {
      g_autofree char *got = bitext_term_morph_dup_lemma (m, "баллистических ракет", FALSE);
      if (g_strcmp0 (got, "баллистическая ракета") != 0)
        return g_steal_pointer (&got);
    }
  return NULL;
}

/*
** The dictionary is loaded once per process and shared: an analyser freed
** leaves the others working, and analysers on four threads at once (one
** Hunspell handle under its lock) all get the right lemmas.
*/
static void
test_morph_shared (void)
{
  BitextTermMorph *first = bitext_term_morph_new ("ru", NULL);
  if (first == NULL)
    {
      g_test_skip ("no Hunspell ru_RU dictionary (apt-get install hunspell-ru)");
      return;
    }
  BitextTermMorph *m[4];
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    m[i] = bitext_term_morph_new ("ru", NULL);
  bitext_term_morph_free (first);
  GThread *threads[G_N_ELEMENTS (m)];
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    threads[i] = g_thread_new ("lemmas", lemmatise_often, m[i]);
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    {
      g_autofree char *wrong = g_thread_join (threads[i]);
      g_assert_null (wrong);
      bitext_term_morph_free (m[i]);
    }
}

static void
test_morph_english (void)
{
  g_autoptr(BitextTermMorph) m = bitext_term_morph_new ("en", NULL);
  if (m == NULL)
    {
      g_test_skip ("no Hunspell en_US dictionary (apt-get install hunspell-en-us)");
      return;
    }
  static const char *const cases[][2] = {
    { "ballistic missiles", "ballistic missile" }, { "interceptors", "interceptor" },
    { "rules of engagement", "rules of engagement" }, { "United States", "United States" },
    { "capabilities", "capability" }, { "analysis", "analysis" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bitext_term_morph_dup_lemma (m, cases[i][0], FALSE);
      g_assert_cmpstr (got, ==, cases[i][1]);
    }
}

/* Glossary files */

static BitextTermList *
sample_list (void)
{
  BitextTermList *list = bitext_term_list_new ("en", "ru");
  static const char *const forms[] = { "противоракетной обороны", "противоракетную оборону", NULL };
  static const char *const none[] = { NULL };
  static const guint ex[] = { 4, 17, 22 };
  BitextTermPair a = { .source = "missile defence", .target = "противоракетная оборона",
                       .variants = forms, .note = "", .example = "NATO & Russia: \"missile defence\", <now>",
                       .score = 32.967, .dice = 0.75, .llr = 61.25, .freq = 21, .examples = ex,
                       .n_examples = 3 };
  BitextTermPair b = { .source = "command and control", .target = "боевое управление",
                       .variants = none, .note = "not «командование и контроль», a, b\tc",
                       .example = "", .score = 2.5, .freq = 2 };
  bitext_term_list_add (list, &a);
  bitext_term_list_add (list, &b);
  return list;
}

static void
assert_same_entries (const BitextTermList *a, const BitextTermList *b, gboolean evidence)
{
  g_assert_cmpuint (bitext_term_list_get_n_pairs (a), ==, bitext_term_list_get_n_pairs (b));
  for (guint i = 0; i < bitext_term_list_get_n_pairs (a); i++)
    {
      const BitextTermPair *x = bitext_term_list_get_pair (a, i), *y = bitext_term_list_get_pair (b, i);
      g_assert_cmpstr (x->source, ==, y->source);
      g_assert_cmpstr (x->target, ==, y->target);
      g_assert_cmpuint (g_strv_length ((char **) x->variants), ==, g_strv_length ((char **) y->variants));
      for (guint k = 0; x->variants[k] != NULL; k++)
        g_assert_cmpstr (x->variants[k], ==, y->variants[k]);
      if (!evidence)
        continue;
      g_assert_cmpstr (x->example, ==, y->example);
      g_assert_cmpfloat_with_epsilon (x->score, y->score, 1e-9);
      g_assert_cmpuint (x->freq, ==, y->freq);
    }
}

/* Write, read back, write again: the same entries, the same bytes. */
static void
roundtrip (BitextTermFormat format, gboolean evidence)
{
  g_autoptr(BitextTermList) list = sample_list ();
  gsize n1, n2;
  g_autofree char *data = bitext_term_list_to_data (list, format, &n1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTermList) back = bitext_term_list_load_data ("x", data, n1, format, "en", "ru", &error);
  g_assert_no_error (error);
  assert_same_entries (list, back, evidence);
  g_autofree char *again = bitext_term_list_to_data (back, format, &n2);
  g_assert_cmpstr (data, ==, again);
}

static void
test_tsv_roundtrip (void)
{
  roundtrip (BITEXT_TERM_FORMAT_TSV, TRUE);
}

static void
test_csv_roundtrip (void)
{
  roundtrip (BITEXT_TERM_FORMAT_CSV, TRUE);
}

static void
test_omegat_roundtrip (void)
{
  roundtrip (BITEXT_TERM_FORMAT_OMEGAT, FALSE);
  g_autoptr(BitextTermList) list = sample_list ();
  g_autofree char *data = bitext_term_list_to_data (list, BITEXT_TERM_FORMAT_OMEGAT, NULL);
  /* OmegaT's format: three tab-separated columns, the comment free text. */
  g_assert_nonnull (strstr (data, "\nmissile defence\tпротиворакетная оборона\t21 units; forms: "
                                  "противоракетной обороны | противоракетную оборону\n"));
  g_assert_nonnull (strstr (data, "\ncommand and control\tбоевое управление\tnot «командование и "
                                  "контроль», a, b c\n"));
}

/* TBX-Basic structure: martif/text/body/termEntry/langSet/tig/term, checked with XPath. */
static void
test_tbx_structure (void)
{
  g_autoptr(BitextTermList) list = sample_list ();
  gsize n;
  g_autofree char *data = bitext_term_list_to_data (list, BITEXT_TERM_FORMAT_TBX, &n);
  xmlDoc *doc = xmlReadMemory (data, (int) n, "x.tbx", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  xmlXPathContext *ctx = xmlXPathNewContext (doc);
  static const struct
  {
    const char *xpath;
    int count;
  } checks[] = {
    { "/martif[@type='TBX-Basic'][@xml:lang='en']", 1 },
    { "/martif/martifHeader/fileDesc/sourceDesc/p", 1 },
    { "/martif/text/body/termEntry", 2 },
    { "/martif/text/body/termEntry[1]/langSet[@xml:lang='en']/tig/term[.='missile defence']", 1 },
    { "/martif/text/body/termEntry[1]/langSet[@xml:lang='ru']/tig/term", 3 },
    { "/martif/text/body/termEntry[1]/langSet[@xml:lang='ru']/tig[1]/term[.='противоракетная оборона']", 1 },
    { "/martif/text/body/termEntry[1]/langSet[@xml:lang='ru']/tig/termNote[@type='termType'][.='variant']", 2 },
    { "/martif/text/body/termEntry[1]/langSet[@xml:lang='en']/tig/descrip[@type='context']", 1 },
    { "/martif/text/body/termEntry[2]/note[.='not «командование и контроль», a, b\tc']", 1 },
    { "//*[not(self::martif or self::martifHeader or self::fileDesc or self::sourceDesc or self::p "
      "or self::encodingDesc or self::text or self::body or self::termEntry or self::langSet or "
      "self::tig or self::term or self::termNote or self::descrip or self::note)]", 0 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      xmlXPathObject *r = xmlXPathEvalExpression (BAD_CAST checks[i].xpath, ctx);
      g_assert_nonnull (r);
      int count = r->nodesetval != NULL ? r->nodesetval->nodeNr : 0;
      if (count != checks[i].count)
        g_error ("%s: %d nodes, expected %d", checks[i].xpath, count, checks[i].count);
      xmlXPathFreeObject (r);
    }
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);
}

static void
test_tbx_roundtrip (void)
{
  roundtrip (BITEXT_TERM_FORMAT_TBX, TRUE);
}

static void
test_tbx_v3_read (void)
{
  static const char tbx[] =
    "<?xml version='1.0'?>\n<tbx type='TBX-Basic' style='dca' xml:lang='en' xmlns='urn:iso:std:iso:30042:ed-2'>"
    "<tbxHeader/><text><body><conceptEntry id='c1'>"
    "<langSec xml:lang='en'><termSec><term>sensor</term></termSec></langSec>"
    "<langSec xml:lang='ru'><termSec><term>средство обнаружения</term></termSec></langSec>"
    "</conceptEntry></body></text></tbx>";
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTermList) list = bitext_term_list_load_data ("v3.tbx", tbx, strlen (tbx),
                                                               BITEXT_TERM_FORMAT_TBX, "en", "ru", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_term_list_get_n_pairs (list), ==, 1);
  g_assert_cmpstr (bitext_term_list_get_pair (list, 0)->target, ==, "средство обнаружения");
}

static void
test_bad_files (void)
{
  static const struct
  {
    const char *data;
    BitextTermFormat format;
    const char *message;
  } cases[] = {
    { "<martif><text><body><termEntry>", BITEXT_TERM_FORMAT_TBX, "bad.tbx:1: " },
    { "<html/>", BITEXT_TERM_FORMAT_TBX, "bad.tbx:1: <html> is not a TBX root" },
    { "# source\ttarget\tscore\nmissile\tракета\thigh\n", BITEXT_TERM_FORMAT_TSV,
      "bad.tbx:2: score and frequency must be numbers" },
    { "source,target,score\n\"missile,ракета,1\n", BITEXT_TERM_FORMAT_CSV,
      "bad.tbx:2: unterminated quoted field" },
    { "only one column\n", BITEXT_TERM_FORMAT_OMEGAT, "bad.tbx:1: expected SOURCE<TAB>TARGET" },
    { "a\tb\xff\n", BITEXT_TERM_FORMAT_TSV, "bad.tbx:1: invalid UTF-8" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextTermList) list = bitext_term_list_load_data (
          "bad.tbx", cases[i].data, strlen (cases[i].data), cases[i].format, "en", "ru", &error);
      g_assert_null (list);
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %zu: '%s' does not start with '%s'", i, error->message, cases[i].message);
    }
}

/* A plain glossary (source, target, note) is read through the QA glossary loader. */
static void
test_plain_glossary (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "samples", "glossary.en-ru.tsv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTermList) list = bitext_term_list_load_file (path, BITEXT_TERM_FORMAT_TSV, "en", "ru", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_term_list_get_n_pairs (list), >=, 20);
  const BitextTermPair *p = bitext_term_list_get_pair (list, 0);
  g_assert_cmpstr (p->source, ==, "missile defence");
  g_assert_cmpstr (p->target, ==, "противоракетная оборона | ПРО");
}

/* The speech */

static GPtrArray *
read_sent (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  return bitext_test_read_lines (path);
}

/* Units from the gold alignment: "[0,1]:[0]" joins sentences 0 and 1 against 0. */
static GPtrArray *
speech_units (GArray *pairs)
{
  g_autoptr(GPtrArray) en = read_sent ("speech.en.sent");
  g_autoptr(GPtrArray) ru = read_sent ("speech.ru.sent");
  g_autoptr(GPtrArray) beads = read_sent ("speech.gold.align");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  for (guint b = 0; b < beads->len; b++)
    {
      g_auto(GStrv) sides = g_strsplit (beads->pdata[b], ":", 2);
      char *joined[2];
      GPtrArray *lines[2] = { en, ru };
      for (int s = 0; s < 2; s++)
        {
          g_auto(GStrv) idx = g_strsplit_set (sides[s], "[],", -1);
          GString *t = g_string_new (NULL);
          for (char **i = idx; *i != NULL; i++)
            if (**i != '\0')
              {
                guint k = (guint) g_ascii_strtoull (*i, NULL, 10);
                g_assert_cmpuint (k, <, lines[s]->len);
                g_string_append_printf (t, "%s%s", t->len > 0 ? " " : "", (char *) lines[s]->pdata[k]);
              }
          joined[s] = g_string_free (t, FALSE);
          g_ptr_array_add (texts, joined[s]);
        }
      BitextTextPair p = { joined[0], joined[1] };
      if (p.source[0] != '\0' && p.target[0] != '\0')
        g_array_append_val (pairs, p);
    }
  return texts;
}

static char *
fold (const char *s)
{
  g_autofree char *f = g_utf8_casefold (s, -1);
  GString *out = g_string_new (NULL);
  for (const char *p = f; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (out, c == 0x0451 ? 0x0435 : c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
matches_whole (BitextGlossary *g, BitextGlossarySide side, const char *text, guint entry)
{
  g_autoptr(GArray) m = bitext_glossary_match (g, side, text);
  for (guint i = 0; m != NULL && i < m->len; i++)
    {
      const BitextTermMatch *x = &g_array_index (m, BitextTermMatch, i);
      if (x->entry == entry && x->start == 0 && x->end == strlen (text))
        return TRUE;
    }
  return FALSE;
}

/*
** The acceptance check of issue 6: of the entries of samples/glossary.en-ru.tsv
** that occur at least twice in the speech, at least 70% are among the top 40
** extracted pairs with a right rendering in dictionary form (one of the
** entry's renderings, case and ё aside).
*/
static void
test_speech_coverage (void)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (BitextTextPair));
  g_autoptr(GPtrArray) texts = speech_units (pairs);
  g_autofree char *gpath = g_test_build_filename (G_TEST_DIST, "..", "samples", "glossary.en-ru.tsv", NULL);
  g_autoptr(BitextGlossary) g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_file (g, gpath, &error));
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  options.top = 0;                 /* all: a miss shows where its source ranked */
  g_autoptr(BitextTermList) list = bitext_terms_extract ((const BitextTextPair *) pairs->data,
                                                         pairs->len, &options, &error);
  g_assert_no_error (error);
  g_autoptr(BitextTermMorph) morph = bitext_term_morph_new ("ru", NULL);
  if (morph == NULL)
    {
      g_test_skip ("no Hunspell ru_RU dictionary: dictionary forms cannot be checked");
      return;
    }
  guint eligible = 0, found = 0;
  for (guint e = 0; e < bitext_glossary_get_n_entries (g); e++)
    {
      guint occurrences = 0;
      for (guint u = 0; u < pairs->len; u++)
        {
          g_autoptr(GArray) m = bitext_glossary_match (g, BITEXT_GLOSSARY_SOURCE,
                                                       g_array_index (pairs, BitextTextPair, u).source);
          for (guint i = 0; i < m->len; i++)
            occurrences += g_array_index (m, BitextTermMatch, i).entry == e;
        }
      if (occurrences < 2)
        continue;
      eligible++;
      const BitextGlossaryEntry *entry = bitext_glossary_get_entry (g, e);
      const char *got = NULL, *seen = NULL;
      guint rank = 0, seen_rank = 0;
      for (guint i = 0; i < bitext_term_list_get_n_pairs (list) && got == NULL; i++)
        {
          const BitextTermPair *p = bitext_term_list_get_pair (list, i);
          if (!matches_whole (g, BITEXT_GLOSSARY_SOURCE, p->source, e))
            continue;
          if (seen == NULL)
            seen = p->target, seen_rank = i + 1;
          g_autofree char *t = fold (p->target);
          for (const char *const *r = entry->targets; *r != NULL && got == NULL; r++)
            {
              g_autofree char *want = fold (*r);
              if (strcmp (t, want) == 0)
                got = p->target, rank = i + 1;
            }
        }
      if (got != NULL && rank > 40)
        got = NULL;
      found += got != NULL;
      g_test_message ("%-4s %-36s %2u occurrences  rank %3u %s", got != NULL ? "ok" : "MISS",
                      entry->source, occurrences, got != NULL ? rank : seen_rank,
                      got != NULL ? got : seen != NULL ? seen : "(no pair)");
    }
  double coverage = eligible > 0 ? 100.0 * found / eligible : 0;
  g_test_message ("speech coverage: %u of %u glossary entries occurring twice or more "
                  "(%.1f%%) in the top 40", found, eligible, coverage);
  g_assert_cmpuint (eligible, >, 0);
  g_assert_cmpfloat (coverage, >=, 70.0);
}

/* Software messages: placeholders and options are code, not words (see in_placeholder in terms.c). */
static void
test_candidates_placeholders (void)
{
  const char *texts[] = {
    "Cannot read block %lu of %s", "Cannot read block %lu at 0x%08lx", "Offset %#<PRIx64> in block %s",
    "Offset %<PRIx64> is bad", "Set {name} with --user", "Set {name} with --user and $HOME",
    "Use $HOME, not --verbose-mode", "Use -v for --verbose-mode", "Only 50% of users", "Not 50% of users",
  };
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  g_autoptr(BitextTermCandidates) c = bitext_terms_find_candidates ("en", texts, G_N_ELEMENTS (texts),
                                                                    &options, NULL);
  static const char *const code[] = { "lu", "s", "0x", "08lx", "PRIx64", "name", "user", "HOME",
                                      "verbose-mode", "verbose", "mode", "v" };
  for (guint i = 0; i < G_N_ELEMENTS (code); i++)
    if (has_candidate (c, code[i], NULL))
      g_error ("placeholder or option \"%s\" taken for a term", code[i]);
  g_assert_true (has_candidate (c, "block", NULL));
  g_assert_true (has_candidate (c, "offset", NULL));
  g_assert_true (has_candidate (c, "users", NULL));
}

/*
** A closed compound takes the phrase that renders it even when its part
** already renders another source ("data", «данные»), and the longer
** rendering wins when the shorter mostly occurs inside it: «база» comes
** with "database" once more than «база данных», but nearly always as part
** of it.
*/
static void
test_pairs_closed_compound (void)
{
  static const BitextTextPair units[] = {
    { "The database is ready.", "База данных готова." },
    { "Open the database now.", "Откройте базу данных сейчас." },
    { "Close the database.", "Закройте базу данных." },
    { "Remove the database.", "Удалите базу." },
    { "The data is old.", "Данные устарели." },
    { "Read the data.", "Прочитайте данные." },
    { "Write the data.", "Запишите данные." },
  };
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTermList) list = bitext_terms_extract (units, G_N_ELEMENTS (units), &options, &error);
  g_assert_no_error (error);
  g_autoptr(BitextTermMorph) m = bitext_term_morph_new ("ru", NULL);
  guint seen = 0;
  for (guint i = 0; i < bitext_term_list_get_n_pairs (list); i++)
    {
      const BitextTermPair *p = bitext_term_list_get_pair (list, i);
      if (strcmp (p->source, "database") == 0)
        {
          g_assert_cmpstr (p->target, ==, m != NULL ? "база данных" : "базу данных");
          seen |= 1;
        }
      if (strcmp (p->source, "data") == 0)
        {
          if (m != NULL)
            g_assert_cmpstr (p->target, ==, "данные");
          seen |= 2;
        }
    }
  g_assert_cmpuint (seen, ==, 3);
}

/*
** Adjectives used as nouns («переменной окружения»: feminine before a neuter
** noun, so the head) and forms voting for the dictionary form: the reading
** that most occurrences allow wins over the reading of the most frequent form.
*/
static void
test_morph_russian_heads (void)
{
  g_autoptr(BitextTermMorph) m = bitext_term_morph_new ("ru", NULL);
  if (m == NULL)
    {
      g_test_skip ("no Hunspell ru_RU dictionary (apt-get install hunspell-ru)");
      return;
    }
  static const struct
  {
    const char *seen, *expected;
  } cases[] = {
    { "переменной окружения", "переменная окружения" },
    { "входных данных", "входные данные" },
    { "данных", "данные" },
    { "противоракетной обороны", "противоракетная оборона" },
    { "базы данных", "база данных" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = bitext_term_morph_dup_lemma (m, cases[i].seen, FALSE);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
  static const struct
  {
    const char *forms[5];
    guint counts[5];
    const char *expected;
  } votes[] = {
    { { "компонента", "компонент", "компоненты", "компонентов", NULL }, { 51, 56, 21, 12 }, "компонент" },
    { { "пикселах", "пикселов", "пикселях", "пикселей", "пиксель" }, { 23, 18, 15, 6, 5 }, "пиксель" },
    { { "статистики", "статистику", "статистика", "статистик", NULL }, { 62, 34, 10, 2 }, "статистика" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (votes); i++)
    {
      g_autoptr(GHashTable) forms = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint k = 0; k < 5 && votes[i].forms[k] != NULL; k++)
        g_hash_table_insert (forms, (gpointer) votes[i].forms[k], GUINT_TO_POINTER (votes[i].counts[k]));
      g_autofree char *got = bitext_terms__dictionary_form (m, forms, FALSE);
      g_assert_cmpstr (got, ==, votes[i].expected);
    }
}

/*
** The judged top 100 of the locale memory (tests/bench/terms/run-locale.sh) is
** well formed: ranks 1..100, a verdict each, a reason for every one not ok.
*/
static void
test_locale_judged (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "terms", "locale-top100.judged.tsv", NULL);
  g_autoptr(GPtrArray) lines = bitext_test_read_lines (path);
  guint rank = 0, ok = 0, partial = 0;
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = lines->pdata[i];
      if (line[0] == '#' || line[0] == '\0' || g_str_has_prefix (line, "rank\t"))
        continue;
      g_auto(GStrv) f = g_strsplit (line, "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_assert_cmpuint ((guint) g_ascii_strtoull (f[0], NULL, 10), ==, ++rank);
      g_assert_true (f[1][0] != '\0' && f[2][0] != '\0');
      gboolean is_ok = strcmp (f[3], "ok") == 0;
      g_assert_true (is_ok || strcmp (f[3], "partial") == 0 || strcmp (f[3], "wrong") == 0);
      g_assert_true (is_ok == (f[4][0] == '\0'));
      ok += is_ok;
      partial += strcmp (f[3], "partial") == 0;
    }
  g_assert_cmpuint (rank, ==, 100);
  g_test_message ("locale top 100: %u ok, %u partial, %u wrong", ok, partial, rank - ok - partial);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/terms/candidates/cvalue", test_cvalue);
  g_test_add_func ("/terms/candidates/acronym-hyphen", test_candidates_acronym_and_hyphen);
  g_test_add_func ("/terms/candidates/unithood", test_candidates_unithood);
  g_test_add_func ("/terms/pairs/acronym-of-phrase", test_pairs_acronym_of_phrase);
  g_test_add_func ("/terms/pairs/llr-dice", test_llr_dice);
  g_test_add_func ("/terms/pairs/tiny", test_pairs_tiny);
  g_test_add_func ("/terms/morph/ru", test_morph_russian);
  g_test_add_func ("/terms/morph/en", test_morph_english);
  g_test_add_func ("/terms/morph/shared", test_morph_shared);
  g_test_add_func ("/terms/format/tsv-roundtrip", test_tsv_roundtrip);
  g_test_add_func ("/terms/format/csv-roundtrip", test_csv_roundtrip);
  g_test_add_func ("/terms/format/omegat-roundtrip", test_omegat_roundtrip);
  g_test_add_func ("/terms/format/tbx-structure", test_tbx_structure);
  g_test_add_func ("/terms/format/tbx-roundtrip", test_tbx_roundtrip);
  g_test_add_func ("/terms/format/tbx-v3-read", test_tbx_v3_read);
  g_test_add_func ("/terms/format/bad-files", test_bad_files);
  g_test_add_func ("/terms/format/plain-glossary", test_plain_glossary);
  g_test_add_func ("/terms/speech/coverage", test_speech_coverage);
  g_test_add_func ("/terms/candidates/placeholders", test_candidates_placeholders);
  g_test_add_func ("/terms/pairs/closed-compound", test_pairs_closed_compound);
  g_test_add_func ("/terms/morph/ru-heads", test_morph_russian_heads);
  g_test_add_func ("/terms/data/locale-judged", test_locale_judged);
  g_test_add_func ("/terms/pairs/translit-threads", test_translit_threads);
  return g_test_run ();
}
