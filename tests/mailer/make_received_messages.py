#!/usr/bin/python3
"""Messages made the way real senders make them, for the tests of parse_received_message and of
the IMAP mailbox: written as NAME.eml into OUTDIR beside expected.json, which says what a correct
reader finds in each (sender, subject, words of the text, and each file's name, type, SHA-256 of
its bytes and whether it came inside a forwarded message). The expectations come from the bytes
put in here, never from a parser.

The MIME is written out as Outlook, an iPhone and forwarding clients write it (header forms,
nesting, encodings), with Python's email package only for the encodings themselves. All names and
cases are fictional.

    /usr/bin/python3 tests/mailer/make_received_messages.py OUTDIR
"""

import base64
import hashlib
import io
import json
import quopri
import sys
import urllib.parse
import zipfile
from email.header import Header
from pathlib import Path


def docx_bytes(words):
    """A small but real DOCX (a zip with the parts Word needs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
        info = zipfile.ZipInfo("[Content_Types].xml", date_time=(2026, 12, 1, 9, 0, 0))
        docx.writestr(info, '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                      'package/2006/content-types"><Override PartName="/word/document.xml" '
                      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                      'document.main+xml"/></Types>')
        info = zipfile.ZipInfo("word/document.xml", date_time=(2026, 12, 1, 9, 0, 0))
        docx.writestr(info, '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
                      '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' + words +
                      '</w:t></w:r></w:p></w:body></w:document>')
    return buffer.getvalue()


def pdf_bytes(words):
    """A one-page PDF with binary bytes in it (as real ones have)."""
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
            b"% " + words.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def b64_lines(data):
    encoded = base64.b64encode(data).decode()
    return "\r\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def qp(text):
    return quopri.encodestring(text.encode("utf-8")).decode().replace("\n", "\r\n")


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def rfc2047(text):
    return Header(text, "utf-8").encode()


def sha(data):
    return hashlib.sha256(data).hexdigest()


def file_entry(name, content_type, data, forwarded=False):
    return {"filename": name, "content_type": content_type, "sha256": sha(data),
            "size": len(data), "forwarded": forwarded}


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def outlook():
    """Outlook: mixed > alternative (plain + html) + a DOCX named with RFC 2231 filename*= and an
    RFC 2047 name= (both non-ASCII), CRLF, base64."""
    name = "Chronologie – Léa.docx"
    data = docx_bytes("Chronology for LCS900108")
    encoded_name = "utf-8''" + urllib.parse.quote(name, safe="")
    plain = "Hello,\r\n\r\nPlease find the chronology for LCS900108 attached.\r\n\r\nJo Smith\r\n"
    html = ("<html><head><style>p {margin:0}</style></head><body><p>Hello,</p>"
            "<p>Please find the chronology for LCS900108 attached.</p><p>Jo Smith</p></body></html>")
    raw = crlf(f"""From: "Smith, Jo" <Jo.Smith@Example-Council.gov.uk>
To: "Permanence Panel" <panel@example-council.gov.uk>
Subject: {rfc2047("LCS900108 – chronology for panel")}
Thread-Topic: LCS900108 chronology
Thread-Index: AdsE5xyzAbCdEfGhIjKlMnOpQrStUv==
Date: Tue, 1 Dec 2026 10:15:02 +0000
Message-ID: <AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.outlook.com>
Accept-Language: en-GB, en-US
Content-Language: en-GB
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
Content-Type: multipart/mixed;
\tboundary="_004_AM0PR01MB1234ABCD_"
MIME-Version: 1.0

--_004_AM0PR01MB1234ABCD_
Content-Type: multipart/alternative;
\tboundary="_000_AM0PR01MB1234ABCD_"

--_000_AM0PR01MB1234ABCD_
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

{quopri.encodestring(plain.encode("iso-8859-1")).decode()}
--_000_AM0PR01MB1234ABCD_
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

{b64_lines(html.encode())}

--_000_AM0PR01MB1234ABCD_--

