"""Writes cass_xdata.dxf, the fixture of the CASS XDATA test (run with ezdxf from PyPI; the file is committed).

CASS keeps extended entity data (XDATA) on what it draws: under the application SOUTH, its feature
code first. In CGCS2000 3° zone 35 (EPSG:4523) coordinates, on CAD layer JZX:
- DK21, 100 m x 100 m, code 300000, its id also in XDATA, its 宗地号 text on ZDH inside;
- a house (code 141101), 20 m x 10 m, drawn inside DK21: a closed polyline, but not a hole of the parcel;
- DK22, 50 m x 100 m, code 300000, its id in XDATA only (no text).
"""
import ezdxf

x0, y0 = 35_500_000, 3_385_000
doc = ezdxf.new("R2010")
doc.appids.add("SOUTH")
msp = doc.modelspace()


def outline(x, y, w, h, xdata):
    p = msp.add_lwpolyline([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], close=True, dxfattribs={"layer": "JZX"})
    p.set_xdata("SOUTH", [(1000, v) for v in xdata])


outline(x0, y0, 100, 100, ["300000", "DK21"])
outline(x0 + 40, y0 + 40, 20, 10, ["141101"])
outline(x0 + 200, y0, 50, 100, ["300000", "DK22"])
msp.add_text("DK21", dxfattribs={"layer": "ZDH", "insert": (x0 + 10, y0 + 80)})
doc.saveas("cass_xdata.dxf")
