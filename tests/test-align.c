/* bitext tests — sentence alignment. */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align-private.h"
#include "test-util.h"

#define MAX_SENTS 16

/*
** Align @src with @tgt (NULL-terminated; "" starts a new paragraph), with
** the dictionary entries @dict (source, target pairs, NULL-terminated) if
** not NULL, and return "[0]:[0] [1,2]:[1]".
*/
/* An aligner of English with Russian, with the default options. */
static BitextAligner *
new_en_ru_aligner (void)
{
  BitextAlignOptions options = BITEXT_ALIGN_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  g_autoptr(GError) error = NULL;
  BitextAligner *aligner = bitext_aligner_new (&options, &error);
  g_assert_no_error (error);
  return aligner;
}

static char *
align_with_dict (const char *const *src, const char *const *tgt, const char *const *dict,
                 GArray **out_beads)
{
  const char *s[MAX_SENTS], *t[MAX_SENTS];
  guint sp[MAX_SENTS], tp[MAX_SENTS], ns = 0, nt = 0, para = 0;
  for (guint i = 0; src[i] != NULL; i++)
    if (*src[i] == '\0')
      para++;
    else
      sp[ns] = para, s[ns++] = src[i];
  para = 0;
  for (guint i = 0; tgt[i] != NULL; i++)
    if (*tgt[i] == '\0')
      para++;
    else
      tp[nt] = para, t[nt++] = tgt[i];
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextAligner) aligner = new_en_ru_aligner ();
  for (guint i = 0; dict != NULL && dict[i] != NULL; i += 2)
    g_assert_true (bitext_aligner_add_dict_entry (aligner, dict[i], dict[i + 1]));
  g_autoptr(GArray) beads = bitext_aligner_align (aligner, s, sp, ns, t, tp, nt, &error);
  g_assert_no_error (error);
  GString *str = g_string_new (NULL);
  guint si = 0, ti = 0;
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, i);
      /* Beads cover both sides in order, exactly once. */
      g_assert_cmpuint (b->src_start, ==, si);
      g_assert_cmpuint (b->tgt_start, ==, ti);
      g_assert_cmpfloat (b->score, >=, 0.0);
      g_assert_cmpfloat (b->score, <=, 1.0);
      si += b->src_len;
      ti += b->tgt_len;
      g_autofree char *f = bitext_bead_format (b);
      g_string_append_printf (str, i > 0 ? " %s" : "%s", f);
    }
  g_assert_cmpuint (si, ==, ns);
  g_assert_cmpuint (ti, ==, nt);
  if (out_beads != NULL)
    *out_beads = g_steal_pointer (&beads);
  return g_string_free (str, FALSE);
}

static char *
align_to_string (const char *const *src, const char *const *tgt, GArray **out_beads)
{
  return align_with_dict (src, tgt, NULL, out_beads);
}

typedef struct
{
  const char *name;
  const char *src[MAX_SENTS];
  const char *tgt[MAX_SENTS];
  const char *expected;
  const char *open;         /* known failure, with the reason: reported as incomplete (TODO) */
} Case;

#define TWO_PAIRS_EN                                                                               \
  { "The installer runs on computers with 512 MB of memory.",                                      \
    "Support for graphics cards in Linux 6.1 gets better with every new release of the kernel that its developers publish.", \
    "However, Linux does not support every NVIDIA card.",                                           \
    "If your graphics card is not supported, the installer falls back to a text mode.",           \
    "The text mode works on every computer.", NULL }
#define TWO_PAIRS_RU                                                                               \
  { "Программа установки работает на компьютерах с 512 МБ памяти.",                                \
    "Поддержка видеокарт в Linux 6.1 улучшается с каждым выпуском ядра.",                          \
    "Однако Linux, к сожалению, до сих пор поддерживает далеко не все существующие на сегодняшний день видеокарты NVIDIA.", \
    "Если ваша видеокарта не поддерживается, программа установки переходит в текстовый режим.",    \
    "Текстовый режим работает на любом компьютере.", NULL }

/* An English sentence that the Russian splits in two, the second opening with «Кроме того». */
#define SPLIT_EN_1 "The installer needs 2 GB of disk space."
#define SPLIT_EN_2 \
  "It can partition the disk for you, and it also sets up an encrypted volume on the disk if you ask for one."
#define SPLIT_EN_3 "The whole installation takes about 20 minutes.", \
                   "At the end, the installer asks you to remove the installation medium."
#define SPLIT_EN { SPLIT_EN_1, SPLIT_EN_2, SPLIT_EN_3 }
#define SPLIT_RU_12 "Программе установки нужно 2 ГБ места на диске.", "Она может сама разметить диск.", \
                    "Кроме того, по вашему желанию она создаст на диске зашифрованный том."
#define SPLIT_RU_3 "Вся установка занимает около 20 минут.", \
                   "В конце программа установки попросит извлечь установочный носитель."
#define SPLIT_RU { SPLIT_RU_12, SPLIT_RU_3 }

