"""Checks an XLSX package with Python's own zipfile and XML parser, independently of the
C++ that wrote it: the zip is sound, every part is well-formed XML, every part has a content
type, and every relationship points at a part that exists. Prints one line per part,
"NAME<TAB>ROOT ELEMENT<TAB>CONTENT TYPE", and exits 1 with the problems otherwise."""

import posixpath
import sys
import xml.etree.ElementTree as ET
import zipfile

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def main(path):
    problems = []
    with zipfile.ZipFile(path) as package:
        bad = package.testzip()
        if bad:
            problems.append(f"{bad}: bad CRC")
        parts = {}
        for name in package.namelist():
            try:
                parts[name] = ET.fromstring(package.read(name))
            except ET.ParseError as error:
                problems.append(f"{name}: not well-formed: {error}")
    types = parts.get("[Content_Types].xml")
    if types is None:
        problems.append("[Content_Types].xml missing")
        types = ET.Element("none")
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(CT + "Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
    for name in overrides:
        if name.lstrip("/") not in parts:
            problems.append(f"content type for a part that is not there: {name}")
    lines = []
    for name, root in parts.items():
        if name == "[Content_Types].xml":
            continue
        content_type = overrides.get("/" + name) or defaults.get(name.rsplit(".", 1)[-1].lower())
        if not content_type:
            problems.append(f"{name}: no content type")
        lines.append(f"{name}\t{root.tag.rsplit('}', 1)[-1]}\t{content_type}")
        if name.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(name))
            for relationship in root.iter(PR + "Relationship"):
                if relationship.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(folder, relationship.get("Target")))
                if target not in parts:
                    problems.append(f"{name}: {relationship.get('Id')} points at missing {target}")
    if problems:
        print("\n".join(problems))
        return 1
    print("\n".join(sorted(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