--_004_AM0PR01MB1234ABCD_
Content-Type: {DOCX};
\tname="{rfc2047(name)}"
Content-Description: {rfc2047(name)}
Content-Disposition: attachment;
\tfilename*={encoded_name}; size={len(data)};
\tcreation-date="Tue, 01 Dec 2026 10:14:00 GMT"
Content-Transfer-Encoding: base64

{b64_lines(data)}

--_004_AM0PR01MB1234ABCD_--
""")
    expected = {"from_name": "Smith, Jo", "from_email": "jo.smith@example-council.gov.uk",
                "subject": "LCS900108 – chronology for panel",
                "message_id": "<AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.outlook.com>",
                "text_contains": ["Please find the chronology for LCS900108 attached."],
                "text_lacks": ["<p>", "margin"],
                "files": [file_entry(name, DOCX, data)]}
    return raw.encode(), expected


def outlook_related():
    """Outlook with a signature logo: mixed > related > (alternative (plain + html), the inline
    image001.png with a Content-ID) + a PDF. The logo is a file too (intake decides about it)."""
    logo = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    data = pdf_bytes("Later life letter LCS900108")
    raw = crlf(f"""From: "Smith, Jo" <jo.smith@example-council.gov.uk>
To: panel@example-council.gov.uk
Subject: LCS900108 later life letter
Date: Fri, 4 Dec 2026 11:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="_006_mixed_"

--_006_mixed_
Content-Type: multipart/related; boundary="_005_related_"; type="multipart/alternative"

--_005_related_
Content-Type: multipart/alternative; boundary="_000_alt_"

--_000_alt_
Content-Type: text/plain; charset="us-ascii"

Later life letter attached.
--_000_alt_
Content-Type: text/html; charset="us-ascii"

<html><body><p>Later life letter attached.</p><img src="cid:image001.png@01DB4A"></body></html>
--_000_alt_--

--_005_related_
Content-Type: image/png; name="image001.png"
Content-Description: image001.png
Content-Disposition: inline; filename="image001.png"
Content-ID: <image001.png@01DB4A>
Content-Transfer-Encoding: base64

{b64_lines(logo)}

--_005_related_--

--_006_mixed_
Content-Type: application/pdf; name="Later life letter.pdf"
Content-Disposition: attachment; filename="Later life letter.pdf"
Content-Transfer-Encoding: base64

{b64_lines(data)}

--_006_mixed_--
""")
    expected = {"from_name": "Smith, Jo", "from_email": "jo.smith@example-council.gov.uk",
                "subject": "LCS900108 later life letter", "message_id": "",
                "text_contains": ["Later life letter attached."], "text_lacks": ["<img", "cid:"],
                "files": [file_entry("image001.png", "image/png", logo),
                          file_entry("Later life letter.pdf", "application/pdf", data)]}
    return raw.encode(), expected


def iphone():
    """An iPhone: mixed with inline text parts around an attachment whose name is raw UTF-8 in the
    header (no encoding at all), and an Apple-Mail boundary."""
    name = "Care plan – Zoë.pdf"
    data = pdf_bytes("Care plan LCS900215")
    raw = crlf(f"""Content-Type: multipart/mixed; boundary=Apple-Mail-4C1D2E3F-0A1B-4C5D-8E9F-ABCDEF012345
Content-Transfer-Encoding: 7bit
From: Sam Patel <sam.patel@example-council.gov.uk>
Mime-Version: 1.0 (1.0)
Date: Wed, 2 Dec 2026 19:02:11 +0000
Subject: Care plan LCS900215
Message-Id: <5E6F7A8B-1C2D-4E3F-9A0B-C1D2E3F4A5B6@example-council.gov.uk>
To: panel@example-council.gov.uk
X-Mailer: iPhone Mail (20B101)

--Apple-Mail-4C1D2E3F-0A1B-4C5D-8E9F-ABCDEF012345
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp("Here’s the care plan for LCS900215.")}
--Apple-Mail-4C1D2E3F-0A1B-4C5D-8E9F-ABCDEF012345
Content-Type: application/pdf; name="{name}"
Content-Disposition: inline; filename="{name}"
Content-Transfer-Encoding: base64