/* Our own sentences, English and Russian. */
static const Case cases[] = {
  { "1-1",
    { "The bridge over the Volga opened in 1962.", "It is 1,400 metres long.",
      "Boris Kirillov designed it.", "Trains still cross it every hour." },
    { "Мост через Волгу открыли в 1962 году.", "Его длина — 1 400 метров.",
      "Его спроектировал Борис Кириллов.", "Поезда и сейчас проходят по нему каждый час." },
    "[0]:[0] [1]:[1] [2]:[2] [3]:[3]", NULL },
  { "2-1-merge",
    { "The museum opened in 1985.", "It closed in 2009.", "Visitors came from Canada and Brazil.",
      "Professor Ivanova wrote its guide." },
    { "Музей открылся в 1985 году и закрылся в 2009 году.",
      "Посетители приезжали из Канады и Бразилии.", "Путеводитель написала профессор Иванова." },
    "[0,1]:[0] [2]:[1] [3]:[2]", NULL },
  { "1-2-split",
    { "Marina Petrova, who trained in Vienna and Salzburg, joined the orchestra in 2004 and became its first violin in 2011.",
      "The orchestra toured Japan.", "Its last concert was in Geneva." },
    { "Марина Петрова училась в Вене и Зальцбурге.",
      "В 2004 году она пришла в оркестр, а в 2011 году стала его первой скрипкой.",
      "Оркестр гастролировал по Японии.", "Последний концерт прошёл в Женеве." },
    "[0]:[0,1] [1]:[2] [2]:[3]", NULL },
  { "1-3-and-3-1",
    { "Professor Smirnov came from Novosibirsk in 1990, taught chemistry for 12 years in Tomsk, and retired to Sochi in 2002.",
      "The laboratory moved.", "It moved in 2005.", "It moved to Kazan.", "Nobody objected." },
    { "Профессор Смирнов приехал из Новосибирска в 1990 году.",
      "12 лет он преподавал химию в Томске.", "В 2002 году он уехал на пенсию в Сочи.",
      "В 2005 году лаборатория переехала в Казань.", "Никто не возражал." },
    "[0]:[0,1,2] [1,2,3]:[3] [4]:[4]", NULL },
  { "omission-middle",
    { "Anna bought 3 apples in Kazan.", "She paid 120 roubles.",
      "The weather was terrible that week, with heavy rain and strong winds from the north.",
      "Then she took the 18:40 train to Moscow.", "Her brother Oleg met her there." },
    { "Анна купила 3 яблока в Казани.", "Она заплатила 120 рублей.",
      "Потом она села на поезд в 18:40 до Москвы.", "Там её встретил брат Олег." },
    "[0]:[0] [1]:[1] [2]:[] [3]:[2] [4]:[3]", NULL },
  { "insertion-middle",
    { "The summit began on 12 March in Helsinki.", "Ministers from 28 countries attended.",
      "They signed the treaty on 14 March." },
    { "Саммит открылся 12 марта в Хельсинки.", "На нём присутствовали министры 28 стран.",
      "Хельсинки — столица Финляндии, город с населением около 650 тысяч человек, основанный в 1550 году шведским королём Густавом Вазой.",
      "Договор они подписали 14 марта." },
    "[0]:[0] [1]:[1] []:[2] [2]:[3]", NULL },
  { "insertion-start-omission-end",
    { "Chapter 7 describes the Kolyma expedition of 1931.", "The team had 14 members.",
      "Their leader was Yuri Bilibin.",
      "This chapter was never translated, because the publisher in 1998 decided that it was too long and too technical for the general reader." },
    { "Примечание переводчика: все даты приведены по новому стилю, а географические названия даны в современном написании.",
      "В главе 7 описана Колымская экспедиция 1931 года.", "В команде было 14 человек.",
      "Её возглавлял Юрий Билибин." },
    "[]:[0] [0]:[1] [1]:[2] [2]:[3] [3]:[]", NULL },
  { "omission-start-insertion-end",
    { "Editorial note: this text was first published in a different form in a regional newspaper in the spring of 1994.",
      "Pavel Orlov was born in Omsk in 1921.", "He studied physics in Leningrad.", "He died in 1989." },
    { "Павел Орлов родился в Омске в 1921 году.", "Он изучал физику в Ленинграде.",
      "Он умер в 1989 году.",
      "Перевод выполнен по изданию 2001 года, сверен с рукописью и снабжён комментариями и указателем имён." },
    "[0]:[] [1]:[0] [2]:[1] [3]:[2] []:[3]", NULL },
  { "paragraphs-of-different-counts",
    { "Part 1.", "", "The plant in Samara opened in 1957.", "It made 40 engines a day.", "",
      "In 1991 it closed.", "Its workers moved to Tolyatti." },
    { "Часть 1.", "", "Завод в Самаре открылся в 1957 году.", "Он выпускал 40 двигателей в день.",
      "В 1991 году его закрыли.", "Его рабочие переехали в Тольятти." },
    "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4]", NULL },
  { "paragraph-blocks-merge",
    { "The river froze in November.", "", "Ice fishing began in December, and the first fair opened on 20 December." },
    { "Река замёрзла в ноябре.", "", "Подлёдный лов начался в декабре.",
      "Первая ярмарка открылась 20 декабря." },
    "[0]:[0] [1]:[1,2]", NULL },
  { "one-sentence", { "Hello, Maria!" }, { "Привет, Мария!" }, "[0]:[0]", NULL },
  /* Issue 12: two clean pairs, one English sentence long and its Russian short, the next the
  ** other way round, so that only their sums have the expected lengths: not a 2-2 bead. */
  { "two-pairs-stay-apart", TWO_PAIRS_EN, TWO_PAIRS_RU,
    "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4]", NULL },
  /* A long English sentence translated by two Russian ones, the second opening with a connective. */
  { "1-2-split-with-connective",
    SPLIT_EN,
    SPLIT_RU,
    "[0]:[0] [1]:[1,2] [2]:[3] [3]:[4]", NULL },
  { "addition-next-to-split",
    SPLIT_EN,
    { SPLIT_RU_12, "Не забудьте заранее сделать резервную копию всех важных файлов.", SPLIT_RU_3 },
    "[0]:[0] [1]:[1,2] []:[3] [2]:[4] [3]:[5]",
    "issue 12: the added sentence joins the split as a 1-3 bead, whose prior is a deletion's" },
  { "omission-next-to-split",
    { SPLIT_EN_1, "Partitioning is described in chapter 6 of this manual.", SPLIT_EN_2, SPLIT_EN_3 },
    SPLIT_RU,
    "[0]:[0] [1]:[] [2]:[1,2] [3]:[3] [4]:[4]",
    "issue 12: the left-out sentence is paired with the first half of the split, which shifts by one" },
  /* The same addition beside the same split, inside a text whose other pairs let the model be
  ** estimated: the 0-1 bead falls on the added sentence. */
  { "addition-next-to-split-in-a-text",
    { "The bridge over the Volga opened in 1962.", "It is 1,400 metres long.",
      "Boris Kirillov designed it.", "Trains still cross it every hour.", SPLIT_EN_1, SPLIT_EN_2, SPLIT_EN_3,
      "The summit began on 12 March in Helsinki.", "Ministers from 28 countries attended.",
      "They signed the treaty on 14 March." },
    { "Мост через Волгу открыли в 1962 году.", "Его длина — 1 400 метров.",
      "Его спроектировал Борис Кириллов.", "Поезда и сейчас проходят по нему каждый час.",
      SPLIT_RU_12, "Не забудьте заранее сделать резервную копию всех важных файлов.", SPLIT_RU_3,
      "Саммит открылся 12 марта в Хельсинки.", "На нём присутствовали министры 28 стран.",
      "Договор они подписали 14 марта." },
    "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5,6] []:[7] [6]:[8] [7]:[9] [8]:[10] [9]:[11] [10]:[12]", NULL },
  /* The same omission inside a text whose other pairs let the model be estimated. */
  { "omission-next-to-split-in-a-text",
    { "The bridge over the Volga opened in 1962.", "It is 1,400 metres long.",
      "Boris Kirillov designed it.", "Trains still cross it every hour.", SPLIT_EN_1,
      "Partitioning is described in chapter 6 of this manual.", SPLIT_EN_2, SPLIT_EN_3,
      "The summit began on 12 March in Helsinki.", "Ministers from 28 countries attended.",
      "They signed the treaty on 14 March." },
    { "Мост через Волгу открыли в 1962 году.", "Его длина — 1 400 метров.",
      "Его спроектировал Борис Кириллов.", "Поезда и сейчас проходят по нему каждый час.",
      SPLIT_RU_12, SPLIT_RU_3,
      "Саммит открылся 12 марта в Хельсинки.", "На нём присутствовали министры 28 стран.",
      "Договор они подписали 14 марта." },
    "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[] [6]:[5,6] [7]:[7] [8]:[8] [9]:[9] [10]:[10] [11]:[11]",
    "issue 12: the right path costs 2.3 nats more: a deletion and a split (8.5 nats of shape "
    "priors) against the words and lengths that favour it (6.1); the unmatched \"6\" is one key "
    "among nine" },
  /* The same two pairs inside a text whose other pairs let the length model be estimated. */
  { "two-pairs-in-a-text",
    { "The installer runs on computers with 512 MB of memory.",
      "Support for graphics cards in Linux 6.1 gets better with every new release of the kernel that its developers publish.",
      "However, Linux does not support every NVIDIA card.",
      "If your graphics card is not supported, the installer falls back to a text mode.",
      "The text mode works on every computer.",
      "The bridge over the Volga opened in 1962.", "It is 1,400 metres long.",
      "Boris Kirillov designed it.", "Trains still cross it every hour.",
      "The summit began on 12 March in Helsinki.", "Ministers from 28 countries attended.",
      "They signed the treaty on 14 March." },
    { "Программа установки работает на компьютерах с 512 МБ памяти.",
      "Поддержка видеокарт в Linux 6.1 улучшается с каждым выпуском ядра.",
      "Однако Linux, к сожалению, до сих пор поддерживает далеко не все существующие на сегодняшний день видеокарты NVIDIA.",
      "Если ваша видеокарта не поддерживается, программа установки переходит в текстовый режим.",
      "Текстовый режим работает на любом компьютере.",
      "Мост через Волгу открыли в 1962 году.", "Его длина — 1 400 метров.",
      "Его спроектировал Борис Кириллов.", "Поезда и сейчас проходят по нему каждый час.",
      "Саммит открылся 12 марта в Хельсинки.", "На нём присутствовали министры 28 стран.",
      "Договор они подписали 14 марта." },
    "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5] [6]:[6] [7]:[7] [8]:[8] [9]:[9] [10]:[10] [11]:[11]",
    "issue 12: with the length model of a longer text, the two pairs' lengths lie about five "
    "deviations off (their sum near 0) and make a 2-2 bead; their words (Linux in all four) "
    "do not keep them apart" },
  /* Footnotes written to one template: each Russian note shares most of its words with every
  ** English one, and only the numbers tell them apart. */
  { "template-notes",
    { "The bridge over the Volga opened in 1962.", "It is 1,400 metres long.",
      "Boris Kirillov designed it.", "Trains still cross it every hour.",
      "[1] See the user manual, section 2.4 \"Disks\" and the list of disks in the appendix.",
      "[2] See the user manual, section 2.5 \"Priorities\".",
      "[3] See the user manual, section 7.7 \"Relations between source and binary packages\".",
      "[4] The manual is kept on the project's web site." },
    { "Мост через Волгу открыли в 1962 году.", "Его длина — 1 400 метров.",
      "Его спроектировал Борис Кириллов.", "Поезда и сейчас проходят по нему каждый час.",
      "[1] Смотрите руководство пользователя, раздел 2.4 «Диски» и список дисков в приложении.",
      "[2] Смотрите руководство пользователя, раздел 2.5 «Приоритеты».",
      "[3] Смотрите руководство пользователя, раздел 7.7 «Связи между пакетами с исходным кодом и двоичными пакетами».",
      "[4] Руководство хранится на сайте проекта." },
    "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5] [6]:[6] [7]:[7]", NULL },
  { "one-side-much-longer",
    { "The vote was held on 5 June.", "Turnout was 64 per cent.", "The result is final." },
    { "Голосование прошло 5 июня.", "Явка составила 64 процента.", "Результат окончательный.",
      "Приложение 1: список избирательных участков Москвы.", "Участок 101: школа № 12, улица Ленина, 5.",
      "Участок 102: школа № 31, проспект Мира, 40.", "Участок 103: библиотека № 7, улица Гоголя, 18.",
      "Участок 104: дом культуры, улица Пушкина, 2.", "Участок 105: гимназия № 3, Садовая улица, 9." },
    "[0]:[0] [1]:[1] [2]:[2] []:[3] []:[4] []:[5] []:[6] []:[7] []:[8]", NULL },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *got = align_to_string (c->src, c->tgt, NULL);
  if (c->open != NULL && strcmp (got, c->expected) != 0)
    {
      g_test_incomplete_printf ("%s (got %s)", c->open, got);
      return;
    }
  g_assert_cmpstr (got, ==, c->expected);
}

