#!/usr/bin/env python3
"""Write tracked.docx and tracked.odt: small packages with tracked changes, notes, tabs, breaks,
fields, spaces and styles, as raw XML (no office program writes exactly these cases on demand).
Run by make-fixtures.sh; the outputs are committed."""
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' \
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' \
    'xmlns:v="urn:schemas-microsoft-com:vml"'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

def docx(path):
    body = (
        '<w:p><w:r><w:t xml:space="preserve">The keeper </w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t>painted</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>washed</w:delText></w:r></w:del>'
        '<w:r><w:t xml:space="preserve"> the tower.</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">It was white </w:t></w:r></w:p>'
        '<w:p><w:r><w:t>and red.</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Name</w:t><w:tab/><w:t>Year</w:t><w:br/><w:t>Berg</w:t><w:tab/>'
        '<w:t>1964</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Bold</w:t></w:r>'
        '<w:r><w:rPr><w:b w:val="false"/></w:rPr><w:t xml:space="preserve"> plain, see page </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'
        '<w:p><w:moveFrom w:id="4" w:author="A"><w:r><w:t xml:space="preserve">Old place. </w:t></w:r></w:moveFrom>'
        '<w:r><w:t xml:space="preserve">Lamps need care</w:t></w:r>'
        '<w:r><w:endnoteReference w:id="1"/></w:r>'
        '<w:moveTo w:id="5" w:author="A"><w:r><w:t xml:space="preserve"> in the new place.</w:t></w:r></w:moveTo>'
        '<w:r><w:t xml:space="preserve"> Well</w:t></w:r><w:r><w:noBreakHyphen/><w:t>kept.</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:rStyle w:val="StrongEmphasis"/></w:rPr><w:t>Styled</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> run, a box:</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        '<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed text.</w:t></w:r></w:p></w:txbxContent>'
        '</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>'
        '<w:t>Boxed text.</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:hyperlink w:anchor="top"><w:r><w:t>Cell two</w:t></w:r></w:hyperlink></w:p></w:tc></w:tr></w:tbl>')
    files = {
        '[Content_Types].xml':
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        '_rels/.rels':
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        'word/_rels/document.xml.rels':
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/endnotes" Target="endnotes.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        'word/styles.xml':
            f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>'
            '<w:style w:type="character" w:styleId="Emphasis"><w:rPr><w:i/></w:rPr></w:style>'
            '<w:style w:type="character" w:styleId="StrongEmphasis"><w:basedOn w:val="Emphasis"/>'
            '<w:rPr><w:b/></w:rPr></w:style></w:styles>',
        'word/document.xml':
            f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {W}>\n<w:body>{body}</w:body></w:document>',
        'word/endnotes.xml':
            f'<?xml version="1.0" encoding="UTF-8"?><w:endnotes {W}>'
            '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
            '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Paraffin smokes.</w:t></w:r></w:p></w:endnote>'
            '</w:endnotes>',
    }
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"')

def odt(path):
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>'
        '<office:automatic-styles><style:style style:name="T1" style:family="text" style:parent-style-name="Emph">'
        '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
        '<office:body><office:text>\n'
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        '<office:change-info><dc:creator>A</dc:creator></office:change-info>'
        '<text:p>washed </text:p></text:deletion></text:changed-region>'
        '<text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>A</dc:creator>'
        '</office:change-info></text:insertion></text:changed-region></text:tracked-changes>\n'
        '<text:h text:outline-level="1">The   keeper</text:h>\n'
        '<text:p>The keeper <text:change-start text:change-id="ct2"/>painted <text:change-end text:change-id="ct2"/>'
        '<text:change text:change-id="ct1"/>the tower.</text:p>\n'
        '<text:p>\n   Two<text:s text:c="3"/>spaces,\n   a<text:tab/>tab and<text:line-break/>a break.  </text:p>\n'
        '<text:p><text:span text:style-name="T1">Bold italic</text:span> and '
        '<text:span text:style-name="Emph">italic</text:span><office:annotation><dc:creator>A</dc:creator>'
        '<text:p>A comment.</text:p></office:annotation> text.</text:p>\n'
        '<text:list><text:list-item><text:p>First item</text:p></text:list-item>'
        '<text:list-item><text:p>Second item<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        '<text:note-body><text:p>A note.</text:p></text:note-body></text:note></text:p></text:list-item></text:list>\n'
        '<table:table><table:table-row><table:table-cell><text:p>Cell one</text:p></table:table-cell>'
        '<table:table-cell><text:p><text:a xlink:href="https://example.org/">Cell two</text:a></text:p></table:table-cell>'
        '</table:table-row></table:table>\n'
        '</office:text></office:body></office:document-content>')
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {NS}><office:styles>'
        '<style:style style:name="Emph" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>'
        '</office:styles></office:document-styles>')
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype', (2024, 1, 1, 0, 0, 0)),
                   'application/vnd.oasis.opendocument.text', zipfile.ZIP_STORED)
        for name, data in (('content.xml', content), ('styles.xml', styles)):
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

docx('tracked.docx')
odt('tracked.odt')
