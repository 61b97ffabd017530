"""Native Excel charts (openpyxl.chart) for the KPI workbooks: they stay live in Excel and LibreOffice Calc.

- :func:`trend_chart`: a KPI per quarter as a line, the norm as a dashed red line; a provisional value
  (cases still in their follow-up period) is an open marker, a definitive one a filled marker.
- :func:`norm_chart`: every share KPI as a bar beside its norm; a provisional bar is open (outline only).

The data of a chart are cells of the workbook (shares as fractions, shown as percentages), so a reader
can check every point.
"""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.marker import DataPoint, Marker
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.worksheet.worksheet import Worksheet

LINE = "1F4E79"
NORM = "B02A2A"
PROVISIONAL = "B8860B"  # amber: as the provisional marks of the SVG charts
VALUE_BAR = "1F4E79"
NORM_BAR = "E6A5A5"
EMU_PER_POINT = 12700


def _line(colour: str, points: float, dash: str | None = None) -> LineProperties:
    line = LineProperties(solidFill=colour, w=int(points * EMU_PER_POINT))
    if dash:
        line.prstDash = dash
    return line


def _title(text: str) -> Title:
    """A chart title in 11 point bold (the default is large enough to wrap a KPI's name over two lines)."""
    font = CharacterProperties(sz=1100, b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _axes(chart, share: bool) -> None:
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1 if share else 10
    chart.y_axis.majorUnit = 0.25 if share else 2
    chart.y_axis.number_format = "0%" if share else "0"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"


def trend_chart(data: Worksheet, title: str, categories: tuple[int, int, int], first_column: int, share: bool):
    """A line chart of three columns of *data* from *first_column* on: value, provisional value and norm.

    *categories* is (column, first row, last row) of the quarter labels, with the header one row
    above. The value column holds every value (the line, filled markers); the provisional column
    only the provisional ones, drawn over them in amber as open markers (a data point's own marker
    is not shown by LibreOffice, a series of its own is shown by both programs). LibreOffice cannot
    draw a hollow marker: it fills a marker with its series' colour, so there a provisional value is
    an amber point, and a stretch between provisional values an amber line over the blue one.
    """
    column, first, last = categories
    chart = LineChart()
    chart.title = _title(title)
    chart.style = 2
    chart.height, chart.width = 7, 15
    chart.display_blanks = "gap"
    for offset in range(3):
        chart.add_data(
            Reference(data, min_col=first_column + offset, min_row=first - 1, max_row=last), titles_from_data=True
        )
    chart.set_categories(Reference(data, min_col=column, min_row=first, max_row=last))
    value_series, provisional_series, norm_series = chart.series
    value_series.tx = SeriesLabel(v="Waarde")
    value_series.smooth = False
    value_series.graphicalProperties.line = _line(LINE, 2.25)
    value_series.marker = Marker(symbol="circle", size=6, spPr=GraphicalProperties(solidFill=LINE, ln=_line(LINE, 1)))
    provisional_series.tx = SeriesLabel(v="Voorlopig (kan nog veranderen)")
    provisional_series.smooth = False
    provisional_series.graphicalProperties.line = _line(PROVISIONAL, 2.25)
    provisional_series.marker = Marker(
        symbol="circle", size=8, spPr=GraphicalProperties(solidFill="FFFFFF", ln=_line(PROVISIONAL, 2))
    )
    norm_series.tx = SeriesLabel(v="Norm")
    norm_series.smooth = False
    norm_series.graphicalProperties.line = _line(NORM, 1.75, "dash")
    norm_series.marker = Marker(symbol="none")
    _axes(chart, share)
    return chart


def norm_chart(data: Worksheet, title: str, first: int, last: int, provisional: list[int]) -> BarChart:
    """Bars of the shares in column 2 of rows *first* to *last* of *data* beside their norms in column 3.

    Column 1 holds the KPI names; the header is one row above *first*. *provisional*: the 0-based
    indexes of the values drawn as open bars.
    """
    chart = BarChart()
    chart.type = "bar"  # horizontal: the KPI names stay readable
    chart.title = _title(title)
    chart.style = 2
    chart.grouping = "clustered"
    chart.height, chart.width = max(7.5, 1.1 * (last - first + 1) + 3), 18
    chart.add_data(Reference(data, min_col=2, max_col=3, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(data, min_col=1, min_row=first, max_row=last))
    value_series, norm_series = chart.series
    value_series.graphicalProperties = GraphicalProperties(solidFill=VALUE_BAR, ln=_line(VALUE_BAR, 0.75))
    for index in provisional:
        value_series.dPt.append(
            DataPoint(idx=index, spPr=GraphicalProperties(noFill=True, ln=_line(VALUE_BAR, 1.5, "dash")))
        )
    norm_series.graphicalProperties = GraphicalProperties(solidFill=NORM_BAR, ln=_line(NORM, 0.75))
    chart.x_axis.scaling.orientation = "maxMin"  # the first KPI at the top, as in the table
    _axes(chart, True)
    return chart
