#!/usr/bin/env python3
"""Writes the bad-input corpus of bulk uploads (run from this directory; the files are committed).

Each file's expected outcome is in manifest.csv. '{run}' in text files is replaced by UploadCorpusIT with a fresh
id, so that rows a case expects to be written never collide with earlier runs. Files too large to commit (a zip
bomb, a body over the size limit, a line over the NDJSON limit) are made by UploadCorpusIT itself.
"""
import zipfile

H = "case_ref,victim_ref,identification_date,victim_status,sex,age_at_identification,age_at_exploitation,nationality,exploitation_primary\n"
HS = H.replace(",", ";")


def w(name, data):
    with open(name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# ---------------------------------------------------------------- CSV
w("csv-empty.csv", b"")
w("csv-binary.csv", bytes(range(256)) * 4)
w("csv-latin1.csv", (H + "C-{run},V-{run},2024-01-01,IDENTIFIED,F,20,,ARG,Explotación sexual\n").encode("latin-1"))
w("csv-utf16le-bom.csv", (H + "C-{run},V-{run},2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL\n").encode("utf-16"))
w("csv-utf16be-nobom.csv", (H + "C-{run},V-{run},2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL\n").encode("utf-16-be"))
w("csv-missing-columns.csv", "case_ref,victim_ref\nC-{run},V-{run}\n")
w("csv-unknown-column.csv", H.replace("\n", ",shoe_size\n") + "C-{run},V-{run},2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL,41\n")
w("csv-ragged-row.csv", H + "C-{run},V-{run},2024-01-01\n")
w("csv-unterminated-quote.csv", H + "\"C-{run},V-{run},2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL\n")
w("csv-unknown-codes.csv", H + "C-{run},V-{run},2024-01-01,IDENTIFIED,Z,20,,XXX,KNITTING\n")
w("csv-future-dates.csv", "case_ref,victim_ref,case_opened_on,identification_date,victim_status,sex\n"
  "C-{run},V-{run},2999-01-01,2999-01-02,IDENTIFIED,F\n")
w("csv-impossible-ages.csv", H + "C-{run},V-{run}-1,2024-01-01,IDENTIFIED,F,230,,ARG,SEXUAL\n"
  "C-{run},V-{run}-2,2024-01-01,IDENTIFIED,F,-1,,ARG,SEXUAL\n"
  "C-{run},V-{run}-3,2024-01-01,IDENTIFIED,F,12,30,ARG,SEXUAL\n")
w("csv-duplicate-victim-ref.csv", H + "C-{run},V-{run},2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL\n"
  "C-{run},V-{run},2024-01-02,IDENTIFIED,M,30,,ARG,SEXUAL\n")
w("csv-injection.csv", H + "C-{run},\"=cmd|' /C calc'!A0 {run}\",2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL\n"
  "C-{run},V-{run}-2,2024-01-01,IDENTIFIED,F,20,,=1+2,@SUM(A1)\n")
w("csv-bad-date-format.csv", H + "C-{run},V-{run},01/02/2024,IDENTIFIED,F,20,,ARG,SEXUAL\n")
w("csv-required-empty.csv", H + "C-{run},,2024-01-01,,F,20,,ARG,SEXUAL\n")
w("csv-html-page.csv", "<!DOCTYPE html>\n<html><body><h1>Login</h1></body></html>\n")
w("csv-header-only.csv", H)
w("csv-partial-mixed.csv", HS + "C-{run};V-{run}-1;2024-01-01;Víctima identificada;Femenino;20;;Paraguay;Explotación sexual\n"
  "C-{run};V-{run}-2;2024-01-01;IDENTIFIED;Q;20;;ARG;SEXUAL\n")
w("csv-too-long-ref.csv", H + "C-{run}," + "V" * 300 + ",2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL\n")
w("csv-whitespace-only.csv", "\n\n   \n")
w("csv-valid.csv", H + "C-{run},V-{run},2024-01-01,IDENTIFIED,F,20,,ARG,SEXUAL\n")
w("csv-non-numeric-age.csv", H + "C-{run},V-{run},2024-01-01,IDENTIFIED,F,twenty,,ARG,SEXUAL\n")

# ---------------------------------------------------------------- NDJSON
V = '{"victimRef":"V-{run}-%s","identificationDate":"2024-02-01","status":"IDENTIFIED","sex":"F","ageAtIdentification":17}'
w("ndjson-invalid-json.ndjson", '{"fileReference":"C-{run}","victims":[' + V % 1 + ']}\n{"fileReference":"C-{run}-2","victims":[\n')
w("ndjson-wrong-types.ndjson", '{"fileReference":"C-{run}","openedOn":20240101,"victims":[{"victimRef":"V-{run}","identificationDate":"2024-02-01",'
  '"status":"IDENTIFIED","sex":"F","ageAtIdentification":"seventeen","exploitationOther":"SEXUAL"}],"suspects":{"sex":"M"}}\n')
w("ndjson-nested-errors.ndjson", '{"fileReference":"C-{run}","victims":[' + V % 1 + ',{"victimRef":"V-{run}-2","identificationDate":"2024-02-01",'
  '"status":"IDENTIFIED","sex":"Q"}],"suspects":[{"sex":"M","role":"NOT_A_ROLE","age":200}],'
  '"proceedings":[{"type":"ARREST","occurredOn":"2024-03-01","suspect":3}],'
  '"assistance":[{"victimRef":"V-{run}-9","type":"SHELTER","startedOn":"2024-03-01"}]}\n')
w("ndjson-unknown-field.ndjson", '{"fileReference":"C-{run}","shoeSize":41,"victims":[{"victimRef":"V-{run}","identificationDate":"2024-02-01",'
  '"status":"IDENTIFIED","sex":"F","name":"not here"}]}\n')
w("ndjson-not-object.ndjson", '[{"fileReference":"C-{run}"}]\n')
w("ndjson-no-victims.ndjson", '{"fileReference":"C-{run}","victims":[]}\n')
w("ndjson-duplicate-case.ndjson", '{"fileReference":"C-{run}","victims":[' + V % 1 + ']}\n{"fileReference":"C-{run}","victims":[' + V % 2 + ']}\n')
w("ndjson-duplicate-key.ndjson", '{"fileReference":"C-{run}","fileReference":"C-{run}-b","victims":[' + V % 1 + ']}\n')
w("ndjson-latin1.ndjson", ('{"fileReference":"C-{run}","victims":[{"victimRef":"V-{run}","identificationDate":"2024-02-01",'
  '"status":"Víctima identificada","sex":"F"}]}\n').encode("latin-1"))
w("ndjson-utf16.ndjson", ('{"fileReference":"C-{run}","victims":[' + V % 1 + ']}\n').encode("utf-16"))
w("ndjson-future-proceeding.ndjson", '{"fileReference":"C-{run}","victims":[' + V % 1 + '],"suspects":[{"sex":"M"}],'
  '"proceedings":[{"type":"ARREST","occurredOn":"2999-01-01","suspect":0}]}\n')
w("ndjson-judgment-without-charge.ndjson", '{"fileReference":"C-{run}","victims":[' + V % 1 + '],"suspects":[{"sex":"M"}],'
  '"proceedings":[{"type":"JUDGMENT","occurredOn":"2024-05-01","suspect":0,"outcome":"CONVICTION"}]}\n')
w("ndjson-partial.ndjson", '{"fileReference":"C-{run}-1","complaintChannel":"TIP_HOTLINE","victims":[' + V % 1 + '],'
  '"suspects":[{"sex":"Masculino","age":41,"nationality":"ARG"}],'
  '"proceedings":[{"type":"ARREST","occurredOn":"2024-03-01","suspect":0}]}\n'
  '{"fileReference":"C-{run}-2","victims":[{"victimRef":"V-{run}-2","identificationDate":"2024-02-01","status":"IDENTIFIED","sex":"X?"}]}\n')
w("ndjson-duplicate-victim-ref.ndjson", '{"fileReference":"C-{run}","victims":[' + V % 1 + ',' + V % 1 + ']}\n')
w("ndjson-binary.ndjson", bytes(range(256)) * 4)

# ---------------------------------------------------------------- XLSX
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="%s"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '%s</Types>')
WB_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '%s</Relationships>')