static void
test_empty (void)
{
  const char *none[] = { NULL };
  const char *two[] = { "One.", "Two.", NULL };
  g_autofree char *a = align_to_string (none, none, NULL);
  g_assert_cmpstr (a, ==, "");
  g_autofree char *b = align_to_string (two, none, NULL);
  g_assert_cmpstr (b, ==, "[0]:[] [1]:[]");
  g_autofree char *c = align_to_string (none, two, NULL);
  g_assert_cmpstr (c, ==, "[]:[0] []:[1]");
}

static void
test_format (void)
{
  BitextBead b = { .src_start = 40, .src_len = 2, .tgt_start = 42, .tgt_len = 1 };
  g_autofree char *f = bitext_bead_format (&b);
  g_assert_cmpstr (f, ==, "[40,41]:[42]");
  g_assert_cmpstr (bitext_bead_get_type (&b), ==, "2-1");
  BitextBead e = { .src_start = 3, .src_len = 0, .tgt_start = 7, .tgt_len = 1 };
  g_autofree char *g = bitext_bead_format (&e);
  g_assert_cmpstr (g, ==, "[]:[7]");
  g_assert_cmpstr (bitext_bead_get_type (&e), ==, "0-1");
}

/* Evidence: numbers and a transliterated name count as anchors, a bad pair scores low. */
static void
test_evidence (void)
{
  static const char *src[] = { "Medvedev arrived in Lisbon on 19 November.", NULL };
  static const char *tgt[] = { "Медведев прибыл в Лиссабон 19 ноября.", NULL };
  g_autoptr(GArray) beads = NULL;
  g_autofree char *s = align_to_string (src, tgt, &beads);
  g_assert_cmpstr (s, ==, "[0]:[0]");
  const BitextBead *b = &g_array_index (beads, BitextBead, 0);
  /* 19, Medvedev (prefix and name), Lisbon (name skeleton l-s-b-n). */
  g_assert_cmpuint (b->anchors, ==, 4);
  g_assert_cmpuint (b->dict_hits, ==, 0);
}

/*
** The keys each sentence of a merged bead's larger side is judged on. A
** sentence that matches is judged as in the 1-1 bead it would otherwise
** make (its own keys and the other side's that the rest leave unmatched);
** one that matches nothing, as against a translation of its own size; a
** keyless one shows nothing.
*/
static void
test_member_keys (void)
{
  static const struct
  {
    guint n;
    guint32 off[4];
    guint m[3];
    guint k_other;
    guint k[3];
  } cases[] = {
    /* omission-middle: "She paid 120 roubles." + an unmatched sentence of 8 keys against 3. */
    { 2, { 0, 3, 11 }, { 1, 0 }, 3, { 6, 16 } },
    { 2, { 0, 4, 4 }, { 2, 0 }, 5, { 9, 0 } },
    { 3, { 0, 2, 5, 7 }, { 1, 1, 1 }, 4, { 4, 5, 4 } },
    /* Both sentences match the same key: the other side's unmatched keys never go below none. */
    { 2, { 0, 2, 4 }, { 3, 3 }, 3, { 2, 2 } },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint k[3] = { 0, 0, 0 };
      bitext_align__member_keys (cases[i].n, cases[i].m, cases[i].off, cases[i].k_other, k);
      for (guint x = 0; x < cases[i].n; x++)
        g_assert_cmpuint (k[x], ==, cases[i].k[x]);
    }
}