{b64_lines(data)}
--Apple-Mail-4C1D2E3F-0A1B-4C5D-8E9F-ABCDEF012345
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit



Sent from my iPhone
--Apple-Mail-4C1D2E3F-0A1B-4C5D-8E9F-ABCDEF012345--
""")
    expected = {"from_name": "Sam Patel", "from_email": "sam.patel@example-council.gov.uk",
                "subject": "Care plan LCS900215",
                "message_id": "<5E6F7A8B-1C2D-4E3F-9A0B-C1D2E3F4A5B6@example-council.gov.uk>",
                "text_contains": ["Here’s the care plan for LCS900215.", "Sent from my iPhone"],
                "text_lacks": [],
                "files": [file_entry(name, "application/pdf", data)]}
    return raw.encode("utf-8"), expected


def forwarded():
    """A forward as an attachment: the team manager's note, then message/rfc822 holding the social
    worker's original with its PDF."""
    data = pdf_bytes("Matching report LCS900331")
    original = crlf(f"""From: Alex Brown <alex.brown@example-council.gov.uk>
To: Morgan Lee <morgan.lee@example-council.gov.uk>
Subject: Matching report LCS900331
Date: Mon, 30 Nov 2026 16:40:00 +0000
Message-ID: <original-1@example-council.gov.uk>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="inner-boundary"

--inner-boundary
Content-Type: text/plain; charset=utf-8

Morgan, the matching report is attached for sign-off.
--inner-boundary
Content-Type: application/pdf; name="Matching report.pdf"
Content-Disposition: attachment; filename="Matching report.pdf"
Content-Transfer-Encoding: base64

{b64_lines(data)}
--inner-boundary--
""")
    raw = crlf(f"""From: Morgan Lee <Morgan.Lee@example-council.gov.uk>
To: panel@example-council.gov.uk
Subject: FW: Matching report LCS900331
Date: Tue, 1 Dec 2026 08:05:00 +0000
Message-ID: <forward-1@example-council.gov.uk>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-boundary"

--outer-boundary
Content-Type: text/plain; charset=utf-8

Forwarding Alex's matching report for the panel.
--outer-boundary
Content-Type: message/rfc822
Content-Disposition: attachment; filename="Matching report LCS900331.eml"

{original}
--outer-boundary--
""")
    expected = {"from_name": "Morgan Lee", "from_email": "morgan.lee@example-council.gov.uk",
                "subject": "FW: Matching report LCS900331",
                "message_id": "<forward-1@example-council.gov.uk>",
                "text_contains": ["Forwarding Alex's matching report for the panel.",
                                  "Matching report LCS900331\nMorgan, the matching report is "
                                  "attached for sign-off."],
                "text_lacks": [],
                "files": [file_entry("Matching report.pdf", "application/pdf", data, True)]}
    return raw.encode(), expected


def two_attachments():
    """Two files: one named only by an RFC 2047 name= in Content-Type, one whose filename carries
    a Windows folder (dropped)."""
    first_name = "Rapport été.pdf"
    first = pdf_bytes("Rapport LCS900402")
    second = docx_bytes("Plan LCS900402")
    raw = crlf(f"""From: =?utf-8?q?Ren=C3=A9e_Dubois?= <renee.dubois@example-council.gov.uk>
To: panel@example-council.gov.uk
Subject: =?utf-8?b?{base64.b64encode("Papers for LCS900402 – two files".encode()).decode()}?=
 (second try)
Date: Thu, 3 Dec 2026 12:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="two"

--two
Content-Type: text/plain; charset=windows-1252
Content-Transfer-Encoding: quoted-printable

{quopri.encodestring("Two papers – report and plan.".encode("cp1252")).decode()}
--two
Content-Type: application/pdf; name="{rfc2047(first_name)}"
Content-Transfer-Encoding: base64

{b64_lines(first)}
--two
Content-Type: {DOCX}
Content-Disposition: attachment; filename="C:\\\\Users\\\\renee\\\\Documents\\\\Plan.docx"
Content-Transfer-Encoding: base64

{b64_lines(second)}
--two--
""")
    expected = {"from_name": "Renée Dubois", "from_email": "renee.dubois@example-council.gov.uk",
                "subject": "Papers for LCS900402 – two files (second try)",
                "message_id": "",
                "text_contains": ["Two papers – report and plan."],
                "text_lacks": [],
                "files": [file_entry(first_name, "application/pdf", first),
                          file_entry("Plan.docx", DOCX, second)]}
    return raw.encode(), expected


