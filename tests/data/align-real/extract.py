#!/usr/bin/env python3
"""Extract the real-translation alignment sets from installed Debian packages.

Usage: extract.py OUTDIR [--bitext PATH] [--set NAME] [--check] [--write-check]

For every document of MANIFEST below, writes into OUTDIR (never into the repository):
  DOC.SRC.txt, DOC.TGT.txt    plain text, one paragraph per line, blank line between paragraphs
  DOC.SRC.sent, DOC.TGT.sent  `bitext segment` output: one sentence per line, blank line
                              between paragraphs (what `bitext align --presegmented` reads)
  sets.tsv                    set, document, source language, target language (one line each)
--set NAME extracts only the documents of one set (en-ru, en-zh, en-ja, en-ko, en-de, en-fr or en-el).
--check compares the sentence lists with the committed DOC.sent-check files next to this
script (count, and a hash and the first characters of every sentence) and exits 1 on the
first difference; --write-check rewrites those files (only after the gold has been re-read).
Exit status: 0; 1 on a check difference; 2 on a missing package file or a failed command;
77 when a package is not installed (the caller skips).

Python 3 standard library only. What is kept and what is left out is described in README.md.
"""
import gettext
import gzip
import hashlib
import html.parser
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
IG = "/usr/share/doc/installation-guide-amd64"
MAN = "/usr/share/man"
MG = "/usr/share/doc/maint-guide"

# set, document id, kind, source file, target file, source language, target language
MANIFEST = []


def add_guide(set_name, lang, chapters):
    for ch in chapters:
        MANIFEST.append((set_name, "ig-%s-%s" % (lang, ch), "html",
                         "%s/en/%s.html" % (IG, ch), "%s/%s/%s.html" % (IG, lang, ch),
                         "en", lang.split("_")[0]))


def add_man(set_name, pages):
    for page in pages:
        name, sec = page.rsplit(".", 1)
        MANIFEST.append((set_name, "man-%s.%s" % (name, sec), "man",
                         "%s/man%s/%s.gz" % (MAN, sec, page), "%s/ru/man%s/%s.gz" % (MAN, sec, page),
                         "en", "ru"))


def add_maint_guide(set_name, lang, chapters):
    for ch in chapters:
        MANIFEST.append((set_name, "mg-%s-%s" % (lang, ch), "html", "%s/html/%s.en.html" % (MG, ch),
                         "%s-%s/html/%s.%s.html" % (MG, lang, ch, lang), "en", lang))


def add_help(set_name, domain):
    MANIFEST.append((set_name, "help-%s" % domain, "help",
                     "/usr/share/locale/ru/LC_MESSAGES/%s.mo" % domain,
                     "/usr/share/locale/ru/LC_MESSAGES/%s.mo" % domain, "en", "ru"))


# The chapters and pages are chosen in README.md ("Choice of documents").
add_guide("en-ru", "ru", ["ch01s01", "ch01s02", "ch01s03", "ch01s04", "ch01s07", "ch01s08", "ch02s03", "ch03s01", "ch03s02", "ch03s03", "ch05s03", "ch06s01", "ch07s02",
                          "ch08s06"])
add_man("en-ru", ["pipe.7", "symlink.7"])
add_help("en-ru", "bash")
add_maint_guide("en-ru", "ru", ["start", "checkit", "update", "upload"])
add_guide("en-ja", "ja", ["ch01s01", "ch01s02", "ch01s03", "ch01s07", "ch01s08", "ch02s03", "ch03s01",
                          "ch03s02", "ch03s03", "ch06s01", "ch07s02", "ch08s06"])
add_guide("en-zh", "zh_CN", ["ch01s01", "ch01s02", "ch01s03", "ch01s07", "ch01s08", "ch02s03", "ch03s01",
                             "ch03s02", "ch03s03", "ch06s01", "ch07s02", "ch08s06"])
add_guide("en-ko", "ko", ["ch01s01", "ch01s02", "ch01s03", "ch01s07", "ch01s08", "ch02s03", "ch03s01",
                          "ch03s02", "ch03s03", "ch06s01", "ch07s02", "ch08s06"])
add_guide("en-el", "el", ["ch01s01", "ch01s02", "ch01s03", "ch01s07", "ch01s08", "ch02s03", "ch03s01",
                          "ch03s02", "ch03s03", "ch06s01", "ch07s02", "ch08s06"])
add_maint_guide("en-de", "de", ["start", "checkit", "update", "upload"])
add_guide("en-fr", "fr", ["ch01s01", "ch01s02", "ch01s03", "ch01s07", "ch01s08", "ch02s03", "ch03s01",
                          "ch03s02", "ch03s03", "ch06s01", "ch07s02", "ch08s06"])

# HTML: what makes a paragraph, and what is left out with all it contains.
BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "div", "title", "br",
         "tr", "td", "th", "ul", "ol", "dl", "blockquote"}