/*
** A lexical table where the cost falls with the Dice coefficient 2m/k:
** +1 for no match, down to -4 for all keys matched.
*/
static void
dice_table (AlignModel *model)
{
  bitext_align__model_init_gale_church (model, 1.0);
  for (guint m = 0; m < LEX_MAX_M; m++)
    for (guint k = 0; k < LEX_MAX_K; k++)
      model->lex_cost[m][k] = k == 0 ? 0.0f : (float) (1.0 - 5.0 * MIN (1.0, 2.0 * m / k));
}

/*
** Issue 12: a 2-2 bead is credited with no more lexical evidence than its
** best split into 1-1 beads and deletions, however many chance matches
** its sentences find in their neighbours' translations; it keeps its own
** cost where that is the worse of the two.
*/
static void
test_split_cap (void)
{
  g_autofree AlignModel *model = g_new (AlignModel, 1);
  dice_table (model);
  /* Two sentences of 4 keys a side: each diagonal pair shares 3 of its 8 keys (cost -2.75),
  ** the crossed pairs 2 by chance. */
  const guint32 off[3] = { 0, 4, 8 };
  const guint cell[3][3] = { { 3, 2, 0 }, { 2, 3, 0 }, { 0, 0, 0 } };
  float split = bitext_align__split_lex_cost (model, 2, 2, cell, off, off);
  g_assert_cmpfloat_with_epsilon (split, 2 * (1.0 - 5.0 * 6.0 / 8.0), 1e-5);
  /* Read member by member, each sentence matches 5 keys of the pooled other side: better than
  ** the split, and capped to it. */
  g_assert_cmpfloat (bitext_align__members_lex_cost (model, 2, 2, cell, off, off), ==, split);
  /* The second diagonal pair shows nothing: the best split is the first pair and two
  ** deletions, and the merge is still capped to it (it used to keep its own -5.86). */
  const guint half[3][3] = { { 3, 2, 0 }, { 2, 0, 0 }, { 0, 0, 0 } };
  g_assert_cmpfloat_with_epsilon (bitext_align__members_lex_cost (model, 2, 2, half, off, off),
                                  1.0 - 5.0 * 6.0 / 8.0, 1e-5);
  /* The split never pairs crossed sentences: with only crossed matches it keeps the merge's
  ** own cost, which is then the worse one. */
  const guint crossed[3][3] = { { 0, 3, 0 }, { 3, 0, 0 }, { 0, 0, 0 } };
  float merged = bitext_align__members_lex_cost (model, 2, 2, crossed, off, off);
  g_assert_cmpfloat (merged, >=, bitext_align__split_lex_cost (model, 2, 2, crossed, off, off));
  /* A 1-2 bead is judged member by member: the split leaves the second target on its own. */
  const guint32 one[2] = { 0, 6 };
  const guint split12[3][3] = { { 3, 3, 0 }, { 0, 0, 0 }, { 0, 0, 0 } };
  g_assert_cmpfloat (bitext_align__split_lex_cost (model, 1, 2, split12, one, off), ==,
                     1.0f - 5.0f * 6.0f / 10.0f);
}

static GPtrArray *
read_sentences (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  return bitext_test_read_lines (path);
}

static char *
format_all (const GArray *beads)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < beads->len; i++)
    {
      g_autofree char *f = bitext_bead_format (&g_array_index (beads, BitextBead, i));
      g_string_append_printf (out, "%s\n", f);
    }
  return g_string_free (out, FALSE);
}

/* The speech's English aligned with @ru_name of tests/data/, with @dict of samples/ or none. */
static GArray *
align_speech (const char *ru_name, const char *dict)
{
  g_autoptr(GPtrArray) en = read_sentences ("speech.en.sent");
  g_autoptr(GPtrArray) ru = read_sentences (ru_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextAligner) aligner = new_en_ru_aligner ();
  if (dict != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "samples", dict, NULL);
      g_assert_true (bitext_aligner_load_dict (aligner, path, &error));
      g_assert_no_error (error);
    }
  GArray *beads = bitext_aligner_align (
      aligner, (const char *const *) en->pdata, NULL, en->len, (const char *const *) ru->pdata,
      NULL, ru->len, &error);
  g_assert_no_error (error);
  return beads;
}

/* The sample pair aligns exactly to the gold alignment. */
static void
test_speech_gold (gconstpointer data)
{
  const char *dict = data;
  g_autoptr(GArray) beads = align_speech ("speech.ru.sent", dict);
  g_autofree char *got = format_all (beads);
  g_autofree char *gold_path = g_test_build_filename (G_TEST_DIST, "data", "speech.gold.align", NULL);
  g_autofree char *gold = NULL;
  g_assert_true (g_file_get_contents (gold_path, &gold, NULL, NULL));
  g_assert_cmpstr (got, ==, gold);
  if (dict != NULL)
    {
      guint hits = 0;
      for (guint i = 0; i < beads->len; i++)
        hits += g_array_index (beads, BitextBead, i).dict_hits;
      g_assert_cmpuint (hits, >, 10);
    }
}

/*
** The draft translation of the speech (tests/data/speech.ru-draft.sent,
** our own, with planted defects) aligns with a few wrong beads. The low
** mark must catch at least two thirds of them (0 of 3 before the
** temperature was fitted on merges and splits as well as neighbours, 1 of
** 3 with a fixed threshold of 1/2 on the score) while marking at most 15%
** of the beads (issue 12's bound). Every bead scored below 1/2 is marked.
*/
static void
test_draft_low_mark (void)
{
  g_autoptr(GArray) beads = align_speech ("speech.ru-draft.sent", NULL);
  BitextAlignOptions options = BITEXT_ALIGN_OPTIONS_INIT;
  g_autofree char *gold_path
      = g_test_build_filename (G_TEST_DIST, "data", "speech.ru-draft.gold.align", NULL);
  g_autofree char *gold = NULL;
  g_assert_true (g_file_get_contents (gold_path, &gold, NULL, NULL));
  g_auto(GStrv) lines = g_strsplit (gold, "\n", -1);
  g_autoptr(GHashTable) right = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; lines[k] != NULL; k++)
    g_hash_table_add (right, lines[k]);
  guint wrong = 0, caught = 0, marked = 0;
  for (guint k = 0; k < beads->len; k++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, k);
      g_autofree char *f = bitext_bead_format (b);
      gboolean ok = g_hash_table_contains (right, f);
      if (b->score < options.low_confidence)
        g_assert_true (b->low_confidence);
      wrong += !ok;
      caught += !ok && b->low_confidence;
      marked += b->low_confidence;
    }
  g_assert_cmpuint (3 * caught, >=, 2 * wrong);
  g_assert_cmpuint (100 * marked, <=, 15 * beads->len);
}

/*
** Lone sentences of doubtful merges. The draft leaves out "First, geography
** and science do not lie." (source 33); the aligner merges it into the
** translation of the sentence before it, [32,33]:[35], a low-confidence bead
** whose lone sentence is 33: the translation fits sentence 32 alone better
** in length and in words. No other bead of the draft has one, and no bead
** of the clean translation, whose merges are the translator's.
*/
static void
test_draft_lone (void)
{
  g_autoptr(GArray) draft = align_speech ("speech.ru-draft.sent", NULL);
  guint lone = 0;
  for (guint k = 0; k < draft->len; k++)
    {
      const BitextBead *b = &g_array_index (draft, BitextBead, k);
      if (b->lone_side == BITEXT_LONE_NONE)
        continue;
      lone++;
      g_autofree char *f = bitext_bead_format (b);
      g_assert_cmpstr (f, ==, "[32,33]:[35]");
      g_assert_true (b->low_confidence);
      g_assert_cmpuint (b->lone_side, ==, BITEXT_LONE_SOURCE);
      g_assert_cmpuint (b->lone_index, ==, 33);
    }
  g_assert_cmpuint (lone, ==, 1);
  g_autoptr(GArray) clean = align_speech ("speech.ru.sent", NULL);
  for (guint k = 0; k < clean->len; k++)
    g_assert_cmpuint (g_array_index (clean, BitextBead, k).lone_side, ==, BITEXT_LONE_NONE);
}

