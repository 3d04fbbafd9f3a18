#!/usr/bin/env python3
"""Writes the dictd fixtures of tests/test-dictd.c (run from this directory).

The entries are written by us in the shape FreeDict's dictd files have
(headword /pronunciation/ <part of speech>, numbered senses, definitions,
sub-senses, 00-database-* entries). NAME.dict is the text; the index gives
each entry's offset and length in dictd's base64. Compress afterwards:
  gzip -n -9 -c tiny.dict > tiny-gz.dict.dz    (plain gzip)
  dictzip -k tiny.dict                         (dictzip, Debian package dictzip)
"""

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(n):
    s = ""
    while True:
        s = DIGITS[n % 64] + s
        n //= 64
        if n == 0:
            return s


def write(name, entries, aliases=(), extra_index=()):
    data = b""
    index = []
    where = {}
    for key, text in entries:
        raw = text.encode()
        where[key] = (len(data), len(raw))
        index.append((key, len(data), len(raw)))
        data += raw
    for alias, key in aliases:
        index.append((alias, *where[key]))
    with open(name + ".dict", "wb") as f:
        f.write(data)
    with open(name + ".index", "w", encoding="utf-8") as f:
        for key, off, length in sorted(index):
            f.write(f"{key}\t{b64(off)}\t{b64(length)}\n")
        for line in extra_index:
            f.write(line + "\n")


TINY = [
    ("00-database-info", "00-database-info\nA tiny English-Russian test dictionary, written for bitext's tests.\n\n"),
    ("00databaseutf8", "00-database-utf8\n\n"),
    ("missile defence", "missile defence /ˈmɪsaɪl dɪˈfɛns/ <n>\nпротиворакетная оборона, ПРО\n\n"),
    ("house", "house /haʊs/ <n>\n1. дом (здание)\n2. палата\nthe lower house of a parliament\n\n"),
    ("run", "run /rʌn/ <v>\n1. бежать, бегать\nto move quickly on foot\n 2.\nto operate a machine\n"
            "2. управлять; руководить 3.\n\"She runs the company.\"\n\n"),
    ("nothing", "nothing /ˈnʌθɪŋ/ <pron>\nничего … не\n\n"),
    ("couple", "couple /ˈkʌpl̩/ <n>\nпара, чета#чета (book), супруг/а\n\n"),
    ("and", "and /ænd/ <conj>\nи, а\n\n"),
]

write("tiny", TINY, aliases=[("missiledefence", "missile defence")])
write("bad", TINY[2:4], extra_index=["run\tBroken"])
write("freedict/freedict-rus-eng", [("дом", "дом /dom/ <n>\nhouse, home\n\n")])

# The indented layout of Müller's English-Russian dictionary (Debian's mueller7-dict),
# entries written by us: transcription in brackets, labels opening with "_", parts of
# speech "1.", senses "1)", sub-senses "а)", phrases of the headword's language with
# their renderings, a cross-reference, and a line that wraps to the margin.
INDENTED = [
    ("00-database-short", "00-database-short\n     A tiny English-Russian test dictionary\n"),
    ("bridge", "bridge\n   [brɪdʒ]\n   1. _n.\n      1) мост; to cross the bridge перейти мост\n"
               "      2) _мор. капитанский мостик\n   2. _v. наводить мост\n"),
    ("river", "river\n   [ˈrɪvə] _n. река; поток (лавы и т.п.)\n"),
    ("run", "run\n   _I [rʌn] _v.\n      1) бежать, бегать; run for it спасайся\n"
            "      2) управлять\n         а) вести (дело);\n         б) руководить\n"),
    ("ran", "ran\n   [ræn] _p. от run\n"),
    ("train", "train\n   [treɪn] _n. поезд; состав (из вагонов\nи т.п.)\n"),
]

write("indented", INDENTED)