def cell(ref, value):
    if isinstance(value, tuple):  # (formula, cached value)
        return '<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (ref, value[0], value[1])
    if isinstance(value, (int, float)):
        return '<c r="%s"><v>%s</v></c>' % (ref, value)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, value)


def sheet(rows):
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell("%s%d" % (chr(65 + c), r), v) for c, v in enumerate(row) if v is not None)
        out.append('<row r="%d">%s</row>' % (r, cells))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'
            % "".join(out))


COLS = ["case_ref", "victim_ref", "identification_date", "victim_status", "sex", "age_at_identification"]


def xlsx(name, rows, wb_type=WB_TYPE, extra_types="", extra_rels="", extra_parts=None):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT % (wb_type, extra_types))
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS % extra_rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet(rows))
        for part, data in (extra_parts or {}).items():
            z.writestr(part, data)


GOOD = [COLS, ["C-X1", "V-X1", 45352, "IDENTIFIED", "F", 20]]
xlsx("xlsx-macros.xlsx", GOOD, extra_types='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
     extra_rels='<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>',
     extra_parts={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504})
xlsx("xlsx-macro-enabled-type.xlsx", GOOD, wb_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml")
xlsx("xlsx-external-links.xlsx", GOOD,
     extra_types='<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>',
     extra_rels='<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>',
     extra_parts={"xl/externalLinks/externalLink1.xml":
                  '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" '
                  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>',
                  "xl/externalLinks/_rels/externalLink1.xml.rels":
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
                  'Target="file:///C:/secret/other.xlsx" TargetMode="External"/></Relationships>'})
xlsx("xlsx-data-connection.xlsx", GOOD, extra_parts={"xl/connections.xml":
     '<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" name="q"/></connections>'})
xlsx("xlsx-formulas.xlsx", [COLS, ["C-X2", "V-X2", 45352, "IDENTIFIED", ("HYPERLINK(\"http://x.invalid\",\"F\")", "F"), 20],
                            ["C-X2", "V-X3", 45352, "IDENTIFIED", "F", ("10+10", "20")]])
xlsx("xlsx-missing-columns.xlsx", [["case_ref", "victim_ref"], ["C-X4", "V-X4"]])
xlsx("xlsx-unknown-column.xlsx", [COLS + ["shoe_size"], ["C-X5", "V-X5", 45352, "IDENTIFIED", "F", 20, 41]])
xlsx("xlsx-unknown-codes-future-date.xlsx", [COLS, ["C-X6", "V-X6", 401769, "IDENTIFIED", "Zebra", 20],
                                              ["C-X6", "V-X7", "2024-13-45", "Unknown status", "F", 20]])
xlsx("xlsx-empty-sheet.xlsx", [])
xlsx("xlsx-cell-beyond-header.xlsx", [COLS, ["C-X8", "V-X8", 45352, "IDENTIFIED", "F", 20, None, None, "stray"]])
w("xlsx-encrypted.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4088)
w("xlsx-not-zip.xlsx", "case_ref,victim_ref\nC-X9,V-X9\n")
with open("xlsx-formulas.xlsx", "rb") as f:
    whole = f.read()
w("xlsx-truncated.xlsx", whole[: len(whole) // 2])