/*
** The weight of the lexical cost: the r in [0, 1] at which the logistic on
** rest + r lex fits the labels best. Soft labels sigma(-(rest + 0.3 lex))
** on a grid give r = 0.3; labels that weigh the lexical part double give
** 1 (never sharpened); no lexical costs give 1.
*/
static void
test_lex_weight (void)
{
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lex = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) label = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) label2 = g_array_new (FALSE, FALSE, sizeof (double));
  for (int x = -10; x <= 10; x++)
    for (int y = -10; y <= 10; y++)
      {
        double r = x * 0.5, l = y * 1.0;
        double p = 1.0 / (1.0 + exp (r + 0.3 * l)), p2 = 1.0 / (1.0 + exp (r + 2.0 * l));
        g_array_append_val (rest, r);
        g_array_append_val (lex, l);
        g_array_append_val (label, p);
        g_array_append_val (label2, p2);
      }
  g_assert_cmpfloat (fabs (bitext_align__lex_weight_from_pairs (rest, lex, label) - 0.3), <, 0.01);
  g_assert_cmpfloat (bitext_align__lex_weight_from_pairs (rest, lex, label2), >, 0.99);
  for (guint k = 0; k < lex->len; k++)
    g_array_index (lex, double, k) = 0.0;
  g_assert_cmpfloat (bitext_align__lex_weight_from_pairs (rest, lex, label), ==, 1.0);
}

/* Beads with the scores @score[0..n), marked by bitext_align__mark_low() at 1/2; returns the marks. */
static GString *
marks_of (const double *score, guint n)
{
  g_autoptr(GArray) beads = g_array_new (FALSE, TRUE, sizeof (BitextBead));
  for (guint k = 0; k < n; k++)
    {
      BitextBead b = { .src_start = k, .src_len = 1, .tgt_start = k, .tgt_len = 1, .score = score[k] };
      g_array_append_val (beads, b);
    }
  bitext_align__mark_low (beads, 0.5);
  GString *out = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    g_string_append_c (out, g_array_index (beads, BitextBead, k).low_confidence ? 'L' : '.');
  return out;
}

/*
** The low mark: the least confident beads until they hold 60% of the
** document's expected wrong beads (the sum of 1 - score), none at or
** under the average doubt, and every bead below 1/2. A document whose
** beads score about 0.97 with two at 0.7: a fixed threshold of 1/2 marks
** nothing, and the two hold the share. Scores all alike mark none; a
** score below 1/2 is marked whatever the others; when the doubt lies on
** three beads, the mark stops at the one that completes the share.
*/
static void
test_low_mark (void)
{
  double score[24];
  for (guint k = 0; k < 24; k++)
    score[k] = 0.97 + 0.0005 * (k % 20);
  score[5] = 0.70;
  score[17] = 0.68;
  g_autoptr(GString) got = marks_of (score, 24);
  g_assert_cmpstr (got->str, ==, ".....L...........L......");
  for (guint k = 0; k < 24; k++)
    g_assert_cmpfloat (score[k], >=, 0.5);

  for (guint k = 0; k < 24; k++)
    score[k] = 0.9;
  g_autoptr(GString) flat = marks_of (score, 24);
  g_assert_cmpstr (flat->str, ==, "........................");

  score[3] = 0.45;
  g_autoptr(GString) half = marks_of (score, 24);
  g_assert_cmpstr (half->str, ==, "...L....................");

  /* Doubt 0.4 + 0.3 + 0.2 + 20 x 0.001 = 0.92; 60% of it, 0.552, is held by the first two. */
  double three[23];
  for (guint k = 0; k < 23; k++)
    three[k] = 0.999;
  three[2] = 0.6;
  three[10] = 0.7;
  three[20] = 0.8;
  g_autoptr(GString) some = marks_of (three, 23);
  g_assert_cmpstr (some->str, ==, "..L.......L............");

  g_autoptr(GString) none = marks_of (score, 0);
  g_assert_cmpstr (none->str, ==, "");
  g_autoptr(GString) one = marks_of (score, 1);
  g_assert_cmpstr (one->str, ==, ".");
}

/* The beads of @shapes: '1' a 1-1 bead, 'A' a sentence added (0-1), 'O' one left out (1-0). */
static GArray *
beads_of_shapes (const char *shapes)
{
  GArray *beads = g_array_new (FALSE, TRUE, sizeof (BitextBead));
  guint s = 0, t = 0;
  for (const char *c = shapes; *c != '\0'; c++)
    {
      BitextBead b = { .src_start = s, .tgt_start = t, .src_len = *c != 'A', .tgt_len = *c != 'O' };
      s += b.src_len;
      t += b.tgt_len;
      g_array_append_val (beads, b);
    }
  return beads;
}

/* P(x | k) of the chain that bitext_align__runs_estimate() gives for @shapes, in @q. */
static void
runs_chain (const AlignModel *model, const char *shapes, double q[N_RUN_KINDS][N_RUN_KINDS],
            double p[N_RUN_KINDS])
{
  g_autoptr(GArray) beads = beads_of_shapes (shapes);
  AlignRuns runs;
  bitext_align__runs_estimate (beads, model, &runs);
  p[RUN_ADDED] = exp (-model->prior[BEAD_0_1]);
  p[RUN_OMITTED] = exp (-model->prior[BEAD_1_0]);
  p[RUN_OTHER] = 1.0 - p[RUN_ADDED] - p[RUN_OMITTED];
  for (guint k = 0; k < N_RUN_KINDS; k++)
    {
      double row = 0.0;
      for (guint x = 0; x < N_RUN_KINDS; x++)
        row += q[k][x] = p[x] * exp (-runs.delta[k][x]);
      g_assert_cmpfloat (fabs (row - 1.0), <, 1e-9);
    }
  /* The chain keeps the model's probability of each kind. */
  for (guint x = 0; x < N_RUN_KINDS; x++)
    {
      double col = 0.0;
      for (guint k = 0; k < N_RUN_KINDS; k++)
        col += p[k] * q[k][x];
      g_assert_cmpfloat (fabs (col - p[x]), <, 1e-9);
    }
}