def no_attachment():
    """HTML only, no file: the text is the HTML's words."""
    html = ("<html><body><div>Papers for <b>LCS900108</b> will follow&nbsp;tomorrow.</div>"
            "<div>Thanks &amp; regards,<br>Jo</div><script>var x = 1;</script></body></html>")
    raw = crlf(f"""From: jo.smith@example-council.gov.uk
To: panel@example-council.gov.uk
Subject: LCS900108 papers to follow
Date: Thu, 3 Dec 2026 13:00:00 +0000
Message-ID: <no-files@example-council.gov.uk>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

{qp(html)}
""")
    expected = {"from_name": "", "from_email": "jo.smith@example-council.gov.uk",
                "subject": "LCS900108 papers to follow",
                "message_id": "<no-files@example-council.gov.uk>",
                "text_contains": ["Papers for LCS900108 will follow tomorrow.",
                                  "Thanks & regards,\nJo"],
                "text_lacks": ["var x", "<b>"],
                "files": []}
    return raw.encode(), expected


def winmail():
    """Outlook's rich-text mode: the attachment hidden in a TNEF winmail.dat (just a file here)."""
    data = b"\x78\x9f\x3e\x22" + bytes(range(256)) * 4
    raw = crlf(f"""From: "Smith, Jo" <jo.smith@example-council.gov.uk>
To: panel@example-council.gov.uk
Subject: LCS900108 care plan
Date: Fri, 4 Dec 2026 09:30:00 +0000
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="tnef"

--tnef
Content-Type: text/plain; charset="us-ascii"

Care plan attached.
--tnef
Content-Type: application/ms-tnef; name="winmail.dat"
Content-Disposition: attachment; filename="winmail.dat"
Content-Transfer-Encoding: base64

{b64_lines(data)}
--tnef--
""")
    expected = {"from_name": "Smith, Jo", "from_email": "jo.smith@example-council.gov.uk",
                "subject": "LCS900108 care plan", "message_id": "",
                "text_contains": ["Care plan attached."], "text_lacks": [],
                "files": [file_entry("winmail.dat", "application/ms-tnef", data)]}
    return raw.encode(), expected


def broken():
    """Truncated mid-attachment, no closing boundary, a bad base64 tail: read what can be read."""
    data = pdf_bytes("Broken LCS900999")
    encoded = b64_lines(data)
    raw = crlf(f"""From: broken@example-council.gov.uk
Subject: LCS900999
\tfolded subject
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="cut"

--cut
Content-Type: text/plain

Text before the cut.
--cut
Content-Type: application/pdf; name="cut.pdf"
Content-Transfer-Encoding: base64

{encoded[:len(encoded) // 2]}
""")
    expected = {"from_name": "", "from_email": "broken@example-council.gov.uk",
                "subject": "LCS900999 folded subject", "message_id": "",
                "text_contains": ["Text before the cut."], "text_lacks": [],
                # The truncated file is still read (what there is of it): intake's checks refuse it.
                "files_named": ["cut.pdf"]}
    return raw.encode(), expected


MAKERS = {"outlook": outlook, "outlook_related": outlook_related, "iphone": iphone, "forwarded": forwarded,
          "two_attachments": two_attachments, "no_attachment": no_attachment,
          "winmail": winmail, "broken": broken}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_received_messages.py OUTDIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, make in MAKERS.items():
        raw, expected[name] = make()
        (out / f"{name}.eml").write_bytes(raw)
        expected[name]["raw_sha256"] = sha(raw)
    (out / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n",
                                       encoding="utf-8")


if __name__ == "__main__":
    main()