SKIP_TAGS = {"head", "pre", "table", "sup", "script", "style"}
SKIP_CLASSES = {"navheader", "navfooter", "toc"}
VOID = {"br", "img", "hr", "meta", "link", "col", "input"}


class GuideText(html.parser.HTMLParser):
    """Paragraphs of one installation-guide page (DocBook XSL output)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paras = []
        self.cur = []
        self.stack = []   # (tag, skipping) for every open non-void element
        self.skip = 0

    def flush(self):
        # A footnote mark (<sup>, left out) takes the white space before it along: the
        # Russian maintainers' guide writes "команду uupdate [79]." where the English has
        # "command. [79]", and the text without the mark is "команду uupdate.".
        text = re.sub(r"\s*\x00", "", "".join(self.cur))
        text = re.sub(r"\s+", " ", text).strip()
        if text:
            self.paras.append(text)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and not self.skip:
                self.flush()
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipping = tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        if tag in BLOCK and not self.skip:
            self.flush()
        self.stack.append((tag, skipping))
        if skipping:
            if tag == "sup" and not self.skip:
                self.cur.append("\x00")
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Close up to the matching element (the pages are well formed; stray ends are ignored).
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                for _, skipping in self.stack[k:]:
                    if skipping:
                        self.skip -= 1
                del self.stack[k:]
                break
        if tag in BLOCK and not self.skip:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)


def guide_paragraphs(path):
    parser = GuideText()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    parser.close()
    parser.flush()
    return parser.paras


def man_paragraphs(path):
    """Paragraphs of a man page rendered by groff with one line per paragraph.

    A very long line length (-rLL) and no hyphenation (-rHY=0) keep every filled paragraph
    on one output line; -P-cbou drops escape sequences and overstriking. Indented lines
    that come from no-fill blocks (.nf/.EX: code, examples) are left out: they are the
    lines indented deeper than the body text."""
    with gzip.open(path, "rb") as f:
        roff = f.read()
    pre = subprocess.run(["preconv", "-e", "utf-8"], input=roff, capture_output=True, check=True)
    out = subprocess.run(["groff", "-Tutf8", "-mandoc", "-rLL=3000n", "-rHY=0", "-P-cbou"],
                         input=pre.stdout, capture_output=True, check=True)
    lines = out.stdout.decode("utf-8").split("\n")
    paras = []
    for line in lines[1:-1] if len(lines) > 2 else lines:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        text = re.sub(r"\s+", " ", line).strip()
        # Header and footer lines: the page title repeated, spread over the width.
        if re.search(r"\S {20,}\S", line):
            continue
        # Body text is indented by 7 columns, section headings by 0 and sub-headings by 3;
        # deeper lines are tagged-paragraph bodies (kept) or no-fill examples (.EX, kept
        # out when they look like code).
        if indent > 7 and re.search(r"[;{}=]|^\S+\(|^#", text) and not re.search(r"[.:]$", text):
            continue
        paras.append(text)
    return paras


# A letter of the target script: a target paragraph without one was left untranslated. A
# target in the source's script (French) has none to tell: any paragraph equal to a source one is.
TARGET_SCRIPT = {"ru": r"[\u0400-\u04FF]", "zh": r"[\u3400-\u9FFF]", "ja": r"[\u3040-\u30FF\u3400-\u9FFF]",
                 "fr": r"(?!)", "de": r"(?!)", "ko": r"[\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]", "el": r"[\u0370-\u03FF\u1F00-\u1FFF]"}


def drop_untranslated(src, tgt, tl):
    """Leave out, on both sides, every target paragraph written without one letter of the
    target script that is also, character for character, a source paragraph: the translators
    left it in English, and aligning a text with itself measures nothing. Each such target
    paragraph removes the first source paragraph equal to it that is not yet removed."""
    script = re.compile(TARGET_SCRIPT[tl])
    keep_src = [True] * len(src)
    keep_tgt = [True] * len(tgt)
    for j, para in enumerate(tgt):
        if script.search(para):
            continue
        for i, other in enumerate(src):
            if keep_src[i] and other == para:
                keep_src[i] = keep_tgt[j] = False
                break
    return ([p for p, k in zip(src, keep_src) if k], [p for p, k in zip(tgt, keep_tgt) if k])


def drop_credits(paras):
    """The Russian man pages end with a section on the translation (its heading ПЕРЕВОД,
    the translators' names, the licence, where to report errors) that has no English
    counterpart: it is left out, from its heading to the end."""
    for k, para in enumerate(paras):
        if para == "ПЕРЕВОД":
            return paras[:k]
    return paras


def help_texts(path):
    """The long help texts of the shell builtins in a message catalogue (bash's
    `help NAME`): the messages that hold an "Exit Status:" section, as (English message,
    translation) pairs in the order of the English messages. The catalogue holds only
    the messages translated for this version: fuzzy and untranslated ones are not in it."""
    with open(path, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return sorted((k, v) for k, v in catalog.items()
                  if isinstance(k, str) and "\nExit Status:\n" in k.replace("    ", "") and v)


def help_paragraphs(text):
    """Paragraphs of one help text: a blank line ends a paragraph, an option line (indented
    further, an option or a name then a tab) starts one, and a line that starts with a tab
    continues the option above it; the other lines join the paragraph they are in."""
    paras, cur = [], []
    for line in text.split("\n"):
        body = line[4:] if line.startswith("    ") else line
        if not body.strip():
            if cur:
                paras.append(cur)
            cur = []
            continue
        if body.startswith("\t"):
            cur.append(body)
            continue
        if body.startswith("  ") and "\t" in body and cur:
            paras.append(cur)
            cur = []
        cur.append(body)
    if cur:
        paras.append(cur)
    return [re.sub(r"\s+", " ", " ".join(p)).strip() for p in paras]


def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")
    except subprocess.CalledProcessError as e:
        sys.stderr.write("extract: %s failed: %s\n" % (" ".join(cmd), e.stderr.decode("utf-8", "replace").strip()))
        sys.exit(2)


def segment(bitext, txt, lang, sent):
    out = run([bitext, "segment", "--lang", lang, "--format", "jsonl", txt])
    lines, last = [], None
    for row in out.splitlines():
        seg = json.loads(row)
        if last is not None and seg["paragraph"] != last:
            lines.append("")
        lines.append(seg["text"])
        last = seg["paragraph"]
    write(sent, "\n".join(lines) + "\n")
    return [l for l in lines if l]


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def check_lines(sents):
    rows = ["%d" % len(sents)]
    for i, s in enumerate(sents):
        h = hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]
        rows.append("%d\t%s\t%s" % (i, h, s[:16]))
    return rows


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = [a for a in argv if a.startswith("--")]
    bitext = None
    only = None
    for opt in ("--bitext", "--set"):
        if opt in argv:
            k = argv.index(opt)
            if k + 1 >= len(argv):
                sys.stderr.write("extract: %s needs a value\n" % opt)
                return 2
            args.remove(argv[k + 1])
            if opt == "--bitext":
                bitext = argv[k + 1]
            else:
                only = argv[k + 1]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    outdir = args[0]
    if bitext is None:
        bitext = os.environ.get("BITEXT") or os.path.join(HERE, "../../../build/src/cli/bitext")
    for pkg in ("installation-guide-amd64", "manpages", "manpages-ru", "bash", "maint-guide",
                "maint-guide-ru", "maint-guide-de"):
        st = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True)
        if b"install ok installed" not in st.stdout:
            sys.stderr.write("extract: Debian package %s is not installed\n" % pkg)
            return 77
    os.makedirs(outdir, exist_ok=True)
    status = 0
    sets = []
    for set_name, doc, kind, src, tgt, sl, tl in MANIFEST:
        if only is not None and set_name != only:
            continue
        texts = []
        for path in (src, tgt):
            if not os.path.exists(path):
                sys.stderr.write("extract: %s missing\n" % path)
                return 2
        if kind == "help":
            pairs = help_texts(src)
            texts = [[p for k, _ in pairs for p in help_paragraphs(k)],
                     [p for _, v in pairs for p in help_paragraphs(v)]]
        else:
            texts = [guide_paragraphs(path) if kind == "html" else man_paragraphs(path)
                     for path in (src, tgt)]
        if kind == "man":
            texts[1] = drop_credits(texts[1])
        texts = drop_untranslated(texts[0], texts[1], tl)
        sides = []
        for paras, lang in zip(texts, (sl, tl)):
            txt = os.path.join(outdir, "%s.%s.txt" % (doc, lang))
            write(txt, "\n\n".join(paras) + "\n")
            sides.append((lang, segment(bitext, txt, lang, os.path.join(outdir, "%s.%s.sent" % (doc, lang)))))
        sets.append("%s\t%s\t%s\t%s" % (set_name, doc, sl, tl))
        rows = []
        for lang, sents in sides:
            rows += ["%s\t%s" % (lang, r) for r in check_lines(sents)]
        check_path = os.path.join(HERE, doc + ".sent-check")
        if "--write-check" in opts:
            write(check_path, "\n".join(rows) + "\n")
        elif "--check" in opts:
            try:
                with open(check_path, encoding="utf-8") as f:
                    want = f.read().rstrip("\n").split("\n")
            except OSError:
                sys.stderr.write("extract: %s missing\n" % check_path)
                return 1
            if want != rows:
                for k, (a, b) in enumerate(zip(want + [""] * len(rows), rows + [""] * len(want))):
                    if a != b:
                        sys.stderr.write("extract: %s: sentences differ from %s (line %d):\n  committed: %s\n  extracted: %s\n"
                                         % (doc, os.path.basename(check_path), k + 1, a, b))
                        break
                status = 1
    write(os.path.join(outdir, "sets.tsv"), "\n".join(sets) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