/*
** Added and omitted sentences come in runs: the kinds of consecutive
** beads as a Markov chain whose runs go on with Jeffreys's estimate,
** (runs continued + 1/2) / (deletions of the kind + 1), and which keeps
** the model's probability of each kind.
*/
static void
test_runs_estimate (void)
{
  g_autofree AlignModel *model = g_new0 (AlignModel, 1);
  bitext_align__model_init_gale_church (model, 1.0);
  double q[N_RUN_KINDS][N_RUN_KINDS], p[N_RUN_KINDS];
  /* Four added sentences in a row (three continue the run, one ends it), one left out. */
  runs_chain (model, "11111AAAA11111O11111", q, p);
  g_assert_cmpfloat (fabs (q[RUN_ADDED][RUN_ADDED] - 3.5 / 5.0), <, 1e-9);
  g_assert_cmpfloat (fabs (q[RUN_OMITTED][RUN_OMITTED] - 0.5 / 2.0), <, 1e-9);
  /* A second added sentence is far likelier after one than anywhere; the first is rarer. */
  g_assert_cmpfloat (q[RUN_ADDED][RUN_ADDED], >, 100 * p[RUN_ADDED]);
  g_assert_cmpfloat (q[RUN_OTHER][RUN_ADDED], <, p[RUN_ADDED]);
  /* Without deletions, nothing is known of runs: a run goes on at even odds. */
  runs_chain (model, "1111111111", q, p);
  g_assert_cmpfloat (fabs (q[RUN_ADDED][RUN_ADDED] - 0.5), <, 1e-9);
  g_assert_cmpfloat (fabs (q[RUN_OMITTED][RUN_OMITTED] - 0.5), <, 1e-9);
  runs_chain (model, "", q, p);
}

/* The paragraph costs that a pass with these counts of bead starts gives (length model only). */
static void
breaks_estimate (AlignModel *model, guint all, guint src, guint tgt, guint any, guint one)
{
  AlignSample sample;
  bitext_align__sample_init (&sample);
  sample.starts_all = all;
  sample.starts_src = src;
  sample.starts_tgt = tgt;
  sample.break_any = any;
  sample.break_one = one;
  bitext_align__model_init_gale_church (model, 1.0);
  bitext_align__model_estimate (model, &sample, FALSE, 1, 1);
  bitext_align__sample_clear (&sample);
}

/*
** Paragraphs: of the beads that take the first sentence of a paragraph,
** the share that start a paragraph of one text only, for the pass
** (Jeffreys's estimate) against chance (paragraph starts independent);
** a bead that starts a paragraph of one text only pays, one that starts
** both gains, a 1-0 or 0-1 bead leaves the other text's paragraph to the
** next bead, and texts whose paragraphs do not correspond pay nothing.
*/
static void
test_paragraph_breaks (void)
{
  g_autofree AlignModel *model = g_new0 (AlignModel, 1);
  /* 100 beads, 10 paragraph starts in each text, all of them together. */
  breaks_estimate (model, 100, 10, 10, 10, 0);
  double qa = 0.5 / 11.0, qr = (0.2 - 2 * 0.01) / (0.2 - 0.01);
  g_assert_cmpfloat (fabs (model->break_cost[0] + log (qa / qr)), <, 1e-5);
  g_assert_cmpfloat (fabs (model->break_cost[1] + log ((1 - qa) / (1 - qr))), <, 1e-5);
  g_assert_cmpfloat (model->break_cost[0], >, 3.0);
  g_assert_cmpfloat (model->break_cost[1], <, -2.8);
  /* A 1-1 bead at a paragraph of the target only pays; a 1-0 bead there does not. */
  g_assert_cmpfloat (bitext_align__break_cost (model, FALSE, TRUE, 1, 1), ==, model->break_cost[0]);
  g_assert_cmpfloat (bitext_align__break_cost (model, FALSE, TRUE, 1, 0), ==, 0.0f);
  g_assert_cmpfloat (bitext_align__break_cost (model, TRUE, FALSE, 1, 0), ==, model->break_cost[0]);
  g_assert_cmpfloat (bitext_align__break_cost (model, TRUE, TRUE, 0, 1), ==, model->break_cost[1]);
  g_assert_cmpfloat (bitext_align__break_cost (model, FALSE, FALSE, 1, 1), ==, 0.0f);
  /* Paragraphs that never start together: no cost either way. */
  breaks_estimate (model, 100, 10, 10, 20, 20);
  g_assert_cmpfloat (model->break_cost[0], ==, 0.0f);
  g_assert_cmpfloat (model->break_cost[1], ==, 0.0f);
  /* No paragraphs. */
  breaks_estimate (model, 100, 0, 0, 0, 0);
  g_assert_cmpfloat (model->break_cost[0], ==, 0.0f);
  g_assert_cmpfloat (model->break_cost[1], ==, 0.0f);
}

/*
** A passage of three sentences added by the translator in the middle of
** a text, aligned right: its 0-1 beads, and the pairs around them, are
** scored as likely as the rest of the text's beads (0.66 to 0.86 when the
** posterior took each added sentence as an independent deletion, any of
** which might as well have joined a neighbour).
*/
static void
test_posterior_added_passage (void)
{
  static const char *const en[] = {
    "The bridge over the Volga opened in 1962.", "It is 1,400 metres long.",
    "Boris Kirillov designed it.", "Trains still cross it every hour.",
    "The summit began on 12 March in Helsinki.", "Ministers from 28 countries attended.",
    "They signed the treaty on 14 March.", "Pavel Orlov was born in Omsk in 1921.",
    "He studied physics in Leningrad.", "He died in 1989.", NULL
  };
  static const char *const ru[] = {
    "Мост через Волгу открыли в 1962 году.", "Его длина — 1 400 метров.",
    "Его спроектировал Борис Кириллов.", "Поезда и сейчас проходят по нему каждый час.",
    "Саммит открылся 12 марта в Хельсинки.", "На нём присутствовали министры 28 стран.",
    "Договор они подписали 14 марта.",
    "Примечание переводчика: в оригинале этот раздел занимает всего три строки, и мы оставили его без изменений.",
    "Даты приведены по новому стилю, как и во всём остальном тексте книги.",
    "Имена даны в современном написании, принятом в энциклопедиях.",
    "Павел Орлов родился в Омске в 1921 году.", "Он изучал физику в Ленинграде.",
    "Он умер в 1989 году.", NULL
  };
  GArray *beads = NULL;
  g_autofree char *got = align_with_dict (en, ru, NULL, &beads);
  g_autoptr(GArray) owned = beads;
  g_assert_cmpstr (got, ==, "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4] [5]:[5] [6]:[6] []:[7] []:[8] "
                            "[]:[9] [7]:[10] [8]:[11] [9]:[12]");
  for (guint k = 0; k < beads->len; k++)
    g_assert_cmpfloat (g_array_index (beads, BitextBead, k).score, >=, 0.9);
}

/* Beads cover both sides in order, exactly once. */
static void
assert_partition (const GArray *beads, guint n, guint m)
{
  guint si = 0, ti = 0;
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, i);
      g_assert_cmpuint (b->src_start, ==, si);
      g_assert_cmpuint (b->tgt_start, ==, ti);
      si += b->src_len;
      ti += b->tgt_len;
    }
  g_assert_cmpuint (si, ==, n);
  g_assert_cmpuint (ti, ==, m);
}

