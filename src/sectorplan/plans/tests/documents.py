"""Small real documents for tests that upload one: a PDF must parse as a PDF since issue 17
(plans/attachments.py), so b"%PDF-1.4" alone no longer passes as one."""

import io
import zipfile


def pdf_bytes(title: str = "") -> bytes:
    """A one-page PDF (pypdf), with an optional title so two files can differ."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if title:
        writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _minimal_pdf() -> bytes:
    """One empty page with a correct cross-reference table, without pypdf."""
    objects = [
        b"<< /Type /Pages /Count 1 /Kids [ 3 0 R ] >>",
        b"<< /Type /Catalog /Pages 1 0 R >>",
        b"<< /Type /Page /Resources << >> /MediaBox [ 0 0 200 200 ] /Parent 1 0 R >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 2 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# For modules that want bytes at import time.
PDF = _minimal_pdf()


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()
