#!/usr/bin/python3
"""omegat-missed.py SOURCE.tmx TARGET.tmx RU_DIR [MISSED.txt]

Which of OmegaT's segments a memory left unmatched, and whether the Russian
translation translated them at all.

SOURCE.tmx: OmegaT's segments of the English pages (its
--mode=console-createpseudotranslatetmx, one unit per distinct segment, tags
as OmegaT's shortcuts such as <c0>). TARGET.tmx: the same made from the pages
OmegaT wrote with the memory (--mode=console-translate): a segment of the
English pages that is still there was not matched. RU_DIR: the Russian pages.
A segment not matched is "kept in English" when the Russian pages hold its
text as it is (tags and white space aside): the translation left it in
English, so only an English copy in the memory could match it. The others
were translated and the memory missed them; MISSED.txt gets them, one per
line as a Python string literal. Prints one line of counts (distinct
segments), then the share of the translated segments matched.
"""
import glob
import html
import re
import sys
import xml.etree.ElementTree as ET


def segments(path):
    return [tu.find('tuv').find('seg').text or '' for tu in ET.parse(path).getroot().iter('tu')]


def squeeze(text):
    return re.sub(r'\s+', '', text)


def main():
    source = segments(sys.argv[1])
    still_english = set(segments(sys.argv[2]))
    pages = []
    for path in sorted(glob.glob(sys.argv[3] + '/*.html')):
        with open(path, encoding='utf-8') as f:
            pages.append(squeeze(html.unescape(re.sub(r'<[^>]+>', '', f.read()))))
    russian = '\x00'.join(pages)
    unmatched = [s for s in source if s in still_english]
    kept = [s for s in unmatched if squeeze(re.sub(r'</?[a-z]+\d+/?>', '', s)) in russian]
    missed = [s for s in unmatched if s not in kept]
    translated = len(source) - len(kept)
    print(f'{len(source)} {len(unmatched)} {len(kept)} {len(missed)} {translated}')
    if len(sys.argv) > 4:
        with open(sys.argv[4], 'w', encoding='utf-8') as f:
            for s in missed:
                f.write(repr(s) + '\n')


if __name__ == '__main__':
    main()