/*
** A text long enough for pass 1 to run from both ends on two threads (20,000
** rows or more): the sample pair 250 times over. Every copy aligns as the
** first one does, shifted: those of the forward half, those of the backward
** half and the one where the halves meet.
*/
static void
test_long_halves (void)
{
  g_autoptr(GPtrArray) en = read_sentences ("speech.en.sent");
  g_autoptr(GPtrArray) ru = read_sentences ("speech.ru.sent");
  const guint copies = 250;
  g_autoptr(GPtrArray) src = g_ptr_array_new (), tgt = g_ptr_array_new ();
  for (guint c = 0; c < copies; c++)
    {
      for (guint i = 0; i < en->len; i++)
        g_ptr_array_add (src, en->pdata[i]);
      for (guint i = 0; i < ru->len; i++)
        g_ptr_array_add (tgt, ru->pdata[i]);
    }
  g_assert_cmpuint (src->len, >=, 20000);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextAligner) aligner = new_en_ru_aligner ();
  g_autoptr(GArray) beads = bitext_aligner_align (
      aligner, (const char *const *) src->pdata, NULL, src->len,
      (const char *const *) tgt->pdata, NULL, tgt->len, &error);
  g_assert_no_error (error);
  assert_partition (beads, src->len, tgt->len);
  /* Each copy's beads, shifted back to the first copy's sentence numbers. */
  g_autoptr(GPtrArray) per_copy = g_ptr_array_new_with_free_func (g_free);
  GString *cur = NULL;
  guint copy = 0;
  for (guint k = 0; k < beads->len; k++)
    {
      BitextBead b = g_array_index (beads, BitextBead, k);
      if (cur == NULL || b.src_start >= (copy + 1) * en->len)
        {
          if (cur != NULL)
            g_ptr_array_add (per_copy, g_string_free (cur, FALSE));
          copy = b.src_start / en->len;
          cur = g_string_new (NULL);
        }
      g_assert_cmpuint (b.tgt_start, >=, copy * ru->len);
      b.src_start -= copy * en->len;
      b.tgt_start -= copy * ru->len;
      g_autofree char *f = bitext_bead_format (&b);
      g_string_append_printf (cur, "%s ", f);
    }
  g_ptr_array_add (per_copy, g_string_free (cur, FALSE));
  g_assert_cmpuint (per_copy->len, ==, copies);
  for (guint c = 1; c < copies; c++)
    if (strcmp (per_copy->pdata[c], per_copy->pdata[0]) != 0)
      g_error ("copy %u aligns as\n%s\nnot as copy 0:\n%s", c, (char *) per_copy->pdata[c],
               (char *) per_copy->pdata[0]);
}

/* Align @copies copies of the sample pair, the posterior on two threads from @thread_beads beads on. */
static GArray *
align_copies (guint copies, guint thread_beads)
{
  g_autoptr(GPtrArray) en = read_sentences ("speech.en.sent");
  g_autoptr(GPtrArray) ru = read_sentences ("speech.ru.sent");
  g_autoptr(GPtrArray) src = g_ptr_array_new (), tgt = g_ptr_array_new ();
  for (guint c = 0; c < copies; c++)
    {
      g_ptr_array_extend (src, en, NULL, NULL);
      g_ptr_array_extend (tgt, ru, NULL, NULL);
    }
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextAligner) aligner = new_en_ru_aligner ();
  bitext_align__set_post_thread_beads (aligner, thread_beads);
  GArray *beads = bitext_aligner_align (aligner, (const char *const *) src->pdata, NULL, src->len,
                                        (const char *const *) tgt->pdata, NULL, tgt->len, &error);
  g_assert_no_error (error);
  return beads;
}

/* The posterior on two threads scores every bead as on one (its windows are the same). */
static void
test_posterior_threads (void)
{
  g_autoptr(GArray) one = align_copies (5, G_MAXUINT);
  g_autoptr(GArray) two = align_copies (5, 1);
  g_assert_cmpuint (one->len, ==, two->len);
  g_assert_cmpuint (one->len % 8, !=, 0);   /* the halves meet inside a window's stride */
  for (guint k = 0; k < one->len; k++)
    {
      const BitextBead *a = &g_array_index (one, BitextBead, k);
      const BitextBead *b = &g_array_index (two, BitextBead, k);
      g_assert_cmpuint (a->src_start, ==, b->src_start);
      g_assert_cmpuint (a->tgt_len, ==, b->tgt_len);
      g_assert_cmpfloat (a->score, ==, b->score);
      g_assert_cmpint (a->low_confidence, ==, b->low_confidence);
    }
}

/* Two halves over a text whose other side is tiny: the bands are the whole width; no crash. */
static void
test_long_against_short (void)
{
  g_autoptr(GPtrArray) src = g_ptr_array_new ();
  for (guint i = 0; i < 24000; i++)
    g_ptr_array_add (src, (gpointer) (i % 2 ? "A short line." : "A somewhat longer line of text."));
  static const char *tgt[] = { "Une ligne.", "Deux lignes.", "Trois." };
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextAligner) aligner = bitext_aligner_new (NULL, &error);
  g_assert_no_error (error);
  g_autoptr(GArray) beads = bitext_aligner_align (
      aligner, (const char *const *) src->pdata, NULL, src->len, tgt, NULL, 3, &error);
  g_assert_no_error (error);
  assert_partition (beads, src->len, 3);
}

/*
** A dictionary whose entries occur in several sentences (graphics card,
** support, Linux's kernel) must not turn two clean pairs into one bead:
** the alignment stays the one found without it.
*/
static void
test_dict_keeps_alignment (void)
{
  static const char *src[] = TWO_PAIRS_EN, *tgt[] = TWO_PAIRS_RU;
  static const char *dict[] = {
    "graphics card", "видеокарта", "installer", "программа установки", "text mode", "текстовый режим",
    "support", "поддержка | поддерживать", "kernel", "ядро", "release", "выпуск",
    "computer", "компьютер", "memory", "память", "every", "каждый | любой | все", NULL
  };
  g_autofree char *without = align_to_string (src, tgt, NULL);
  g_autoptr(GArray) beads = NULL;
  g_autofree char *with = align_with_dict (src, tgt, dict, &beads);
  g_assert_cmpstr (without, ==, "[0]:[0] [1]:[1] [2]:[2] [3]:[3] [4]:[4]");
  g_assert_cmpstr (with, ==, without);
  guint hits = 0;
  for (guint i = 0; i < beads->len; i++)
    hits += g_array_index (beads, BitextBead, i).dict_hits;
  g_assert_cmpuint (hits, >, 0);
}

/*
** Dictionary entries are evidence only where their matches are informative
** in the text (bitext_align__dict_prune()): "and"/"и" is in three of the
** four sentences of each side, so it matches unrelated sentences more
** often than not; "old" has "и" among its translations, which stands in
** three target sentences for one source sentence with "old". Neither is
** counted; "house", "river" and "brother" are, once each.
*/
static void
test_dict_informative (void)
{
  static const char *src[] = {
    "The house is old and small.", "We walked and talked for hours.",
    "The garden and the river are near.", "My brother lives in Moscow.", NULL
  };
  static const char *tgt[] = {
    "Дом старый и маленький.", "Мы гуляли и разговаривали часами.", "Сад и река рядом.",
    "Мой брат живёт в Москве.", NULL
  };
  static const char *dict[] = {
    "and", "и", "old", "старый | и", "house", "дом", "river", "река", "brother", "брат", NULL
  };
  g_autoptr(GArray) beads = NULL;
  g_autofree char *got = align_with_dict (src, tgt, dict, &beads);
  g_assert_cmpstr (got, ==, "[0]:[0] [1]:[1] [2]:[2] [3]:[3]");
  static const guint hits[] = { 1, 0, 1, 1 };
  for (guint i = 0; i < beads->len; i++)
    g_assert_cmpuint (g_array_index (beads, BitextBead, i).dict_hits, ==, hits[i]);
}

static void
test_dict_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextAligner) aligner = bitext_aligner_new (NULL, &error);
  g_assert_no_error (error);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "align", "malformed.tsv", NULL);
  g_assert_false (bitext_aligner_load_dict (aligner, path, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_autofree char *want = g_strdup_printf ("%s:3: expected source<TAB>target", path);
  g_assert_cmpstr (error->message, ==, want);
}

/* Pairs of 1-1 costs and labels for bitext_align__temperature_from_pairs(). */
static void
temperature_of (const double *cost, const double *label, guint n, AlignTemperature *out)
{
  g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) l = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (c, cost, n);
  g_array_append_vals (l, label, n);
  bitext_align__temperature_from_pairs (c, l, out);
}

/*
** The posterior's temperatures: the inverse slope of the logistic fitted
** to the pairs, averaged over its uncertainty at three Gauss-Hermite
** points (weights 1/6, 2/3, 1/6), each in [1, 100].
*/
static void
test_temperature (void)
{
  AlignTemperature T;
  double cost[201], label[201];

  /* Soft labels sigma(-x / 2) on x = -10 .. 10: the slope is -1/2, T = 2, and 201
  ** pairs leave it little room; the steeper slope gives the lower temperature. */
  for (guint k = 0; k < 201; k++)
    {
      cost[k] = -10.0 + 0.1 * k;
      label[k] = 1.0 / (1.0 + exp (cost[k] / 2.0));
    }
  temperature_of (cost, label, 201, &T);
  g_assert_cmpuint (T.n, ==, 3);
  g_assert_cmpfloat (fabs (T.t[1] - 2.0), <, 0.02);
  g_assert_cmpfloat (T.t[0], <, T.t[1]);
  g_assert_cmpfloat (T.t[1], <, T.t[2]);
  g_assert_cmpfloat (T.t[2] - T.t[0], <, 1.5);
  g_assert_cmpfloat_with_epsilon (T.w[0] + T.w[1] + T.w[2], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (T.w[0], T.w[2], 1e-12);

  /* The same curve seen at 21 pairs: the same centre, a wider spread. */
  for (guint k = 0; k < 21; k++)
    {
      cost[k] = -10.0 + 1.0 * k;
      label[k] = 1.0 / (1.0 + exp (cost[k] / 2.0));
    }
  AlignTemperature few;
  temperature_of (cost, label, 21, &few);
  g_assert_cmpuint (few.n, ==, 3);
  g_assert_cmpfloat (fabs (few.t[1] - 2.0), <, 0.2);
  g_assert_cmpfloat (few.t[2] - few.t[0], >, 3.0 * (T.t[2] - T.t[0]));

  /* Costs that separate the labels: the prior keeps the fit finite, and a
  ** slope steeper than the costs' own is read as T = 1. */
  for (guint k = 0; k < 20; k++)
    {
      cost[k] = k < 10 ? -5.0 + 0.4 * k : 1.0 + 0.4 * (k - 10);
      label[k] = k < 10;
    }
  temperature_of (cost, label, 20, &T);
  g_assert_cmpuint (T.n, ==, 3);
  g_assert_cmpfloat (T.t[0], ==, 1.0);
  g_assert_cmpfloat (T.t[1], ==, 1.0);

  /* Costs that do not tell the labels apart: the slope is near 0, T high,
  ** and the flat end of the spread at 100. */
  for (guint k = 0; k < 40; k++)
    {
      cost[k] = (double) (k % 10);
      label[k] = k < 20;
    }
  temperature_of (cost, label, 40, &T);
  g_assert_cmpuint (T.n, ==, 3);
  g_assert_cmpfloat (T.t[1], >, 10.0);
  g_assert_cmpfloat (T.t[2], ==, 100.0);

  /* One label only: nothing to fit, T = 1. */
  temperature_of (cost, label, 20, &T);
  g_assert_cmpuint (T.n, ==, 1);
  g_assert_cmpfloat (T.t[0], ==, 1.0);
}

/*
** The first pass's band follows the path and doubles while the path runs along its edge;
** at its size limit, a path that still misses the end used to abort (two 20 MB one-line
** texts). A text whose long sentences come first on one side and last on the other, with
** a band of ±1 and a limit that stops the doubling at once, must still be aligned, in a
** band fixed around the diagonal: every sentence in one bead, in order.
*/
static void
test_band_limit (void)
{
  const char *s[60], *t[60];
  guint sp[60] = { 0 }, tp[60] = { 0 };
  g_autofree char *lng = g_strnfill (200, 'a');
  g_autofree char *lng_ru = g_strnfill (200, 'b');
  for (guint i = 0; i < 60; i++)
    {
      s[i] = i < 30 ? lng : "Short.";
      t[i] = i < 30 ? "Коротко." : lng_ru;
    }
  BitextAlignOptions options = BITEXT_ALIGN_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  options.band = 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextAligner) aligner = bitext_aligner_new (&options, &error);
  g_assert_no_error (error);
  bitext_align__set_max_band_cells (aligner, 1);
  g_autoptr(GArray) beads = bitext_aligner_align (aligner, s, sp, 60, t, tp, 60, &error);
  g_assert_no_error (error);
  assert_partition (beads, 60, 60);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/align/bead/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/align/empty", test_empty);
  g_test_add_func ("/align/format", test_format);
  g_test_add_func ("/align/evidence/anchors", test_evidence);
  g_test_add_func ("/align/evidence/member-keys", test_member_keys);
  g_test_add_func ("/align/evidence/split-cap", test_split_cap);
  g_test_add_data_func ("/align/speech/gold", NULL, test_speech_gold);
  g_test_add_data_func ("/align/speech/gold-with-dict", "glossary.en-ru.tsv", test_speech_gold);
  g_test_add_func ("/align/dict/malformed-line", test_dict_malformed);
  g_test_add_func ("/align/dict/keeps-alignment", test_dict_keeps_alignment);
  g_test_add_func ("/align/dict/informative-entries", test_dict_informative);
  g_test_add_func ("/align/long/two-halves", test_long_halves);
  g_test_add_func ("/align/long/posterior-threads", test_posterior_threads);
  g_test_add_func ("/align/long/against-short", test_long_against_short);
  g_test_add_func ("/align/posterior/temperature", test_temperature);
  g_test_add_func ("/align/posterior/draft-low-mark", test_draft_low_mark);
  g_test_add_func ("/align/posterior/draft-lone", test_draft_lone);
  g_test_add_func ("/align/posterior/low-mark", test_low_mark);
  g_test_add_func ("/align/posterior/lex-weight", test_lex_weight);
  g_test_add_func ("/align/posterior/runs-estimate", test_runs_estimate);
  g_test_add_func ("/align/model/paragraph-breaks", test_paragraph_breaks);
  g_test_add_func ("/align/posterior/added-passage", test_posterior_added_passage);
  g_test_add_func ("/align/band/limit", test_band_limit);
  return g_test_run ();
}
